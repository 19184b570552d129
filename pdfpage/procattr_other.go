//go:build !linux

package pdfpage

import "syscall"

// workerProcAttr: elsewhere a worker ends when it reads the end of its
// input, the program having exited.
func workerProcAttr() *syscall.SysProcAttr { return nil }
