package pdfpage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/galley/galley/internal/cachedir"
)

// DefaultPageTimeLimit is how long one step of reading a file may take:
// opening it, reading one page's text and shapes, or drawing one page. A
// newspaper page dense with type reads in a tenth of a second and draws in
// as much, and a page of a 300-page book in less; PDFium busy with one
// page for this long is caught in a loop on a damaged or hostile file.
const DefaultPageTimeLimit = 20 * time.Second

// ErrTooSlow is wrapped by the error of a step that ran past the time
// limit (errors.Is it and ErrDamaged).
var ErrTooSlow = errors.New("the file may be damaged")

var pageTimeLimit atomic.Int64 // nanoseconds; 0 for DefaultPageTimeLimit

// PageTimeLimit is how long one step of reading a file may take.
func PageTimeLimit() time.Duration {
	if d := time.Duration(pageTimeLimit.Load()); d > 0 {
		return d
	}
	return DefaultPageTimeLimit
}

// SetPageTimeLimit sets how long one step of reading a file may take (0
// or less: DefaultPageTimeLimit) and returns the limit it replaces.
func SetPageTimeLimit(d time.Duration) time.Duration {
	was := PageTimeLimit()
	pageTimeLimit.Store(int64(max(d, 0)))
	return was
}

// EngineCompiled reports whether the engine's compiled code is already in
// the cache folder: when it is not, the next start compiles it, which
// takes seconds, and a command may say so before the user wonders.
func EngineCompiled() bool {
	dir := cachedir.Dir()
	if dir == "" {
		return false
	}
	entries, err := os.ReadDir(filepath.Join(dir, "pdfium-wasm"))
	return err == nil && len(entries) > 0
}

var (
	engineOnce sync.Once
	engine     pdfium.Pdfium
	engineErr  error
)

// instance starts the engine of this process on first use; only a worker
// process (worker.go) runs one. Compiling PDFium's 6 MB of WebAssembly
// takes seconds; the compiled code is cached on disk so that only the
// first process on a machine pays it, and a worker starts in a fraction
// of a second.
func instance() (pdfium.Pdfium, error) {
	engineOnce.Do(func() {
		cfg := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
		if dir := cachedir.Dir(); dir != "" {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "pdfium-wasm")); err == nil {
				cfg = cfg.WithCompilationCache(cache)
			}
		}
		// The PDF is handed over as bytes, so the sandbox needs no files:
		// an FSConfig without mounts (go-pdfium's default mounts "/", the
		// whole disk, into the WebAssembly module a hostile PDF runs in).
		pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1, RuntimeConfig: cfg, FSConfig: wazero.NewFSConfig()})
		if err != nil {
			engineErr = fmt.Errorf("starting the PDF engine: %w", err)
			return
		}
		engine, engineErr = pool.GetInstance(time.Minute)
		if engineErr != nil {
			engineErr = fmt.Errorf("starting the PDF engine: %w", engineErr)
		}
	})
	return engine, engineErr
}

// slowError is a step that ran past the time limit.
type slowError struct {
	name  string
	page  int    // from 1; 0 for opening the file
	verb  string // what the step did to the page: "read", "draw"
	limit time.Duration
}

func (e *slowError) Error() string {
	if e.page == 0 {
		return fmt.Sprintf("%s: opening it took longer than %v; %v", e.name, e.limit, ErrTooSlow)
	}
	return fmt.Sprintf("%s: page %d took longer than %v to %s; %v", e.name, e.page, e.limit, e.verb, ErrTooSlow)
}

// Is makes a step too slow a damaged file for callers that tell damaged
// files apart.
func (e *slowError) Is(target error) bool { return target == ErrTooSlow || target == ErrDamaged }

// maxStops is how many of a document's steps may be stopped before the
// document is given up: a file that stops the engine page after page
// would keep an import busy for hours.
const maxStops = 2
