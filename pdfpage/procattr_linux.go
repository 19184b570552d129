package pdfpage

import "syscall"

// workerProcAttr puts a worker in a process group of its own, so that the
// terminal's Ctrl-C reaches the program, which decides, and kills the
// worker when the program dies (even stuck in a page, it reads no more).
func workerProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
