package storage

import (
	"testing"
	"time"
)

func TestZZTiming(t *testing.T) {
	a, err := OpenReadOnly("/tmp/bench3k.db")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	<-a.lex.Ready()
	m, _ := a.ftsQuery("科技")
	for _, sq := range []string{
		`SELECT story_fts.rowid AS id, bm25(story_fts) AS score FROM story_fts JOIN stories s ON s.id = story_fts.rowid JOIN pages p ON p.id = s.page_id WHERE story_fts MATCH ? ORDER BY story_fts.rowid DESC LIMIT 1500`,
		`SELECT story_fts.rowid AS id, bm25(story_fts) AS score FROM story_fts WHERE story_fts MATCH ? ORDER BY story_fts.rowid DESC LIMIT 1500`,
		`SELECT story_fts.rowid AS id FROM story_fts WHERE story_fts MATCH ? ORDER BY story_fts.rowid DESC LIMIT 1500`,
	} {
		rows, _ := a.db.Query("EXPLAIN QUERY PLAN "+sq, m)
		for rows.Next() {
			var id, parent, nu int
			var detail string
			rows.Scan(&id, &parent, &nu, &detail)
			t.Log("   ", detail)
		}
		rows.Close()
		start := time.Now()
		n := 0
		for i := 0; i < 5; i++ {
			rows, _ := a.db.Query(sq, m)
			for rows.Next() {
				n++
			}
			rows.Close()
		}
		t.Logf("%v %d", time.Since(start)/5, n/5)
	}
}
