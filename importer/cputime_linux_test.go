package importer

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time the calling OS thread has used (lock the
// goroutine to its thread first). On a loaded machine a query's wall time
// includes waiting for a core; its CPU time does not.
func threadCPU() time.Duration {
	const rusageThread = 1 // RUSAGE_THREAD
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
