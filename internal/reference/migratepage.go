package reference

import (
	"github.com/scoperef/scoperef/internal/model"
)

func (c *ctx) migratePage() Page {
	d, l := c.g.versionData(c), c.text()
	b := c.page("reference/migrate")
	b.raw("<p>")
	b.text(c.t("reference.migrate.intro"))
	b.raw("</p>")
	if len(d.scopes) == 0 {
		b.raw("\n<p>")
		b.text(c.t("reference.scopes.none"))
		b.raw("</p>")
	} else {
		b.raw("\n<h2 id=\"calculator\">")
		b.text(c.t("reference.migrate.calculator"))
		b.raw("</h2>\n<form class=\"migrate\" id=\"migrate-form\" hidden data-src=\"")
		b.url(c.URL(DownloadsPath+"/migrate.json", ""))
		b.raw(`" data-permission-url="`)
		b.url(c.URL("reference/permissions/__id__", "__level__"))
		b.raw(`" data-endpoint-url="`)
		b.url(c.URL("reference/endpoints/__category__", "__anchor__"))
		b.raw(`" data-levels="`)
		b.text(string(mustJSON(map[string]string{"read": c.levelWord(model.Read), "write": c.levelWord(model.Write), "admin": c.levelWord(model.Admin)})))
		b.raw(`" data-and="`)
		b.text(c.t("reference.and"))
		b.raw(`" data-no-permissions="`)
		b.text(c.t("reference.migrate.no_permissions"))
		b.raw(`" data-none-uncallable="`)
		b.text(c.t("reference.migrate.none_uncallable"))
		b.raw("\">\n<fieldset>\n<legend>")
		b.text(c.t("reference.migrate.choose"))
		b.raw("</legend>\n<ul class=\"scope-options\">")
		for _, s := range d.scopes {
			b.raw(`
<li><label><input type="checkbox" name="scope" value="`)
			b.text(s.ID)
			b.raw(`"> <code>`)
			b.text(s.ID)
			b.raw("</code> ")
			b.textHTML(c.scopeTitle(s))
			b.raw("</label></li>")
		}
		b.raw("\n</ul>\n</fieldset>\n<div id=\"migrate-result\" aria-live=\"polite\">\n<h3 id=\"calculator-permissions\">")
		b.text(c.t("reference.migrate.permissions"))
		b.raw("</h3>\n<ul id=\"migrate-permissions\"></ul>\n<h3 id=\"calculator-uncallable\">")
		b.text(c.t("reference.migrate.uncallable"))
		b.raw("</h3>\n<ul id=\"migrate-uncallable\" class=\"endpoint-list\"></ul>\n</div>\n</form>\n<noscript><p>")
		b.text(c.t("reference.migrate.noscript"))
		b.raw("</p></noscript>\n<script src=\"")
		b.url(c.URL(DownloadsPath+"/migrate.js", ""))
		b.raw("\" defer></script>\n<h2 id=\"by-scope\">")
		b.text(c.t("reference.migrate.by_scope"))
		b.raw("</h2>\n<table class=\"migrate\">\n<caption>")
		b.text(c.t("reference.migrate.by_scope_caption"))
		b.raw("</caption>\n<thead><tr><th scope=\"col\">")
		b.text(c.t("reference.column.scope"))
		b.raw(`</th><th scope="col">`)
		b.text(c.t("reference.migrate.permissions"))
		b.raw(`</th><th scope="col">`)
		b.text(c.t("reference.migrate.uncallable"))
		b.raw("</th></tr></thead>\n<tbody>")
		none := textString(c.t("reference.none"))
		for _, s := range d.scopes {
			res := d.migrated[s]
			b.raws("\n<tr><th scope=\"row\">", c.scopeHTML(s, l), " ")
			b.textHTML(c.scopeTitle(s))
			b.raw("</th><td>")
			if len(res.Permissions) > 0 {
				b.raw("<ul>")
				for _, g := range res.Permissions {
					p, _ := c.m.Permission(g.Permission)
					lv, _ := model.ParseLevel(g.Level)
					b.raws("<li>", c.grantHTML(model.Grant{Permission: p, Level: lv}, l), "</li>")
				}
				b.raw("</ul>")
			} else {
				b.raw(none)
			}
			b.raw("</td><td>")
			if len(res.NoFineGrained) > 0 {
				b.raw("<details><summary>")
				b.text(c.n("reference.count.endpoints", len(res.NoFineGrained)))
				b.raw("</summary>\n")
				eps := make([]*model.Endpoint, len(res.NoFineGrained))
				for i, e := range res.NoFineGrained {
					eps[i] = e.Endpoint
				}
				c.writeEndpointList(b, eps, l)
				b.raw("\n</details>")
			} else {
				b.raw(none)
			}
			b.raw("</td></tr>")
		}
		b.raw("\n</tbody>\n</table>")
	}
	b.raw("\n")
	return Page{Path: "reference/migrate", Title: c.T("reference.migrate.title"), Body: b.html(),
		Records: []SearchRecord{{Anchor: "by-scope", Title: c.t("reference.migrate.by_scope"), Text: c.t("reference.migrate.intro")}}}
}
