package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/galley/galley/app"
	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

func init() {
	register(command{
		name:    "status",
		usage:   "ID new|in_progress|checked|approved [--by NAME]",
		summary: "move a story in the workflow (recorded with who and when)",
		run:     runStatus,
	})
}

func runStatus(env *cmdEnv, args []string) error {
	fs := newFlags(env, "status")
	by := fs.String("by", "", "who makes the change (default $GALLEY_USER or the system user)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want ID and a status (new, in_progress, checked, approved)")
	}
	id, err := storyIDArg(pos[:1])
	if err != nil {
		return err
	}
	st, ok := article.ParseStatus(pos[1])
	if !ok {
		return usagef("unknown status %q: use new, in_progress, checked or approved", pos[1])
	}
	who := *by
	if who == "" {
		who = app.EditorName()
	}
	ctx := context.Background()
	a, err := openForWriting(ctx, env, true)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.SetStatus(ctx, id, st, who); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return usagef("%v", err)
		}
		return err
	}
	fmt.Fprintf(env.stdout, "story %d: %s (by %s)\n", id, st, who)
	return nil
}
