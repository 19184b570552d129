package importer

import (
	"database/sql"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galley/galley/storage"
)

// A second writer waits its turn, saying so, instead of failing after the
// busy timeout while another program stores a large page.
func TestImportWaitsForAnotherWriter(t *testing.T) {
	dir := t.TempDir()
	copySeed(t, "000_84aa73dab9e593a4.txt", filepath.Join(dir, "page.txt"))
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := storage.OpenWith(path, storage.Options{BusyTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	// The other writer: a transaction held for two seconds.
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	// It lets go a second after the import has said it waits (or after
	// half a minute, when the import does not wait).
	var once sync.Once
	commit := func() { once.Do(func() { conn.ExecContext(ctx, `COMMIT`) }) }
	safety := time.AfterFunc(30*time.Second, commit)
	defer safety.Stop()

	var waits atomic.Int32
	sum, err := Import(ctx, a, []string{filepath.Join(dir, "page.txt")}, Options{
		Waiting: func(file string, waited time.Duration) {
			if waits.Add(1) == 1 {
				time.AfterFunc(time.Second, commit)
			}
		},
	})
	if err != nil {
		t.Fatalf("import gave up while another program wrote: %v", err)
	}
	if sum.Imported != 1 {
		t.Errorf("%s", sum.Report())
	}
	if waits.Load() == 0 {
		t.Error("the wait was not reported")
	}

	// A writer that never lets go is reported once the wait is over.
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `ROLLBACK`)
	copySeed(t, "en_nytribune_1916-01-02_p1.txt", filepath.Join(dir, "other.txt"))
	_, err = Import(ctx, a, []string{filepath.Join(dir, "other.txt")}, Options{MaxWait: time.Second})
	if err == nil {
		t.Error("import with the archive locked for good succeeded")
	}
}
