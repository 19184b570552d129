package main

import (
	"context"
	"fmt"
)

func init() {
	register(command{
		name:    "check",
		usage:   "",
		summary: "check the archive: integrity (SQLite) or schema (PostgreSQL), search index against the stories, page images",
		run:     runCheck,
	})
}

func runCheck(env *cmdEnv, args []string) error {
	if len(args) > 0 {
		return usagef("check takes no arguments")
	}
	// Read-only: checking must work on an archive the user may only read,
	// and must not change the one it examines.
	a, err := openArchiveFor(env, false)
	if err != nil {
		return err
	}
	defer a.Close()
	r, err := a.Check(context.Background())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s: %d pages (%d with their image), %d stories, %d indexed\n", a.Path(), r.Pages, r.PageImages, r.Stories, r.Indexed)
	for _, n := range r.Notes {
		fmt.Fprintln(env.stdout, "note:", n)
	}
	if r.OK {
		fmt.Fprintln(env.stdout, "ok")
		return nil
	}
	for _, p := range r.Problems {
		fmt.Fprintln(env.stdout, "problem:", p)
	}
	return fmt.Errorf("%d %s found", len(r.Problems), plural(len(r.Problems), "problem", "problems"))
}
