// Command galley is the Galley workbench and its headless commands.
//
//	galley [--db PATH]                 open the workbench on the archive
//	galley [--db PATH] COMMAND ARGS    run a command without a window
//
// Each command lives in a cmd_*.go file of this package and registers itself
// in init. The archive is --db PATH, else $GALLEY_DB, else the default place
// storage.DefaultPath gives for this system.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/galley/galley/storage"
)

// command is one headless subcommand.
type command struct {
	name    string
	usage   string // one line: arguments after the name
	summary string
	run     func(env *cmdEnv, args []string) error
}

// cmdEnv carries what every command needs: the archive path chosen by the
// global flags and the streams to write to (tests replace them).
type cmdEnv struct {
	dbPath string
	stdout io.Writer
	stderr io.Writer
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// usageError marks an error in what the user typed or gave us (a bad flag, an
// unreadable or undecodable file): such errors exit with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// softMemoryLimit keeps the heap of the largest page Galley accepts (32 MiB
// of text, about 700 MB live at its peak) under 1 GB: without a limit Go's
// collector lets the heap grow to twice the live data before it runs. The
// limit is soft: near it the collector works harder, no allocation fails.
const softMemoryLimit = 768 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses the global flags, then starts the workbench or a command, and
// returns the process exit status: 0 ok, 1 failure, 2 bad usage or input.
func run(args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("galley", flag.ContinueOnError)
	global.SetOutput(stderr)
	dbPath := global.String("db", "", "archive file (default $GALLEY_DB, else "+storage.DefaultPath()+")")
	global.Usage = func() { printUsage(stderr) }
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	env := &cmdEnv{dbPath: resolveDBPath(*dbPath), stdout: stdout, stderr: stderr}
	rest := global.Args()
	if len(rest) == 0 {
		if err := runWorkbench(env.dbPath); err != nil {
			fmt.Fprintln(stderr, "galley:", err)
			return 1
		}
		return 0
	}
	name := rest[0]
	if name == "help" || name == "-h" || name == "--help" {
		printUsage(stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "galley: unknown command %q\n", name)
		printUsage(stderr)
		return 2
	}
	if err := cmd.run(env, rest[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "galley "+name+":", err)
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

func resolveDBPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if env := os.Getenv("GALLEY_DB"); env != "" {
		return env
	}
	return storage.DefaultPath()
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: galley [--db PATH]            open the workbench")
	fmt.Fprintln(w, "       galley [--db PATH] COMMAND ...")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	// Usage on one line, what it does indented below: the usages are too
	// long to share a line with their summaries in a terminal.
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %s\n      %s\n", strings.TrimSpace(n+" "+c.usage), c.summary)
	}
}

// newFlags makes a flag set for a command that reports errors as usage
// errors instead of exiting.
func newFlags(env *cmdEnv, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("galley "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	return fs
}

// parseInterleaved parses flags that may come before or after positional
// arguments (galley parse FILE --date D), which the flag package alone does
// not allow.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// positiveFlags refuses the numeric flags named when they were given a
// value below 1: page ids, revisions and limits start at 1, and a negative
// value reached SQL as text it could not read (search --page -1).
func positiveFlags(fs *flag.FlagSet, names ...string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if err != nil || !slices.Contains(names, f.Name) {
			return
		}
		if n, perr := strconv.ParseInt(f.Value.String(), 10, 64); perr != nil || n < 1 {
			err = usagef("--%s %s: want a whole number, 1 or more", f.Name, f.Value)
		}
	})
	return err
}
