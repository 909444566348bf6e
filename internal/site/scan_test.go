package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The scanners read a page in one pass; these are the separate scans they replaced, one
// search per attribute name, kept as the reference the one pass must agree with.

func attrValuesRef(s, name string, f func(value string)) {
	needle := " " + name + `="`
	for off := 0; ; {
		i := strings.Index(s[off:], needle)
		if i < 0 {
			return
		}
		start := off + i + len(needle)
		end := strings.IndexByte(s[start:], '"')
		if end < 0 {
			return
		}
		f(s[start : start+end])
		off = start + end + 1
	}
}

func scanHeadingsRef(body string) []Heading {
	var hs []Heading
	for off := 0; ; {
		i := strings.Index(body[off:], "<h")
		if i < 0 {
			return hs
		}
		i += off
		off = i + 2
		if i+3 >= len(body) || (body[i+2] != '2' && body[i+2] != '3') || (body[i+3] != ' ' && body[i+3] != '>') {
			continue
		}
		gt := strings.IndexByte(body[i:], '>')
		if gt < 0 {
			return hs
		}
		var id string
		attrValuesRef(body[i:i+gt], "id", func(v string) {
			if id == "" {
				id = unescape(v)
			}
		})
		end := strings.Index(body[i+gt:], "</h"+string(body[i+2])+">")
		if id == "" || end < 0 {
			continue
		}
		inner := body[i+gt+1 : i+gt+end]
		h := Heading{ID: id, Text: plainText(template.HTML(inner)), Level: int(body[i+2] - '0')}
		if rest, ok := strings.CutPrefix(inner, `<span lang="`); ok && strings.HasSuffix(inner, "</span>") && strings.Count(inner, "<span") == 1 {
			h.Lang, _, _ = strings.Cut(rest, `"`)
		}
		hs = append(hs, h)
		off = i + gt + end
	}
}

func scanRef(body string) (hs []Heading, ids, hrefs []string) {
	attrValuesRef(body, "id", func(v string) { ids = append(ids, unescape(v)) })
	attrValuesRef(body, "href", func(v string) { hrefs = append(hrefs, unescape(v)) })
	return scanHeadingsRef(body), ids, hrefs
}

// checkScan compares scan with scanRef on body and returns how many headings it found.
func checkScan(t *testing.T, name, body string) int {
	t.Helper()
	var hs []Heading
	var ids, hrefs []string
	scan(body, func(h Heading) { hs = append(hs, h) }, func(s string) { ids = append(ids, s) }, func(s string) { hrefs = append(hrefs, s) })
	wantHs, wantIDs, wantHrefs := scanRef(body)
	if !slices.Equal(hs, wantHs) || !slices.Equal(ids, wantIDs) || !slices.Equal(hrefs, wantHrefs) {
		t.Errorf("%s %q: one pass found\n%v\n%q\n%q\nseparate scans\n%v\n%q\n%q", name, body, hs, ids, hrefs, wantHs, wantIDs, wantHrefs)
	}
	return len(hs)
}

func TestScanCases(t *testing.T) {
	for _, body := range []string{
		``,
		`<h2 id="a">A</h2><p id="p">x = y, <a href="/en/x?a=1&amp;b=2#c">l</a></p>`,
		`<h3 class="c" id="b&amp;c">B <code>x</code></h3><h2>no id</h2><h2 id="open">never closed`,
		`<h2 id="outer"><span lang="en">Outer</span></h2><h4 id="h4">not listed</h4><h3 id="one" id="two">Two ids</h3>`,
		`<h2 id="x">A <h3 id="inner">inside</h3> end</h2><h3 id="after">After</h3>`,
		`<p data-id="no" xid="no" id="yes" href=bare title="a=b"></p><a href="">empty</a>`,
		`<div id="cut`,
		`=`, `="`, ` id="`, `<h2 id="`,
	} {
		checkScan(t, body, body)
	}
}

// TestScanRandom compares the one pass with the separate scans on random HTML put together
// from tags and text that matter to them. As in the HTML scanned, a quote only ever delimits a
// value and a tag holds no other tag.
func TestScanRandom(t *testing.T) {
	names := []string{"h2", "h3", "h4", "p", "a", "span", "h2", "h3"}
	attributes := []string{` id="a"`, ` id="b&amp;c"`, ` href="/en/x#y"`, ` href=""`, ` class="k"`, ` data-id="d"`, ` title="a=b"`}
	text := []string{"</h2>", "</h3>", "</span>", "text", " = ", "=", "&amp;", " ", "日本語", "<span lang=\"en\">"}
	r := rand.New(rand.NewPCG(7, 11))
	headings := 0
	for i := range 20000 {
		var b strings.Builder
		for range r.IntN(30) {
			if r.IntN(2) == 0 {
				b.WriteString(text[r.IntN(len(text))])
				continue
			}
			b.WriteString("<" + names[r.IntN(len(names))])
			for range r.IntN(4) {
				b.WriteString(attributes[r.IntN(len(attributes))])
			}
			b.WriteString(">")
		}
		headings += checkScan(t, fmt.Sprintf("random %d", i), b.String())
		if t.Failed() {
			return
		}
	}
	if headings < 1000 {
		t.Errorf("only %d headings in 20,000 random fragments: the test no longer exercises them", headings)
	}
}

// TestScanShipped compares the one pass with the separate scans on every file of the shipped
// site.
func TestScanShipped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole shipped site")
	}
	mem := NewMem()
	if _, err := Build(loadShipped(t), eagerMem{mem}); err != nil {
		t.Fatal(err)
	}
	headings := 0
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, ".html") {
			data, _ := mem.File(name)
			headings += checkScan(t, name, string(data))
		}
	}
	if headings == 0 {
		t.Error("no heading in the shipped site")
	}
}

// TestXMLText: xmlText writes what xml.EscapeText writes, shortcut or not.
func TestXMLText(t *testing.T) {
	parts := []string{"https://e.test/fr/", "a", "&", "<", ">", `"`, "'", "\t", "\n", "\x7f", "\x01", "é", "\xff", "語", " "}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var s strings.Builder
		for range r.IntN(6) {
			s.WriteString(parts[r.IntN(len(parts))])
		}
		var got, want bytes.Buffer
		xmlText(&got, s.String())
		xml.EscapeText(&want, []byte(s.String()))
		if got.String() != want.String() {
			t.Fatalf("xmlText(%q) = %q, want %q", s.String(), got.String(), want.String())
		}
	}
}
