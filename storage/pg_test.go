package storage

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/pgtest"
)

func postgresOnly(t *testing.T) {
	t.Helper()
	if backend != postgresDialect {
		t.Skip("about the PostgreSQL backend; runs in the PostgreSQL pass")
	}
}

// SQL and tsquery syntax in a story or a search is text: stored as typed,
// found as typed, and it never changes or breaks the archive.
func TestSQLAndQuerySyntaxAreJustText(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	evil := `'); DROP TABLE stories; -- ' OR 1=1 -- & | ! <-> :* \ "引号" ?`
	p.Stories[1].Title = "Robert" + evil
	p.Stories[1].Paragraphs[0].Text = "unusualword " + evil
	mustAdd(t, a, p)
	st, err := a.Story(ctx, p.Stories[1].ID)
	if err != nil || st.Title != "Robert"+evil || st.Paragraphs[0].Text != "unusualword "+evil {
		t.Fatalf("read back: %q / %v", st.Title, err)
	}
	for _, q := range []string{evil, "unusualword " + evil, "unusualword & !unusualword", "unusualword:*", "'unusualword'", `unusualword" OR "drop`, "? ?", "$1"} {
		hits, err := a.Search(ctx, q, SearchFilter{})
		if err != nil {
			t.Errorf("search %q: %v", q, err)
			continue
		}
		if strings.Contains(q, "unusualword") && (len(hits) != 1 || hits[0].Story.ID != st.ID) {
			t.Errorf("search %q: %d hits, want the story", q, len(hits))
		}
	}
	if hits, _ := a.Search(ctx, "unusualword | galley", SearchFilter{}); len(hits) != 0 {
		// | is not "or": both words must be in one story, and no story has both.
		t.Errorf("| read as an operator: %+v", hits)
	}
	ids, err := a.StoriesContaining(ctx, "DROP TABLE")
	if err != nil || len(ids) != 1 {
		t.Errorf("substring with SQL in it: %v, %v", ids, err)
	}
	if err := a.AddTerm(ctx, "O'Brien", "nr"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetSetting(ctx, "k'; --", evil); err != nil {
		t.Fatal(err)
	}
	if v, _ := a.Setting(ctx, "k'; --"); v != evil {
		t.Errorf("setting read back %q", v)
	}
	checkOK(t, a)
}

// The two backends find the same stories for the same words.
func TestPostgresFindsWhatSQLiteFinds(t *testing.T) {
	postgresOnly(t)
	pg, _ := openTemp(t)
	lite, err := Open(t.TempDir() + "/same.db")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	for i := 0; i < 12; i++ {
		p := testPage(i)
		if i%3 == 0 {
			p.Stories[1].Paragraphs[0].Text = fmt.Sprintf("The editors' desk: issue No.%d, 3.5%% growth, e-mail news@example.com", i)
		}
		q := *p
		q.Stories = append([]article.Story(nil), p.Stories...)
		mustAdd(t, pg, p)
		mustAdd(t, lite, &q)
	}
	for _, a := range []*Archive{pg, lite} {
		st, _ := a.Story(ctx, 1)
		st.Title = "郑州推进企业创新 博物馆"
		if _, err := a.SaveStory(ctx, st, "x", ""); err != nil {
			t.Fatal(err)
		}
		a.SetStatus(ctx, 3, article.StatusChecked, "x")
	}
	for _, c := range []struct {
		q string
		f SearchFilter
	}{
		{"研发", SearchFilter{}}, {"研发平台", SearchFilter{}}, {"科技局 座谈会", SearchFilter{}}, {"newsroom", SearchFilter{}},
		{"EDITORS", SearchFilter{}}, {"3.5", SearchFilter{}}, {"news@example.com", SearchFilter{}}, {"博物馆", SearchFilter{}},
		{"段利梅", SearchFilter{}}, {"研发", SearchFilter{Status: article.StatusChecked}}, {"研发", SearchFilter{PageID: 2}},
		{"研发", SearchFilter{DateFrom: "2020-06-03", DateTo: "2020-06-06"}}, {"研发", SearchFilter{Limit: 3}}, {"不存在", SearchFilter{}},
	} {
		ids := func(a *Archive) []int64 {
			hits, err := a.Search(ctx, c.q, c.f)
			if err != nil {
				t.Fatalf("%s: %q: %v", a.d, c.q, err)
			}
			var out []int64
			for _, h := range hits {
				out = append(out, h.Story.ID)
				if h.Snippet == "" {
					t.Errorf("%s: %q: story %d has no snippet", a.d, c.q, h.Story.ID)
				}
			}
			if c.f.Limit == 0 {
				sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
			}
			return out
		}
		got, want := ids(pg), ids(lite)
		if c.f.Limit != 0 {
			got, want = got[:0:0], want[:0:0] // ranks differ in detail; compare the count only
			if a, b := len(ids(pg)), len(ids(lite)); a != b {
				t.Errorf("%q limit %d: PostgreSQL %d hits, SQLite %d", c.q, c.f.Limit, a, b)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q %+v: PostgreSQL finds %v, SQLite %v", c.q, c.f, got, want)
		}
	}
	// The headline counts most on both.
	hits, _ := pg.Search(ctx, "博物馆", SearchFilter{})
	if len(hits) != 1 || hits[0].Story.ID != 1 || len(hits[0].Marks) == 0 {
		t.Errorf("headline word: %+v", hits)
	}
}

func TestPostgresOfANewerGalleyIsRefusedUnchanged(t *testing.T) {
	postgresOnly(t)
	a, dsn := openTemp(t)
	if _, err := a.db.Exec(`UPDATE galley_meta SET value = '99' WHERE key = 'schema'`); err != nil {
		t.Fatal(err)
	}
	a.Close()
	for _, open := range []func(string) (*Archive, error){Open, OpenReadOnly} {
		if _, err := open(dsn); !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "schema 99") {
			t.Errorf("newer schema: %v", err)
		}
	}
	b, err := Open(dsn + "&x=1") // still refused: nothing was migrated down
	if err == nil {
		b.Close()
		t.Fatal("opened")
	}
}

func TestPostgresDatabaseOfAnotherProgramIsRefusedUnchanged(t *testing.T) {
	postgresOnly(t)
	dsn, err := pgServer.NewArchive("foreign")
	if err != nil {
		t.Fatal(err)
	}
	defer pgServer.DropArchive(dsn)
	schema := dsn[strings.LastIndex(dsn, "=")+1:]
	if err := pgServer.ExecIn(pgtest.TestDatabase, `CREATE TABLE `+schema+`.invoices (id int)`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dsn); !errors.Is(err, ErrNotArchive) {
		t.Fatalf("database with another program's table: %v", err)
	}
	if err := pgServer.ExecIn(pgtest.TestDatabase, `SELECT 1 FROM `+schema+`.galley_meta`); err == nil {
		t.Error("the refused database was marked as an archive")
	}
}

func TestPostgresLoginAndServerProblemsNameTheServer(t *testing.T) {
	postgresOnly(t)
	wrong := pgServer.DSNAs(pgtest.PasswordUser, "wrong-password", pgtest.TestDatabase)
	_, err := Open(wrong)
	if !errors.Is(err, ErrLogin) || !strings.Contains(err.Error(), "pwuser@") || strings.Contains(err.Error(), "wrong-password") {
		t.Errorf("wrong password: %v", err)
	}
	right := pgServer.DSNAs(pgtest.PasswordUser, pgtest.PasswordUserPassword, pgtest.TestDatabase)
	if _, err := Open(right); errors.Is(err, ErrLogin) || errors.Is(err, ErrUnavailable) {
		t.Errorf("right password refused: %v", err) // may lack the right to create tables: that is another error
	}
	start := time.Now()
	_, err = Open("postgres://galley@127.0.0.1:1/archive?connect_timeout=3&sslmode=disable")
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "127.0.0.1:1/archive") || time.Since(start) > 10*time.Second {
		t.Errorf("unreachable server: %v (after %v)", err, time.Since(start))
	}
	_, err = Open(pgServer.DSN("no_such_database"))
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no_such_database") {
		t.Errorf("missing database: %v", err)
	}
	if _, err := Open("postgres://u:secret@[bad"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad connection string: %v", err)
	}
}

// The server stops in the middle of editors' work: a save waits and is
// tried again when the server is back, and lands exactly once; with the
// server gone for good it is reported, and nothing half-written remains.
func TestPostgresServerStoppedDuringSaves(t *testing.T) {
	postgresOnly(t)
	a, dsn := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	st, _ := a.Story(ctx, id)

	if err := pgServer.StopServer(); err != nil {
		t.Fatal(err)
	}
	back := make(chan error, 1)
	go func() {
		time.Sleep(700 * time.Millisecond)
		back <- pgServer.StartServer()
	}()
	st.Title = "服务器重启后保存"
	n, err := a.SaveStory(ctx, st, "王编辑", "")
	if e := <-back; e != nil {
		t.Fatal(e)
	}
	if err != nil || n != 2 {
		t.Fatalf("save across a restart: %d, %v", n, err)
	}
	// Connections of the pool were cut: reads work again at once.
	if got, err := a.Story(ctx, id); err != nil || got.Title != st.Title || got.Revision != 2 {
		t.Fatalf("after the restart: %+v, %v", got, err)
	}

	// Gone for good: the save is reported, naming the server.
	if err := pgServer.StopServer(); err != nil {
		t.Fatal(err)
	}
	st.Title = "不会保存"
	_, err = a.SaveStory(ctx, st, "王编辑", "")
	if e := pgServer.StartServer(); e != nil {
		t.Fatal(e)
	}
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "postgres://galley@") {
		t.Fatalf("save with the server down: %v", err)
	}
	if st.Revision != 2 {
		t.Errorf("the failed save moved the editor's base revision to %d", st.Revision)
	}
	b, err := Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	revs, _ := b.Revisions(ctx, id)
	if cur, _ := b.Story(ctx, id); len(revs) != 2 || cur.Title != "服务器重启后保存" {
		t.Errorf("after the failed save: %d revisions, title %q", len(revs), cur.Title)
	}
	checkOK(t, b)
}

// A connection cut by the server (an administrator, a network blip) is
// replaced without the editor noticing.
func TestPostgresDroppedConnectionsReconnect(t *testing.T) {
	postgresOnly(t)
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	if _, err := a.db.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'galley' AND pid != pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // idle long enough that the pool checks a connection before use
	for i := 0; i < 3; i++ {
		if _, err := a.Stories(ctx, StoryFilter{}); err != nil {
			t.Fatalf("read after the connections were cut: %v", err)
		}
	}
	st, _ := a.Story(ctx, p.Stories[0].ID)
	st.Notes = "after reconnect"
	if _, err := a.SaveStory(ctx, st, "x", ""); err != nil {
		t.Fatalf("save after the connections were cut: %v", err)
	}
}
