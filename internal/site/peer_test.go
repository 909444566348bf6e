package site

import (
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkHugoPeer is the peer that BenchmarkBuild is compared with: Hugo (the hugo command on
// PATH; Debian's package) building as many pages as the shipped site into a folder (pretty
// URLs, one folder per page, as scoperef writes). Each iteration is one hugo run, process start
// included, as a writer runs it. Two sites:
//
//   - "tables": every page a 15-row Markdown table under a title, in a layout with a header and
//     nothing else: the pages the issue quotes Hugo's speed for.
//   - "similar": one page per page of the shipped site, with its title, its h2 and h3 headings,
//     as many table rows as it has, and text up to about the size of its body, in a layout with
//     what scoperef's has: head links (canonical, hreflang), skip link, search form, version and
//     language pickers, breadcrumb, on-this-page list, a page list of 60 entries and a footer.
//     Its pages come out about the size of scoperef's (33 KB against 35 KB on average).
//
// Run them in one go with BenchmarkBuild and compare their pages/s:
//
//	go test ./internal/site -run '^$' -bench 'BenchmarkBuild$|BenchmarkRender|BenchmarkHugoPeer' -benchtime 5x
func BenchmarkHugoPeer(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("no hugo on PATH: the peer benchmark is skipped (apt-get install hugo)")
	}
	b.Run("tables", func(b *testing.B) { benchHugo(b, hugo, tablesPeer()) })
	b.Run("similar", func(b *testing.B) { benchHugo(b, hugo, similarPeer(b)) })
}

// peerSite is a Hugo site: its files by slash-separated name, the number of pages it stands for,
// and the number of index.html files Hugo writes for it besides the root's.
type peerSite struct {
	files          map[string]string
	pages, written int
}

// tablesPeer is the "tables" site.
func tablesPeer() peerSite {
	const pages = 2260 // the shipped site's pages
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
		files[fmt.Sprintf("content/section%d/page%d.md", i%40, i)] = tablePage(i)
	}
	return peerSite{files, pages, pages + 40} // and a list page per section
}

// tablePage is page i of the "tables" sites: front matter with a title, a sentence and a
// 15-row table.
func tablePage(i int) string {
	var page strings.Builder
	fmt.Fprintf(&page, "---\ntitle: \"Endpoints %d\"\n---\n\nThe endpoints of category %d.\n\n| Method | Path | Permission | Access |\n|---|---|---|---|\n", i, i)
	for r := range 15 {
		fmt.Fprintf(&page, "| GET | /repos/{owner}/{repo}/things/%d/%d | contents | read |\n", i, r)
	}
	return page.String()
}

// BenchmarkBuildTables is scoperef building pages like those of BenchmarkHugoPeer's "tables"
// site: 2,262 pages from 377 Markdown pages (a home page, 40 section pages and 336 pages with
// a 15-row table, tablePage) shown in the 6 versions the shipped data builds, in English, with
// scoperef's layout. Each iteration does what scoperef build does after starting: open the project, load
// and validate the shipped data (the model), the interface strings and the pages, build, and
// write the site atomically; "rebuild" and "fresh" are as in BenchmarkBuild. Compare its
// pages/s with BenchmarkHugoPeer/tables (the same Markdown, one hugo run per iteration):
//
//	go test ./internal/site -run '^$' -bench 'BenchmarkBuildTables|BenchmarkHugoPeer/tables' -benchtime 5x
func BenchmarkBuildTables(b *testing.B) {
	dir := atticDir(b)
	for _, sub := range []string{"content/data", "locales/en"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(shippedRoot(), sub))); err != nil {
			b.Fatal(err)
		}
	}
	pages := map[string]string{"content/pages/index.md": "---\ntitle: Tables\n---\n\nThe endpoints, in tables.\n"}
	for i := range 40 {
		pages[fmt.Sprintf("content/pages/section%d/index.md", i)] = fmt.Sprintf("---\ntitle: Section %d\n---\n\nThe endpoints of section %d.\n", i, i)
	}
	for i := range 336 {
		pages[fmt.Sprintf("content/pages/section%d/page%d.md", i%40, i)] = tablePage(i)
	}
	for name, text := range pages {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	en := []string{"en"}
	for _, fresh := range []bool{false, true} {
		var built int
		benchWrite(b, fresh, func(w Writer) error {
			opts, _ := loadProject(b, dir, en, false)
			rep, err := Build(opts, w)
			if err == nil {
				built = rep.Pages
			}
			return err
		}, func(b *testing.B) {
			b.ReportMetric(float64(built)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(built), "pages")
		})
	}
}

// similarLayout is the "similar" site's layout for every page.
const similarLayout = `<!DOCTYPE html>
<html lang="{{ site.Params.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range site.Params.langs }}<link rel="alternate" hreflang="{{ . }}" href="{{ printf "/%s%s" . $.RelPermalink }}">
{{ end -}}
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/site.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="site-header">
<a class="brand" href="/">{{ site.Title }}</a>
<form class="search" role="search"><label for="q">Search</label><input type="search" id="q"></form>
<details class="picker"><summary>Version</summary><ul>
{{ range site.Params.versions }}<li><a href="{{ printf "/%s%s" . $.RelPermalink }}">{{ . }}</a></li>
{{ end }}</ul></details>
<details class="picker"><summary>Language</summary><ul>
{{ range site.Params.langs }}<li><a href="{{ printf "/%s%s" . $.RelPermalink }}" hreflang="{{ . }}">{{ . }}</a></li>
{{ end }}</ul></details>
</header>
<div class="layout">
<main id="main-content" class="main">
<nav class="breadcrumb" aria-label="Breadcrumb"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol></nav>
<article class="article">
<h1>{{ .Title }}</h1>
{{ with .TableOfContents }}<nav class="toc" aria-label="On this page">{{ . }}</nav>{{ end }}
<div class="markdown-body">
{{ .Content }}
</div>
</article>
</main>
<nav class="sidebar" aria-label="Pages"><ul>
{{ $page := . }}{{ range first 60 .FirstSection.RegularPagesRecursive }}<li><a href="{{ .RelPermalink }}"{{ if eq . $page }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{ end }}</ul></nav>
</div>
<footer class="site-footer"><p>Footer</p></footer>
</body>
</html>
`

// similarPeer is the "similar" site, made from the shipped site built into memory.
func similarPeer(b *testing.B) peerSite {
	mem := NewMem()
	if _, err := Build(loadShipped(b), eagerMem{mem}); err != nil {
		b.Fatal(err)
	}
	files := map[string]string{
		"config.toml": `baseURL = "https://peer.example/"
title = "Token scopes and permissions"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.tableOfContents]
startLevel = 2
endLevel = 3
[params]
lang = "en"
langs = ["en", "fr", "ja", "ko"]
versions = ["dotcom", "ghec", "ghes-3.19", "ghes-3.18", "ghes-3.17", "ghes-3.9"]
`,
		"layouts/_default/single.html": similarLayout,
		"layouts/_default/list.html":   similarLayout,
		"layouts/index.html":           `<!DOCTYPE html><html lang="en"><head><title>Peer</title></head><body></body></html>`,
	}
	type page struct{ dir, title, body string }
	var pages []page
	for _, name := range mem.Names() {
		data, _ := mem.File(name)
		html := string(data)
		_, body, ok := strings.Cut(html, `<div class="markdown-body">`)
		if !ok || !strings.HasSuffix(name, "/index.html") {
			continue // not a page: the root, 404.html, redirects, search indexes, downloads
		}
		body, _, _ = strings.Cut(body, "</article>")
		_, title, _ := strings.Cut(html, "<h1>")
		title, _, _ = strings.Cut(title, "</h1>")
		pages = append(pages, page{path.Dir(name), plainText(template.HTML(title)), body})
	}
	isSection := map[string]bool{}
	for _, p := range pages {
		isSection[path.Dir(p.dir)] = true
	}
	for _, p := range pages {
		name := "content/" + p.dir + ".md"
		if isSection[p.dir] || !strings.Contains(p.dir, "/") {
			name = "content/" + p.dir + "/_index.md"
		}
		front, err := json.Marshal(map[string]string{"title": p.title})
		if err != nil {
			b.Fatal(err)
		}
		files[name] = string(front) + "\n\n" + similarMarkdown(p.body)
	}
	return peerSite{files, len(pages), len(pages)}
}

// similarMarkdown is Markdown with the h2 and h3 headings of a scoperef page's body, its
// number of table rows spread over the sections, and text up to about the body's size.
func similarMarkdown(body string) string {
	heads := scanHeadings(body)
	sections := max(1, len(heads))
	rows := strings.Count(body, "<tr")
	var md strings.Builder
	for i := range sections {
		if len(heads) > 0 {
			fmt.Fprintf(&md, "%s %s\n\n", strings.Repeat("#", heads[i].Level), heads[i].Text)
		}
		md.WriteString("What this section is about, with a [link](/en/reference) and `code`.\n\n")
		n := rows / sections
		if i < rows%sections {
			n++
		}
		if n > 0 {
			md.WriteString("| Method | Path | Permission | Access |\n|---|---|---|---|\n")
			for r := range n {
				fmt.Fprintf(&md, "| GET | `/repos/{owner}/{repo}/things/%d` | [contents](/en/reference/permissions/contents) | read |\n", r)
			}
			md.WriteString("\n")
		}
	}
	const para = "This paragraph stands in for the reference text of the page, so that the page is as large as the one it mirrors, with *emphasis* and a [link](/en/reference).\n\n"
	for md.Len() < len(body)*9/10 {
		md.WriteString(para)
	}
	return md.String()
}

// benchHugo runs hugo over site in three modes. "fresh" builds into a new, empty folder each
// time (kept until the binary exits, see atticDir), as BenchmarkBuild/fresh does; "rebuild" lets
// Hugo overwrite its previous output in place, as it does by default; "memory" renders without
// writing (--renderToMemory), to compare with BenchmarkRender.
func benchHugo(b *testing.B, hugo string, site peerSite) {
	dir := atticDir(b)
	for _, name := range slices.Sorted(maps.Keys(site.files)) {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(site.files[name]), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, mode := range []string{"fresh", "rebuild", "memory"} {
		b.Run(mode, func(b *testing.B) {
			out := filepath.Join(atticDir(b), "public")
			run := func() {
				args := []string{"--quiet", "--cleanDestinationDir", "-s", dir, "-d", out}
				if mode == "memory" {
					args = []string{"--quiet", "--renderToMemory", "-s", dir}
				}
				if msg, err := exec.Command(hugo, args...).CombinedOutput(); err != nil {
					b.Fatalf("hugo: %v\n%s", err, msg)
				}
			}
			run() // warm the file cache; the output exists for "rebuild"
			cpu0 := childCPUTime()
			for b.Loop() {
				if mode == "fresh" {
					b.StopTimer()
					out = filepath.Join(atticDir(b), "public")
					b.StartTimer()
				}
				run()
			}
			b.StopTimer()
			if mode != "memory" {
				n, size := countPages(b, out)
				if n != site.written {
					b.Fatalf("hugo wrote %d pages, want %d", n, site.written)
				}
				b.ReportMetric(float64(size)/float64(n)/1000, "kB/page")
			}
			b.ReportMetric(float64(site.pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric((childCPUTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// countPages counts the index.html files under out, but for out's own, and their bytes.
func countPages(tb testing.TB, out string) (n int, size int64) {
	err := filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
		if err == nil && e.Name() == "index.html" && filepath.Dir(p) != out {
			info, err := e.Info()
			if err != nil {
				return err
			}
			n++
			size += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n, size
}

// childCPUTime is the user and system CPU time of the finished child processes.
func childCPUTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
