package site

import (
	"html"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
)

// The scanners below read HTML made by html/template, goldmark or the reference generator,
// which quote every attribute value with double quotes and escape every quote in text and in
// values: outside a tag there is no `"`, and inside one `="` starts a value. They are plain
// byte searches because they run over every page, and one pass reads all a page is scanned for.

// attrs calls f with the name, the value and the offset of every attribute name="value" of s
// whose name follows a space. It looks for `="`, which is much rarer in HTML than the space an
// attribute starts with, and skips each value whole.
func attrs(s string, f func(name, value string, at int)) {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], '=')
		if i < 0 {
			return
		}
		i += off
		off = i + 1
		if off == len(s) || s[off] != '"' {
			continue
		}
		start := off + 1
		end := strings.IndexByte(s[start:], '"')
		if end < 0 {
			return
		}
		off = start + end + 1
		name := i
		for name > 0 && isNameByte(s[name-1]) {
			name--
		}
		if name < i && name > 0 && s[name-1] == ' ' {
			f(s[name:i], s[start:start+end], name-1)
		}
	}
}

// isNameByte reports whether c may be part of an attribute's name in the HTML scanned here.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == ':'
}

// scan reads body once, calling each non-nil function in document order: heading for each h2
// and h3 element with an id (the first id of its tag; a heading inside another is not one), id
// for every id attribute, href for every href attribute. Values are unescaped.
func scan(body string, heading func(Heading), id func(string), href func(string)) {
	headingEnd := 0 // where the last heading found ends
	attrs(body, func(name, value string, at int) {
		switch name {
		case "id":
			v := unescape(value)
			if id != nil {
				id(v)
			}
			if heading != nil && at >= headingEnd {
				if h, end, ok := headingAt(body, at, v); ok {
					heading(h)
					headingEnd = end
				}
			}
		case "href":
			if href != nil {
				href(unescape(value))
			}
		}
	})
}

// headingAt returns the heading whose start tag holds the id attribute at offset at, with the
// offset of its end tag, when that tag is an h2 or h3 and the element is closed.
func headingAt(body string, at int, id string) (Heading, int, bool) {
	lt := strings.LastIndexByte(body[:at], '<')
	if lt < 0 || len(body) < lt+4 || body[lt+1] != 'h' || (body[lt+2] != '2' && body[lt+2] != '3') || body[lt+3] != ' ' || strings.IndexByte(body[lt:at], '>') >= 0 {
		return Heading{}, 0, false
	}
	gt := strings.IndexByte(body[at:], '>')
	if gt < 0 {
		return Heading{}, 0, false
	}
	gt += at
	end := strings.Index(body[gt:], "</h"+body[lt+2:lt+3]+">")
	if end < 0 {
		return Heading{}, 0, false
	}
	inner := body[gt+1 : gt+end]
	h := Heading{ID: id, Text: plainText(template.HTML(inner)), Level: int(body[lt+2] - '0')}
	if rest, ok := strings.CutPrefix(inner, `<span lang="`); ok && strings.HasSuffix(inner, "</span>") && strings.Count(inner, "<span") == 1 {
		h.Lang, _, _ = strings.Cut(rest, `"`)
	}
	return h, gt + end, true
}

// scanIDs returns every id attribute of an HTML fragment.
func scanIDs(body template.HTML) []string {
	var ids []string
	scan(string(body), nil, func(id string) { ids = append(ids, id) }, nil)
	return ids
}

// scanHeadings returns the h2 and h3 elements that have an id.
func scanHeadings(body string) []Heading {
	var hs []Heading
	scan(body, func(h Heading) { hs = append(hs, h) }, nil, nil)
	return hs
}

func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// fillGenerated completes a generated page that leaves Headings, IDs or Links empty by reading
// them from its Body in one pass: h2 and h3 elements with an id, every id attribute, and every
// link into the same language and version (its position names the generated page). The lists
// are gathered in reused scratch slices and copied out at their size: a reference page has
// thousands of links, and growing a slice to hold them allocates twice as much.
func fillGenerated(g *GeneratedPage, v *model.Version, lang string) {
	sc := scratches.Get().(*scratch)
	defer func() {
		sc.headings, sc.ids, sc.links = sc.headings[:0], sc.ids[:0], sc.links[:0]
		scratches.Put(sc)
	}()
	var heading func(Heading)
	var id, href func(string)
	if g.Headings == nil {
		heading = func(h Heading) { sc.headings = append(sc.headings, h) }
	}
	if g.IDs == nil {
		id = func(s string) { sc.ids = append(sc.ids, s) }
	}
	if g.Links == nil {
		prefix := URL(lang, v, "", "")
		pos := diag.Pos{File: "generated page /" + g.Path}
		href = func(href string) {
			rest, ok := strings.CutPrefix(href, prefix)
			if !ok || (rest != "" && rest[0] != '/' && rest[0] != '#') {
				return
			}
			p, anchor, _ := strings.Cut(strings.TrimPrefix(rest, "/"), "#")
			if first, _, _ := strings.Cut(p, "/"); v.Segment == "" && strings.Contains(first, "@") {
				return // another version's page
			}
			if p == "" && rest != "" && rest[0] == '#' {
				p = g.Path // a link within the page
			}
			sc.links = append(sc.links, Link{Path: p, Anchor: anchor, Pos: pos})
		}
	}
	if heading == nil && id == nil && href == nil {
		return
	}
	scan(string(g.Body), heading, id, href)
	if heading != nil && len(sc.headings) > 0 {
		g.Headings = slices.Clone(sc.headings)
	}
	if id != nil && len(sc.ids) > 0 {
		g.IDs = slices.Clone(sc.ids)
	}
	if href != nil && len(sc.links) > 0 {
		g.Links = slices.Clone(sc.links)
	}
}

// scratch holds the lists fillGenerated gathers.
type scratch struct {
	headings []Heading
	ids      []string
	links    []Link
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}
