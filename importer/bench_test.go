package importer

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// BenchmarkArchive builds an archive of synthetic pages through the whole
// import (ingest, extract, storage) and measures what an editor waits for:
//
//	GALLEY_BENCH_STORIES=100000 GALLEY_BENCH_DB=/tmp/bench.db \
//	  go test -run '^$' -bench Archive -benchtime 1x -timeout 2h ./importer
//
// It reports import rate (pages/s, stories/s), archive bytes per story,
// search latency (median and p95 over a fixed set of queries) and memory
// (peak RSS, Go heap). GALLEY_BENCH_STORIES defaults to 3000 so that
// `go test -bench .` stays short. When GALLEY_BENCH_DB names an archive that
// exists, the import is skipped and only search is measured. GALLEY_BENCH_DB
// may name a PostgreSQL database (postgres://…): an empty one is filled, one
// with pages is only searched.
func BenchmarkArchive(b *testing.B) {
	target := 3000
	if v, err := strconv.Atoi(os.Getenv("GALLEY_BENCH_STORIES")); err == nil && v > 0 {
		target = v
	}
	path := os.Getenv("GALLEY_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	_, statErr := os.Stat(path)
	reuse := statErr == nil
	a, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	if storage.IsServer(path) {
		c, err := a.Counts(ctx)
		if err != nil {
			b.Fatal(err)
		}
		reuse = c.Pages > 0
	}
	<-a.Lexicon().Ready()

	var importMetrics [][2]any
	if !reuse {
		pages, stories, elapsed := buildArchive(b, ctx, a, target)
		importMetrics = [][2]any{{float64(pages) / elapsed.Seconds(), "pages/s"}, {float64(stories) / elapsed.Seconds(), "stories/s"}}
		b.Logf("imported %d pages, %d stories in %v", pages, stories, elapsed.Round(time.Second))
	}
	a.Close()
	// Reopen: the WAL is folded into the file, so its size is the archive's.
	if a, err = storage.Open(path); err != nil {
		b.Fatal(err)
	}
	list, err := a.Stories(ctx, storage.StoryFilter{})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	if st, err := os.Stat(path); err == nil {
		size = st.Size()
	}
	b.Logf("archive %s: %.1f MB, %d stories, %.0f bytes/story", a.Path(), float64(size)/1e6, len(list), float64(size)/float64(len(list)))

	// A few stories move on in the workflow, so the status filter selects.
	for i := 0; i < len(list); i += 50 {
		if list[i].Status != article.StatusChecked {
			a.SetStatus(ctx, list[i].ID, article.StatusChecked, "bench")
		}
	}

	queries := benchQueries()
	var lat, cpu []time.Duration
	hits := map[string]int{}
	perQuery := map[string][]time.Duration{}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ResetTimer()
	for b.Loop() {
		for round := 0; round < 5; round++ {
			for _, q := range queries {
				start, startCPU := time.Now(), threadCPU()
				res, err := a.Search(ctx, q.text, q.filter)
				lat = append(lat, time.Since(start))
				cpu = append(cpu, threadCPU()-startCPU)
				perQuery[q.name] = append(perQuery[q.name], lat[len(lat)-1])
				if err != nil {
					b.Fatal(err)
				}
				hits[q.name] = len(res)
			}
		}
	}
	b.StopTimer()
	sortDurations(lat)
	sortDurations(cpu)
	med, p95 := lat[len(lat)/2], lat[len(lat)*95/100]
	for _, m := range importMetrics {
		b.ReportMetric(m[0].(float64), m[1].(string))
	}
	b.ReportMetric(float64(len(list)), "stories")
	if size > 0 {
		b.ReportMetric(float64(size)/float64(len(list)), "bytes/story")
	}
	b.ReportMetric(float64(med.Microseconds())/1000, "search-median-ms")
	b.ReportMetric(float64(p95.Microseconds())/1000, "search-p95-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "search-max-ms")
	b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "search-cpu-median-ms")
	b.ReportMetric(float64(cpu[len(cpu)*95/100].Microseconds())/1000, "search-cpu-p95-ms")
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		b.Logf("load average during the run: %s", strings.TrimSpace(string(load)))
	}
	for _, q := range queries {
		d := perQuery[q.name]
		sortDurations(d)
		b.Logf("query %-28s %3d hits, median %5.1f ms", q.name, hits[q.name], float64(d[len(d)/2].Microseconds())/1000)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(peakRSS())/1e6, "peak-RSS-MB")
	b.ReportMetric(float64(ms.HeapInuse)/1e6, "heap-MB")
}

type benchQuery struct {
	name, text string
	filter     storage.SearchFilter
}

// benchQueries is the fixed query set: common and rare Chinese words, a
// phrase of several words, Latin words, names, and filters.
func benchQueries() []benchQuery {
	qs := []benchQuery{}
	for _, w := range []string{"科技", "中试基地", "安全生产", "应急演练", "研发平台", "专精特新", "常务会议", "产业链", "贷款",
		"科技 成果 转化", "记者", "tribune", "peace ford", "german", "王伟", "国家重点", "不存在的词语"} {
		qs = append(qs, benchQuery{name: w, text: w})
	}
	qs = append(qs,
		benchQuery{name: "科技 status=checked", text: "科技", filter: storage.SearchFilter{Status: article.StatusChecked}},
		benchQuery{name: "研发 date=2020-03", text: "研发", filter: storage.SearchFilter{DateFrom: "2020-03-01", DateTo: "2020-03-31"}},
		benchQuery{name: "中试 limit=200", text: "中试", filter: storage.SearchFilter{Limit: 200}},
	)
	return qs
}

// buildArchive imports synthetic pages in batches until the archive holds
// target stories.
func buildArchive(b *testing.B, ctx context.Context, a *storage.Archive, target int) (pages, stories int, elapsed time.Duration) {
	s := loadSynth(b)
	dir := b.TempDir()
	const batch = 200
	next := 0
	for stories < target {
		files := s.writePages(b, dir, next, next+batch)
		next += batch
		start := time.Now()
		sum, err := Import(ctx, a, files, Options{})
		elapsed += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Failed > 0 {
			b.Fatalf("%s", sum.Report())
		}
		pages += sum.Imported
		stories += sum.Stories
		for _, f := range files {
			os.Remove(f)
		}
		if next%2000 == 0 {
			fmt.Fprintf(os.Stderr, "bench: %d pages, %d stories, %.1f pages/s\n", pages, stories, float64(pages)/elapsed.Seconds())
		}
	}
	return pages, stories, elapsed
}

func sortDurations(d []time.Duration) { sort.Slice(d, func(i, j int) bool { return d[i] < d[j] }) }

// peakRSS is the process's peak resident set (VmHWM), in bytes; 0 where
// /proc is not there.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
