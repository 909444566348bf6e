package reference

import (
	"strings"

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
			b.url(c.URL("reference/endpoints/"+cat.ID, ""))
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

// categoryPage writes a category's endpoints. It is the largest page: every piece of text goes
// through esc.
func (c *ctx) categoryPage(cat *model.Category) Page {
	d, l := c.g.versionData(c), c.text()
	op, tokens, noToken := esc(c.t("reference.column.operation")), esc(c.t("reference.endpoint.tokens")), esc(c.t("reference.endpoint.no_token"))
	fg, private, public := esc(c.t("reference.endpoint.fine_grained")), esc(c.t("reference.endpoint.classic_private")), esc(c.t("reference.endpoint.classic_public"))
	notes, docs := esc(c.t("reference.endpoint.notes")), esc(c.t("reference.endpoint.docs"))
	eps := d.catEps[cat]
	records := make([]SearchRecord, 0, len(eps))
	b := c.page("reference/endpoints/" + cat.ID)
	for _, e := range eps {
		r := e.Requirement(c.vi)
		x := c.g.endpointText(e)
		b.raws(`<section class="endpoint" aria-labelledby="`, x.anchor, "\">\n<h2 id=\"", x.anchor, `">`, x.summaryIn(c),
			"</h2>\n<p class=\"route\"><code>", x.method, " ", x.path, "</code></p>\n")
		c.writeMarks(b, e, d)
		b.raws("<dl>\n<dt>", op, "</dt><dd><code>", x.op, "</code></dd>\n<dt>", tokens, "</dt><dd>")
		if kinds := c.tokenKinds(r); len(kinds) == 0 {
			b.raw(noToken)
		} else {
			b.raw("<ul>")
			for _, t := range kinds {
				b.raw("<li>")
				b.esc(t)
				b.raw("</li>")
			}
			b.raw("</ul>")
		}
		b.raws("</dd>\n<dt>", fg, "</dt><dd>")
		c.writeFineGrained(b, r.FineGrained, l)
		b.raws("</dd>\n<dt>", private, "</dt><dd>")
		c.writeScopes(b, r.Classic, false, l)
		b.raws("</dd>\n<dt>", public, "</dt><dd>")
		c.writeScopes(b, r.Classic, true, l)
		b.raw("</dd>\n")
		if len(e.Notes)+len(r.Notes)+len(r.Classic.Notes) > 0 {
			b.raws("<dt>", notes, "</dt>")
			for _, list := range [][]string{e.Notes, r.Notes, r.Classic.Notes} {
				for _, n := range list {
					b.raws("<dd>", string(c.markdownText(c.english(n))), "</dd>")
				}
			}
			b.raw("\n")
		}
		b.raw("</dl>\n")
		if strings.HasPrefix(e.Docs, "https://") || strings.HasPrefix(e.Docs, "http://") {
			b.raw(`<p class="upstream"><a href="`)
			b.esc(e.Docs)
			b.raws(`">`, docs, "</a></p>\n")
		}
		b.raw("</section>\n")
		records = append(records, SearchRecord{Anchor: c.g.EndpointAnchor(e), Title: e.Summary, Text: d.record[e]})
	}
	var rec []SearchRecord
	if len(records) > 0 {
		rec = records
	}
	return Page{Path: "reference/endpoints/" + cat.ID, Title: cat.Title, Body: b.html(), Records: rec}
}

// writeMarks writes an endpoint's since, deprecated, removal and cloud-only marks.
func (c *ctx) writeMarks(b *htmlw, e *model.Endpoint, d *versionData) {
	v := d.since[e]
	if v == nil && e.Deprecated.IsZero() && e.Removal.IsZero() && !e.CloudOnly {
		return
	}
	b.raw(`<ul class="marks">`)
	if v != nil {
		b.raw("<li>")
		b.esc(c.t1("reference.mark.since", "Version", c.versionName(v).S))
		b.raw("</li>")
	}
	if !e.Deprecated.IsZero() {
		b.raw("<li>")
		b.esc(c.t1("reference.mark.deprecated", "Date", c.g.opts.Date(c.lang, e.Deprecated)))
		b.raw("</li>")
	}
	if !e.Removal.IsZero() {
		b.raw("<li>")
		b.esc(c.t1("reference.mark.removal", "Date", c.g.opts.Date(c.lang, e.Removal)))
		b.raw("</li>")
	}
	if e.CloudOnly {
		b.raw("<li>")
		b.esc(c.t("reference.mark.cloud_only"))
		b.raw("</li>")
	}
	b.raw("</ul>\n")
}
