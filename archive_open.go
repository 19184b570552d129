package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/galley/galley/storage"
)

// openArchiveFor opens the archive of --db for a command. Commands that
// only read open it read-only and need it to exist; problems with what the
// user named (no archive there, not an archive, a missing folder) are usage
// errors (exit 2), trouble with the archive itself (locked, damaged, full)
// is not.
func openArchiveFor(env *cmdEnv, write bool) (*storage.Archive, error) {
	return openArchive(env, storage.Options{ReadOnly: !write, Existing: !write})
}

func openArchive(env *cmdEnv, opt storage.Options) (*storage.Archive, error) {
	a, err := storage.OpenWith(env.dbPath, opt)
	if err == nil {
		return a, nil
	}
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return nil, usagef("no archive at %s: import pages first (galley import FILE...) or name one with --db", env.dbPath)
	case errors.Is(err, storage.ErrNotArchive), errors.Is(err, storage.ErrTooNew), errors.Is(err, storage.ErrNoFolder):
		return nil, usagef("%v", err)
	}
	return nil, err
}

// openExistingArchive opens an archive that must exist already, for
// writing (status, dict remove): an empty file is not made into one.
func openExistingArchive(env *cmdEnv) (*storage.Archive, error) {
	if _, err := os.Stat(env.dbPath); errors.Is(err, os.ErrNotExist) {
		return nil, usagef("no archive at %s: import pages first (galley import FILE...) or name one with --db", env.dbPath)
	}
	return openArchive(env, storage.Options{Existing: true})
}

// openForWriting opens the archive for a command that changes it and
// refuses one that a quick check finds damaged: writing on top of damage
// spreads it (and a backup would copy it).
func openForWriting(ctx context.Context, env *cmdEnv, existing bool) (*storage.Archive, error) {
	var a *storage.Archive
	var err error
	if existing {
		a, err = openExistingArchive(env)
	} else {
		a, err = openArchiveFor(env, true)
	}
	if err != nil {
		return nil, err
	}
	if err := a.Damaged(ctx); err != nil {
		a.Close()
		return nil, fmt.Errorf("%w; nothing was written", err)
	}
	return a, nil
}
