package reference

import (
	"github.com/scoperef/scoperef/internal/model"
)

// Requirements are written as sets: the members of an AND-set joined by "and", alternatives by
// "; or", in the data's order. Permission and scope names link to their reference entries.

// levelMessages and levelAnchors hold levelWord's message id and levelAnchor for each level.
var levelMessages, levelAnchors = func() (ids, anchors [model.Admin + 1]string) {
	for l := range model.Admin + 1 {
		ids[l], anchors[l] = "reference.level."+l.String(), "level-"+l.String()
	}
	return ids, anchors
}()

// levelWord translates an access level.
func (c *ctx) levelWord(l model.Level) string {
	if l >= 0 && int(l) < len(levelMessages) {
		return c.t(levelMessages[l])
	}
	return c.t("reference.level." + l.String())
}

func levelAnchor(l model.Level) string {
	if l >= 0 && int(l) < len(levelAnchors) {
		return levelAnchors[l]
	}
	return "level-" + l.String()
}

// grantHTML is `<code>issues</code>: write`, linked to the permission's level unless c is plain.
// The linked forms of the version's grants are made with l; plain ones as they are first used.
func (c *ctx) grantHTML(g model.Grant, l *langData) string {
	if c.plain {
		h, ok := l.plainGrant[g]
		if !ok {
			h = c.computeGrantHTML(g, l)
			l.plainGrant[g] = h
		}
		return h
	}
	if h, ok := l.grant[g]; ok {
		return h
	}
	return c.computeGrantHTML(g, l)
}

func (c *ctx) computeGrantHTML(g model.Grant, l *langData) string {
	id, level := esc(g.Permission.ID), l.levelWord(c, g.Level)
	if c.plain {
		return `<code>` + id + `</code>: ` + level
	}
	href := c.URL("reference/permissions/"+g.Permission.ID, levelAnchor(g.Level))
	return `<a href="` + esc(href) + `"><code>` + id + `</code>: ` + level + "</a>"
}

// writeSet writes one AND-set of grants.
func (c *ctx) writeSet(b *htmlw, set model.PermissionSet, l *langData) {
	for i, g := range set {
		if i > 0 {
			b.raw(l.and)
		}
		b.raw(c.grantHTML(g, l))
	}
}

// writeFineGrained writes a fine-grained requirement.
func (c *ctx) writeFineGrained(b *htmlw, fg model.FineGrained, l *langData) {
	if !fg.Accepted {
		b.raw(l.notAccepted)
		return
	}
	for i, set := range fg.AnyOf {
		if i > 0 {
			b.raw(l.or)
		}
		c.writeSet(b, set, l)
	}
	if fg.PublicWithoutPermission {
		b.raw(l.publicNote)
	}
}

// scopeHTML is a scope id linked to its entry on the scopes page unless c is plain. The linked
// forms of the version's scopes are made with l; plain ones as they are first used.
func (c *ctx) scopeHTML(s *model.Scope, l *langData) string {
	if c.plain {
		h, ok := l.plainScope[s]
		if !ok {
			h = c.computeScopeHTML(s)
			l.plainScope[s] = h
		}
		return h
	}
	if h, ok := l.scope[s]; ok {
		return h
	}
	return c.computeScopeHTML(s)
}

func (c *ctx) computeScopeHTML(s *model.Scope) string {
	if c.plain {
		return `<code>` + esc(s.ID) + `</code>`
	}
	href := c.URL("reference/scopes", c.g.ScopeAnchor(s))
	return `<a href="` + esc(href) + `"><code>` + esc(s.ID) + `</code></a>`
}

// writeScopes writes classic scope alternatives for private or public resources.
func (c *ctx) writeScopes(b *htmlw, cl model.Classic, public bool, l *langData) {
	if !cl.Accepted {
		b.raw(l.notAccepted)
		return
	}
	sets := cl.Private
	if public {
		sets = cl.Public
	}
	if len(sets) == 0 {
		b.raw(l.noScope)
		return
	}
	for i, set := range sets {
		if i > 0 {
			b.raw(l.or)
		}
		if len(set) == 0 {
			b.raw(l.noScope)
			continue
		}
		for j, s := range set {
			if j > 0 {
				b.raw(l.and)
			}
			b.raw(c.scopeHTML(s, l))
		}
	}
}

// The kinds of token that can call an endpoint, as bits of tokenKindsOf's result.
const (
	fineGrainedToken = 1 << iota
	classicToken
	gitHubAppToken
	allTokenKinds // the number of combinations
)

// tokenKindsOf returns the kinds of token that can call an endpoint with requirement r.
func tokenKindsOf(r *model.Variant) int {
	kinds := 0
	if r.FineGrained.Accepted {
		kinds |= fineGrainedToken
	}
	if r.Classic.Accepted {
		kinds |= classicToken
	}
	if r.GitHubApps {
		kinds |= gitHubAppToken
	}
	return kinds
}

// tokenKindsHTML writes the kinds of token in kinds as a list, in the order fine-grained,
// classic, GitHub App; the "no token" text when there is none.
func (c *ctx) tokenKindsHTML(kinds int) string {
	if kinds == 0 {
		return esc(c.t("reference.endpoint.no_token"))
	}
	var b htmlw
	b.raw("<ul>")
	for _, k := range []struct {
		bit int
		id  string
	}{{fineGrainedToken, "reference.token.fine_grained"}, {classicToken, "reference.token.classic"}, {gitHubAppToken, "reference.token.github_app"}} {
		if kinds&k.bit != 0 {
			b.raw("<li>")
			b.esc(c.t(k.id))
			b.raw("</li>")
		}
	}
	b.raw("</ul>")
	return b.String()
}
