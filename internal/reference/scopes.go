package reference

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/model"
)

type scopeNode struct {
	ID, Href string
	Title    Text
	Children []*scopeNode
}

type scopeEntry struct {
	ID, Anchor  string
	Title       Text
	Description template.HTML
	VersionNote string
	ImpliedBy   []template.HTML
	Implies     []template.HTML
	CountText   string
	Endpoints   []endpointLink
}

type endpointLink struct {
	Href, Method, Path, Operation string
	Summary                       Text
}

// endpointListHTML is a list of links to endpoints (written in Go: the lists can be long).
func endpointListHTML(links []endpointLink) template.HTML {
	var b strings.Builder
	b.WriteString(`<ul class="endpoint-list">`)
	for _, l := range links {
		b.WriteString("\n<li><a href=\"" + esc(l.Href) + "\"><code>" + esc(l.Method) + " " + esc(l.Path) + "</code></a> " + string(l.Summary.HTML()) + "</li>")
	}
	b.WriteString("\n</ul>")
	return template.HTML(b.String())
}

func (c *ctx) endpointLink(e *model.Endpoint) endpointLink {
	return endpointLink{Href: c.URL("reference/endpoints/"+e.Category.ID, c.g.EndpointAnchor(e)),
		Method: e.Method, Path: e.Path, Operation: e.Operation, Summary: c.english(e.Summary)}
}

// children returns s's children present in the version, sorted by id.
func (c *ctx) children(s *model.Scope) []*model.Scope {
	var out []*model.Scope
	for _, x := range s.Children {
		if x.Versions.Has(c.vi) {
			out = append(out, x)
		}
	}
	slices.SortFunc(out, func(a, b *model.Scope) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// parents returns s's parents present in the version, sorted by id.
func (c *ctx) parents(s *model.Scope) []*model.Scope {
	var out []*model.Scope
	for _, x := range s.Parents {
		if x.Versions.Has(c.vi) {
			out = append(out, x)
		}
	}
	slices.SortFunc(out, func(a, b *model.Scope) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// closure returns the scopes held by a token with the given scopes: them and every scope they
// imply, within the version.
func (c *ctx) closure(scopes []*model.Scope) map[*model.Scope]bool {
	held := map[*model.Scope]bool{}
	var walk func(*model.Scope)
	walk = func(s *model.Scope) {
		if held[s] || !s.Versions.Has(c.vi) {
			return
		}
		held[s] = true
		for _, x := range s.Children {
			walk(x)
		}
	}
	for _, s := range scopes {
		walk(s)
	}
	return held
}

// opens reports whether held scopes satisfy a non-empty alternative of r's classic requirement
// for private and for public resources. Public resources that need no scope are not "opened" by
// any scope.
func opens(held map[*model.Scope]bool, r *model.Variant) (private, public bool) {
	if !r.Classic.Accepted {
		return false, false
	}
	return satisfied(held, r.Classic.Private), satisfied(held, r.Classic.Public) && !needsNone(r.Classic.Public)
}

func satisfied(held map[*model.Scope]bool, sets [][]*model.Scope) bool {
	for _, set := range sets {
		if len(set) > 0 && !slices.ContainsFunc(set, func(s *model.Scope) bool { return !held[s] }) {
			return true
		}
	}
	return false
}

func needsNone(sets [][]*model.Scope) bool {
	return len(sets) == 0 || slices.ContainsFunc(sets, func(set []*model.Scope) bool { return len(set) == 0 })
}

// acceptedBy lists the endpoints of the version that a token holding only s can call.
func (c *ctx) acceptedBy(s *model.Scope) []*model.Endpoint { return c.g.versionData(c).accepted[s] }

func (c *ctx) computeAcceptedBy(s *model.Scope) []*model.Endpoint {
	held := c.closure([]*model.Scope{s})
	var out []*model.Endpoint
	for _, e := range c.m.EndpointsIn(c.vi) {
		if priv, pub := opens(held, e.Requirement(c.vi)); priv || pub {
			out = append(out, e)
		}
	}
	return out
}

func (c *ctx) scopesPage() Page {
	scopes := c.scopes()
	var roots []*scopeNode
	var tree func(s *model.Scope) *scopeNode
	tree = func(s *model.Scope) *scopeNode {
		n := &scopeNode{ID: s.ID, Href: "#" + c.g.ScopeAnchor(s), Title: c.scopeTitle(s)}
		for _, x := range c.children(s) {
			n.Children = append(n.Children, tree(x))
		}
		return n
	}
	var entries []scopeEntry
	var records []SearchRecord
	var example []string
	for _, s := range scopes {
		if len(c.parents(s)) == 0 {
			roots = append(roots, tree(s))
		} else if example == nil {
			example = []string{c.parents(s)[0].ID, s.ID}
		}
		e := scopeEntry{ID: s.ID, Anchor: c.g.ScopeAnchor(s), Title: c.scopeTitle(s),
			Description: c.markdown("scopes", s.ID, s.Description), VersionNote: c.versionNote(s.Versions)}
		for _, p := range c.parents(s) {
			e.ImpliedBy = append(e.ImpliedBy, c.scopeHTML(p))
		}
		for _, x := range c.children(s) {
			e.Implies = append(e.Implies, c.scopeHTML(x))
		}
		eps := c.acceptedBy(s)
		e.CountText = c.N("reference.count.endpoints", len(eps))
		for _, ep := range eps {
			e.Endpoints = append(e.Endpoints, c.endpointLink(ep))
		}
		entries = append(entries, e)
		records = append(records, SearchRecord{Anchor: e.Anchor, Title: s.ID + " — " + e.Title.S,
			Text: joinText(e.Title.S, c.data("scopes", s.ID, "description", s.Description).S)})
	}
	var normalisation string
	if example != nil {
		normalisation = c.T("reference.scopes.normalisation_example", "Parent", example[0], "Child", example[1])
	}
	body := render("scopes", map[string]any{"C": c, "Roots": roots, "Entries": entries, "Example": normalisation})
	return Page{Path: "reference/scopes", Title: c.T("reference.scopes.title"), Body: body, Records: records}
}
