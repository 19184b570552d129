package app

import (
	"strings"
	"testing"
	"time"

	"github.com/galley/galley/internal/pgtest"
)

func TestParseSharedKeepsThePasswordOutOfTheConnectionString(t *testing.T) {
	s, err := ParseShared(" postgres://editor:s3cret@dbhost/galley?sslmode=verify-full ", "")
	if err != nil || s.DSN != "postgres://editor@dbhost/galley?sslmode=verify-full" || s.Password != "s3cret" {
		t.Errorf("%+v, %v", s, err)
	}
	if s, _ := ParseShared("postgres://editor:old@dbhost/galley", "typed"); s.Password != "typed" || strings.Contains(s.DSN, "old") {
		t.Errorf("the typed password: %+v", s)
	}
	if _, err := ParseShared("/home/me/archive.db", ""); err == nil {
		t.Error("a file name accepted as a shared archive")
	}
}

// File → Open shared archive… tries the server, says clearly when the
// password is wrong, and otherwise opens a new workbench on it, passing
// the password aside and remembering the connection without it.
func TestOpenSharedArchiveTriesTheServerFirst(t *testing.T) {
	srv, err := pgtest.Start()
	if err != nil {
		if pgtest.MustSkip(err) {
			t.Skipf("no PostgreSQL to test against: %v", err)
		}
		t.Fatal(err)
	}
	defer srv.Stop()
	w, _, _ := newBench(t)
	var launched []SharedArchive
	old := launchShared
	launchShared = func(s SharedArchive) error { launched = append(launched, s); return nil }
	defer func() { launchShared = old }()
	open := func(conn, password string) error {
		done := make(chan error, 1)
		w.openShared(conn, password, func(err error) { done <- err })
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("no answer")
			return nil
		}
	}
	wrong := srv.DSNAs(pgtest.PasswordUser, "", pgtest.TestDatabase)
	if err := open(wrong, "not-it"); err == nil || !strings.Contains(err.Error(), "refused the login") || !strings.Contains(err.Error(), "pwuser@") {
		t.Errorf("wrong password: %v", err)
	}
	if len(launched) != 0 || w.App.Preferences().String(prefSharedArchive) != "" {
		t.Errorf("a refused archive was launched or remembered: %+v", launched)
	}
	dsn, err := srv.NewArchive("gui")
	if err != nil {
		t.Fatal(err)
	}
	if err := open(dsn, ""); err != nil {
		t.Fatalf("open the shared archive: %v", err)
	}
	if len(launched) != 1 || launched[0].DSN != dsn {
		t.Errorf("launched %+v", launched)
	}
	if got := w.App.Preferences().String(prefSharedArchive); got != dsn {
		t.Errorf("remembered %q", got)
	}
}
