package reference

import (
	"html/template"
	"strings"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

type categoryRow struct {
	ID, Href  string
	Title     Text
	CountText string
}

func (c *ctx) endpointsPage() Page {
	var rows []categoryRow
	total := 0
	for _, cat := range c.categories() {
		n := len(c.endpointsOf(cat))
		total += n
		rows = append(rows, categoryRow{ID: cat.ID, Href: c.URL("reference/endpoints/"+cat.ID, ""), Title: c.english(cat.Title),
			CountText: c.N("reference.count.endpoints", n)})
	}
	body := render("endpoints", map[string]any{"C": c, "Rows": rows, "Total": c.N("reference.count.endpoints", total)})
	return Page{Path: "reference/endpoints", Title: c.T("reference.endpoints.title"), Body: body}
}

type endpointEntry struct {
	Anchor, Method, Path, Operation, Subcategory, Docs string
	Summary                                            Text
	Marks                                              []string
	Tokens                                             []string
	FineGrained, Private, Public                       template.HTML
	Notes                                              []template.HTML
}

func (c *ctx) categoryPage(cat *model.Category) Page {
	var entries []endpointEntry
	var records []SearchRecord
	for _, e := range c.endpointsOf(cat) {
		r := e.Requirement(c.vi)
		x := endpointEntry{Anchor: c.g.EndpointAnchor(e), Method: e.Method, Path: e.Path, Operation: e.Operation,
			Subcategory: e.Subcategory, Summary: c.english(e.Summary), Marks: c.marks(e), Tokens: c.tokenKinds(r),
			FineGrained: c.fineGrainedHTML(r.FineGrained), Private: c.scopesHTML(r.Classic, false), Public: c.scopesHTML(r.Classic, true)}
		if strings.HasPrefix(e.Docs, "https://") || strings.HasPrefix(e.Docs, "http://") {
			x.Docs = e.Docs
		}
		for _, notes := range [][]string{e.Notes, r.Notes, r.Classic.Notes} {
			for _, n := range notes {
				x.Notes = append(x.Notes, c.markdownText(c.english(n)))
			}
		}
		entries = append(entries, x)
		records = append(records, SearchRecord{Anchor: x.Anchor, Title: e.Summary,
			Text: joinText(e.Method, e.Path, e.Operation, diff.FineGrainedText(r.FineGrained), diff.ClassicText(r.Classic, false))})
	}
	body := c.categoryHTML(entries)
	return Page{Path: "reference/endpoints/" + cat.ID, Title: cat.Title, Body: body, Records: records}
}

// marks lists an endpoint's since, deprecated, removal and cloud-only marks.
func (c *ctx) marks(e *model.Endpoint) []string {
	var out []string
	if v := c.since(e); v != nil {
		out = append(out, c.T("reference.mark.since", "Version", c.versionName(v).S))
	}
	if !e.Deprecated.IsZero() {
		out = append(out, c.T("reference.mark.deprecated", "Date", c.g.opts.Date(c.lang, e.Deprecated)))
	}
	if !e.Removal.IsZero() {
		out = append(out, c.T("reference.mark.removal", "Date", c.g.opts.Date(c.lang, e.Removal)))
	}
	if e.CloudOnly {
		out = append(out, c.T("reference.mark.cloud_only"))
	}
	return out
}

// categoryHTML writes a category page's entries. It is written out in Go rather than as a
// template because it is the largest page: every piece of text goes through esc.
func (c *ctx) categoryHTML(entries []endpointEntry) template.HTML {
	op, tokens, noToken := esc(c.T("reference.column.operation")), esc(c.T("reference.endpoint.tokens")), esc(c.T("reference.endpoint.no_token"))
	fg, private, public := esc(c.T("reference.endpoint.fine_grained")), esc(c.T("reference.endpoint.classic_private")), esc(c.T("reference.endpoint.classic_public"))
	notes, docs := esc(c.T("reference.endpoint.notes")), esc(c.T("reference.endpoint.docs"))
	var b strings.Builder
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	for _, x := range entries {
		a := esc(x.Anchor)
		w(`<section class="endpoint" aria-labelledby="`, a, `">`, "\n", `<h2 id="`, a, `">`, string(x.Summary.HTML()), "</h2>\n")
		w(`<p class="route"><code>`, esc(x.Method), " ", esc(x.Path), "</code></p>\n")
		if len(x.Marks) > 0 {
			w(`<ul class="marks">`)
			for _, m := range x.Marks {
				w("<li>", esc(m), "</li>")
			}
			w("</ul>\n")
		}
		w("<dl>\n<dt>", op, "</dt><dd><code>", esc(x.Operation), "</code></dd>\n<dt>", tokens, "</dt><dd>")
		if len(x.Tokens) == 0 {
			w(noToken)
		} else {
			w("<ul>")
			for _, t := range x.Tokens {
				w("<li>", esc(t), "</li>")
			}
			w("</ul>")
		}
		w("</dd>\n<dt>", fg, "</dt><dd>", string(x.FineGrained), "</dd>\n")
		w("<dt>", private, "</dt><dd>", string(x.Private), "</dd>\n<dt>", public, "</dt><dd>", string(x.Public), "</dd>\n")
		if len(x.Notes) > 0 {
			w("<dt>", notes, "</dt>")
			for _, n := range x.Notes {
				w("<dd>", string(n), "</dd>")
			}
			w("\n")
		}
		w("</dl>\n")
		if x.Docs != "" {
			w(`<p class="upstream"><a href="`, esc(x.Docs), `">`, docs, "</a></p>\n")
		}
		w("</section>\n")
	}
	return template.HTML(b.String())
}
