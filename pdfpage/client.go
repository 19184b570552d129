package pdfpage

import (
	"bufio"
	"context"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"
)

// worker is a running worker process, seen from the program that started
// it.
type worker struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	enc    *gob.Encoder
	out    *bufio.Reader // gob messages, each followed by its raw bytes
	dec    *gob.Decoder
	gen    int         // counts the workers started; this is the gen-th
	killed atomic.Bool // by a deadline or a cancelled context
}

// workers holds the one worker every document runs in. Its steps are
// serialised by mu; a step past its deadline kills the worker and the next
// step starts another, in which a document opened in the killed one is
// opened again (Document.step).
var workers struct {
	mu     sync.Mutex // held for a whole step
	cur    *worker
	gen    int
	nextID int // numbers the documents opened
}

// startWorker starts a worker and waits for its engine to start. The
// start is bounded by ctx only: compiling the engine the first time on a
// machine takes seconds and is no fault of a file.
func startWorker(ctx context.Context) (*worker, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("starting the PDF engine: %w", err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"=1")
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = workerProcAttr()
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("starting the PDF engine: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("starting the PDF engine: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the PDF engine: %w", err)
	}
	workers.gen++
	r := bufio.NewReaderSize(out, 1<<16)
	// gob reads from a ByteReader no further than its message: the raw
	// bytes that follow are left in r.
	w := &worker{cmd: cmd, in: in, enc: gob.NewEncoder(in), out: r, dec: gob.NewDecoder(r), gen: workers.gen}
	unwatch := context.AfterFunc(ctx, w.kill)
	var hello response
	err = w.dec.Decode(&hello)
	unwatch()
	switch {
	case ctx.Err() != nil:
		err = ctx.Err()
	case err != nil:
		err = fmt.Errorf("starting the PDF engine: the worker process ended (%v)", err)
	default:
		err = hello.err()
	}
	if err != nil {
		w.retire()
		return nil, err
	}
	return w, nil
}

// currentWorker is the running worker, started when none runs. The caller
// holds workers.mu.
func currentWorker(ctx context.Context) (*worker, error) {
	if workers.cur == nil {
		w, err := startWorker(ctx)
		if err != nil {
			return nil, err
		}
		workers.cur = w
	}
	return workers.cur, nil
}

// running reports whether the worker of generation gen still runs.
func running(gen int) bool {
	return workers.cur != nil && workers.cur.gen == gen
}

// kill ends the worker's process; what it was doing ends with it.
func (w *worker) kill() {
	w.killed.Store(true)
	w.cmd.Process.Kill()
}

// retire kills the worker, forgets it and reaps its process.
func (w *worker) retire() {
	w.kill()
	if workers.cur == w {
		workers.cur = nil
	}
	w.in.Close()
	go w.cmd.Wait()
}

// exchange sends req and reads the worker's response, the raw bytes
// after it in its raw. An error is the worker's end (killed or dead); an error of
// the step is in the response.
func (w *worker) exchange(req *request) (*response, error) {
	if err := w.enc.Encode(req); err != nil {
		return nil, err
	}
	var res response
	if err := w.dec.Decode(&res); err != nil {
		return nil, err
	}
	if res.Raw < 0 || res.Raw > maxRaw {
		return nil, fmt.Errorf("the worker sent %d bytes", res.Raw)
	}
	res.raw = make([]byte, res.Raw)
	if _, err := io.ReadFull(w.out, res.raw); err != nil {
		return nil, err
	}
	return &res, nil
}

// maxRaw bounds what the parent takes from a worker in one piece: a page
// drawn 4000 pixels wide at the proportions of a long strip.
const maxRaw = 1 << 30

// bounded runs f, one step, on the worker until ctx is done or limit has
// passed, whichever comes first; then the worker is killed, which ends f
// at once, and stopped is true. A step that ended after its deadline
// counts as stopped too, whether or not the watchdog got to it first, so
// that what follows does not hang on how the goroutines were scheduled.
// An error is the worker's end by some other cause (it crashed, or was
// killed from outside); the worker is retired then too.
func (w *worker) bounded(ctx context.Context, limit time.Duration, f func() (*response, error)) (res *response, stopped bool, err error) {
	start := time.Now()
	timer := time.AfterFunc(limit, w.kill)
	unwatch := context.AfterFunc(ctx, w.kill)
	res, err = f()
	timer.Stop()
	unwatch()
	if w.killed.Load() || ctx.Err() != nil || time.Since(start) >= limit {
		w.retire()
		return nil, true, nil
	}
	if err != nil {
		w.retire()
		return nil, false, err
	}
	return res, false, nil
}
