package reference

import (
	"github.com/scoperef/scoperef/internal/model"
)

func (c *ctx) endpointsPage() Page {
	d := c.g.versionData(c)
	b := c.page("reference/endpoints")
	if len(d.cats) == 0 {
		b.raw("<p>")
		b.text(c.t("reference.endpoints.none"))
		b.raw("</p>\n")
	} else {
		total := 0
		for _, cat := range d.cats {
			total += len(d.catEps[cat])
		}
		b.raw("<table class=\"categories\">\n<caption>")
		b.text(c.t("reference.endpoints.caption"))
		b.raw(" (")
		b.text(c.n("reference.count.endpoints", total))
		b.raw(")</caption>\n<thead><tr><th scope=\"col\">")
		b.text(c.t("reference.column.category"))
		b.raw(`</th><th scope="col">`)
		b.text(c.t("reference.column.endpoints"))
		b.raw("</th></tr></thead>\n<tbody>")
		for _, cat := range d.cats {
			b.raw("\n<tr><th scope=\"row\"><a href=\"")
			b.url(c.URL(categoryPath(cat), ""))
			b.raw(`">`)
			b.textHTML(c.english(cat.Title))
			b.raw("</a></th><td>")
			b.text(c.n("reference.count.endpoints", len(d.catEps[cat])))
			b.raw("</td></tr>")
		}
		b.raw("\n</tbody>\n</table>\n")
	}
	return Page{Path: "reference/endpoints", Title: c.T("reference.endpoints.title"), Body: b.html()}
}

// categoryPage writes a category's endpoints. It is the largest page: the text of the data is
// escaped once per generator (epText) and the interface text once per Pages call (langData).
func (c *ctx) categoryPage(cat *model.Category) Page {
	d, l := c.g.versionData(c), c.text()
	eps := d.catEps[cat]
	records := make([]SearchRecord, 0, len(eps))
	path := categoryPath(cat)
	b := c.page(path)
	for _, e := range eps {
		r := e.Requirement(c.vi)
		x := c.g.endpointText(e)
		b.raws(`<section class="endpoint" aria-labelledby="`, x.anchor, "\">\n<h2 id=\"", x.anchor, `">`, x.summaryIn(c),
			"</h2>\n<p class=\"route\"><code>", x.method, " ", x.path, "</code></p>\n")
		c.writeMarks(b, e, d, l)
		b.raws("<dl>\n<dt>", l.opLabel, "</dt><dd><code>", x.op, "</code></dd>\n<dt>", l.tokensLabel, "</dt><dd>",
			l.tokenKinds[tokenKindsOf(r)], "</dd>\n<dt>", l.fineGrainedLabel, "</dt><dd>")
		c.writeFineGrained(b, r.FineGrained, l)
		b.raws("</dd>\n<dt>", l.privateLabel, "</dt><dd>")
		c.writeScopes(b, r.Classic, false, l)
		b.raws("</dd>\n<dt>", l.publicLabel, "</dt><dd>")
		c.writeScopes(b, r.Classic, true, l)
		b.raw("</dd>\n")
		if len(e.Notes)+len(r.Notes)+len(r.Classic.Notes) > 0 {
			b.raws("<dt>", l.notesLabel, "</dt>")
			for _, list := range [][]string{e.Notes, r.Notes, r.Classic.Notes} {
				for _, n := range list {
					b.raw("<dd>")
					c.writeMarkdown(b, c.english(n))
					b.raw("</dd>")
				}
			}
			b.raw("\n")
		}
		b.raw("</dl>\n")
		if x.docs != "" {
			b.raws(`<p class="upstream"><a href="`, x.docs, `">`, l.docsLabel, "</a></p>\n")
		}
		b.raw("</section>\n")
		records = append(records, SearchRecord{Anchor: x.id, Title: e.Summary, Text: x.searchText(e, r)})
	}
	var rec []SearchRecord
	if len(records) > 0 {
		rec = records
	}
	return Page{Path: path, Title: cat.Title, Body: b.html(), Records: rec}
}

// writeMarks writes an endpoint's since, deprecated, removal and cloud-only marks.
func (c *ctx) writeMarks(b *htmlw, e *model.Endpoint, d *versionData, l *langData) {
	v := d.since[e]
	if v == nil && e.Deprecated.IsZero() && e.Removal.IsZero() && !e.CloudOnly {
		return
	}
	b.raw(`<ul class="marks">`)
	if v != nil {
		b.raw(l.sinceMark(c, v))
	}
	if !e.Deprecated.IsZero() {
		b.raw(l.dateMark(c, "reference.mark.deprecated", e.Deprecated))
	}
	if !e.Removal.IsZero() {
		b.raw(l.dateMark(c, "reference.mark.removal", e.Removal))
	}
	if e.CloudOnly {
		b.raw(l.cloudOnlyMark)
	}
	b.raw("</ul>\n")
}
