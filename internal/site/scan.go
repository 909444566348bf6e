package site

import (
	"html"
	"html/template"
	"regexp"
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
)

var (
	idAttr    = regexp.MustCompile(`\sid="([^"]+)"`)
	hrefAttr  = regexp.MustCompile(`\shref="(/[^"]*)"`)
	headingRe = regexp.MustCompile(`(?s)<h([23])\s[^>]*?id="([^"]+)"[^>]*>(.*?)</h[23]>`)
)

// scanIDs returns every id attribute of an HTML fragment made by html/template or goldmark
// (attributes in double quotes).
func scanIDs(body template.HTML) []string {
	var ids []string
	for _, m := range idAttr.FindAllStringSubmatch(string(body), -1) {
		ids = append(ids, html.UnescapeString(m[1]))
	}
	return ids
}

// fillGenerated completes a generated page that leaves Headings, IDs or Links empty by reading
// them from its Body: h2 and h3 elements with an id, every id attribute, and every link into
// the same language and version (its position names the generated page).
func fillGenerated(g *GeneratedPage, v *model.Version, lang string) {
	body := string(g.Body)
	if g.Headings == nil {
		for _, m := range headingRe.FindAllStringSubmatch(body, -1) {
			g.Headings = append(g.Headings, Heading{ID: html.UnescapeString(m[2]), Text: plainText(template.HTML(m[3])), Level: int(m[1][0] - '0')})
		}
	}
	if g.IDs == nil {
		g.IDs = scanIDs(g.Body)
	}
	if g.Links == nil {
		prefix := URL(lang, v, "", "")
		pos := diag.Pos{File: "generated page /" + g.Path}
		for _, m := range hrefAttr.FindAllStringSubmatch(body, -1) {
			href := html.UnescapeString(m[1])
			rest, ok := strings.CutPrefix(href, prefix)
			if !ok || (rest != "" && rest[0] != '/' && rest[0] != '#') {
				continue
			}
			p, anchor, _ := strings.Cut(strings.TrimPrefix(rest, "/"), "#")
			if last := p[strings.LastIndexByte(p, '/')+1:]; strings.Contains(last, ".") {
				continue // a download, not a page
			}
			if anchor == "" && p == "" && strings.HasSuffix(href, "#") {
				continue
			}
			g.Links = append(g.Links, Link{Path: p, Anchor: anchor, Pos: pos})
		}
	}
}
