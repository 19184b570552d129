package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galley/galley/article"
)

// TestLoadManyEditors is the newsroom at once: GALLEY_LOAD_EDITORS editors
// (default 20), each with connections of its own, for GALLEY_LOAD_SECONDS
// (default 60) open, edit, save, search and change the status of the same
// 200 stories. It passes when no update is lost (every save lands on the
// revision it read, every refused one is reported as a conflict, and each
// story's revisions are exactly the saves that landed), nothing deadlocks
// (everyone stops within the time plus 30 s) and no error other than a
// conflict occurs. It is long, so it runs only when GALLEY_LOAD=1:
//
//	GALLEY_LOAD=1 go test -run LoadManyEditors -v -timeout 20m ./storage/
//
// Each backend's pass reports throughput and the p50/p95 of save and search.
func TestLoadManyEditors(t *testing.T) {
	if os.Getenv("GALLEY_LOAD") != "1" {
		t.Skip("the load test runs with GALLEY_LOAD=1 (see its comment)")
	}
	editors := envInt("GALLEY_LOAD_EDITORS", 20)
	seconds := envInt("GALLEY_LOAD_SECONDS", 60)
	a, name := openTemp(t)
	for i := 0; i < 100; i++ {
		mustAdd(t, a, testPage(1000+i))
	}
	list, _ := a.Stories(ctx, StoryFilter{})
	if len(list) != 200 {
		t.Fatalf("%d stories", len(list))
	}
	ids := make([]int64, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}

	type saved struct {
		story int64
		rev   int
		mark  string
	}
	var (
		mu                       sync.Mutex
		landed                   []saved
		saveLat, searchLat       []time.Duration
		conflicts, statusChanges int
		errs                     []string
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		if len(errs) < 20 {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
		mu.Unlock()
	}
	words := []string{"研发", "平台", "newsroom", "科技局", "段利梅", "投资", "editors", "座谈会"}
	lctx, cancel := context.WithTimeout(ctx, time.Duration(seconds)*time.Second)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for e := 0; e < editors; e++ {
		b, err := Open(name) // an editor's own connections
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		wg.Add(1)
		go func(e int, b *Archive) {
			defer wg.Done()
			who := fmt.Sprintf("editor%02d", e)
			r := rand.New(rand.NewSource(int64(e)))
			for n := 0; lctx.Err() == nil; n++ {
				id := ids[r.Intn(len(ids))]
				st, err := b.Story(ctx, id)
				if err != nil {
					fail("%s: open %d: %v", who, id, err)
					return
				}
				if _, err := b.HoldLease(ctx, id, who, 0); err != nil {
					fail("%s: lease %d: %v", who, id, err)
					return
				}
				mark := fmt.Sprintf("%s#%d", who, n)
				st.Notes = mark
				base := st.Revision
				t0 := time.Now()
				rev, err := b.SaveStory(ctx, st, who, "")
				d := time.Since(t0)
				mu.Lock()
				saveLat = append(saveLat, d)
				switch {
				case errors.Is(err, ErrConflict):
					conflicts++
				case err != nil:
					mu.Unlock()
					fail("%s: save %d: %v", who, id, err)
					return
				case rev != base+1:
					mu.Unlock()
					fail("%s: story %d read at %d saved as %d: an update was lost", who, id, base, rev)
					return
				default:
					landed = append(landed, saved{id, rev, mark})
				}
				mu.Unlock()
				b.ReleaseLease(ctx, id, who)
				if n%3 == 0 {
					t0 := time.Now()
					if _, err := b.Search(ctx, words[r.Intn(len(words))], SearchFilter{Limit: 20}); err != nil {
						fail("%s: search: %v", who, err)
						return
					}
					mu.Lock()
					searchLat = append(searchLat, time.Since(t0))
					mu.Unlock()
				}
				if n%7 == 0 {
					s := article.StatusChecked
					if r.Intn(2) == 0 {
						s = article.StatusInProgress
					}
					if err := b.SetStatus(ctx, id, s, who); err != nil {
						fail("%s: status %d: %v", who, id, err)
						return
					}
					mu.Lock()
					statusChanges++
					mu.Unlock()
				}
			}
		}(e, b)
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(time.Duration(seconds+30) * time.Second):
		t.Fatal("editors still busy 30 s after the end: deadlock")
	}
	elapsed := time.Since(start)
	for _, e := range errs {
		t.Error(e)
	}

	// Every landed save is in the archive as the revision it was given, and
	// the archive holds no other revisions.
	perStory := map[int64]int{}
	for _, s := range landed {
		perStory[s.story]++
	}
	for _, id := range ids {
		revs, err := a.Revisions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != perStory[id]+1 {
			t.Errorf("story %d: %d revisions for %d saves that landed", id, len(revs), perStory[id])
		}
	}
	for i, s := range landed {
		if i%10 != 0 {
			continue // a sample: reading every revision back takes long on a slow machine
		}
		st, err := a.Revision(ctx, s.story, s.rev)
		if err != nil || st.Notes != s.mark {
			t.Errorf("story %d revision %d holds %q, want %q (%v)", s.story, s.rev, st.Notes, s.mark, err)
		}
	}
	checkOK(t, a)
	ops := len(saveLat) + len(searchLat) + statusChanges
	t.Logf("%s: %d editors, %v: %d saves (%d landed, %d conflicts), %d searches, %d status changes; %.0f operations/s",
		backend, editors, elapsed.Round(time.Second), len(saveLat), len(landed), conflicts, len(searchLat), statusChanges, float64(ops)/elapsed.Seconds())
	t.Logf("%s: save p50 %v p95 %v; search p50 %v p95 %v", backend, pct(saveLat, 50), pct(saveLat, 95), pct(searchLat, 50), pct(searchLat, 95))
}

func pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)].Round(100 * time.Microsecond)
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(strings.TrimSpace(os.Getenv(name))); err == nil && v > 0 {
		return v
	}
	return def
}
