package site

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
)

func TestBrokenLinksFailWithPositions(t *testing.T) {
	opts := fixtureOptions(t)
	c := opts.Content.(*fakeContent)
	home := c.page("")
	render := home.render
	home.render = func(v *model.Version, lang string) *Page {
		p := render(v, lang)
		p.Links = append(p.Links,
			Link{Path: "nowhere", Pos: diag.Pos{File: "content/pages/index.md", Line: 20, Col: 5}},
			Link{Path: "guide", Anchor: "no-such-heading", Pos: diag.Pos{File: "content/pages/index.md", Line: 21, Col: 7}},
		)
		if v.Name() == "ghes-3.19" {
			p.Links = append(p.Links, Link{Path: "reference/new", Pos: diag.Pos{File: "content/pages/index.md", Line: 22, Col: 1}})
		}
		return p
	}
	want := []string{
		`content/pages/index.md:20:5: link to /nowhere: no such page in every version`,
		`content/pages/index.md:21:7: link to /guide#no-such-heading: no heading or element with id "no-such-heading" on that page in every version`,
		`content/pages/index.md:22:1: link to /reference/new: no such page in ghes-3.19`,
	}
	// Without a Cache languages are built one after the other; with one (serve), at once.
	for _, cache := range []*Cache{nil, NewCache()} {
		opts.Cache = cache
		_, err := Build(opts, NewMem())
		var le *diag.ListError
		if !errors.As(err, &le) {
			t.Fatalf("Build error = %v, want a *diag.ListError", err)
		}
		if got := err.Error(); got != strings.Join(want, "\n") {
			t.Errorf("with cache %v, errors:\n%s\nwant:\n%s", cache != nil, got, strings.Join(want, "\n"))
		}
	}
}

func TestRedirectOntoPageFails(t *testing.T) {
	opts := fixtureOptions(t)
	opts.Content.(*fakeContent).page("guide").redirects = []string{"reference"}
	_, err := Build(opts, NewMem())
	if err == nil || !strings.Contains(err.Error(), "/guide redirects from /reference, which is a page") {
		t.Errorf("err = %v", err)
	}
}

func TestByteIdentical(t *testing.T) {
	a, _ := buildFixture(t)
	opts := fixtureOptions(t)
	opts.Workers = 1
	b := NewMem()
	if _, err := Build(opts, b); err != nil {
		t.Fatal(err)
	}
	an, bn := a.Names(), b.Names()
	if strings.Join(an, "\n") != strings.Join(bn, "\n") {
		t.Fatalf("file lists differ")
	}
	for _, n := range an {
		x, _ := a.File(n)
		y, _ := b.File(n)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

func TestWriteDirAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	write := func(content string, fail error) error {
		return WriteDir(out, func(w Writer) error {
			if err := w.WriteFile("a/index.html", []byte(content)); err != nil {
				return err
			}
			return fail
		})
	}
	if err := write("one", nil); err != nil {
		t.Fatal(err)
	}
	if err := write("two", errors.New("broken")); err == nil {
		t.Fatal("no error")
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a/index.html")); string(got) != "one" {
		t.Errorf("after a failed build: %q, want the previous site", got)
	}
	if err := write("three", nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a/index.html")); string(got) != "three" {
		t.Errorf("after a good build: %q", got)
	}
	// Beside public/: the site before it, kept as the next build's spare.
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 || !strings.HasPrefix(names[0], ".public.old-") || names[1] != "public" {
		t.Fatalf("beside public/: %v, want public and one spare", names)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, names[0], "a/index.html")); string(got) != "one" {
		t.Errorf("the spare holds %q, want the site before the last", got)
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o755 {
		t.Errorf("mode %v", info.Mode())
	}
}

func TestSummary(t *testing.T) {
	_, rep := buildFixture(t)
	var b bytes.Buffer
	rep.WriteSummary(&b)
	want := "en: 22 pages\nfr: 22 pages, 5 fell back to English, 0 stale\nja: 22 pages, 5 fell back to English, 0 stale\nko: 22 pages, 0 fell back to English, 5 stale\n"
	if b.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestURL(t *testing.T) {
	m := fixtureModel()
	v, _ := m.Version("ghes-3.19")
	ghec, _ := m.Version("ghec")
	dotcom, _ := m.Version("dotcom")
	for _, tt := range []struct{ got, want string }{
		{URL("fr", v, "reference/scopes", "repo"), "/fr/enterprise-server@3.19/reference/scopes#repo"},
		{URL("en", dotcom, "", ""), "/en"},
		{URL("ja", ghec, "/reference/", ""), "/ja/enterprise-cloud@latest/reference"},
		{file("ko", dotcom, ""), "ko/index.html"},
		{file("ko", v, "guide"), "ko/enterprise-server@3.19/guide/index.html"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
