package importer

import (
	"bytes"
	"slices"

	"github.com/scoperef/scoperef/internal/yamlio"
)

// Output file headers: the schema line first (docs/format.md), then a note for maintainers.
const (
	endpointsHeader   = "yaml-language-server: $schema=../../../schema/endpoints.schema.json\nImported by `scoperef import`; re-run it to update. Hand-written notes are kept."
	scopesHeader      = "yaml-language-server: $schema=../../schema/scopes.schema.json\nImported by `scoperef import`; re-run it to update. Descriptions and other hand-written keys are kept."
	permissionsHeader = "yaml-language-server: $schema=../../schema/permissions.schema.json\nImported by `scoperef import`; re-run it to update. Descriptions and other hand-written keys are kept."
)

func date(s string) *yamlio.Node {
	if s == "" {
		return nil
	}
	return &yamlio.Node{Kind: yamlio.Scalar, Tag: "timestamp", Value: s}
}

func optStr(s string) *yamlio.Node {
	if s == "" {
		return nil
	}
	return yamlio.Str(s)
}

func flowSeq(items []string) *yamlio.Node {
	n := yamlio.Seq()
	for _, s := range items {
		n.Content = append(n.Content, yamlio.Str(s))
	}
	n.Flow = true
	return n
}

// Keys the importer owns in each kind of entry; any other key of an existing entry is
// hand-written and kept.
var (
	endpointKeys   = []string{"operation", "method", "path", "summary", "docs", "subcategory", "versions", "cloud_only", "deprecated", "removal", "requirements"}
	scopeKeys      = []string{"id", "title", "parents", "versions"}
	permissionKeys = []string{"id", "group", "title", "levels", "versions"}
)

// appendExtra adds the key/value pairs of old whose keys the importer does not own.
func appendExtra(n, old *yamlio.Node, owned []string) {
	old.Pairs(func(k, v *yamlio.Node) {
		if !slices.Contains(owned, k.Value) && n.Get(k.Value) == nil {
			n.Content = append(n.Content, yamlio.Str(k.Value), v)
		}
	})
}

func encode(header string, n *yamlio.Node) ([]byte, error) {
	var buf bytes.Buffer
	if err := yamlio.Encode(&buf, header, n); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// endpointNode renders one endpoint in the key order of docs/format.md.
func endpointNode(u *Universe, e Endpoint, extra *yamlio.Node) *yamlio.Node {
	var cloud *yamlio.Node
	if e.CloudOnly {
		cloud = yamlio.Bool(true)
	}
	reqs := yamlio.Seq()
	for _, v := range e.Variants {
		var versions string
		if len(e.Variants) > 1 {
			versions = u.Expr(v.Set)
		}
		reqs.Content = append(reqs.Content, requirementNode(versions, v.Req))
	}
	n := yamlio.Map(
		"operation", yamlio.Str(e.Operation),
		"method", yamlio.Str(e.Method),
		"path", yamlio.Str(e.Path),
		"summary", yamlio.Str(e.Summary),
		"docs", optStr(e.Docs),
		"subcategory", optStr(e.Subcategory),
		"versions", yamlio.Str(u.Expr(e.Set)),
		"cloud_only", cloud,
		"deprecated", date(e.Deprecated),
		"removal", date(e.Removal),
		"requirements", reqs,
	)
	appendExtra(n, extra, endpointKeys)
	return n
}

func requirementNode(versions string, r Requirement) *yamlio.Node {
	var apps *yamlio.Node
	if r.GitHubApps != nil {
		apps = yamlio.Bool(*r.GitHubApps)
	}
	return yamlio.Map(
		"versions", optStr(versions),
		"github_apps", apps,
		"fine_grained", fineGrainedNode(r.FineGrained),
		"classic", classicNode(r.Classic),
	)
}

func fineGrainedNode(f FineGrained) *yamlio.Node {
	if !f.Accepted {
		n := yamlio.Map("accepted", yamlio.Bool(false))
		n.Flow = true
		return n
	}
	anyOf := yamlio.Seq()
	for _, set := range f.AnyOf {
		m := yamlio.Map()
		for _, g := range set {
			m.Content = append(m.Content, yamlio.Str(g.Perm), yamlio.Str(g.Level))
		}
		m.Flow = true
		anyOf.Content = append(anyOf.Content, m)
	}
	return yamlio.Map(
		"accepted", yamlio.Bool(true),
		"public_without_permission", yamlio.Bool(f.PublicWithoutPermission),
		"any_of", anyOf,
	)
}

func altsNode(alts [][]string) *yamlio.Node {
	if alts == nil {
		return nil
	}
	n := yamlio.Seq()
	for _, a := range alts {
		n.Content = append(n.Content, flowSeq(a))
	}
	return n
}

// classicNode writes accepted: false for a requirement no classic token meets, else any_of
// when private and public agree, else both; nil when there is nothing to say.
func classicNode(c Classic) *yamlio.Node {
	var notes *yamlio.Node
	if len(c.Notes) > 0 {
		notes = yamlio.Seq()
		for _, s := range c.Notes {
			notes.Content = append(notes.Content, yamlio.Str(s))
		}
	}
	if c.Refused {
		return yamlio.Map("accepted", yamlio.Bool(false), "notes", notes)
	}
	var n *yamlio.Node
	if c.Private != nil && altsKey(c.Private) == altsKey(c.Public) {
		n = yamlio.Map("any_of", altsNode(c.Private), "notes", notes)
	} else {
		n = yamlio.Map("private", altsNode(c.Private), "public", altsNode(c.Public), "notes", notes)
	}
	if len(n.Content) == 0 {
		return nil
	}
	return n
}

// categoryFile renders content/data/endpoints/<category>.yaml.
func categoryFile(u *Universe, category, title string, eps []Endpoint, old map[string]*oldEndpoint) ([]byte, error) {
	list := yamlio.Seq()
	for _, e := range eps {
		var extra *yamlio.Node
		if o := old[e.Operation]; o != nil {
			extra = o.node
		}
		list.Content = append(list.Content, endpointNode(u, e, extra))
	}
	return encode(endpointsHeader, yamlio.Map(
		"category", yamlio.Str(category),
		"title", yamlio.Str(title),
		"endpoints", list,
	))
}

// ScopeOut is a scope as written to scopes.yaml.
type ScopeOut struct {
	ScopeDef
	Extra *yamlio.Node // the existing entry, for hand-written keys
}

func scopesFile(scopes []ScopeOut, keep []*yamlio.Node) ([]byte, error) {
	list := yamlio.Seq()
	for _, s := range scopes {
		parents := flowSeq(s.Parents)
		n := yamlio.Map(
			"id", yamlio.Str(s.ID),
			"title", yamlio.Str(s.Title),
			"parents", parents,
			"versions", optStr(s.Versions),
		)
		appendExtra(n, s.Extra, scopeKeys)
		list.Content = append(list.Content, n)
	}
	list.Content = append(list.Content, keep...)
	return encode(scopesHeader, yamlio.Map("scopes", list))
}

// PermissionOut is a permission as written to permissions.yaml.
type PermissionOut struct {
	ID, Group, Title string
	Levels           []string
	Versions         string
	Extra            *yamlio.Node
}

var groups = []string{"repository", "organization", "account", "enterprise"}

func permissionsFile(perms []PermissionOut, keep []*yamlio.Node) ([]byte, error) {
	list := yamlio.Seq()
	for _, p := range perms {
		n := yamlio.Map(
			"id", yamlio.Str(p.ID),
			"group", yamlio.Str(p.Group),
			"title", yamlio.Str(p.Title),
			"levels", flowSeq(p.Levels),
			"versions", optStr(p.Versions),
		)
		appendExtra(n, p.Extra, permissionKeys)
		list.Content = append(list.Content, n)
	}
	list.Content = append(list.Content, keep...)
	return encode(permissionsHeader, yamlio.Map("permissions", list))
}

func sortPermissions(perms []PermissionOut) {
	slices.SortFunc(perms, func(a, b PermissionOut) int {
		if c := slices.Index(groups, a.Group) - slices.Index(groups, b.Group); c != 0 {
			return c
		}
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
}
