package main

import "errors"

// runWorkbench opens the desktop workbench. Placeholder until the app
// package lands (issue 4): the headless commands work without it.
func runWorkbench(dbPath string) error {
	return errors.New("the workbench is not built yet; run 'galley help' for the headless commands")
}
