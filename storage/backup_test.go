package storage

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A backup that fails (the disk of the copy fills up) leaves neither the
// half copy nor SQLite's journal of it behind.
func TestFailedBackupLeavesNoFiles(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	src := makeArchive(t, 30)
	dir := filepath.Join(t.TempDir(), "small")
	os.Mkdir(dir, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	a, err := OpenReadOnly(src)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	dest := filepath.Join(dir, "copy.db")
	err = a.Backup(ctx, dest)
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("backup onto a full disk: %v; want ErrDiskFull", err)
	}
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		t.Errorf("left behind: %s", e.Name())
	}
}

// A good backup reads back as the same archive.
func TestBackupIsVerified(t *testing.T) {
	src := makeArchive(t, 3)
	a, err := OpenReadOnly(src)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := a.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	b, err := OpenReadOnly(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	checkOK(t, b)
}

// What a killed backup left (its half copy and the journal of it) is
// cleared by the next backup to that name; a cancelled backup leaves
// nothing.
func TestBackupClearsWhatAKilledBackupLeft(t *testing.T) {
	src := makeArchive(t, 3)
	a, err := OpenReadOnly(src)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	dir := t.TempDir()
	dest := filepath.Join(dir, "copy.db")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := a.Backup(cancelled, dest); err == nil {
		t.Fatal("a cancelled backup succeeded")
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a cancelled backup left %d files", len(left))
	}
	os.WriteFile(dest+".partial", []byte("SQLite format 3\x00half"), 0o644)
	os.WriteFile(dest+".partial-journal", []byte("journal"), 0o644)
	if err := a.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 1 || left[0].Name() != "copy.db" {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Errorf("after the backup the folder holds %q, want only copy.db", names)
	}
}
