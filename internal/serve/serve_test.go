package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/scoperef/scoperef/internal/site"
)

func memSite(t *testing.T, files map[string]string) *site.Mem {
	m := site.NewMem()
	for n, d := range files {
		if err := m.WriteFile(n, []byte(d)); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestHandler(t *testing.T) {
	files := memSite(t, map[string]string{
		"fr/index.html":                  "<html><head></head><body>accueil</body></html>",
		"fr/reference/scopes/index.html": "<html><head></head><body>étendues</body></html>",
		"404.html":                       "<html><head></head><body>not found</body></html>",
		"assets/site.abc.css":            "body{}",
		"assets/site.0123456789.js":      "go()",
	})
	s := New(Options{Build: func([]string) (*site.Mem, error) { return files, nil }})
	if err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	get := func(path, accept string) *http.Response {
		req := httptest.NewRequest("GET", path, nil)
		if accept != "" {
			req.Header.Set("Accept-Language", accept)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Result()
	}
	for accept, want := range map[string]string{"fr-CA,fr;q=0.9": "/fr", "ko": "/ko", "de": "/en", "": "/en", "de, ja;q=0.5": "/ja"} {
		r := get("/", accept)
		if r.StatusCode != http.StatusFound || r.Header.Get("Location") != want {
			t.Errorf("/ with Accept-Language %q: %d %s, want 302 %s", accept, r.StatusCode, r.Header.Get("Location"), want)
		}
	}
	r := get("/fr/reference/scopes", "")
	body, _ := io.ReadAll(r.Body)
	if r.StatusCode != 200 || !strings.Contains(string(body), "étendues") || !strings.Contains(string(body), scriptPath) {
		t.Errorf("page: %d %q", r.StatusCode, body)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q", ct)
	}
	r = get("/fr/nowhere", "")
	body, _ = io.ReadAll(r.Body)
	if r.StatusCode != 404 || !strings.Contains(string(body), "not found") {
		t.Errorf("missing page: %d %q", r.StatusCode, body)
	}
	r = get("/assets/site.abc.css", "")
	body, _ = io.ReadAll(r.Body)
	if r.StatusCode != 200 || string(body) != "body{}" || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Errorf("asset: %d %q %s", r.StatusCode, body, r.Header.Get("Content-Type"))
	}
	if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("an asset without a fingerprint: Cache-Control %q", cc)
	}
	if cc := get("/assets/site.0123456789.js", "").Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("a fingerprinted asset: Cache-Control %q, want immutable", cc)
	}
	if cc := get("/fr/reference/scopes", "").Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("a page: Cache-Control %q, want no-store", cc)
	}
	if r := get("/../../etc/passwd", ""); r.StatusCode != 404 {
		t.Errorf("path escape: %d", r.StatusCode)
	}
}

func TestFailedBuildShownAndLastGoodKept(t *testing.T) {
	fail := atomic.Bool{}
	good := memSite(t, map[string]string{"en/index.html": "<html><head></head><body>home</body></html>", "404.html": "x"})
	s := New(Options{Build: func([]string) (*site.Mem, error) {
		if fail.Load() {
			return nil, errors.New("content/pages/index.md:3:1: link to /nowhere: no such page <b>")
		}
		return good, nil
	}})
	fail.Store(true)
	s.Rebuild(nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/en", nil))
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "no such page &lt;b&gt;") {
		t.Errorf("before any good build: %d %q", rec.Code, rec.Body.String())
	}
	fail.Store(false)
	s.Rebuild(nil)
	fail.Store(true)

	_, events := listen(t, s)
	s.Rebuild(nil)
	if ev := readEvent(t, events); ev != "reload:" {
		t.Errorf("event as a build starts: %q", ev)
	}
	if ev := readEvent(t, events); !strings.HasPrefix(ev, "failed:content/pages/index.md:3:1") {
		t.Errorf("event after a failed build: %q", ev)
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/en", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "home") {
		t.Errorf("after a failed build the last good one is served: %d %q", rec.Code, rec.Body.String())
	}
	fail.Store(false)
	s.Rebuild(nil)
	if ev := readEvent(t, events); ev != "reload:" {
		t.Errorf("event as a good build starts: %q", ev)
	}
}

// TestRequestsWaitForTheBuild: open pages are told to reload as a build starts, and a request
// made while it runs gets what it builds, not the site before it.
func TestRequestsWaitForTheBuild(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	s := New(Options{Build: func([]string) (*site.Mem, error) {
		if calls.Add(1) == 1 {
			return memSite(t, map[string]string{"en/index.html": "<html><head></head><body>old</body></html>"}), nil
		}
		<-release
		return memSite(t, map[string]string{"en/index.html": "<html><head></head><body>new</body></html>"}), nil
	}})
	s.Rebuild(nil)
	srv, events := listen(t, s)
	go s.Rebuild([]string{"content/pages/index.md"})
	if ev := readEvent(t, events); ev != "reload:" {
		t.Fatalf("event as the build starts: %q", ev)
	}
	page := make(chan string, 1)
	go func() {
		r, err := http.Get(srv.URL + "/en")
		if err != nil {
			page <- err.Error()
			return
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		page <- string(b)
	}()
	select {
	case p := <-page:
		t.Fatalf("a request was answered while the build ran: %q", p)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if p := <-page; !strings.Contains(p, "new") {
		t.Errorf("the request got %q, want the new build", p)
	}
}

// listen serves s over HTTP for the test and opens its event stream, whose first event, the
// state of a good build, it reads.
func listen(t *testing.T, s *Server) (*httptest.Server, *bufio.Reader) {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	events := bufio.NewReader(resp.Body)
	if ev := readEvent(t, events); ev != "ok:" {
		t.Fatalf("first event %q", ev)
	}
	return srv, events
}

// readEvent reads one server-sent event as "name:data".
func readEvent(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	var name, data string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			return name + ":" + data
		case strings.HasPrefix(line, "event: "):
			name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			data += line[len("data: "):]
		}
	}
}

func TestWatchBatches(t *testing.T) {
	dir := t.TempDir()
	var builds atomic.Int32
	w, err := newWatcher([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{}, 10)
	var mu sync.Mutex
	var got [][]string
	// A quiet time far above the microseconds between the writes below, so that a loaded
	// machine does not split them into two batches.
	go w.loop(ctx, 250*time.Millisecond, func(changed []string) {
		mu.Lock()
		got = append(got, changed)
		mu.Unlock()
		builds.Add(1)
		done <- struct{}{}
	})
	for _, n := range []string{"a.md", "b.md", "c.md"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".a.md.swp"), []byte("x"), 0o644)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("no rebuild")
	}
	time.Sleep(400 * time.Millisecond)
	if n := builds.Load(); n != 1 {
		t.Errorf("%d rebuilds for three quick writes, want 1", n)
	}
	mu.Lock()
	if len(got) != 1 || len(got[0]) != 3 || filepath.Base(got[0][0]) != "a.md" || filepath.Base(got[0][2]) != "c.md" {
		t.Errorf("changed files %q, want a.md, b.md, c.md", got)
	}
	mu.Unlock()
	// A folder created later is watched too.
	sub := filepath.Join(dir, "new")
	os.Mkdir(sub, 0o755)
	<-done
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(filepath.Join(sub, "d.md"), []byte("x"), 0o644)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("no rebuild for a file in a new folder")
	}
}
