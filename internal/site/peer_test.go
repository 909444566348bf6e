package site

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkHugoPeer is the peer that BenchmarkBuild is compared with: Hugo (the hugo command on
// PATH; Debian's package) building the same number of pages as the shipped site, each a
// Markdown page with a 15-row table, into a folder beside the project (pretty URLs, one folder
// per page, as scoperef writes). Each iteration is one hugo run, process start included, as a
// writer runs it. Run them in one go and compare their pages/s:
//
//	go test ./internal/site -run '^$' -bench 'BenchmarkBuild$|BenchmarkRender|BenchmarkHugoPeer' -benchtime 5x
func BenchmarkHugoPeer(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("no hugo on PATH: the peer benchmark is skipped (apt-get install hugo)")
	}
	const pages = 2260 // the shipped site's pages
	dir := b.TempDir()
	files := map[string]string{
		"config.toml": "baseURL = \"https://peer.example/\"\ntitle = \"Peer\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
		"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="/">Peer</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
`,
		"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`,
		"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`,
		"layouts/index.html":           `<!DOCTYPE html><html lang="en"><head><title>Peer</title></head><body></body></html>`,
	}
	for i := range pages {
		var page strings.Builder
		fmt.Fprintf(&page, "---\ntitle: \"Endpoints %d\"\n---\n\nThe endpoints of category %d.\n\n| Method | Path | Permission | Access |\n|---|---|---|---|\n", i, i)
		for r := range 15 {
			fmt.Fprintf(&page, "| GET | /repos/{owner}/{repo}/things/%d/%d | contents | read |\n", i, r)
		}
		files[fmt.Sprintf("content/section%d/page%d.md", i%40, i)] = page.String()
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	// "fresh" removes the previous output (untimed) before each run, as scoperef's WriteDir
	// starts a new folder; "rebuild" lets Hugo overwrite its previous output in place, as it
	// does by default; "memory" renders without writing (--renderToMemory), to compare with
	// BenchmarkRender.
	for _, mode := range []string{"fresh", "rebuild", "memory"} {
		fresh := mode == "fresh"
		b.Run(mode, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			args := []string{"--quiet", "--cleanDestinationDir", "-s", dir, "-d", out}
			if mode == "memory" {
				args = []string{"--quiet", "--renderToMemory", "-s", dir}
			}
			run := func() {
				cmd := exec.Command(hugo, args...)
				if msg, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("hugo: %v\n%s", err, msg)
				}
			}
			run() // warm the file cache; the output exists for "rebuild"
			cpu0 := childCPUTime()
			for b.Loop() {
				if fresh {
					b.StopTimer()
					if err := os.RemoveAll(out); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				run()
			}
			b.StopTimer()
			if n, _ := filepath.Glob(filepath.Join(out, "section*", "page*", "index.html")); mode != "memory" && len(n) != pages {
				b.Fatalf("hugo wrote %d pages, want %d", len(n), pages)
			}
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric((childCPUTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// childCPUTime is the user and system CPU time of the finished child processes.
func childCPUTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
