package storage

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/galley/galley/article"
)

func TestRefusesFileThatIsNotAnArchiveWithoutChangingIt(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("这不是数据库 just some notes\n"), 0o644)

	foreign := filepath.Join(dir, "other.sqlite")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Ada')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	for _, path := range []string{text, foreign} {
		before := fileSHA(t, path)
		for _, open := range []func(string) (*Archive, error){Open, OpenReadOnly} {
			a, err := open(path)
			if err == nil {
				a.Close()
				t.Fatalf("%s opened as an archive", path)
			}
			if !errors.Is(err, ErrNotArchive) || !strings.Contains(err.Error(), path) {
				t.Errorf("%s: %v; want ErrNotArchive naming the file", path, err)
			}
		}
		if after := fileSHA(t, path); after != before {
			t.Errorf("%s was modified", path)
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Errorf("%s: a WAL file was left beside it", path)
		}
	}
}

// makeArchive writes an archive of n test pages and closes it (so the WAL
// is folded into the file).
func makeArchive(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		mustAdd(t, a, bigPage(i, 10))
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRefusesDamagedArchiveWithoutChangingIt(t *testing.T) {
	sqliteOnly(t)
	damages := map[string]func([]byte) []byte{
		"schema page overwritten": func(b []byte) []byte {
			for i := 100; i < 4096; i++ {
				b[i] = byte(i * 7)
			}
			return b
		},
		"truncated to half": func(b []byte) []byte { return b[:len(b)/2/4096*4096] },
		"header garbled": func(b []byte) []byte {
			copy(b[16:24], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
			return b
		},
	}
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			path := makeArchive(t, 30)
			b, _ := os.ReadFile(path)
			os.WriteFile(path, damage(b), 0o644)
			before := fileSHA(t, path)
			a, err := Open(path)
			if err == nil {
				// Damage SQLite cannot see on open shows on the first full read.
				_, err = a.StoriesFull(ctx, StoryFilter{})
				if err == nil {
					var r *CheckReport
					r, err = a.Check(ctx)
					if err == nil && !r.OK {
						err = fmt.Errorf("%w: %v", ErrCorrupt, r.Problems)
					}
				}
				a.Close()
			}
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotArchive) {
				t.Errorf("damaged archive: %v; want ErrCorrupt or ErrNotArchive", err)
			}
			if err != nil && !strings.Contains(err.Error(), path) && !strings.Contains(err.Error(), "integrity") {
				t.Errorf("message does not name the file: %v", err)
			}
			if after := fileSHA(t, path); after != before {
				t.Error("the damaged file was modified")
			}
			t.Logf("%v", err)
		})
	}
}

func TestMissingFolderIsAClearError(t *testing.T) {
	sqliteOnly(t)
	dir := filepath.Join(t.TempDir(), "no", "such")
	path := filepath.Join(dir, "archive.db")
	_, err := Open(path)
	if !errors.Is(err, ErrNoFolder) || !strings.Contains(err.Error(), dir) {
		t.Errorf("Open in a missing folder: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Error("the folder was created")
	}
	if _, err := OpenReadOnly(path); !errors.Is(err, ErrNotFound) {
		t.Errorf("OpenReadOnly of a missing file: %v", err)
	}
}

// readOnlyDir returns a folder nobody can write to: chmod for an ordinary
// user; root ignores modes, so for root a read-only tmpfs (skipped when this
// machine does not allow mounts). fill, if not nil, runs while it is still
// writable.
func readOnlyDir(t *testing.T, fill func(dir string)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o755)
	if os.Geteuid() != 0 {
		if fill != nil {
			fill(dir)
		}
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return dir
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("running as root and cannot mount a read-only tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	if fill != nil {
		fill(dir)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	return dir
}

func TestReadOnlyFolderIsAClearError(t *testing.T) {
	sqliteOnly(t)
	dir := readOnlyDir(t, func(dir string) {
		a, err := Open(filepath.Join(dir, "old.db"))
		if err != nil {
			t.Fatal(err)
		}
		mustAdd(t, a, testPage(1))
		a.Close()
	})
	_, err := Open(filepath.Join(dir, "new.db"))
	t.Log(err)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), dir) {
		t.Errorf("new archive in a read-only folder: %v", err)
	}
	old := filepath.Join(dir, "old.db")
	before := fileSHA(t, old)
	a, err := Open(old)
	if err == nil {
		_, err = a.AddPage(ctx, testPage(2))
		a.Close()
	}
	t.Log(err)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "old.db") {
		t.Errorf("existing archive in a read-only folder: %v", err)
	}
	if fileSHA(t, old) != before {
		t.Error("archive changed")
	}
}

func TestLockedArchiveIsAClearErrorAndNothingIsLost(t *testing.T) {
	sqliteOnly(t)
	path := makeArchive(t, 2)
	a, err := OpenWith(path, Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}

	// Another program holds a write transaction.
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = a.AddPage(ctx, testPage(50))
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Errorf("AddPage while locked: %v; want ErrLocked naming the file", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("did not give up after the busy timeout")
	}
	// Reading still works while the other program writes (WAL).
	if list, err := a.Stories(ctx, StoryFilter{}); err != nil || len(list) != 20 {
		t.Errorf("reading during the other write: %d stories, %v", len(list), err)
	}
	conn.ExecContext(ctx, `ROLLBACK`)
	if _, err := a.AddPage(ctx, testPage(50)); err != nil {
		t.Errorf("after the lock was released: %v", err)
	}

	checkOK(t, a)
	a.Close()

	// A program holding an exclusive lock keeps even Open out.
	if _, err := conn.ExecContext(ctx, `PRAGMA locking_mode = EXCLUSIVE`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		t.Fatal(err)
	}
	_, err = OpenWith(path, Options{BusyTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Errorf("Open during an exclusive lock: %v; want ErrLocked", err)
	}
	conn.ExecContext(ctx, `ROLLBACK`)
	conn.Close()
}

// bigPage is a page of many stories: a long transaction to interrupt.
func bigPage(n, stories int) *article.Page {
	p := testPage(n)
	base := p.Stories
	p.Stories = nil
	for i := 0; i < stories; i++ {
		st := base[i%2]
		st.Order = i
		st.Paragraphs = append([]article.Paragraph(nil), st.Paragraphs...)
		st.Paragraphs = append(st.Paragraphs, article.Paragraph{Kind: article.ParaBody,
			Text: strings.Repeat(fmt.Sprintf("第%d版第%d篇报道的正文，记录研发平台与企业创新的进展。", n, i), 20)})
		p.Stories = append(p.Stories, st)
	}
	return p
}

func TestFullDiskRollsBackAndKeepsEarlierPages(t *testing.T) {
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := OpenWith(path, Options{maxPages: 150})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var stored []int
	var failed error
	for i := 0; i < 200 && failed == nil; i++ {
		if _, err := a.AddPage(ctx, bigPage(i, 10)); err != nil {
			failed = err
			if _, err := a.PageBySHA256(ctx, bigPage(i, 10).SHA256); !errors.Is(err, ErrNotFound) {
				t.Errorf("the page that did not fit is (partly) stored: %v", err)
			}
			break
		}
		stored = append(stored, i)
	}
	if !errors.Is(failed, ErrDiskFull) || !strings.Contains(failed.Error(), "disk is full") {
		t.Fatalf("import into a full archive: %v; want ErrDiskFull", failed)
	}
	if len(stored) == 0 {
		t.Fatal("nothing fitted: the limit is too small for the test")
	}
	for _, i := range stored {
		id, err := a.PageBySHA256(ctx, bigPage(i, 10).SHA256)
		if err != nil {
			t.Fatalf("page %d lost: %v", i, err)
		}
		if list, _ := a.Stories(ctx, StoryFilter{PageID: id}); len(list) != 10 {
			t.Errorf("page %d has %d stories, want 10", i, len(list))
		}
	}
	checkOK(t, a)
}

func TestFullRealDiskRollsBack(t *testing.T) {
	sqliteOnly(t)
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := filepath.Join(t.TempDir(), "small")
	os.Mkdir(dir, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	a, err := Open(filepath.Join(dir, "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var stored int
	var failed error
	for i := 0; i < 500; i++ {
		if _, failed = a.AddPage(ctx, bigPage(i, 10)); failed != nil {
			break
		}
		stored++
	}
	if !errors.Is(failed, ErrDiskFull) {
		t.Fatalf("import onto a full disk: %v; want ErrDiskFull", failed)
	}
	if stored == 0 {
		t.Fatal("nothing fitted on the small disk")
	}
	t.Logf("%d pages fitted; then: %v", stored, failed)
	pages, err := a.Pages(ctx, PageFilter{})
	if err != nil || len(pages) != stored {
		t.Errorf("after the failure: %d pages, %v; want %d", len(pages), err, stored)
	}
	for _, p := range pages {
		if p.Stories != 10 {
			t.Errorf("page %d has %d stories", p.ID, p.Stories)
		}
	}
}

// TestKilledDuringImportHelper is the child of TestKilledDuringImport: it
// imports pages until killed, printing each committed page number.
func TestKilledDuringImportHelper(t *testing.T) {
	sqliteOnly(t)
	path := os.Getenv("GALLEY_KILL_CHILD_DB")
	if path == "" {
		t.Skip("only runs as the child of TestKilledDuringImport")
	}
	a, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	for i := 0; ; i++ {
		if _, err := a.AddPage(ctx, bigPage(i, 40)); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("committed", i)
	}
}

func TestKilledDuringImport(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "archive.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledDuringImportHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GALLEY_KILL_CHILD_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[0] == "committed" {
			committed, _ = strconv.Atoi(f[1])
			if committed >= 15 {
				break
			}
		} else if len(f) > 0 && f[0] == "error" {
			t.Fatalf("child: %s", sc.Text())
		}
	}
	// Let the next transaction get under way, then kill without warning.
	time.Sleep(7 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if committed < 15 {
		t.Fatalf("child stopped after %d pages", committed+1)
	}

	a, err := Open(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer a.Close()
	checkOK(t, a)
	for i := 0; i <= committed; i++ {
		id, err := a.PageBySHA256(ctx, bigPage(i, 40).SHA256)
		if err != nil {
			t.Fatalf("committed page %d missing: %v", i, err)
		}
		if p, err := a.Page(ctx, id); err != nil || len(p.Stories) != 40 {
			t.Errorf("committed page %d not whole: %v", i, err)
		}
	}
	pages, _ := a.Pages(ctx, PageFilter{})
	// The page in flight is absent, or (if it committed just before the
	// kill, between its commit and its line) whole.
	if len(pages) > committed+2 {
		t.Errorf("%d pages after %d commits", len(pages), committed+1)
	}
	for _, p := range pages {
		if p.Stories != 40 {
			t.Errorf("page %d (%s) has %d of 40 stories", p.ID, p.File, p.Stories)
		}
	}
	t.Logf("killed after %d committed pages; %d pages in the archive", committed+1, len(pages))
}
