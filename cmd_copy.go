package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	"github.com/galley/galley/storage"
)

func init() {
	register(command{
		name:    "copy",
		usage:   "[--from ARCHIVE] --to ARCHIVE",
		summary: "copy a whole archive (file or postgres://…) into a new, empty one; both are checked",
		run:     runCopy,
	})
}

// runCopy copies pages, stories, edits, revisions, status history, the
// user dictionary and settings from one archive to another (SQLite file or
// PostgreSQL database either way), then checks both ends and compares the
// counts table by table.
func runCopy(env *cmdEnv, args []string) error {
	fs := newFlags(env, "copy")
	from := fs.String("from", "", "the archive to copy (default --db)")
	to := fs.String("to", "", "the new archive: a file that does not exist yet, or an empty PostgreSQL database")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("copy takes no arguments besides --from and --to")
	}
	if *to == "" {
		return usagef("name the new archive with --to FILE or --to postgres://user@host/database")
	}
	if *from == "" {
		*from = env.dbPath
	}
	if *from == *to {
		return usagef("--from and --to name the same archive")
	}
	if !storage.IsServer(*to) {
		if _, err := os.Stat(*to); err == nil {
			return usagef("%s exists already: copy into a new file", *to)
		}
	}
	src, err := openArchiveFor(&cmdEnv{dbPath: *from, stdout: env.stdout, stderr: env.stderr}, false)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := storage.Open(*to)
	if err != nil {
		if errors.Is(err, storage.ErrNotArchive) || errors.Is(err, storage.ErrTooNew) || errors.Is(err, storage.ErrNoFolder) || errors.Is(err, storage.ErrLogin) {
			return usagef("%v", err)
		}
		return err
	}
	defer dst.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	counts, err := src.CopyTo(ctx, dst, func(table string, n int) {
		fmt.Fprintf(env.stderr, "copied %s: %d\n", table, n)
	})
	if err != nil {
		if !storage.IsServer(*to) {
			dst.Close()
			os.Remove(*to) // nothing was committed: leave no empty archive behind
		}
		return err
	}
	fmt.Fprintf(env.stdout, "copied %s to %s: %s\n", src.Path(), dst.Path(), counts)

	problems := 0
	for _, a := range []*storage.Archive{src, dst} {
		r, err := a.Check(ctx)
		if err != nil {
			return err
		}
		if r.OK {
			fmt.Fprintf(env.stdout, "check %s: ok\n", a.Path())
			continue
		}
		for _, p := range r.Problems {
			fmt.Fprintf(env.stdout, "check %s: problem: %s\n", a.Path(), p)
			problems++
		}
	}
	have, err := dst.Counts(ctx)
	if err != nil {
		return err
	}
	want, err := src.Counts(ctx)
	if err != nil {
		return err
	}
	if have != counts {
		return fmt.Errorf("the copy holds %s, but %s were copied", have, counts)
	}
	if want != counts {
		// Not an error of the copy: editors changed the source meanwhile.
		fmt.Fprintf(env.stdout, "note: %s has changed since the copy began (now %s)\n", src.Path(), want)
	}
	if problems > 0 {
		return fmt.Errorf("%d %s found by check", problems, plural(problems, "problem", "problems"))
	}
	fmt.Fprintln(env.stdout, "counts agree")
	return nil
}
