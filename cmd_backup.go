package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

func init() {
	register(command{
		name:    "backup",
		usage:   "FILE",
		summary: "write a consistent copy of the archive (also while it is in use)",
		run:     runBackup,
	})
}

func runBackup(env *cmdEnv, args []string) error {
	fs := newFlags(env, "backup")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one FILE to write the copy to")
	}
	dest := pos[0]
	if _, err := os.Stat(dest); err == nil {
		return usagef("%s exists already: choose a new file name", dest)
	}
	if st, err := os.Stat(filepath.Dir(dest)); err != nil || !st.IsDir() {
		return usagef("folder %s does not exist", filepath.Dir(dest))
	}
	a, err := openArchiveFor(env, false)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Backup(context.Background(), dest); err != nil {
		return err
	}
	st, err := os.Stat(dest)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backed up %s to %s (%d KiB)\n", a.Path(), dest, st.Size()>>10)
	return nil
}
