// Package pgtest starts a throwaway PostgreSQL server for tests: initdb in
// a temporary folder, a server listening only on a unix socket in that
// folder (no TCP port at all), fsync off, stopped and removed by Stop. It
// needs PostgreSQL's server programs (Debian: apt-get install postgresql;
// they are looked for on PATH and in /usr/lib/postgresql/*/bin).
//
// PostgreSQL refuses to run as root: as root the server runs as the
// unprivileged user "postgres" (which Debian's package creates), through
// runuser; otherwise as the current user.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoServer: PostgreSQL's server programs are not installed.
var ErrNoServer = errors.New("PostgreSQL server programs (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin; install them with: apt-get install postgresql")

// Superuser is the server's bootstrap superuser (trusted on the socket).
const Superuser = "galley"

// PasswordUser logs in only with PasswordUserPassword, for tests of a
// wrong password.
const (
	PasswordUser         = "pwuser"
	PasswordUserPassword = "right-password"
)

// Server is a running throwaway server.
type Server struct {
	Dir    string // holds data/, the socket and log
	bin    string
	runAs  *user.User // nil: the current user
	port   int
	nextDB int
}

// MustSkip reports whether tests may skip for want of a server: only when
// the programs are absent and the run is not CI (CI=true must have them).
func MustSkip(err error) bool {
	return errors.Is(err, ErrNoServer) && os.Getenv("CI") != "true"
}

// findBin returns the folder of initdb and pg_ctl.
func findBin() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrNoServer
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start creates and starts a server.
func Start() (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, port: 5432}
	dir, err := os.MkdirTemp("", "galley-pg-")
	if err != nil {
		return nil, err
	}
	s.Dir = dir
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root, and PostgreSQL will not: no user \"postgres\" to run it as (apt-get install postgresql creates it, or run the tests as an ordinary user): %w", err)
		}
		s.runAs = u
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := s.run("initdb", "-D", data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	hba := "local all " + PasswordUser + " scram-sha-256\nlocal all all trust\n"
	if err := s.writeAsOwner(filepath.Join(data, "pg_hba.conf"), hba); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.StartServer(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		s.Stop()
		return nil, err
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, fmt.Sprintf(`CREATE ROLE %s LOGIN PASSWORD '%s'`, PasswordUser, PasswordUserPassword)); err != nil {
		s.Stop()
		return nil, err
	}
	if _, err := c.Exec(ctx, `CREATE DATABASE `+TestDatabase); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// run runs one of the server's programs as the server's user.
func (s *Server) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, prog)
	var cmd *exec.Cmd
	if s.runAs != nil {
		cmd = exec.Command("runuser", append([]string{"-u", s.runAs.Username, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = s.Dir
	return cmd.CombinedOutput()
}

func (s *Server) writeAsOwner(path, text string) error {
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return err
	}
	if s.runAs != nil {
		uid, _ := strconv.Atoi(s.runAs.Uid)
		gid, _ := strconv.Atoi(s.runAs.Gid)
		return os.Chown(path, uid, gid)
	}
	return nil
}

// StartServer starts the server (again, after StopServer).
func (s *Server) StartServer() error {
	opts := fmt.Sprintf("-c listen_addresses='' -k %s -p %d -c fsync=off -c full_page_writes=off -c max_connections=200", s.Dir, s.port)
	out, err := s.run("pg_ctl", "start", "-w", "-t", "60", "-D", filepath.Join(s.Dir, "data"), "-l", filepath.Join(s.Dir, "log"), "-o", opts)
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(s.Dir, "log"))
		return fmt.Errorf("pg_ctl start: %v: %s\n%s", err, out, log)
	}
	return nil
}

// StopServer stops the server at once (mode immediate: connections are cut
// as by a crash), keeping its data.
func (s *Server) StopServer() error {
	out, err := s.run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", filepath.Join(s.Dir, "data"))
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, out)
	}
	return nil
}

// Stop stops the server and removes its folder.
func (s *Server) Stop() {
	s.run("pg_ctl", "stop", "-w", "-m", "fast", "-D", filepath.Join(s.Dir, "data"))
	os.RemoveAll(s.Dir)
}

// DSN is the connection string of database db as the superuser, through
// the server's socket.
func (s *Server) DSN(db string) string {
	return s.DSNAs(Superuser, "", db)
}

// DSNAs is the connection string of database db as user with password
// ("" none).
func (s *Server) DSNAs(user, password, db string) string {
	u := user
	if password != "" {
		u += ":" + password
	}
	return fmt.Sprintf("postgres://%s@/%s?host=%s&port=%d&sslmode=disable", u, db, s.Dir, s.port)
}

// TestDatabase holds the test archives, one schema each.
const TestDatabase = "galley_tests"

// NewArchive makes an empty schema with a fresh name in TestDatabase and
// returns a connection string whose search_path puts the archive there: a
// schema is made in milliseconds, a database takes a checkpoint.
func (s *Server) NewArchive(prefix string) (string, error) {
	s.nextDB++
	name := fmt.Sprintf("%s_%d_%d", strings.ToLower(prefix), os.Getpid(), s.nextDB)
	if err := s.ExecIn(TestDatabase, `CREATE SCHEMA `+name); err != nil {
		return "", err
	}
	return s.DSN(TestDatabase) + "&search_path=" + name, nil
}

// DropArchive removes a schema made by NewArchive.
func (s *Server) DropArchive(dsn string) error {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return err
	}
	return s.ExecIn(TestDatabase, `DROP SCHEMA IF EXISTS `+cfg.RuntimeParams["search_path"]+` CASCADE`)
}

// Exec runs statements as the superuser in the maintenance database.
func (s *Server) Exec(sql string) error { return s.ExecIn("postgres", sql) }

// ExecIn runs statements as the superuser in database db.
func (s *Server) ExecIn(db, sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, s.DSN(db))
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}
