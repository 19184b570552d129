package importer

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/storage"
)

func TestImportOntoFullDiskKeepsEarlierPages(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	disk := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(disk, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", disk).Run()
	files := loadSynth(t).writePages(t, t.TempDir(), 0, 40)
	path := filepath.Join(disk, "archive.db")
	a, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sum, importErr := Import(ctx, a, files, Options{})
	if !errors.Is(importErr, storage.ErrDiskFull) || !strings.Contains(importErr.Error(), "disk is full") {
		t.Fatalf("import onto a full disk: %v\n%s", importErr, sum.Report())
	}
	if sum.Imported == 0 || sum.Failed != 1 {
		t.Fatalf("%s", sum.Report())
	}
	a.Close()

	b, err := storage.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, r := range sum.Results {
		if r.Outcome != Imported {
			continue
		}
		if list, err := b.Stories(ctx, storage.StoryFilter{PageID: r.PageID}); err != nil || len(list) != r.Stories {
			t.Errorf("%s: %d stories in the archive, %d imported (%v)", r.File, len(list), r.Stories, err)
		}
	}
	pages, _ := b.Pages(ctx, storage.PageFilter{})
	if len(pages) != sum.Imported {
		t.Errorf("%d pages in the archive, %d imported", len(pages), sum.Imported)
	}
	r, err := b.Check(ctx)
	if err != nil || !r.OK {
		t.Errorf("check after the full disk: %+v %v", r, err)
	}
	t.Logf("%s; stopped with: %v", sum, importErr)
}
