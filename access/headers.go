package access

import (
	"slices"
	"strings"
)

// buildHeaders computes the endpoint's header values (once per endpoint).
//
// X-Accepted-OAuth-Scopes lists every scope of every accepted set together
// with every scope that implies it, sorted and joined by ", ". For sets of
// one scope this is exactly GitHub's "any one of these suffices" list.
//
// X-Accepted-GitHub-Permissions writes each AnyOf set as "perm=level"
// joined by "," in the data's order, and joins the sets by "; ".
func (ix *index) buildHeaders(t *Table, ep *Endpoint, ei *epIndex) {
	if ep.Classic.Accepted {
		ei.headers.scopes[Private] = ix.scopesHeader(t, ep.Classic.Private)
		ei.headers.scopes[Public] = ix.scopesHeader(t, ep.Classic.Public)
	}
	if ep.FineGrained.Accepted {
		ei.headers.perms = permissionsHeader(ep.FineGrained.AnyOf)
	}
}

func (ix *index) scopesHeader(t *Table, sets [][]string) string {
	var names []string
	for _, set := range sets {
		for _, s := range set {
			i, ok := ix.scopeIdx[s]
			if !ok {
				names = append(names, s)
				continue
			}
			ix.ancestors[i].each(func(a int) { names = append(names, t.Scopes[a].Name) })
		}
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ", ")
}

func permissionsHeader(anyOf [][]Grant) string {
	var b strings.Builder
	for i, set := range anyOf {
		if i > 0 {
			b.WriteString("; ")
		}
		for j, g := range set {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(g.Permission)
			b.WriteByte('=')
			b.WriteString(g.Level.String())
		}
	}
	return b.String()
}
