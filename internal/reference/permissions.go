package reference

import (
	"html/template"
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/model"
)

// uses maps each permission of the version to the endpoints naming it, per level, in model order
// (path, method, operation). Computed once per ctx.
func (c *ctx) uses() map[*model.Permission]map[model.Level][]*model.Endpoint {
	if c.permUses != nil {
		return c.permUses
	}
	c.permUses = map[*model.Permission]map[model.Level][]*model.Endpoint{}
	c.permAll = map[*model.Permission][]*model.Endpoint{}
	for _, e := range c.m.EndpointsIn(c.vi) {
		r := e.Requirement(c.vi)
		if !r.FineGrained.Accepted {
			continue
		}
		seen := map[model.Grant]bool{}
		seenPerm := map[*model.Permission]bool{}
		for _, set := range r.FineGrained.AnyOf {
			for _, g := range set {
				if !seenPerm[g.Permission] {
					seenPerm[g.Permission] = true
					c.permAll[g.Permission] = append(c.permAll[g.Permission], e)
				}
				if seen[g] {
					continue
				}
				seen[g] = true
				if c.permUses[g.Permission] == nil {
					c.permUses[g.Permission] = map[model.Level][]*model.Endpoint{}
				}
				c.permUses[g.Permission][g.Level] = append(c.permUses[g.Permission][g.Level], e)
			}
		}
	}
	return c.permUses
}

// endpointsNaming lists the distinct endpoints that name p at any level, in model order.
func (c *ctx) endpointsNaming(p *model.Permission) []*model.Endpoint {
	c.uses()
	return c.permAll[p]
}

type permRow struct {
	ID, Href  string
	Title     Text
	Levels    string
	CountText string
}

type permGroup struct {
	Anchor, Name string
	Rows         []permRow
}

func (c *ctx) levelList(p *model.Permission) string {
	words := make([]string, len(p.Levels))
	for i, l := range p.Levels {
		words[i] = c.levelWord(l)
	}
	return strings.Join(words, c.T("reference.list_separator"))
}

func (c *ctx) permissionsPage() Page {
	var groups []permGroup
	var records []SearchRecord
	for _, grp := range model.Groups {
		g := permGroup{Anchor: "group-" + string(grp), Name: c.T("reference.group." + string(grp))}
		for _, p := range c.permissions() {
			if p.Group != grp {
				continue
			}
			g.Rows = append(g.Rows, permRow{ID: p.ID, Href: c.URL("reference/permissions/"+p.ID, ""), Title: c.permTitle(p),
				Levels: c.levelList(p), CountText: c.N("reference.count.endpoints", len(c.endpointsNaming(p)))})
		}
		if len(g.Rows) > 0 {
			groups = append(groups, g)
			records = append(records, SearchRecord{Anchor: g.Anchor, Title: g.Name, Text: g.Name})
		}
	}
	body := render("permissions", map[string]any{"C": c, "Groups": groups})
	return Page{Path: "reference/permissions", Title: c.T("reference.permissions.title"), Body: body, Records: records}
}

type levelSection struct {
	Anchor, Name, Caption, CountText string
	Rows                             []template.HTML
}

// levelRowHTML is one row of a level's table (written in Go: the tables can be long).
func levelRowHTML(e endpointLink, access, others template.HTML) template.HTML {
	return template.HTML("<tr><td><code>" + esc(e.Method) + `</code></td><th scope="row"><a href="` + esc(e.Href) + `"><code>` +
		esc(e.Path) + "</code></a></th><td><code>" + esc(e.Operation) + "</code></td><td>" + string(access) + "</td><td>" + string(others) + "</td></tr>")
}

func (c *ctx) permissionPage(p *model.Permission) Page {
	title := c.permTitle(p)
	var sections []levelSection
	for i := len(p.Levels) - 1; i >= 0; i-- { // admin, write, read
		l := p.Levels[i]
		s := levelSection{Anchor: levelAnchor(l), Name: c.T("reference.permission.level_heading", "Level", c.levelWord(l)),
			Caption: c.T("reference.permission.level_caption", "Permission", p.ID, "Level", c.levelWord(l))}
		eps := c.uses()[p][l]
		s.CountText = c.N("reference.count.endpoints", len(eps))
		for _, e := range eps {
			r := e.Requirement(c.vi)
			access := template.HTML(esc(c.levelWord(l)))
			if r.FineGrained.PublicWithoutPermission {
				access += template.HTML(` <span class="note">(` + esc(c.T("reference.public_without_permission")) + `)</span>`)
			}
			s.Rows = append(s.Rows, levelRowHTML(c.endpointLink(e), access, c.othersHTML(r.FineGrained, model.Grant{Permission: p, Level: l})))
		}
		sections = append(sections, s)
	}
	body := render("permission", map[string]any{"C": c, "ID": p.ID, "Title": title, "Group": c.T("reference.group." + string(p.Group)),
		"Description": c.markdown("permissions", p.ID, p.Description), "VersionNote": c.versionNote(p.Versions),
		"Levels": c.levelList(p), "Sections": sections})
	words := []string{p.ID, title.S, string(p.Group)}
	for _, l := range p.Levels {
		words = append(words, l.String(), c.levelWord(l))
	}
	words = append(words, c.data("permissions", p.ID, "description", p.Description).S)
	return Page{Path: "reference/permissions/" + p.ID, Title: title.S, Body: body,
		Records: []SearchRecord{{Title: title.S, Text: joinText(slices.Compact(words)...)}}}
}

// othersHTML writes what else an endpoint needs besides grant g: the other members of the sets
// holding g ("and metadata: read") and the alternatives without it ("or pull_requests: write").
func (c *ctx) othersHTML(fg model.FineGrained, g model.Grant) template.HTML {
	and, or := esc(c.T("reference.and")), esc(c.T("reference.or"))
	var parts []template.HTML
	for _, set := range fg.AnyOf {
		if slices.Contains(set, g) {
			var rest model.PermissionSet
			for _, x := range set {
				if x != g {
					rest = append(rest, x)
				}
			}
			if len(rest) > 0 {
				parts = append(parts, template.HTML(and+" ")+c.setHTML(rest))
			}
		}
	}
	for _, set := range fg.AnyOf {
		if !slices.Contains(set, g) {
			parts = append(parts, template.HTML(or+" ")+c.setHTML(set))
		}
	}
	if len(parts) == 0 {
		return template.HTML(esc(c.T("reference.none")))
	}
	return join(parts, "; ")
}
