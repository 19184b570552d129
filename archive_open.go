package main

import (
	"errors"
	"os"

	"github.com/galley/galley/storage"
)

// openArchiveFor opens the archive of --db for a command. Commands that
// only read open it read-only and need it to exist; problems with what the
// user named (no archive there, not an archive, a missing folder) are usage
// errors (exit 2), trouble with the archive itself (locked, damaged, full)
// is not.
func openArchiveFor(env *cmdEnv, write bool) (*storage.Archive, error) {
	var a *storage.Archive
	var err error
	if write {
		a, err = storage.Open(env.dbPath)
	} else {
		a, err = storage.OpenReadOnly(env.dbPath)
	}
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
// writing (status, dict, check).
func openExistingArchive(env *cmdEnv) (*storage.Archive, error) {
	if _, err := os.Stat(env.dbPath); errors.Is(err, os.ErrNotExist) {
		return nil, usagef("no archive at %s: import pages first (galley import FILE...) or name one with --db", env.dbPath)
	}
	return openArchiveFor(env, true)
}
