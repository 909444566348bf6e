package access

import (
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
)

// cpuTimer measures the CPU time of the benchmark's own thread, from start
// (after ResetTimer) to report, which adds it as "cpu-ns/op".
type cpuTimer struct{ start int64 }

func startCPU() cpuTimer {
	runtime.LockOSThread()
	return cpuTimer{threadCPU()}
}

func (c cpuTimer) report(b *testing.B) {
	end := threadCPU()
	runtime.UnlockOSThread()
	if c.start >= 0 && end >= 0 && b.N > 0 {
		b.ReportMetric(float64(end-c.start)/float64(b.N), "cpu-ns/op")
	}
}

// benchPaths returns a concrete request for every route of the fixture.
func benchPaths(tb testing.TB) []route {
	var rs []route
	for _, r := range dotcomRoutes(tb) {
		rs = append(rs, route{r.method, concretePath(r.path)})
	}
	return rs
}

// serveMuxPattern turns a template into a ServeMux pattern: "/" becomes
// "/{$}" (exact match) and parameter names become Go identifiers.
func serveMuxPattern(method, path string) string {
	if path == "/" {
		return method + " /{$}"
	}
	return method + " " + strings.ReplaceAll(path, "-", "_")
}

// newServeMux registers every route; ServeMux panics on patterns it cannot
// hold. It returns the numbers rejected as conflicting with an earlier
// pattern (neither more specific) and as invalid (a wildcard inside a
// segment).
func newServeMux(tb testing.TB) (mux *http.ServeMux, conflicts, invalid int) {
	mux = http.NewServeMux()
	h := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for _, r := range dotcomRoutes(tb) {
		func() {
			defer func() {
				if e := recover(); e != nil {
					if strings.Contains(fmt.Sprint(e), "conflicts with") {
						conflicts++
					} else {
						invalid++
					}
				}
			}()
			mux.Handle(serveMuxPattern(r.method, r.path), h)
		}()
	}
	return mux, conflicts, invalid
}

func BenchmarkLookup(b *testing.B) {
	t := testTable(b)
	paths := benchPaths(b)
	b.Run("scoperef", func(b *testing.B) {
		t.Lookup("GET", "/") // build the index outside the timer
		runtime.GC()         // and collect the set-up garbage
		b.ReportAllocs()
		b.ResetTimer()
		cpu := startCPU()
		n, j := 0, 0
		for i := 0; i < b.N; i++ {
			r := &paths[j]
			if j++; j == len(paths) {
				j = 0
			}
			if _, _, ok := t.Lookup(r.method, r.path); ok {
				n++
			}
		}
		cpu.report(b)
		if n != b.N {
			b.Fatalf("%d of %d lookups failed", b.N-n, b.N)
		}
	})
	b.Run("servemux", func(b *testing.B) {
		mux, conflicts, invalid := newServeMux(b)
		b.Logf("ServeMux rejected %d of %d patterns: %d conflicts, %d invalid", conflicts+invalid, len(paths), conflicts, invalid)
		reqs := make([]*http.Request, len(paths))
		for i, r := range paths {
			reqs[i] = &http.Request{Method: r.method, Host: "api.github.com", URL: &url.URL{Path: r.path}}
		}
		runtime.GC()
		b.ReportAllocs()
		b.ResetTimer()
		cpu := startCPU()
		j := 0
		for i := 0; i < b.N; i++ {
			mux.Handler(reqs[j])
			if j++; j == len(reqs) {
				j = 0
			}
		}
		cpu.report(b)
	})
}

func BenchmarkCheck(b *testing.B) {
	t := testTable(b)
	paths := benchPaths(b)
	grants := map[string]Grants{
		"classic":      mustClassic(b, t, "repo", "read:org", "gist", "user"),
		"fine-grained": mustFine(b, t, map[string]Level{"issues": Write, "contents": Read, "pull_requests": Read, "members": Read}),
	}
	for _, name := range []string{"classic", "fine-grained"} {
		g := grants[name]
		b.Run(name, func(b *testing.B) {
			for _, r := range paths { // build the lazy header strings outside the timer
				t.Check(g, r.method, r.path, Private)
				t.Check(g, r.method, r.path, Public)
			}
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			j, allowed := 0, 0
			for i := 0; i < b.N; i++ {
				r := &paths[j]
				if j++; j == len(paths) {
					j = 0
				}
				if t.Check(g, r.method, r.path, Visibility(i&1)).Allowed {
					allowed++
				}
			}
			cpu.report(b)
			if b.N > 2*len(paths) && (allowed == 0 || allowed == b.N) {
				b.Fatalf("%d of %d allowed: the benchmark does not exercise both outcomes", allowed, b.N)
			}
		})
	}
}
