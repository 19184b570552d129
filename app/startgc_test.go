package app

import (
	"runtime/debug"
	"testing"
)

// Until the window is shown the collector runs at startupGCPercent; the
// restore puts the target back as it was, once, and $GOGC set by the user
// is left alone.
func TestTheCollectorRunsOftenOnlyUntilTheWindowIsShown(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	restore := collectOftenUntilShown()
	if got := debug.SetGCPercent(startupGCPercent); got != startupGCPercent {
		t.Errorf("during start-up the target is %d, want %d", got, startupGCPercent)
	}
	restore()
	restore()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after the first frame the target is %d, want the 150 it was", got)
	}
	t.Setenv("GOGC", "300")
	collectOftenUntilShown()()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("with $GOGC set the target became %d", got)
	}
}
