package main

import (
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/galley/galley/app"
)

// processStart is when the process started, for the start-up time the
// workbench logs.
var processStart = time.Now()

// runWorkbench opens the desktop workbench on the archive. This is the only
// file that imports fyne.io/fyne/v2/app (and so cgo and OpenGL); the app
// package builds and is tested headless.
func runWorkbench(dbPath string) error {
	a := fyneapp.NewWithID("org.galley.workbench")
	return app.Run(a, dbPath, processStart)
}
