package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/project"
	"github.com/scoperef/scoperef/internal/reference"
	"github.com/scoperef/scoperef/internal/site"
	"github.com/scoperef/scoperef/internal/validate"
)

// repoRoot is the project the repository ships, relative to this package.
const repoRoot = "../.."

// buildEpoch fixes the build date (2026-11-23), so release banners do not change under the tests.
const buildEpoch = "1795305600"

func TestMain(m *testing.M) {
	code := m.Run()
	stopAll()
	os.Exit(code)
}

// A built site served on loopback.
type siteUnderTest struct {
	dir     string // the built site
	base    string // "http://127.0.0.1:PORT"
	host    string // "127.0.0.1:PORT"
	model   *model.Model
	gen     *reference.Generator
	srv     *http.Server
	cleanup []func()
}

var (
	shipped     siteOnce
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	stopBrowser context.CancelFunc
	tmpRoot     string
	tmpOnce     sync.Once
)

type siteOnce struct {
	once sync.Once
	site *siteUnderTest
	err  error
}

// stopAll ends the browser and the servers and removes the temporary folders.
func stopAll() {
	if stopBrowser != nil {
		stopBrowser()
	}
	if s := shipped.site; s != nil {
		s.close()
	}
	if tmpRoot != "" {
		os.RemoveAll(tmpRoot)
	}
}

// newTempDir returns a new folder under the run's temporary folder, which TestMain removes.
func newTempDir(name string) (string, error) {
	tmpOnce.Do(func() { tmpRoot, _ = os.MkdirTemp("", "scoperef-e2e-") })
	if tmpRoot == "" {
		return "", errors.New("no temporary folder")
	}
	return os.MkdirTemp(tmpRoot, name+"-")
}

func tempDir(t testing.TB, name string) string {
	dir, err := newTempDir(name)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// needChromium skips the test when there is no chromium binary on PATH.
func needChromium(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("no chromium on PATH: browser tests skipped (install Debian's chromium package; .ci/run does when CI=true)")
	}
	return p
}

// shippedSite builds the shipped project once per run and serves it.
func shippedSite(t *testing.T) *siteUnderTest {
	t.Helper()
	needChromium(t)
	shipped.once.Do(func() {
		shipped.site, shipped.err = buildAndServe(t, repoRoot, "shipped")
	})
	if shipped.err != nil {
		t.Fatal(shipped.err)
	}
	return shipped.site
}

// scoperefBin builds the scoperef command once per run.
var scoperefBin = sync.OnceValues(func() (string, error) {
	dir, err := newTempDir("bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "scoperef")
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goCmd, "build", "-o", bin, "github.com/scoperef/scoperef/cmd/scoperef")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/scoperef: %v\n%s", err, out)
	}
	return bin, nil
})

// buildAndServe runs scoperef build on root into a temporary folder, loads the project's model
// and serves the built site on a random loopback port.
func buildAndServe(t *testing.T, root, name string) (*siteUnderTest, error) {
	bin, err := scoperefBin()
	if err != nil {
		return nil, err
	}
	out := filepath.Join(tempDir(t, name), "public")
	start := time.Now()
	cmd := exec.Command(bin, "build", "-root", root, "-o", out, "-base-url", "https://scoperef.example")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+buildEpoch)
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("scoperef build -root %s: %v\n%s", root, err, b)
	}
	t.Logf("built %s into %s in %v", root, out, time.Since(start).Round(time.Millisecond))
	m, err := loadModel(root)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &siteUnderTest{dir: out, host: ln.Addr().String(), model: m,
		gen: reference.New(m, reference.English{}, reference.Options{})}
	s.base = "http://" + s.host
	s.srv = &http.Server{Handler: staticHandler(out), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *siteUnderTest) close() {
	if s.srv != nil {
		s.srv.Close()
	}
}

// loadModel loads root's data as scoperef build does.
func loadModel(root string) (*model.Model, error) {
	os.Setenv("SOURCE_DATE_EPOCH", buildEpoch)
	p, err := project.Open(root)
	if err != nil {
		return nil, err
	}
	schemas, err := validate.CompileSchemas(p.Schemas)
	if err != nil {
		return nil, err
	}
	m, diags := validate.Load(validate.Options{Root: p.Root, Schemas: schemas, BuildDate: p.BuildDate})
	if diags.HasErrors() {
		return nil, diags.Err()
	}
	return m, nil
}

// staticHandler serves a built site as a static host does: /a/b serves a/b when it is a file,
// else a/b/index.html, else 404.html with status 404.
func staticHandler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		status := http.StatusOK
		file := filepath.Join(dir, filepath.FromSlash(name))
		if info, err := os.Stat(file); err == nil && info.IsDir() {
			file = filepath.Join(file, "index.html")
		}
		data, err := os.ReadFile(file)
		if err != nil {
			file, status = filepath.Join(dir, "404.html"), http.StatusNotFound
			data, _ = os.ReadFile(file)
		}
		ctype := mime.TypeByExtension(filepath.Ext(file))
		switch filepath.Ext(file) {
		case ".atom":
			ctype = "application/atom+xml"
		case ".csv":
			ctype = "text/csv; charset=utf-8"
		case "":
			ctype = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		if r.Method == http.MethodGet {
			w.Write(data)
		}
	})
}

// browser starts headless Chromium once per run.
func browser(t testing.TB) context.Context {
	t.Helper()
	exe := needChromium(t)
	browserOnce.Do(func() {
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(exe),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.Flag("disable-default-apps", true),
			chromedp.Flag("metrics-recording-only", true),
			chromedp.Flag("no-pings", true),
			// Tabs the tests open are not in front: keep Chromium from slowing them down.
			chromedp.Flag("disable-background-timer-throttling", true),
			chromedp.Flag("disable-backgrounding-occluded-windows", true),
			chromedp.Flag("disable-renderer-backgrounding", true),
			chromedp.UserDataDir(tempDir(t, "profile")),
			chromedp.WindowSize(1280, 900),
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(alloc)
		stopBrowser = func() { cancel(); cancelAlloc() }
		// The first Run starts the browser; it must not have a timeout of its own.
		browserErr = chromedp.Do(ctx, chromedp.Navigate("about:blank"))
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatalf("starting chromium: %v", browserErr)
	}
	return browserCtx
}

// A tab is one browser tab with a record of what its pages did.
type tab struct {
	t    *testing.T
	ctx  context.Context
	site *siteUnderTest
	log  *pageLog
}

// newTab opens a tab; it closes when the test ends. Every action in the tab is bounded by a
// timeout so that a hung page fails the test instead of blocking the run.
func newTab(t *testing.T, s *siteUnderTest) *tab {
	t.Helper()
	parent := browser(t)
	ctx, cancel := chromedp.NewContext(parent)
	t.Cleanup(cancel)
	lg := &pageLog{host: s.host, inflight: map[network.RequestID]string{}}
	dialogs := make(chan string, 16)
	lg.dialogs = dialogs
	if err := chromedp.Listen(ctx, lg.event); err != nil {
		t.Fatal(err)
	}
	go func() { // an alert blocks the page until it is closed
		for range dialogs {
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	t.Cleanup(func() { lg.mu.Lock(); lg.closed = true; close(dialogs); lg.mu.Unlock() })
	return &tab{t: t, ctx: ctx, site: s, log: lg}
}

// pageLog records the problems of the pages of a tab: console errors, uncaught exceptions,
// browser log errors, failed requests, responses with an error status, requests to other hosts,
// and JavaScript dialogs (which no page opens).
type pageLog struct {
	host     string
	mu       sync.Mutex
	problems []string
	requests int
	inflight map[network.RequestID]string
	lastNet  time.Time
	allow    map[string]bool // URLs whose 404 is expected
	dialogs  chan string
	closed   bool
}

// event runs on the tab's reading goroutine: it must be quick and must not call the browser.
func (l *pageLog) event(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *cdpruntime.EventConsoleAPICalled:
		if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				var str string
				switch {
				case a.Description != "":
					parts = append(parts, a.Description)
				case json.Unmarshal(a.Value, &str) == nil:
					parts = append(parts, str)
				default:
					parts = append(parts, string(a.Value))
				}
			}
			l.problems = append(l.problems, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
		}
	case *cdpruntime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		l.problems = append(l.problems, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError && !l.allow[e.URL] {
			l.problems = append(l.problems, fmt.Sprintf("browser log (%s): %s %s", e.Source, e.Text, e.URL))
		}
	case *network.EventRequestWillBeSent:
		l.requests++
		u := ev.Request.URL
		if !l.local(u) {
			l.problems = append(l.problems, "request to another host: "+u)
		}
		if strings.HasPrefix(u, "http") {
			l.inflight[ev.RequestID] = u
			l.lastNet = time.Now()
		}
	case *network.EventResponseReceived:
		if r := ev.Response; r.Status >= 400 && !l.allow[r.URL] {
			l.problems = append(l.problems, fmt.Sprintf("HTTP %d for %s", r.Status, r.URL))
		}
	case *network.EventLoadingFinished:
		delete(l.inflight, ev.RequestID)
		l.lastNet = time.Now()
	case *network.EventLoadingFailed:
		if u, ok := l.inflight[ev.RequestID]; ok && !ev.Canceled {
			l.problems = append(l.problems, fmt.Sprintf("request failed: %s: %s %s", u, ev.ErrorText, ev.BlockedReason))
		}
		delete(l.inflight, ev.RequestID)
		l.lastNet = time.Now()
	case *page.EventJavascriptDialogOpening:
		l.problems = append(l.problems, fmt.Sprintf("a JavaScript %s dialog opened: %q", ev.Type, ev.Message))
		if !l.closed {
			select {
			case l.dialogs <- ev.Message:
			default:
			}
		}
	}
}

// local reports whether u stays on the test server (or is data:, blob: or about:).
func (l *pageLog) local(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "data", "blob", "about":
		return true
	case "http":
		return p.Host == l.host
	}
	return false
}

// take returns and clears the problems seen so far.
func (l *pageLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.problems
	l.problems = nil
	return p
}

// expectMissing lets the next responses for u be 404s.
func (l *pageLog) expectMissing(u string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.allow == nil {
		l.allow = map[string]bool{}
	}
	l.allow[u] = true
}

// forgetInflight drops the requests still open when a new page is loaded: they belong to the
// document being replaced, and Chromium does not always report their end once it is gone, so
// waiting for them would time out. Failures reported for them still count.
func (l *pageLog) forgetInflight() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.inflight)
}

// idle waits until no request has been in flight for quiet, at most max.
func (l *pageLog) idle(ctx context.Context, quiet, max time.Duration) error {
	deadline := time.Now().Add(max)
	for {
		l.mu.Lock()
		n, last := len(l.inflight), l.lastNet
		l.mu.Unlock()
		if n == 0 && time.Since(last) >= quiet {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d requests still in flight after %v", n, max)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// timeout bounds one step in a tab.
const timeout = 30 * time.Second

// step returns a context for one action, bounded by timeout.
func (tb *tab) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, timeout)
}

// open loads the site URL u ("/en/reference/scopes") and waits until the network is quiet.
func (tb *tab) open(u string) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	tb.log.forgetInflight()
	if err := chromedp.Do(ctx, chromedp.Navigate(tb.site.base+u)); err != nil {
		tb.t.Fatalf("open %s: %v", u, err)
	}
	tb.settle(u)
}

// settle waits for the page's own requests (fetches of data files) to end.
func (tb *tab) settle(where string) {
	tb.t.Helper()
	if err := tb.log.idle(tb.ctx, 150*time.Millisecond, 15*time.Second); err != nil {
		tb.t.Fatalf("%s: %v", where, err)
	}
}

// do runs actions, failing the test on error.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// navigateBy runs the action (a click, a key) and waits for the page it opens to load.
func (tb *tab) navigateBy(what string, trigger chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, trigger)); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
	tb.settle(what)
}

// eval evaluates a JavaScript expression in the page and decodes its value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %.80q: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript predicate until it is true.
func (tb *tab) waitFor(what, predicate string) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](predicate, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		tb.t.Fatalf("waiting for %s (%s): %v", what, predicate, err)
	}
}

// location returns the page's path, query and fragment.
func (tb *tab) location() string {
	return eval[string](tb, `location.pathname + location.search + location.hash`)
}

// noProblems fails the test for every problem the tab's pages had since the last call.
func (tb *tab) noProblems(where string) {
	tb.t.Helper()
	for _, p := range tb.log.take() {
		tb.t.Errorf("%s: %s", where, p)
	}
}

// versions lists the built versions in model order.
func (s *siteUnderTest) versions() []*model.Version { return s.model.Built() }

// url returns the site-absolute URL of path in lang and v.
func pageURL(lang string, v *model.Version, p string) string { return site.URL(lang, v, p, "") }

// exists reports whether the built site has the page at URL u.
func (s *siteUnderTest) exists(u string) bool {
	_, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(strings.TrimPrefix(u, "/")), "index.html"))
	return err == nil
}

// langs are the site's languages.
var langs = []string{"en", "fr", "ja", "ko"}

// versionByName returns a built version.
func (s *siteUnderTest) version(t *testing.T, name string) *model.Version {
	t.Helper()
	v, ok := s.model.Version(name)
	if !ok || !slices.Contains(s.model.Built(), v) {
		t.Fatalf("no built version %s", name)
	}
	return v
}
