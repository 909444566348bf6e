package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// BenchmarkEditToReload measures what a writer sees under scoperef serve: the time from saving
// a page to the browser showing the saved text. It runs the scoperef command's serve on a copy
// of the shipped project, opens the page in headless Chromium, and per iteration rewrites the
// page's English source with a new line and waits until the page's text holds it (fsnotify,
// the server's batching, the rebuild, the reload event, the browser's reload and rendering).
// Between iterations it waits, untimed, for the reloaded page to listen for the next event.
//
// ns/op is until the browser reports the reloaded document parsed (DOMContentLoaded) and the
// test has checked that its text holds the edit; ms-to-DOMContentLoaded is the browser's own
// timing of the same: from saving to the reloaded page parsed, styled from cache and its
// scripts run, with its median, 90th percentile and maximum. The first edit is the first
// reload of the tab, which the browser takes longest over; -v logs each edit's times.
//
//	go test ./internal/e2e -run '^$' -bench EditToReload -benchtime 20x
func BenchmarkEditToReload(b *testing.B) {
	needChromium(b)
	bin, err := scoperefBin()
	if err != nil {
		b.Fatal(err)
	}
	root := tempDir(b, "serve")
	for _, dir := range []string{"content", "locales"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repoRoot, dir))); err != nil {
			b.Fatal(err)
		}
	}
	const source = "content/pages/reference/index.md"
	src, err := fs.ReadFile(os.DirFS(root), source)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "-root", root, "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+buildEpoch)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	var log strings.Builder
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Wait()
	defer cancel()
	base := ""
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err == nil {
		if _, rest, ok := strings.Cut(line, "serving "); ok {
			base = strings.TrimSuffix(strings.Fields(rest)[0], "/")
		}
	}
	if base == "" {
		b.Fatalf("scoperef serve did not start:\n%s", log.String())
	}
	// serve binds 127.0.0.1:0 to a free port and prints it.
	tabCtx, closeTab := chromedp.NewContext(browser(b))
	defer closeTab()
	if err := chromedp.Do(tabCtx, chromedp.Navigate(base+"/en/reference")); err != nil {
		b.Fatal(err)
	}
	shows := func(text string) bool {
		js := fmt.Sprintf(`!!document.body && document.body.innerText.includes(%q)`, text)
		ok, err := chromedp.Run(tabCtx, chromedp.Evaluate[bool](js))
		return err == nil && ok
	}
	// The browser says when a document has been parsed: wait for that rather than ask the page
	// again and again, which would slow down the very loading being timed.
	parsed := make(chan struct{}, 16)
	if err := chromedp.Listen(tabCtx, func(ev any) {
		if _, ok := ev.(*page.EventDomContentEventFired); ok {
			select {
			case parsed <- struct{}{}:
			default:
			}
		}
	}); err != nil {
		b.Fatal(err)
	}
	settle := func() {
		// The reloaded page connects to the server's event stream on load; give it time.
		time.Sleep(400 * time.Millisecond)
	}
	settle()
	n := 0
	var loaded []float64 // the times from saving to DOMContentLoaded, in ms
	for b.Loop() {
		n++
		marker := fmt.Sprintf("editmark%d", n)
		edited := append([]byte(string(src)), fmt.Sprintf("\nEdited, %s.\n", marker)...)
		saved := time.Now()
		if err := os.WriteFile(filepath.Join(root, source), edited, 0o644); err != nil {
			b.Fatal(err)
		}
		timeout := time.After(10 * time.Second)
		for done := false; !done; {
			select {
			case <-parsed:
				done = shows(marker) // else an earlier document: wait for the next
			case <-timeout:
				b.Fatalf("the edit did not show within 10 s; serve said:\n%s", log.String())
			}
		}
		b.StopTimer()
		// The browser's own record of the reload: when it started (timeOrigin), when the page
		// arrived, and when it was parsed and its scripts had run (DOMContentLoaded).
		js := `(() => { const n = performance.getEntriesByType("navigation")[0]; return [performance.timeOrigin, n.responseEnd, n.domContentLoadedEventEnd]; })()`
		t, err := chromedp.Run(tabCtx, chromedp.Evaluate[[]float64](js))
		if err != nil || len(t) != 3 {
			b.Fatalf("reading the navigation timing: %v", err)
		}
		start := t[0] - float64(saved.UnixNano())/1e6
		loaded = append(loaded, start+t[2])
		if testing.Verbose() {
			b.Logf("save → reload starts %.0f ms (the server's share); response %.0f ms, DOMContentLoaded %.0f ms after that",
				start, t[1], t[2])
		}
		settle()
		b.StartTimer()
	}
	slices.Sort(loaded)
	var sum float64
	for _, ms := range loaded {
		sum += ms
	}
	b.ReportMetric(sum/float64(len(loaded)), "ms-to-DOMContentLoaded")
	b.ReportMetric(loaded[len(loaded)/2], "median-ms")
	b.ReportMetric(loaded[(len(loaded)*9)/10], "p90-ms")
	b.ReportMetric(loaded[len(loaded)-1], "max-ms")
}
