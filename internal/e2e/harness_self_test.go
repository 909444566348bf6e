package e2e

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHarnessSeesProblems keeps the error checks honest: a page that logs an error, throws,
// opens an alert, requests a missing file and asks another host is reported for each of them.
func TestHarnessSeesProblems(t *testing.T) {
	needChromium(t)
	dir := tempDir(t, "bad-page")
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title>
<link rel="icon" href="data:,"></head><body>
<img src="/missing.png" alt="">
<img src="http://localhost:1/elsewhere.png" alt="">
<script>console.error("logged error"); alert("hello"); setTimeout(function () { throw new Error("thrown later"); }, 0);</script>
</body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &siteUnderTest{dir: dir, host: ln.Addr().String()}
	s.base = "http://" + s.host
	s.srv = &http.Server{Handler: staticHandler(dir), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	defer s.close()

	tb := newTab(t, s)
	tb.open("/")
	tb.waitFor("the exception", `new Promise(r => setTimeout(() => r(true), 100))`)
	problems := strings.Join(tb.log.take(), "\n")
	for _, want := range []string{
		"console.error: logged error",
		"JavaScript alert dialog opened: \"hello\"",
		"uncaught exception",
		"thrown later",
		"HTTP 404 for " + s.base + "/missing.png",
		"request to another host: http://localhost:1/elsewhere.png",
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("the page log lacks %q; it has:\n%s", want, problems)
		}
	}
}
