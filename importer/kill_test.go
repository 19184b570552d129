package importer

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/galley/galley/extract"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/storage"
)

// TestKilledImportHelper is the child of TestKilledImportLeavesWholePages:
// it imports a folder, printing each page as it is stored, until killed.
func TestKilledImportHelper(t *testing.T) {
	db, dir := os.Getenv("GALLEY_KILL_DB"), os.Getenv("GALLEY_KILL_DIR")
	if db == "" {
		t.Skip("only runs as the child of TestKilledImportLeavesWholePages")
	}
	a, err := storage.Open(db)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	_, err = Import(ctx, a, []string{dir}, Options{Progress: func(p Progress) {
		fmt.Printf("stored %d %d %s\n", p.Last.PageID, p.Last.Stories, p.File)
	}})
	fmt.Println("error", err)
	os.Exit(3)
}

func TestKilledImportLeavesWholePages(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	s := loadSynth(t)
	s.writePages(t, dir, 0, 200)
	db := filepath.Join(t.TempDir(), "archive.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledImportHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GALLEY_KILL_DB="+db, "GALLEY_KILL_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stored := map[int64]int{} // page id → stories, as the child reported
	sc := bufio.NewScanner(out)
	read := func(enough int) {
		for (enough < 0 || len(stored) < enough) && sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) == 4 && f[0] == "stored" {
				id, _ := strconv.ParseInt(f[1], 10, 64)
				n, _ := strconv.Atoi(f[2])
				stored[id] = n
			} else if len(f) > 0 && f[0] == "error" {
				t.Fatalf("child: %s", sc.Text())
			}
		}
	}
	read(12)
	time.Sleep(20 * time.Millisecond) // into the next page's transaction
	cmd.Process.Signal(syscall.SIGKILL)
	// what the child reported before it died, still in the pipe: pages
	// go on being stored while the test sleeps
	read(-1)
	cmd.Wait()
	if len(stored) < 12 {
		t.Fatalf("child stored only %d pages", len(stored))
	}

	a, err := storage.Open(db)
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer a.Close()
	r, err := a.Check(ctx)
	if err != nil || !r.OK {
		t.Fatalf("check after SIGKILL: %+v %v", r, err)
	}
	pages, _ := a.Pages(ctx, storage.PageFilter{})
	for id, n := range stored {
		list, err := a.Stories(ctx, storage.StoryFilter{PageID: id})
		if err != nil || len(list) != n {
			t.Errorf("page %d: %d stories in the archive, %d stored before the kill (%v)", id, len(list), n, err)
		}
	}
	// A page committed between its commit and its line is whole too: parse
	// its file again and compare.
	for _, p := range pages {
		if _, ok := stored[p.ID]; ok {
			continue
		}
		raw, _ := os.ReadFile(p.File)
		page, err := ingest.Parse(raw, ingest.Options{File: p.File, Lexicon: a.Lexicon()})
		if err != nil {
			t.Fatal(err)
		}
		extract.Page(page, extract.Options{PageDate: page.Date, Lexicon: a.Lexicon()})
		if p.Stories != len(page.Stories) {
			t.Errorf("page %d (%s), stored at the kill: %d of %d stories", p.ID, p.File, p.Stories, len(page.Stories))
		}
	}
	if len(pages) > len(stored)+1 {
		t.Errorf("%d pages in the archive, %d reported", len(pages), len(stored))
	}
	t.Logf("killed after %d reported pages; %d pages in the archive, check ok", len(stored), len(pages))
}
