package reference

import (
	"html/template"

	"github.com/scoperef/scoperef/internal/model"
)

// Requirements are written as sets: the members of an AND-set joined by "and", alternatives by
// "; or", in the data's order. Permission and scope names link to their reference entries.

// levelWord translates an access level.
func (c *ctx) levelWord(l model.Level) string { return c.T("reference.level." + l.String()) }

func levelAnchor(l model.Level) string { return "level-" + l.String() }

// grantHTML is `<code>issues</code>: write`, linked to the permission's level.
func (c *ctx) grantHTML(g model.Grant) template.HTML {
	h := template.HTML(`<code>` + esc(g.Permission.ID) + `</code>: ` + esc(c.levelWord(g.Level)))
	if c.plain {
		return h
	}
	href := c.URL("reference/permissions/"+g.Permission.ID, levelAnchor(g.Level))
	return template.HTML(`<a href="`+esc(href)+`">`) + h + "</a>"
}

// setHTML is one AND-set of grants.
func (c *ctx) setHTML(set model.PermissionSet) template.HTML {
	parts := make([]template.HTML, len(set))
	for i, g := range set {
		parts[i] = c.grantHTML(g)
	}
	return join(parts, " "+esc(c.T("reference.and"))+" ")
}

// alternativesHTML joins alternatives with "; or".
func (c *ctx) alternativesHTML(alts []template.HTML) template.HTML {
	return join(alts, esc(c.T("reference.or_separator"))+" ")
}

// fineGrainedHTML writes a fine-grained requirement.
func (c *ctx) fineGrainedHTML(fg model.FineGrained) template.HTML {
	if !fg.Accepted {
		return template.HTML(esc(c.T("reference.not_accepted")))
	}
	alts := make([]template.HTML, len(fg.AnyOf))
	for i, set := range fg.AnyOf {
		alts[i] = c.setHTML(set)
	}
	h := c.alternativesHTML(alts)
	if fg.PublicWithoutPermission {
		h += template.HTML(` <span class="note">(` + esc(c.T("reference.public_without_permission")) + `)</span>`)
	}
	return h
}

// scopeHTML is a scope id linked to its entry on the scopes page.
func (c *ctx) scopeHTML(s *model.Scope) template.HTML {
	h := template.HTML(`<code>` + esc(s.ID) + `</code>`)
	if c.plain {
		return h
	}
	href := c.URL("reference/scopes", c.g.ScopeAnchor(s))
	return template.HTML(`<a href="`+esc(href)+`">`) + h + "</a>"
}

// scopesHTML writes classic scope alternatives for private or public resources.
func (c *ctx) scopesHTML(cl model.Classic, public bool) template.HTML {
	if !cl.Accepted {
		return template.HTML(esc(c.T("reference.not_accepted")))
	}
	sets := cl.Private
	if public {
		sets = cl.Public
	}
	if len(sets) == 0 {
		return template.HTML(esc(c.T("reference.no_scope")))
	}
	alts := make([]template.HTML, len(sets))
	for i, set := range sets {
		if len(set) == 0 {
			alts[i] = template.HTML(esc(c.T("reference.no_scope")))
			continue
		}
		parts := make([]template.HTML, len(set))
		for j, s := range set {
			parts[j] = c.scopeHTML(s)
		}
		alts[i] = join(parts, " "+esc(c.T("reference.and"))+" ")
	}
	return c.alternativesHTML(alts)
}

// tokenKinds lists the kinds of token that can call an endpoint with requirement r.
func (c *ctx) tokenKinds(r *model.Variant) []string {
	var out []string
	if r.FineGrained.Accepted {
		out = append(out, c.T("reference.token.fine_grained"))
	}
	if r.Classic.Accepted {
		out = append(out, c.T("reference.token.classic"))
	}
	if r.GitHubApps {
		out = append(out, c.T("reference.token.github_app"))
	}
	return out
}
