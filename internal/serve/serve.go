// Package serve is the editing server behind scoperef serve: it builds the site in memory,
// serves it on a local address, rebuilds when a source file changes, and tells open pages to
// reload.
//
// Inputs: a Build function (the whole site, as scoperef build makes it, into a *site.Mem), the
// folders to watch, the site's languages, and the address to listen on (127.0.0.1 by default;
// the server is for one person editing, not for publishing).
//
// Behaviour:
//   - GET / negotiates the reader's language from Accept-Language with golang.org/x/text's
//     matcher (package i18n) and redirects to that language's home page; every other path is
//     served from the last good build: /fr/reference/scopes serves fr/reference/scopes/index.html,
//     unknown paths get 404.html with status 404.
//   - Changes under the watched folders (fsnotify, folders created later included) are batched:
//     a rebuild starts once no change has arrived for Debounce (10 ms), so saving several files
//     at once rebuilds once.
//   - Every HTML response gets a small script that listens on /__scoperef/events
//     (server-sent events). When a rebuild starts the server sends "reload", and requests for
//     the site wait until the build has finished: the browser unloads the page and asks for it
//     again while the site builds, rather than after. When the build fails the server sends
//     "failed" with the diagnostics, which the script shows over the page, and the last good
//     build stays served. A page opened while the build is broken shows the errors at once.
//   - Responses are never cached, so a reload always shows the latest build; fingerprinted
//     assets (site.Fingerprinted), whose names change with their content, are cached for good.
//
// Invariant: a build never runs concurrently with another one, and requests never see a
// half-built site: the served *site.Mem is swapped in only once a build has finished.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/site"
)

// Debounce is how long the server waits after a change for more changes before rebuilding. An
// editor saves a file in a few events within a millisecond or two; 10 ms batches them without
// adding much to the time an edit takes to show. Changes that arrive during a build start
// another one when it ends.
const Debounce = 10 * time.Millisecond

// Options configure a Server.
type Options struct {
	// Build builds the whole site. changed lists the files that changed since the previous
	// build (nil for the first build, or when unknown), so that Build may reuse work. The error,
	// when not nil, is shown to the reader as text.
	Build func(changed []string) (*site.Mem, error)
	// Watch lists the folders whose changes trigger a rebuild (subfolders included).
	Watch []string
	// Langs are the site's languages, the default first.
	Langs []string
	// Log receives one line per rebuild; nil discards them.
	Log io.Writer
}

// Server serves the site and rebuilds it.
type Server struct {
	opts    Options
	matcher language.Matcher

	mu      sync.RWMutex
	files   *site.Mem // last good build; nil until one succeeds
	failure string    // diagnostics of the last build when it failed
	clients map[chan event]bool
	builds  int // finished builds, good or bad
	built   chan struct{}
	// idle is closed when no build is running; a build replaces it with an open one.
	idle chan struct{}
}

type event struct{ name, data string }

// New returns a server; call Rebuild or Run to build the site.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if len(opts.Langs) == 0 {
		opts.Langs = i18n.Languages
	}
	idle := make(chan struct{})
	close(idle)
	return &Server{opts: opts, matcher: i18n.NewMatcher(opts.Langs), clients: map[chan event]bool{}, built: make(chan struct{}), idle: idle}
}

// Rebuild builds the site now, installs it when the build succeeds, and notifies open pages:
// "reload" as it starts (their requests wait for the build), "failed" if it fails. changed
// lists the files that changed, or is nil.
func (s *Server) Rebuild(changed []string) error {
	start := time.Now()
	idle := make(chan struct{})
	s.mu.Lock()
	s.idle = idle
	s.notify(event{name: "reload"})
	s.mu.Unlock()
	files, err := s.opts.Build(changed)
	s.mu.Lock()
	if err != nil {
		s.failure = err.Error()
		s.notify(event{name: "failed", data: s.failure})
	} else {
		s.files, s.failure = files, ""
	}
	s.builds++
	close(s.built)
	s.built = make(chan struct{})
	close(idle)
	s.mu.Unlock()
	if err != nil {
		fmt.Fprintf(s.opts.Log, "build failed in %v:\n%v\n", time.Since(start).Round(time.Millisecond), err)
	} else {
		fmt.Fprintf(s.opts.Log, "built %d files in %v\n", len(files.Names()), time.Since(start).Round(time.Millisecond))
	}
	return err
}

// notify sends ev to every open page; s.mu is held.
func (s *Server) notify(ev event) {
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a slow client misses an event; it gets the state on reconnect
		}
	}
}

func isClosed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// settle waits until no build is running, or until ctx ends.
func (s *Server) settle(ctx context.Context) {
	s.mu.RLock()
	idle := s.idle
	s.mu.RUnlock()
	select {
	case <-idle:
	case <-ctx.Done():
	}
}

// Builds returns the number of finished builds and a channel closed when the next one finishes.
func (s *Server) Builds() (int, <-chan struct{}) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.builds, s.built
}

// Run builds the site, listens on addr, prints the site's URL to w, and serves until ctx ends,
// rebuilding on changes.
func (s *Server) Run(ctx context.Context, addr string, w io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	watcher, err := newWatcher(s.opts.Watch)
	if err != nil {
		return err
	}
	defer watcher.Close()
	s.Rebuild(nil) // a failure is shown in the browser; keep serving
	fmt.Fprintf(w, "serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	go watcher.loop(ctx, Debounce, func(changed []string) { s.Rebuild(changed) })
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ServeHTTP serves the site, the event stream and the live-reload script.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, liveScript)
		return
	case "/":
		lang := i18n.MatchIn(s.matcher, s.opts.Langs, r.Header.Get("Accept-Language"))
		w.Header().Set("Vary", "Accept-Language")
		http.Redirect(w, r, "/"+lang, http.StatusFound)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.settle(r.Context())
	s.mu.RLock()
	files, failure := s.files, s.failure
	s.mu.RUnlock()
	if files == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, inject(errorPage(failure)))
		return
	}
	name, data, status := lookup(files, r.URL.Path)
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if status == http.StatusOK && site.Fingerprinted(name) {
		// The name changes with the content: a reload need not fetch it again.
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	if strings.HasSuffix(name, ".html") {
		data = []byte(inject(string(data)))
	}
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// lookup maps a URL path to a built file: the file itself, or the folder's index.html, or
// 404.html.
func lookup(files *site.Mem, urlPath string) (string, []byte, int) {
	name := strings.Trim(path.Clean("/"+urlPath), "/")
	if name != "" {
		if data, ok := files.File(name); ok {
			return name, data, http.StatusOK
		}
	}
	index := strings.TrimPrefix(name+"/index.html", "/")
	if data, ok := files.File(index); ok {
		return index, data, http.StatusOK
	}
	data, _ := files.File("404.html")
	return "404.html", data, http.StatusNotFound
}

const (
	eventsPath = "/__scoperef/events"
	scriptPath = "/__scoperef/live.js"
)

// inject adds the live-reload script to an HTML page.
func inject(page string) string {
	// Deferred: the page is parsed and shown without waiting for the script.
	tag := `<script src="` + scriptPath + `" defer></script>`
	if i := strings.Index(page, "</head>"); i >= 0 {
		return page[:i] + tag + "\n" + page[i:]
	}
	return page + tag
}

// events streams server-sent events: the current state at once, then one event per build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	c := make(chan event, 4)
	// Register when no build is running, so that the state sent is the latest build's and any
	// later build's "reload" reaches this page.
	for {
		s.settle(r.Context())
		if r.Context().Err() != nil {
			return
		}
		s.mu.Lock()
		if isClosed(s.idle) {
			break
		}
		s.mu.Unlock()
	}
	s.clients[c] = true
	state := event{name: "ok"}
	if s.failure != "" {
		state = event{name: "failed", data: s.failure}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	writeEvent(w, state)
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			writeEvent(w, ev)
			flusher.Flush()
		}
	}
}

func writeEvent(w io.Writer, ev event) {
	var b bytes.Buffer
	b.WriteString("event: " + ev.name + "\n")
	for line := range strings.SplitSeq(ev.data, "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	w.Write(b.Bytes())
}

// errorPage is served while no build has succeeded yet.
func errorPage(failure string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Build failed - scoperef</title>\n</head>\n<body>\n")
	b.WriteString("<h1>The site did not build</h1>\n<p>Fix the errors below; this page reloads when the build succeeds.</p>\n<pre>")
	b.WriteString(htmlEscape(failure))
	b.WriteString("</pre>\n</body>\n</html>\n")
	return b.String()
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// liveScript reloads the page after a good build and shows the errors of a failed one.
const liveScript = `(function () {
  "use strict";
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.setAttribute("lang", "en");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:1000;max-height:60vh;overflow:auto;" +
        "padding:1rem 1.25rem;border:2px solid #cf222e;border-radius:6px;background:#fff;color:#1f2328;" +
        "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 8px 24px rgba(0,0,0,.25)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("strong");
    h.textContent = "scoperef: the build failed; showing the last good build.";
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:.5rem 0 0;white-space:pre-wrap";
    pre.textContent = text;
    box.appendChild(h);
    box.appendChild(pre);
  }
  var es = new EventSource("` + eventsPath + `");
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("failed", function (e) { show(e.data); });
})();
`
