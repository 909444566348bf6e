package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scoperef/scoperef"
	"github.com/scoperef/scoperef/internal/content"
	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/localedata"
	"github.com/scoperef/scoperef/internal/project"
	"github.com/scoperef/scoperef/internal/reference"
	"github.com/scoperef/scoperef/internal/search"
	"github.com/scoperef/scoperef/internal/validate"
)

// shippedRoot is the project the repository ships; SCOPEREF_ROOT overrides it.
func shippedRoot() string {
	if r := os.Getenv("SCOPEREF_ROOT"); r != "" {
		return r
	}
	return "../.."
}

// loadShipped loads the shipped project as scoperef build does, on a fixed build date.
func loadShipped(tb testing.TB) Options {
	tb.Helper()
	opts, _ := loadProject(tb, shippedRoot(), i18n.Languages, true)
	return opts
}

// loadProject loads the project at dir in langs as scoperef build does, on a fixed build date,
// with the reference pages when reference is set. generators makes new generators, which
// remember nothing of earlier builds: a generator keeps what every version and language share
// from one build to the next (as scoperef serve wants), which one scoperef build never has.
func loadProject(tb testing.TB, dir string, langs []string, reference bool) (opts Options, generators func() []Generator) {
	tb.Helper()
	os.Setenv("SOURCE_DATE_EPOCH", "1795305600") // 2026-11-23
	p, err := project.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	schemas, err := validate.CompileSchemas(p.Schemas)
	if err != nil {
		tb.Fatal(err)
	}
	m, diags := validate.Load(validate.Options{Root: p.Root, Schemas: schemas, BuildDate: p.BuildDate})
	if diags.HasErrors() {
		tb.Fatalf("%s data:\n%v", dir, diags.Err())
	}
	cat, udiags := i18n.Load(langs, scoperef.Templates, p.Root)
	if udiags.HasErrors() {
		tb.Fatalf("%s interface strings:\n%v", dir, udiags.Err())
	}
	cs, cdiags := content.Load(content.Options{Root: p.Root, Model: m, Langs: langs, Label: cat.Label})
	if cdiags.HasErrors() {
		tb.Fatalf("%s pages:\n%v", dir, cdiags.Err())
	}
	opts = Options{
		Model: m, Content: FromContent(cs), Langs: langs,
		Catalog: cat, Templates: p.Templates, BaseURL: "https://docs.example.com",
	}
	generators = func() []Generator { return nil }
	if reference {
		titles, tdiags := localedata.Load(p.Root, schemas, m, langs)
		if tdiags.HasErrors() {
			tb.Fatalf("%s data translations:\n%v", dir, tdiags.Err())
		}
		generators = func() []Generator { return []Generator{Reference(m, cat, titles)} }
	}
	opts.Generators = generators()
	return opts, generators
}

// TestShippedSite renders every page × version × language of the shipped site and checks links,
// anchors, escaping, lang attributes, and that nothing falls back to English.
func TestShippedSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole shipped site")
	}
	opts := loadShipped(t)
	mem := NewMem()
	rep, err := Build(opts, mem)
	if err != nil {
		t.Fatal(err)
	}
	docs := checkSite(t, mem, i18n.Languages)
	checkShippedSearch(t, mem, opts, docs, rep)
	// A page's sections (h2) have distinct titles, so that the on-this-page list does not show
	// one twice: a generated part's headings differ from its Markdown intro's.
	for name, d := range docs {
		seen := map[string]bool{}
		for _, e := range d.toc {
			if text, ok := strings.CutPrefix(e, "toc-l2 "); ok {
				if seen[text] {
					t.Errorf("%s: %q twice in the on-this-page list", name, text)
				}
				seen[text] = true
			}
		}
	}
	// A page without a translation is shown in English (and logged: translations arrive page
	// by page); a translated page must be complete and current, and every interface string
	// must be translated.
	for _, l := range rep.Langs {
		if len(l.MissingUI) > 0 {
			t.Errorf("%s: interface strings in English: %v", l.Lang, l.MissingUI)
		}
		if l.Stale > 0 {
			t.Errorf("%s: %d stale translations", l.Lang, l.Stale)
		}
	}
	for _, v := range opts.Model.Built() {
		for _, lang := range i18n.Languages[1:] {
			for _, path := range opts.Content.Paths() {
				if !opts.Content.In(path, v) {
					continue
				}
				p, err := opts.Content.Render(path, v, lang)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case p.Fallback:
					t.Logf("%s /%s in %s: not translated", lang, path, v.Name())
				case p.FallbackParts > 0:
					t.Errorf("%s /%s in %s: %d parts in English", lang, path, v.Name(), p.FallbackParts)
				}
			}
		}
	}
	// Generated reference pages keep endpoint summaries and notes in English, marked lang="en"
	// by package reference; the Markdown parts were checked above.
	if rep.Pages == 0 || len(docs) < rep.Pages {
		t.Errorf("%d pages reported, %d HTML files", rep.Pages, len(docs))
	}
}

// checkShippedSearch checks the search of the shipped site: every page has the search form,
// every version and language has its index, the queries of the search issue find what they
// must, and the indexes stay under 300 KB gzipped (their sizes are logged).
func checkShippedSearch(t *testing.T, mem *Mem, opts Options, docs map[string]*htmlDoc, rep *Report) {
	t.Helper()
	forms := 0
	for _, d := range docs {
		if d.search != "" {
			forms++
		}
	}
	if forms != rep.Pages {
		t.Errorf("%d pages have a search form, want every page (%d)", forms, rep.Pages)
	}
	const guide = "/authentication/managing-your-personal-access-tokens"
	const path = "/repos/{owner}/{repo}/issues"
	for _, v := range opts.Model.Built() {
		for _, lang := range i18n.Languages {
			data, f := readIndex(t, mem, lang, v)
			var z bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
			zw.Write(data)
			zw.Close()
			t.Logf("search index %-2s %-10s %4d pages %5d records %6.1f KB, %5.1f KB gzipped", lang, v.Name(),
				len(f.Pages), len(f.Page), float64(len(data))/1024, float64(z.Len())/1024)
			if z.Len() > 300<<10 {
				t.Errorf("%s %s: search index is %d bytes gzipped, over 300 KB", lang, v.Name(), z.Len())
			}
			first := func(query string) search.Result {
				res := search.Search(data, query, lang)
				if len(res) == 0 {
					t.Errorf("%s %s: %q finds nothing", lang, v.Name(), query)
					return search.Result{}
				}
				return res[0]
			}
			// The endpoint, where the version has it (ghes-3.9 has no endpoint data).
			if issues := docs[file(lang, v, "reference/endpoints/issues")]; issues != nil {
				r := first(path)
				page, anchor, _ := strings.Cut(r.URL, "#")
				if page != URL(lang, v, "reference/endpoints/issues", "") || !strings.Contains(r.Snippet, " "+path+" ") || !issues.ids[anchor] {
					t.Errorf("%s %s: %s: first result %s (%s): %s", lang, v.Name(), path, r.URL, r.Section, r.Snippet)
				}
			} else if v.Name() == "dotcom" {
				t.Errorf("%s %s: no issues endpoints page", lang, v.Name())
			}
			if v.Name() != "dotcom" {
				continue
			}
			if r := first("issues write"); r.URL != URL(lang, v, "reference/permissions/issues", "") {
				t.Errorf("%s %s: issues write: first result %s (%s / %s), want the Issues permission", lang, v.Name(), r.URL, r.Page, r.Section)
			}
			if query, ok := map[string]string{"ja": "トークン", "ko": "토큰"}[lang]; ok {
				if r := first(query); !strings.HasPrefix(r.URL, URL(lang, v, guide, "")) {
					t.Errorf("%s %s: %s: first result %s (%s / %s), want the guide", lang, v.Name(), query, r.URL, r.Page, r.Section)
				}
			}
		}
	}
}

// TestReferenceMessagesShipped checks that locales/en has every message of the reference pages,
// with the generator's English text.
func TestReferenceMessagesShipped(t *testing.T) {
	cat, diags := i18n.Load(i18n.Languages, scoperef.Templates, os.DirFS("../.."))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	for _, m := range reference.Messages() {
		if got := cat.T("en", m.ID); got.Fallback {
			t.Errorf("locales/en lacks %s", m.ID)
		} else if m.One == "" && !strings.Contains(m.Other, "{{") && got.S != m.Other {
			t.Errorf("%s: locales/en says %q, the generator %q", m.ID, got.S, m.Other)
		}
	}
}

func mustFile(m *Mem, name string) []byte {
	data, _ := m.File(name)
	return data
}

// BenchmarkBuild renders the whole shipped site (every built version × 4 languages) and writes
// it atomically to a folder, as scoperef build does after loading. Loading (YAML, schemas,
// Markdown parsing) is measured separately by BenchmarkLoad. Each build has a new reference
// generator, which has computed nothing yet, as in scoperef build.
//
// "rebuild" builds into the same folder again and again, as a writer running scoperef build
// after each change does: two untimed builds first make the output and the spare WriteDir
// writes into.
// "fresh" builds into a new, empty folder each time, as a first build does; BenchmarkHugoPeer
// has the same two. Outputs are kept until the test binary exits (see atticDir).
//
//	go test ./internal/site -run '^$' -bench 'Build|Load' -benchmem -count 3
func BenchmarkBuild(b *testing.B) {
	opts, generators := loadProject(b, shippedRoot(), i18n.Languages, true)
	for _, fresh := range []bool{false, true} {
		var pages int
		benchWrite(b, fresh, func(w Writer) error {
			opts.Generators = generators() // as new as scoperef build's
			rep, err := Build(opts, w)
			if err == nil {
				pages = rep.Pages
			}
			return err
		}, func(b *testing.B) {
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(pages), "pages")
		})
	}
}

// benchWrite runs the sub-benchmark "rebuild" or "fresh" of WriteDir with write, reporting peak
// memory and CPU time, and then what report adds. The collector is set as scoperef build sets
// it (TuneGC).
func benchWrite(b *testing.B, fresh bool, write func(Writer) error, report func(*testing.B)) {
	name := "rebuild"
	if fresh {
		name = "fresh"
	}
	b.Run(name, func(b *testing.B) {
		resetPeakRSS()
		defer TuneGC()()
		out := filepath.Join(atticDir(b), "public")
		if !fresh {
			// The output and the spare exist, as after two builds.
			for range 2 {
				if err := WriteDir(out, write); err != nil {
					b.Fatal(err)
				}
			}
		}
		var peak uint64
		stop := samplePeak(&peak)
		var cpu time.Duration
		for b.Loop() {
			if fresh {
				b.StopTimer()
				out = filepath.Join(atticDir(b), "public")
				b.StartTimer()
			}
			cpu0 := cpuTime()
			if err := WriteDir(out, write); err != nil {
				b.Fatal(err)
			}
			cpu += cpuTime() - cpu0
		}
		b.StopTimer()
		stop()
		report(b)
		if n, size := countPages(b, out); n > 0 {
			b.ReportMetric(float64(size)/float64(n)/1000, "kB/page")
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
	})
}

// BenchmarkRender is BenchmarkBuild without the file system: every file is made, search
// indexes included, and kept in memory. It runs with the collector's defaults: holding the
// whole site, its heap is no build's, and TuneGC's limit would only make it collect again and
// again.
func BenchmarkRender(b *testing.B) {
	opts, generators := loadProject(b, shippedRoot(), i18n.Languages, true)
	var pages int
	cpu0 := cpuTime()
	for b.Loop() {
		opts.Generators = generators()
		rep, err := Build(opts, eagerMem{NewMem()})
		if err != nil {
			b.Fatal(err)
		}
		pages = rep.Pages
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkWriteSite is the file-system part of BenchmarkBuild alone: the site, built once into
// memory, is written with WriteDir on every iteration, "rebuild" and "fresh" as in
// BenchmarkBuild. It is the floor under BenchmarkBuild on the machine's disk.
func BenchmarkWriteSite(b *testing.B) {
	opts := loadShipped(b)
	mem := NewMem()
	if _, err := Build(opts, eagerMem{mem}); err != nil {
		b.Fatal(err)
	}
	names := mem.Names()
	for _, fresh := range []bool{false, true} {
		benchWrite(b, fresh, func(w Writer) error {
			return parallel(runtime.GOMAXPROCS(0), len(names), func(i int) error {
				data, _ := mem.File(names[i])
				return w.WriteFile(names[i], data)
			})
		}, func(b *testing.B) { b.ReportMetric(float64(len(names)), "files") })
	}
}

// eagerMem is a Mem that is not a LazyWriter: the build makes every file at once.
type eagerMem struct{ m *Mem }

func (e eagerMem) WriteFile(name string, data []byte) error { return e.m.WriteFile(name, data) }

// BenchmarkLoad measures what scoperef build does before rendering.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		loadShipped(b)
	}
}

// cpuTime is the process's user and system CPU time so far: on a shared machine it measures
// the work done regardless of how long other processes kept the cores busy.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's peak resident set size since resetPeakRSS: Linux's VmHWM, or
// ru_maxrss (in KiB) since the process started where there is no /proc.
func peakRSS() int64 {
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.Lines(string(status)) {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				if kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64); err == nil {
					return kb << 10
				}
			}
		}
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss << 10
}

// resetPeakRSS hands the memory the collector has freed back to the system and restarts
// peakRSS's count (Linux: writing 5 to /proc/self/clear_refs), so that a benchmark's peak is
// its own and not that of an earlier one in the same process, such as one that held a whole
// site in memory.
func resetPeakRSS() {
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// samplePeak records the largest heap in use (runtime.MemStats.HeapInuse) every millisecond
// until the returned function is called.
func samplePeak(peak *uint64) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapInuse+ms.StackInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// overlayFS is a file system with one file's content replaced.
type overlayFS struct {
	fs.FS
	name string
	data []byte
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if name != o.name {
		return o.FS.Open(name)
	}
	return fstest.MapFS{name: {Data: o.data}}.Open(name)
}

// BenchmarkServeEdit measures what scoperef serve does after a page is saved: load the pages
// again (the model, interface strings and reference pages are kept; Markdown that did not
// change is not parsed again) and rebuild the site into memory with the cache of the previous
// build. Add serve.Debounce (10 ms) and the browser's reload for the time until the edit
// shows. The search index of the edited language is made afterwards, when first read, as serve
// does when a reader searches; index-ms/op is its time.
func BenchmarkServeEdit(b *testing.B) {
	opts := loadShipped(b)
	opts.Cache = NewCache()
	if _, err := Build(opts, NewMem()); err != nil {
		b.Fatal(err)
	}
	root := os.DirFS(shippedRoot())
	parsed := content.NewParseCache()
	if _, diags := content.Load(content.Options{Root: root, Model: opts.Model, Langs: i18n.Languages, Label: opts.Catalog.Label, Parsed: parsed}); diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	const page = "content/pages/reference/index.md"
	src, err := fs.ReadFile(root, page)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	var indexTime, indexCPU time.Duration
	cpu0 := cpuTime()
	for b.Loop() {
		n++
		edited := overlayFS{root, page, append(slices.Clone(src), fmt.Sprintf("\nEdit number %d, marked editmark%d.\n", n, n)...)}
		cs, diags := content.Load(content.Options{Root: edited, Model: opts.Model, Langs: i18n.Languages, Label: opts.Catalog.Label, Parsed: parsed})
		if diags.HasErrors() {
			b.Fatal(diags.Err())
		}
		o := opts
		o.Content = FromContent(cs)
		mem := NewMem()
		if _, err := Build(o, mem); err != nil {
			b.Fatal(err)
		}
		if got, _ := mem.File("en/reference/index.html"); !bytes.Contains(got, fmt.Appendf(nil, "Edit number %d, marked editmark%d.", n, n)) {
			b.Fatal("the edit is not in the page")
		}
		// The search index is made when a reader first searches, not before the reload: time
		// it apart.
		b.StopTimer()
		start, startCPU := time.Now(), cpuTime()
		if got, _ := mem.File("en/search-index.json"); !bytes.Contains(got, fmt.Appendf(nil, `"editmark%d"`, n)) {
			b.Fatal("the edit is not in the search index")
		}
		indexTime += time.Since(start)
		indexCPU += cpuTime() - startCPU
		b.StartTimer()
	}
	b.ReportMetric(float64(indexTime.Microseconds())/1000/float64(n), "index-ms/op")
	b.ReportMetric(float64((cpuTime()-cpu0-indexCPU).Microseconds())/1000/float64(n), "cpu-ms/op")
}
