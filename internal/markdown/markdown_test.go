package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func render(t *testing.T, src string, opts ParseOptions) (*Doc, string) {
	t.Helper()
	d := New().Parse([]byte(src), opts)
	return d, string(d.Render())
}

func TestCallouts(t *testing.T) {
	for _, kind := range CalloutKinds {
		src := "> [!" + strings.ToUpper(kind) + "]\n> Be *careful*.\n"
		d, html := render(t, src, ParseOptions{})
		want := `<div class="callout callout-` + kind + `" role="note">` + "\n" +
			`<p class="callout-title">` + DefaultLabel(kind) + "</p>\n<p>Be <em>careful</em>.</p>\n</div>\n"
		if html != want {
			t.Errorf("%s:\n got %q\nwant %q", kind, html, want)
		}
		if len(d.Callouts) != 1 || d.Callouts[0].Kind != kind || d.Callouts[0].Offset != 0 {
			t.Errorf("%s: callouts = %+v", kind, d.Callouts)
		}
	}
}

func TestCalloutLabelEscaped(t *testing.T) {
	d := New().Parse([]byte("text\n\n> [!WARNING]\n> Body.\n"), ParseOptions{})
	if len(d.Callouts) != 1 || d.Callouts[0].Offset != 6 {
		t.Fatalf("callouts = %+v", d.Callouts)
	}
	d.Callouts[0].SetLabel("<Avertissement>")
	if got := string(d.Render()); !strings.Contains(got, `<p class="callout-title">&lt;Avertissement&gt;</p>`) {
		t.Errorf("label not escaped: %s", got)
	}
}

func TestCalloutProblems(t *testing.T) {
	for _, tc := range []struct{ src, msg string }{
		{"> [!DANGER]\n> x\n", "unknown callout [!DANGER]"},
		{"> [!NOTE] inline text\n", "put the callout's text on the line after [!NOTE]"},
		{"> [!TIP]\n", "empty callout [!TIP]"},
	} {
		d := New().Parse([]byte(tc.src), ParseOptions{})
		if len(d.Problems) != 1 || !strings.Contains(d.Problems[0].Msg, tc.msg) || d.Problems[0].Offset != 2 {
			t.Errorf("%q: problems = %+v, want one at 2 with %q", tc.src, d.Problems, tc.msg)
		}
	}
	// A plain blockquote stays a blockquote.
	_, html := render(t, "> [link](/x) text\n", ParseOptions{})
	if !strings.HasPrefix(html, "<blockquote>") {
		t.Errorf("plain blockquote: %s", html)
	}
}

func TestHeadings(t *testing.T) {
	d := New().Parse([]byte("## Héllo `code` &amp; more {#explicit}\n\n### 日本語の見出し\n\n## Bad {.cls onclick=x}\n"), ParseOptions{})
	if len(d.Headings) != 3 {
		t.Fatalf("headings = %+v", d.Headings)
	}
	h := d.Headings[0]
	if h.Level != 2 || h.ID != "explicit" || h.Text != "Héllo code & more" || h.Offset != 0 {
		t.Errorf("heading 0 = %+v", h)
	}
	if d.Headings[1].ID != "" || d.Headings[1].Text != "日本語の見出し" {
		t.Errorf("heading 1 = %+v", d.Headings[1])
	}
	if len(d.Problems) != 2 {
		t.Errorf("problems = %+v, want class and onclick reported", d.Problems)
	}
	d.Headings[1].SetID("japanese-heading")
	html := string(d.Render())
	for _, want := range []string{`<h2>Héllo`, `<h3 id="japanese-heading">`, `<h2>Bad</h2>`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in %s", want, html)
		}
	}
	if strings.Contains(html, "heading-1") || strings.Contains(html, "onclick") || strings.Contains(html, "cls") {
		t.Errorf("unexpected id or attribute: %s", html)
	}
}

func TestLinks(t *testing.T) {
	src := "[AUTOTITLE](/a/b#c) [t](&#106;avascript:alert\\(1\\)) ![i](data:x) <https://x.test/>\n"
	d := New().Parse([]byte(src), ParseOptions{})
	if len(d.Links) != 4 {
		t.Fatalf("links = %+v", d.Links)
	}
	want := []struct {
		dest  string
		off   int
		auto  bool
		img   bool
		autoT bool
	}{
		{"/a/b#c", 0, false, false, true},
		{"javascript:alert(1)", 20, false, false, false},
		{"data:x", 52, false, true, false},
		{"https://x.test/", 65, true, false, false},
	}
	for i, w := range want {
		l := d.Links[i]
		if l.Dest != w.dest || l.Offset != w.off || l.Auto != w.auto || l.Image != w.img || l.AutoTitle != w.autoT {
			t.Errorf("link %d = %+v, want %+v", i, *l, w)
		}
	}
	d.Links[0].SetDest("/fr/a/b#c")
	d.Links[0].SetText("Titre <b>", "")
	html := string(d.Render())
	if !strings.Contains(html, `<a href="/fr/a/b#c">Titre &lt;b&gt;</a>`) {
		t.Errorf("rewritten link: %s", html)
	}
	if strings.Contains(html, "javascript") {
		t.Errorf("goldmark kept a javascript: URL: %s", html)
	}
}

func TestRawHTMLNotRendered(t *testing.T) {
	d, html := render(t, "<script>alert(1)</script>\n\nText <b onclick=\"x\">b</b>\n", ParseOptions{})
	if strings.Contains(html, "<script") || strings.Contains(html, "<b") {
		t.Errorf("raw HTML rendered: %s", html)
	}
	if len(d.Problems) < 2 || !d.Problems[0].Warning {
		t.Errorf("problems = %+v", d.Problems)
	}
}

func TestRegions(t *testing.T) {
	// Items 2 and 3 come from a fallback reusable; "inline" is an inline fallback.
	src := "1. one\n1. two\n1. three\n1. four\n\nSome inline text here.\n\nWhole paragraph.\n"
	two := strings.Index(src, "1. two")
	four := strings.Index(src, "1. four")
	in := strings.Index(src, "inline")
	whole := strings.Index(src, "Whole")
	_, html := render(t, src, ParseOptions{Regions: []Region{
		{Start: two, End: four, Lang: "en"},
		{Start: in, End: in + len("inline"), Inline: true, Lang: "en"},
		{Start: whole, End: len(src), Lang: "en"},
	}})
	want := "<ol>\n<li>one</li>\n<li lang=\"en\">two</li>\n<li lang=\"en\">three</li>\n<li>four</li>\n</ol>\n" +
		"<p>Some <span lang=\"en\">inline</span> text here.</p>\n" +
		"<div lang=\"en\">\n<p>Whole paragraph.</p>\n</div>\n"
	if html != want {
		t.Errorf("got\n%s\nwant\n%s", html, want)
	}
}

func TestCJKLineBreaks(t *testing.T) {
	src := "日本語の\n文章です。\n"
	_, ja := render(t, src, ParseOptions{CJK: true})
	_, plain := render(t, src, ParseOptions{})
	if ja != "<p>日本語の文章です。</p>\n" || plain != "<p>日本語の\n文章です。</p>\n" {
		t.Errorf("ja = %q, plain = %q", ja, plain)
	}
}

func TestTable(t *testing.T) {
	_, html := render(t, "| a | b |\n|---|---|\n| 1 | 2 |\n", ParseOptions{})
	if !strings.Contains(html, "<table>") || !strings.Contains(html, "<td>2</td>") {
		t.Errorf("table: %s", html)
	}
}

func TestRenderInline(t *testing.T) {
	d := New().Parse([]byte("An *intro*."), ParseOptions{})
	if got := string(d.RenderInline()); got != "An <em>intro</em>." {
		t.Errorf("got %q", got)
	}
}

// A region edge inside a multi-byte character grows to take the whole character: cutting the
// character in two left a text piece of continuation bytes only, on which goldmark's CJK
// line-break rule panicked (found by FuzzParse in CI).
func TestRegionInsideRune(t *testing.T) {
	src := "日本\n語x\n" // 日 = bytes 0–2, 本 = 3–5
	for _, r := range []Region{{Start: 0, End: 5, Inline: true, Lang: "en"}, {Start: 4, End: 9, Inline: true, Lang: "en"}} {
		_, html := render(t, src, ParseOptions{CJK: true, Regions: []Region{r}})
		if !utf8.ValidString(html) {
			t.Errorf("region %d–%d: invalid UTF-8 in %q", r.Start, r.End, html)
		}
		if !strings.Contains(html, `lang="en"`) || strings.Count(html, "本") != 1 || strings.Count(html, "日") != 1 {
			t.Errorf("region %d–%d: %q", r.Start, r.End, html)
		}
	}
}
