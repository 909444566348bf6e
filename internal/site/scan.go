package site

import (
	"html"
	"html/template"
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
)

// The scanners below read HTML made by html/template or goldmark, which quote every attribute
// value with double quotes; they are plain string searches because they run over every page.

// attrValues calls f with the value of every attribute name="..." in s (name preceded by a space)
// and the offset of the attribute.
func attrValues(s, name string, f func(value string, at int)) {
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
		f(s[start:start+end], off+i)
		off = start + end + 1
	}
}

// scanIDs returns every id attribute of an HTML fragment.
func scanIDs(body template.HTML) []string {
	var ids []string
	attrValues(string(body), "id", func(v string, _ int) { ids = append(ids, unescape(v)) })
	return ids
}

func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// scanHeadings returns the h2 and h3 elements that have an id.
func scanHeadings(body string) []Heading {
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
		level := int(body[i+2] - '0')
		gt := strings.IndexByte(body[i:], '>')
		if gt < 0 {
			return hs
		}
		tag := body[i : i+gt]
		var id string
		attrValues(tag, "id", func(v string, _ int) {
			if id == "" {
				id = unescape(v)
			}
		})
		closing := "</h" + string(body[i+2]) + ">"
		end := strings.Index(body[i+gt:], closing)
		if id == "" || end < 0 {
			continue
		}
		inner := body[i+gt+1 : i+gt+end]
		h := Heading{ID: id, Text: plainText(template.HTML(inner)), Level: level}
		if rest, ok := strings.CutPrefix(inner, `<span lang="`); ok && strings.HasSuffix(inner, "</span>") && strings.Count(inner, "<span") == 1 {
			h.Lang, _, _ = strings.Cut(rest, `"`)
		}
		hs = append(hs, h)
		off = i + gt + end
	}
}

// fillGenerated completes a generated page that leaves Headings, IDs or Links empty by reading
// them from its Body: h2 and h3 elements with an id, every id attribute, and every link into
// the same language and version (its position names the generated page).
func fillGenerated(g *GeneratedPage, v *model.Version, lang string) {
	body := string(g.Body)
	if g.Headings == nil {
		g.Headings = scanHeadings(body)
	}
	if g.IDs == nil {
		g.IDs = scanIDs(g.Body)
	}
	if g.Links == nil {
		prefix := URL(lang, v, "", "")
		pos := diag.Pos{File: "generated page /" + g.Path}
		attrValues(body, "href", func(href string, _ int) {
			href = unescape(href)
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
			g.Links = append(g.Links, Link{Path: p, Anchor: anchor, Pos: pos})
		})
	}
}
