package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/galley/galley/importer"
)

func init() {
	register(command{
		name:    "import",
		usage:   "FILE|DIR... [--date YYYY-MM-DD] [--quiet]",
		summary: "import raw pages, PDFs (every page, with its image) and story JSON into the archive; folders recursively",
		run:     runImport,
	})
}

func runImport(env *cmdEnv, args []string) error {
	fs := newFlags(env, "import")
	date := fs.String("date", "", "page date of every page (default: from each file name or page)")
	quiet := fs.Bool("quiet", false, "no progress, only the summary")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("name at least one FILE or DIR to import")
	}
	if *date != "" && !validDate(*date) {
		return usagef("--date %q: want a day that exists, as YYYY-MM-DD", *date)
	}
	for _, p := range paths {
		if importer.IsPDFFile(p) {
			announcePDFEngine(env)
			break
		}
	}
	// Ctrl-C stops after the page being stored: pages already in stay whole.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	a, err := openForWriting(ctx, env, false)
	if err != nil {
		return err
	}
	defer a.Close()
	opt := importer.Options{Date: *date}
	if !*quiet {
		opt.Progress = importProgress(env.stderr)
	}
	// Waiting is said even with --quiet: a silent pause looks like a hang.
	var lastSaid time.Duration = -1
	opt.Waiting = func(file string, waited time.Duration) {
		if lastSaid < 0 || waited-lastSaid >= 5*time.Second {
			fmt.Fprintf(env.stderr, "import: waiting for another program to finish writing to the archive before storing %s (%ds so far; Ctrl-C stops)\n",
				filepath.Base(file), int(waited.Seconds()))
			lastSaid = waited
		}
	}
	sum, err := importer.Import(ctx, a, paths, opt)
	// What went in on stdout; what did not, and why, on stderr.
	fmt.Fprintln(env.stdout, sum.String())
	fmt.Fprint(env.stderr, sum.Details())
	if err != nil {
		return err
	}
	// A file named on the command line that is refused is an error, also
	// when it is skipped (empty, a picture): the user asked for it. What a
	// folder holds besides pages is skipped with its reason and is not.
	named := map[string]bool{}
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || !st.IsDir() {
			named[p] = true
		}
	}
	refused := 0
	for _, r := range sum.Results {
		if named[r.File] && (r.Outcome == importer.Skipped || r.Outcome == importer.Failed) {
			refused++
		}
	}
	if refused > 0 || sum.Failed > 0 {
		return usagef("%d of %d files could not be imported (see above)", max(refused, sum.Failed), len(sum.Results))
	}
	return nil
}

// importProgress prints one line per file on stderr, and for a PDF of
// several pages how far its pages have been read and stored; on a
// terminal it rewrites one line instead, so a thousand files do not
// scroll the screen (elsewhere a PDF's pages are said every tenth page).
func importProgress(w io.Writer) func(importer.Progress) {
	tty := isTerminal(w)
	pending := false // a line on the terminal waits for its end
	return func(p importer.Progress) {
		var line string
		switch {
		case p.Pages == 1:
			return // its file's line says it
		case p.Pages > 1:
			step, n := "read", p.PagesRead
			if p.PagesStored > 0 {
				step, n = "stored", p.PagesStored
			}
			if !tty && n%10 != 0 && n != p.Pages {
				return
			}
			line = fmt.Sprintf("import: %d/%d %s: page %d of %d %s", p.Done+1, p.Total, filepath.Base(p.File), n, p.Pages, step)
		case p.Total < 2:
			if pending {
				fmt.Fprintln(w)
				pending = false
			}
			return
		default:
			line = fmt.Sprintf("import: %d/%d %s %s", p.Done, p.Total, p.Last.Outcome, filepath.Base(p.File))
		}
		if tty {
			fmt.Fprintf(w, "\r\033[K%s", line)
			pending = true
			if p.Done == p.Total && p.Pages == 0 {
				fmt.Fprintln(w)
				pending = false
			}
			return
		}
		fmt.Fprintln(w, line)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
