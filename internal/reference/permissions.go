package reference

import (
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/model"
)

// uses maps each permission of the version to the endpoints naming it, per level, in model order
// (path, method, operation). Computed once per version.
func (c *ctx) uses() map[*model.Permission]map[model.Level][]*model.Endpoint {
	return c.g.versionData(c).uses
}

// endpointsNaming lists the distinct endpoints that name p at any level, in model order.
func (c *ctx) endpointsNaming(p *model.Permission) []*model.Endpoint {
	return c.g.versionData(c).naming[p]
}

func (c *ctx) levelList(p *model.Permission) string {
	words := make([]string, len(p.Levels))
	for i, l := range p.Levels {
		words[i] = c.levelWord(l)
	}
	return strings.Join(words, c.t("reference.list_separator"))
}

func (c *ctx) permissionsPage() Page {
	d := c.g.versionData(c)
	var records []SearchRecord
	b := c.page("reference/permissions")
	head := ""
	for _, grp := range model.Groups {
		rows := 0
		for _, p := range d.perms {
			if p.Group != grp {
				continue
			}
			if rows == 0 {
				anchor, name := "group-"+string(grp), c.t("reference.group."+string(grp))
				if head == "" {
					var h htmlw
					h.raw("<thead><tr><th scope=\"col\">")
					h.text(c.t("reference.column.permission"))
					h.raw(`</th><th scope="col">`)
					h.text(c.t("reference.column.levels"))
					h.raw(`</th><th scope="col">`)
					h.text(c.t("reference.column.endpoints"))
					h.raw("</th></tr></thead>\n<tbody>")
					head = h.String()
				}
				b.raw("\n<h2 id=\"")
				b.text(anchor)
				b.raw(`">`)
				b.text(name)
				b.raw("</h2>\n<table class=\"permissions\">\n<caption>")
				b.text(name)
				b.raws("</caption>\n", head)
				records = append(records, SearchRecord{Anchor: anchor, Title: name, Text: name})
			}
			rows++
			b.raw("\n<tr><th scope=\"row\"><a href=\"")
			b.url(c.URL("reference/permissions/"+p.ID, ""))
			b.raw(`">`)
			b.textHTML(c.permTitle(p))
			b.raw("</a> <code>")
			b.text(p.ID)
			b.raw("</code></th><td>")
			b.text(c.levelList(p))
			b.raw("</td><td>")
			b.text(c.n("reference.count.endpoints", len(d.naming[p])))
			b.raw("</td></tr>")
		}
		if rows > 0 {
			b.raw("\n</tbody>\n</table>")
		}
	}
	if len(records) == 0 {
		b.raw("<p>")
		b.text(c.t("reference.permissions.none"))
		b.raw("</p>")
	}
	b.raw("\n")
	return Page{Path: "reference/permissions", Title: c.T("reference.permissions.title"), Body: b.html(), Records: records}
}

func (c *ctx) permissionPage(p *model.Permission) Page {
	d, l := c.g.versionData(c), c.text()
	title := c.permTitle(p)
	b := c.page("reference/permissions/" + p.ID)
	b.raw("<dl class=\"permission-facts\">\n<dt>")
	b.text(c.t("reference.permission.key"))
	b.raw("</dt><dd><code>")
	b.text(p.ID)
	b.raw("</code></dd>\n<dt>")
	b.text(c.t("reference.permission.group"))
	b.raw("</dt><dd>")
	b.text(c.t("reference.group." + string(p.Group)))
	b.raw("</dd>\n<dt>")
	b.text(c.t("reference.column.levels"))
	b.raw("</dt><dd>")
	b.text(c.levelList(p))
	b.raw("</dd>\n</dl>")
	c.writeMarkdownField(b, "permissions", p.ID, p.Description)
	if note := c.versionNote(p.Versions); note != "" {
		b.raw("\n<p class=\"version-note\">")
		b.text(note)
		b.raw("</p>")
	}
	b.raw("\n<p>")
	b.text(c.t("reference.permission.levels_intro"))
	b.raw("</p>")
	for i := len(p.Levels) - 1; i >= 0; i-- { // admin, write, read
		lv := p.Levels[i]
		word := c.levelWord(lv)
		b.raw("\n<h2 id=\"")
		b.text(levelAnchor(lv))
		b.raw(`">`)
		b.text(c.t1("reference.permission.level_heading", "Level", word))
		b.raw("</h2>")
		eps := d.uses[p][lv]
		if len(eps) == 0 {
			b.raw("\n<p>")
			b.text(c.t("reference.permission.level_unused"))
			b.raw("</p>")
			continue
		}
		b.raw("\n<table class=\"endpoints\">\n<caption>")
		b.text(c.t2("reference.permission.level_caption", "Permission", p.ID, "Level", word))
		b.raw(" (")
		b.text(c.n("reference.count.endpoints", len(eps)))
		b.raw(")</caption>\n")
		b.raw(l.endpointsHead(c))
		g := model.Grant{Permission: p, Level: lv}
		for _, e := range eps {
			r := e.Requirement(c.vi)
			x := c.g.endpointText(e)
			b.raws("\n<tr><td><code>", x.method, `</code></td><th scope="row"><a href="`, l.endpointHref(c, e), `"><code>`,
				x.path, "</code></a></th><td><code>", x.op, "</code></td><td>", l.levelWord(c, lv))
			if r.FineGrained.PublicWithoutPermission {
				b.raw(l.publicNote)
			}
			b.raw("</td><td>")
			c.writeOthers(b, r.FineGrained, g, l)
			b.raw("</td></tr>")
		}
		b.raw("\n</tbody>\n</table>")
	}
	b.raw("\n")
	words := []string{p.ID, title.S, string(p.Group)}
	for _, l := range p.Levels {
		words = append(words, l.String(), c.levelWord(l))
	}
	words = append(words, c.data("permissions", p.ID, "description", p.Description).S)
	return Page{Path: "reference/permissions/" + p.ID, Title: title.S, Body: b.html(),
		Records: []SearchRecord{{Title: title.S, Text: joinText(slices.Compact(words)...)}}}
}

// endpointsHead is the head of the tables of endpoints on permission pages, through the
// opening <tbody>, made on first use.
func (l *langData) endpointsHead(c *ctx) string {
	if l.endpointsTableHead == "" {
		var h htmlw
		h.raw(`<thead><tr><th scope="col">`)
		for i, id := range []string{"method", "path", "operation", "access", "others"} {
			if i > 0 {
				h.raw(`</th><th scope="col">`)
			}
			h.text(c.t("reference.column." + id))
		}
		h.raw("</th></tr></thead>\n<tbody>")
		l.endpointsTableHead = h.String()
	}
	return l.endpointsTableHead
}

// writeOthers writes what else an endpoint needs besides grant g: the other members of the sets
// holding g ("and metadata: read") and the alternatives without it ("or pull_requests: write").
func (c *ctx) writeOthers(b *htmlw, fg model.FineGrained, g model.Grant, l *langData) {
	parts := 0
	sep := func() {
		if parts > 0 {
			b.raw("; ")
		}
		parts++
	}
	for _, set := range fg.AnyOf {
		if !slices.Contains(set, g) || !slices.ContainsFunc(set, func(x model.Grant) bool { return x != g }) {
			continue // the set does not hold g, or holds nothing else
		}
		sep()
		b.raw(l.andWord)
		first := true
		for _, x := range set {
			if x == g {
				continue
			}
			if !first {
				b.raw(l.and)
			}
			first = false
			b.raw(c.grantHTML(x, l))
		}
	}
	for _, set := range fg.AnyOf {
		if !slices.Contains(set, g) {
			sep()
			b.raw(l.orWord)
			c.writeSet(b, set, l)
		}
	}
	if parts == 0 {
		b.raw(l.none)
	}
}
