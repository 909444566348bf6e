package site

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMemo: memo executes a template once per pointer and build, every time for other data,
// and its result is escaped like any HTML value outside HTML text.
func TestMemo(t *testing.T) {
	b := &builder{}
	calls := 0
	b.tmpl = template.Must(template.New("").Funcs(template.FuncMap{
		"memo":  b.memo,
		"count": func() int { calls++; return calls },
	}).Parse(`{{define "part"}}<b>{{.}}</b>{{count}}{{end}}` +
		`{{define "page"}}{{memo "part" .P}}|{{memo "part" .P}}|{{memo "part" .S}}|{{memo "part" .S}}|<a title="{{memo "part" .P}}">{{end}}`))
	text := "x<y"
	data := struct {
		P *string
		S string
	}{&text, "s"}
	var sb strings.Builder
	if err := b.tmpl.ExecuteTemplate(&sb, "page", data); err != nil {
		t.Fatal(err)
	}
	// The pointer's result is made once (count 1), the string's twice (2, 3); in an attribute
	// the result is escaped as text.
	got := sb.String()
	if want := "<b>x&lt;y</b>1|<b>x&lt;y</b>1|<b>s</b>2|<b>s</b>3|<a title=\"x&lt;y1\">"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestPickerMenus: the Go-built picker and breadcrumb entries and the alternates escape what they print and mark
// the current entry, as the layouts did.
func TestPickerMenus(t *testing.T) {
	vs := versionMenu([]versionChoice{
		{Label: "A<1>", URL: "/en/a?x=1&y=2", Current: true},
		{Label: "B", Status: "rc & co", Disabled: true},
		{Label: "C", URL: "/en/c"},
	}, template.HTML(`<span lang="en">n/a</span>`))
	want := `<li><a href="/en/a?x=1&amp;y=2" aria-current="page">A&lt;1&gt;</a></li>` + "\n" +
		`<li><span class="disabled" aria-disabled="true">B <span class="badge">rc &amp; co</span><span class="unavailable"><span lang="en">n/a</span></span></span></li>` + "\n" +
		`<li><a href="/en/c">C</a></li>` + "\n"
	if string(vs) != want {
		t.Errorf("versionMenu:\n%s\nwant:\n%s", vs, want)
	}
	ls := langMenu([]langChoice{{Lang: "fr", Name: "Français", URL: "/fr/\"p\""}, {Lang: "ja", Name: "日本語", URL: "/ja/p", Current: true}})
	want = `<li><a href="/fr/&#34;p&#34;" hreflang="fr" lang="fr">Français</a></li>` + "\n" +
		`<li><a href="/ja/p" hreflang="ja" lang="ja" aria-current="page">日本語</a></li>` + "\n"
	if string(ls) != want {
		t.Errorf("langMenu:\n%s\nwant:\n%s", ls, want)
	}
	cs := crumbList([]navEntry{{Path: "a", URL: "/en/a", Title: "A & B"}, {Path: "a/b", URL: "/en/a/b", Title: "Titre", Lang: "en"}}, "a/b")
	want = `<li><a href="/en/a">A &amp; B</a></li>` + "\n" + `<li><a href="/en/a/b" aria-current="page" lang="en">Titre</a></li>` + "\n"
	if string(cs) != want {
		t.Errorf("crumbList:\n%s\nwant:\n%s", cs, want)
	}
	as := alternateLinks([]alternate{{"x-default", "https://e.test/en/<p>"}})
	if want := `<link rel="alternate" hreflang="x-default" href="https://e.test/en/&lt;p&gt;">` + "\n"; string(as) != want {
		t.Errorf("alternateLinks: %s, want %s", as, want)
	}
}

// TestPlainTextShortcut: plainText's shortcuts (text that needs no change, text that needs only
// its tags dropped) give what the full conversion gives, over random strings of the characters
// that matter.
func TestPlainTextShortcut(t *testing.T) {
	parts := []string{"a", "é", " ", "  ", "\u00a0", "\u3000", "<b>", "</b>", "<", ">", "<i x='>'>", "&amp;", "&lt;", "\n", "\t", "\xff", "語", "x y"}
	rng := rand.New(rand.NewPCG(3, 4))
	shortcuts := 0
	for range 20000 {
		var sb strings.Builder
		for range rng.IntN(6) {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		s := template.HTML(sb.String())
		if isPlain(string(s)) {
			shortcuts++
		}
		if got, want := plainText(s), plainTextRunes(string(s)); got != want {
			t.Fatalf("plainText(%q) = %q, want %q", s, got, want)
		}
	}
	if shortcuts < 1000 {
		t.Errorf("the shortcut was taken %d times: the test does not exercise it", shortcuts)
	}
}

func TestIsAncestorOrSelf(t *testing.T) {
	for _, c := range []struct {
		a, p string
		want bool
	}{
		{"", "", true}, {"", "reference", true}, {"reference", "reference", true},
		{"reference", "reference/scopes", true}, {"reference/scopes", "reference", false},
		{"ref", "reference", false}, {"reference", "references/x", false}, {"a/b", "a/b/c/d", true},
	} {
		if got := isAncestorOrSelf(c.a, c.p); got != c.want {
			t.Errorf("isAncestorOrSelf(%q, %q) = %v, want %v", c.a, c.p, got, c.want)
		}
	}
}
