//go:build unix

package export

import (
	"errors"
	"syscall"
)

// processAlive reports whether process pid exists (known: the answer is
// sure).
func processAlive(pid int) (alive, known bool) {
	if pid <= 0 {
		return false, false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM), true
}
