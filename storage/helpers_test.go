package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/pgtest"
)

// The contract suite: every test of this package runs twice, first on
// SQLite, then on PostgreSQL (a throwaway server that TestMain starts and
// stops). Tests of what only an SQLite file has (its header, locks, a full
// disk) say so with sqliteOnly. Without PostgreSQL's programs the second
// run is skipped with a message, except under CI=true, where it fails.
var (
	backend  = sqliteDialect
	pgServer *pgtest.Server
)

func TestMain(m *testing.M) {
	code := m.Run()
	if code != 0 {
		os.Exit(code)
	}
	srv, err := pgtest.Start()
	if err != nil {
		if pgtest.MustSkip(err) {
			fmt.Fprintf(os.Stderr, "storage: SKIPPED the PostgreSQL run of the contract tests: %v\n", err)
			os.Exit(0)
		}
		fmt.Fprintf(os.Stderr, "storage: cannot start a PostgreSQL server for the contract tests: %v\n", err)
		os.Exit(1)
	}
	pgServer, backend = srv, postgresDialect
	fmt.Fprintf(os.Stderr, "storage: the contract tests again, on PostgreSQL (server in %s)\n", srv.Dir)
	code = m.Run()
	srv.Stop()
	os.Exit(code)
}

// sqliteOnly skips a test of the SQLite file itself in the PostgreSQL run.
func sqliteOnly(t *testing.T) {
	t.Helper()
	if backend != sqliteDialect {
		t.Skip("about the SQLite archive file; not a PostgreSQL matter")
	}
}

// newArchiveName names a new empty archive on the backend under test.
func newArchiveName(t *testing.T) string {
	t.Helper()
	if backend == sqliteDialect {
		return filepath.Join(t.TempDir(), "archive.db")
	}
	dsn, err := pgServer.NewArchive("t")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := pgServer.DropArchive(dsn); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return dsn
}

var ctx = context.Background()

// testPage builds a page of two stories whose text varies with n, as ingest
// and extract would leave it.
func testPage(n int) *article.Page {
	text := fmt.Sprintf("页 %d 原文：科技研发平台建设加快 Galley newsroom 第%d期", n, n)
	sum := sha256.Sum256([]byte(text))
	p := &article.Page{
		File:   fmt.Sprintf("page-%03d.txt", n),
		SHA256: hex.EncodeToString(sum[:]),
		Text:   text,
		Date:   fmt.Sprintf("2020-06-%02d", 1+n%28),
		Edits:  []article.Edit{{Rule: "running_head", Start: 0, End: 4, Before: "页 1", After: "", Paragraph: -1, Reason: "running head"}},
	}
	p.Stories = []article.Story{
		{
			Order: 0, Title: fmt.Sprintf("科技研发平台建设加快 第%d期", n), Subtitle: "企业创新能力提升",
			Dateline: "本报讯", Byline: []article.Byline{{Role: "记者", Name: "段利梅"}},
			Paragraphs: []article.Paragraph{
				{Kind: article.ParaBody, Text: "本报讯 （记者 段利梅）6月23日，市科技局召开座谈会，推动企业建设研发平台。", Start: 10, End: 60},
				{Kind: article.ParaBody, Text: fmt.Sprintf("今年全市新增省级研发平台%d家，带动投资增长。", n), Start: 61, End: 90},
			},
			Source:   article.Source{Start: 0, End: 90},
			Metadata: article.Metadata{People: []string{"段利梅"}, Places: []string{"郑州"}, Keywords: []string{"研发", "平台"}, Chars: 60},
			Edits:    []article.Edit{{Rule: "cjk_space", Start: 12, End: 15, Before: "科 技", After: "科技", Paragraph: 0, Offset: 3}},
		},
		{
			Order: 1, Title: "Newsroom tools for editors",
			Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "Editors in the Galley newsroom correct pages quickly.", Start: 91, End: 140}},
			Flags:      []article.Flag{{Kind: article.FlagTruncated, Message: "stops mid-sentence", Paragraph: 0}},
		},
	}
	return p
}

// openTemp opens a new empty archive on the backend under test: a file in
// a temporary folder, or a fresh database on the test server. The name it
// returns opens the same archive again.
func openTemp(t *testing.T) (*Archive, string) {
	t.Helper()
	path := newArchiveName(t)
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, path
}

func fileSHA(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func mustAdd(t *testing.T, a *Archive, p *article.Page) int64 {
	t.Helper()
	id, err := a.AddPage(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// undoMigration holds, by schema version, the SQL that takes a new archive
// back to the version before, for tests of archives made by an older
// Galley.
var undoMigration = map[int][]string{
	6: {`ALTER TABLE stories DROP COLUMN pictures`, `ALTER TABLE removed_stories DROP COLUMN pictures`},
	5: {`ALTER TABLE stories DROP COLUMN region`, `ALTER TABLE removed_stories DROP COLUMN region`},
	4: {`DROP TABLE page_images`},
	3: {`DROP INDEX pages_text_sha256`, `ALTER TABLE pages DROP COLUMN text_sha256`},
}

// toSchema turns archive a, of the current schema, into one of schema
// version n, as an older Galley left it.
func toSchema(t *testing.T, a *Archive, n int) {
	t.Helper()
	current := len(migrations)
	if backend == postgresDialect {
		current = len(pgMigrations)
	}
	for v := current; v > n; v-- {
		steps, ok := undoMigration[v]
		if !ok {
			t.Fatalf("no way back from schema %d", v)
		}
		for _, q := range steps {
			if _, err := a.db.ExecContext(ctx, q); err != nil {
				t.Fatalf("back from schema %d: %v", v, err)
			}
		}
	}
	version := fmt.Sprintf(`PRAGMA user_version = %d`, n)
	if backend == postgresDialect {
		version = fmt.Sprintf(`UPDATE galley_meta SET value = '%d' WHERE key = 'schema'`, n)
	}
	if _, err := a.db.ExecContext(ctx, version); err != nil {
		t.Fatal(err)
	}
}
