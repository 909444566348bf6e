package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestServeUnderLoad runs scoperef serve on the starter dataset and sends it 200 concurrent
// requests at a time on loopback for 10 s (2 s with -short) while a page is rewritten every
// 300 ms, each time with a new title: no request may fail or get an error status, every HTML
// response must be a whole page (ending with </html>), and each page's title must be one that
// was written. The rebuilds must show (several titles served), and once the edits stop the last
// one is served. Then serve must stop on SIGINT.
func TestServeUnderLoad(t *testing.T) {
	duration := 10 * time.Second
	if testing.Short() {
		duration = 2 * time.Second
	}
	bin, err := exec.LookPath("scoperef")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(starterDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "content", "pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	guidePath := filepath.Join(root, "content", "pages", "guide.md")
	writeGuide := func(n int) {
		t.Helper()
		page := fmt.Sprintf("---\ntitle: Token guide %d\nintro: How tokens work.\n---\n\n## Kinds of tokens {#kinds}\n\nEdit %d.\n", n, n)
		if err := os.WriteFile(guidePath, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "content", "pages", "index.md"), []byte("---\ntitle: Home\n---\n\nRead [AUTOTITLE](/guide).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeGuide(0)

	cmd := exec.Command(bin, "serve", "-root", root, "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+strconv.FormatInt(buildDate.Unix(), 10))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)/`).FindStringSubmatch(sc.Text()); m != nil {
				base <- m[1]
			}
		}
	}()
	var url string
	select {
	case url = <-base:
	case <-time.After(60 * time.Second):
		t.Fatalf("scoperef serve did not start:\n%s", logs.String())
	}

	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 200, MaxIdleConns: 200}}
	paths := []string{"/", "/en/guide", "/fr/guide", "/ja/enterprise-server@3.19/guide", "/ko/enterprise-cloud@latest/guide",
		"/en/reference/scopes", "/fr/enterprise-server@3.19/reference/permissions/issues", "/ja/reference/endpoints/issues",
		"/en/enterprise-server@3.19/reference/downloads/endpoints.json", "/ko/no-such-page"}
	title := regexp.MustCompile(`<h1>Token guide (\d+)</h1>`)

	var (
		written  atomic.Int64 // the last title number written
		requests atomic.Int64
		mu       sync.Mutex
		failures []string
		seen     = map[int64]bool{}
		fail     = func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			if len(failures) < 20 {
				failures = append(failures, fmt.Sprintf(format, args...))
			}
		}
	)
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { // the editor
		tick := time.NewTicker(300 * time.Millisecond)
		defer tick.Stop()
		for n := int64(1); ; n++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				writeGuide(int(n))
				written.Store(n)
			}
		}
	})
	for w := range 200 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for ctx.Err() == nil {
				p := paths[rng.IntN(len(paths))]
				before := written.Load()
				resp, err := client.Get(url + p)
				if err != nil {
					if ctx.Err() == nil {
						fail("GET %s: %v", p, err)
					}
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests.Add(1)
				switch {
				case err != nil:
					fail("GET %s: reading the body: %v", p, err)
				case p == "/ko/no-such-page":
					if resp.StatusCode != http.StatusNotFound {
						fail("GET %s: status %d, want 404", p, resp.StatusCode)
					}
				case resp.StatusCode != http.StatusOK:
					fail("GET %s: status %d", p, resp.StatusCode)
				}
				if strings.HasSuffix(p, ".json") {
					if !json.Valid(body) {
						fail("GET %s: %d bytes of invalid JSON", p, len(body))
					}
					continue
				}
				if !bytes.HasSuffix(bytes.TrimSpace(body), []byte("</html>")) || !bytes.HasPrefix(body, []byte("<!DOCTYPE html>")) {
					fail("GET %s: not a whole page (%d bytes, ends %q)", p, len(body), tail(body))
				}
				if strings.HasSuffix(p, "/guide") {
					m := title.FindSubmatch(body)
					if m == nil {
						fail("GET %s: no guide title", p)
						continue
					}
					n, _ := strconv.ParseInt(string(m[1]), 10, 64)
					if after := written.Load(); n > after {
						fail("GET %s: title %d, but only %d..%d were written", p, n, before, after)
					}
					mu.Lock()
					seen[n] = true
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("%d requests in %v, %d edits, %d titles served", requests.Load(), duration, written.Load(), len(seen))
	if len(seen) < 3 {
		t.Errorf("only %d different guide titles were served: the server did not rebuild under load", len(seen))
	}

	// Once the edits stop, the last one is served.
	last := written.Load()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := client.Get(url + "/en/guide")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if m := title.FindSubmatch(body); m != nil && string(m[1]) == strconv.FormatInt(last, 10) {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("30 s after the last edit (%d), /en/guide does not show it", last)
		}
		time.Sleep(100 * time.Millisecond)
	}

	// serve stops on Ctrl-C.
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("scoperef serve exited with %v after SIGINT", err)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("scoperef serve did not stop within 10 s of SIGINT")
	}
	if t.Failed() {
		t.Logf("serve's log:\n%s", logs.String())
	}
}

func tail(b []byte) []byte {
	if len(b) > 40 {
		return b[len(b)-40:]
	}
	return b
}
