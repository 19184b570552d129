package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/internal/pgtest"
)

// startPostgres starts a throwaway PostgreSQL server for one test, or
// skips when its programs are absent outside CI.
func startPostgres(t *testing.T) *pgtest.Server {
	t.Helper()
	srv, err := pgtest.Start()
	if err != nil {
		if pgtest.MustSkip(err) {
			t.Skipf("no PostgreSQL to test against: %v", err)
		}
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return srv
}

func TestCopyCommandSQLiteToPostgresAndBack(t *testing.T) {
	t.Setenv("GALLEY_USER", "李编辑")
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	galleyCmd(t, db, "import", seedCopy(t, dir, "000_84aa73dab9e593a4.txt"), seedCopy(t, dir, "en_nytribune_1916-01-02_p1.txt"))
	if code, out, errOut := galleyCmd(t, db, "status", "2", "checked"); code != 0 {
		t.Fatalf("status: %d %s%s", code, out, errOut)
	}
	galleyCmd(t, db, "dict", "add", "那日苏", "--tag", "nr")

	// SQLite to SQLite needs no server.
	file2 := filepath.Join(dir, "copy.db")
	code, out, errOut := galleyCmd(t, db, "copy", "--to", file2)
	if code != 0 || !strings.Contains(out, "counts agree") || strings.Count(out, ": ok") != 2 {
		t.Fatalf("copy to a file: %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := galleyCmd(t, db, "copy", "--to", file2); code != 2 || !strings.Contains(errOut, "exists already") {
		t.Errorf("copy over an existing file: %d %s", code, errOut)
	}
	_, orig, _ := galleyCmd(t, db, "list", "--json")
	_, copied, _ := galleyCmd(t, file2, "list", "--json")
	if orig != copied {
		t.Error("the copied file lists different stories")
	}

	srv := startPostgres(t)
	pg, err := srv.NewArchive("cli")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut = galleyCmd(t, "", "copy", "--from", db, "--to", pg)
	if code != 0 || !strings.Contains(out, "counts agree") || strings.Count(out, ": ok") != 2 {
		t.Fatalf("copy to PostgreSQL: %d\n%s%s", code, out, errOut)
	}
	// Every command works on the server, named by --db or $GALLEY_DB.
	_, onServer, _ := galleyCmd(t, pg, "list", "--json")
	if onServer != orig {
		t.Error("the PostgreSQL archive lists different stories")
	}
	if code, out, _ := galleyCmd(t, pg, "check"); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("check on PostgreSQL: %d %s", code, out)
	}
	t.Setenv("GALLEY_DB", pg)
	if code, out, _ := galleyCmd(t, "", "search", "Torpedoed"); code != 0 || !strings.Contains(out, "Torpedoed") {
		t.Errorf("search through $GALLEY_DB: %d %s", code, out)
	}
	if code, out, errOut := galleyCmd(t, "", "status", "1", "in_progress"); code != 0 {
		t.Errorf("status on PostgreSQL: %d %s%s", code, out, errOut)
	}
	// And back to a new file.
	back := filepath.Join(dir, "back.db")
	code, out, errOut = galleyCmd(t, pg, "copy", "--to", back)
	if code != 0 || !strings.Contains(out, "counts agree") {
		t.Fatalf("copy back to a file: %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := galleyCmd(t, back, "show", "1"); code != 0 || !strings.Contains(out, "in_progress") {
		t.Errorf("the status set on the server did not come back: %d %s", code, out)
	}
}

func TestApproversCommandKeepsApprovingToTheNamed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	galleyCmd(t, db, "import", seedCopy(t, dir, "000_84aa73dab9e593a4.txt"))
	if _, out, _ := galleyCmd(t, db, "approvers"); !strings.Contains(out, "anyone may approve") {
		t.Errorf("approvers with none named: %s", out)
	}
	t.Setenv("GALLEY_USER", "总编")
	if code, out, errOut := galleyCmd(t, db, "approvers", "add", "总编"); code != 0 {
		t.Fatalf("approvers add: %d %s%s", code, out, errOut)
	}
	t.Setenv("GALLEY_USER", "李编辑")
	code, _, errOut := galleyCmd(t, db, "status", "1", "approved")
	if code == 0 || !strings.Contains(errOut, "approving is for 总编") {
		t.Errorf("approval by 李编辑: %d %s", code, errOut)
	}
	if code, _, _ := galleyCmd(t, db, "status", "1", "checked"); code != 0 {
		t.Error("李编辑 may not check")
	}
	if code, _, errOut := galleyCmd(t, db, "approvers", "add", "李编辑"); code == 0 || !strings.Contains(errOut, "only an approver") {
		t.Errorf("李编辑 named himself: %d %s", code, errOut)
	}
	t.Setenv("GALLEY_USER", "总编")
	if code, out, _ := galleyCmd(t, db, "status", "1", "approved"); code != 0 || !strings.Contains(out, "approved (by 总编)") {
		t.Errorf("approval by 总编: %d %s", code, out)
	}
}
