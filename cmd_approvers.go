package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/galley/galley/storage"
)

func init() {
	register(command{
		name:    "approvers",
		usage:   "[list] | add NAME | remove NAME",
		summary: "who may approve stories (while none is named, anyone may)",
		run:     runApprovers,
	})
}

func runApprovers(env *cmdEnv, args []string) error {
	fs := newFlags(env, "approvers")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		pos = []string{"list"}
	}
	a, err := openExistingArchive(env)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx := context.Background()
	switch {
	case pos[0] == "list" && len(pos) == 1:
		names, err := a.Approvers(ctx)
		if err != nil {
			return err
		}
		if len(names) == 0 {
			fmt.Fprintln(env.stdout, "no approvers named: anyone may approve")
			return nil
		}
		fmt.Fprintln(env.stdout, strings.Join(names, "\n"))
		return nil
	case (pos[0] == "add" || pos[0] == "remove") && len(pos) == 2:
		who := editorName(a)
		if err := a.SetApprover(ctx, pos[1], pos[0] == "add", who); err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				return usagef("%s is not an approver", pos[1])
			}
			return err
		}
		verb := "may approve now"
		if pos[0] == "remove" {
			verb = "may no longer approve"
		}
		fmt.Fprintf(env.stdout, "%s %s (changed by %s)\n", pos[1], verb, who)
		return nil
	}
	return usagef("use: approvers [list] | approvers add NAME | approvers remove NAME")
}
