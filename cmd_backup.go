package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
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
	// Ctrl-C stops the copy and removes what was written of it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// A copy of a damaged archive is damaged the same way, and a user who
	// trusts it may delete the original: say so instead of copying.
	r, err := a.Check(ctx)
	if err != nil {
		return fmt.Errorf("%w; no backup written", err)
	}
	if !r.OK {
		for _, p := range r.Problems {
			fmt.Fprintln(env.stderr, "problem:", p)
		}
		return fmt.Errorf("%s is damaged (%d %s, above): a backup would copy the damage, so none was written; restore an older backup, or copy the file as it is with cp",
			a.Path(), len(r.Problems), plural(len(r.Problems), "problem", "problems"))
	}
	if err := a.Backup(ctx, dest); err != nil {
		return err
	}
	st, err := os.Stat(dest)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backed up %s to %s (%d KiB)\n", a.Path(), dest, st.Size()>>10)
	return nil
}
