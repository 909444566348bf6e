package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/yamlio"
)

func (b *builder) scopes(root *yamlio.Node) {
	seen := ids{}
	type link struct {
		scope *model.Scope
		nodes []*yamlio.Node
		where string
	}
	var links []link
	byID := map[string]*model.Scope{}
	for i, sn := range items(root, "scopes") {
		where := itemPath("scopes", i)
		idNode := sn.Get("id")
		if !b.unique(seen, idNode, where+".id", "scope") {
			continue
		}
		s := &model.Scope{ID: idNode.Value, Title: str(sn, "title"), Description: str(sn, "description"), Pos: idNode.Pos}
		s.Versions = b.versionsOrAll(sn, where)
		b.m.Scopes = append(b.m.Scopes, s)
		byID[s.ID] = s
		links = append(links, link{s, items(sn, "parents"), where + ".parents"})
	}
	known := slices.Collect(func(yield func(string) bool) {
		for id := range byID {
			if !yield(id) {
				return
			}
		}
	})
	for _, l := range links {
		for j, pn := range l.nodes {
			p, ok := byID[pn.Value]
			switch {
			case !ok:
				b.errorf(pn, itemPath(l.where, j), "unknown scope %q%s", pn.Value, didYouMean(pn.Value, known))
			case p == l.scope:
				b.errorf(pn, itemPath(l.where, j), "scope %q cannot be its own parent", pn.Value)
			default:
				l.scope.Parents = append(l.scope.Parents, p)
				p.Children = append(p.Children, l.scope)
			}
		}
	}
	b.scopeCycles()
}

// scopeCycles reports each cycle in the scope graph once, at the scope where the walk closes it.
func (b *builder) scopeCycles() {
	const (
		unvisited = iota
		onStack
		done
	)
	state := map[*model.Scope]int{}
	var stack []*model.Scope
	var visit func(s *model.Scope)
	visit = func(s *model.Scope) {
		state[s] = onStack
		stack = append(stack, s)
		for _, p := range s.Parents {
			switch state[p] {
			case unvisited:
				visit(p)
			case onStack:
				i := slices.Index(stack, p)
				var names []string
				for _, x := range stack[i:] {
					names = append(names, x.ID)
				}
				names = append(names, p.ID)
				b.diags.Errorf(s.Pos, "", "cycle in scope parents: %s", strings.Join(names, " -> "))
			}
		}
		stack = stack[:len(stack)-1]
		state[s] = done
	}
	for _, s := range b.m.Scopes {
		if state[s] == unvisited {
			visit(s)
		}
	}
	if b.diags.HasErrors() {
		for _, s := range b.m.Scopes { // keep later walks (Ancestors) finite
			s.Parents, s.Children = nil, nil
		}
	}
}

func (b *builder) permissions(root *yamlio.Node) {
	seen := ids{}
	for i, pn := range items(root, "permissions") {
		where := itemPath("permissions", i)
		idNode := pn.Get("id")
		if !b.unique(seen, idNode, where+".id", "permission") {
			continue
		}
		p := &model.Permission{ID: idNode.Value, Group: model.Group(str(pn, "group")), Title: str(pn, "title"),
			Description: str(pn, "description"), Pos: idNode.Pos}
		for _, ln := range items(pn, "levels") {
			l, _ := model.ParseLevel(ln.Value)
			p.Levels = append(p.Levels, l)
		}
		slices.Sort(p.Levels)
		p.Versions = b.versionsOrAll(pn, where)
		b.m.Permissions = append(b.m.Permissions, p)
	}
}

func (b *builder) category(f *file) {
	b.file = f.name
	root := f.root
	idNode := root.Get("category")
	c := &model.Category{ID: idNode.Value, Title: str(root, "title"), File: f.name}
	if c.Title == "" {
		c.Title = c.ID
	}
	if base := strings.TrimSuffix(f.name[strings.LastIndex(f.name, "/")+1:], ".yaml"); base != c.ID {
		b.errorf(idNode, "category", "category %q is in file %s.yaml; name the file %s.yaml", c.ID, base, c.ID)
	}
	for _, other := range b.m.Categories {
		if other.ID == c.ID {
			b.errorf(idNode, "category", "duplicate category %q (also in %s)", c.ID, other.File)
		}
	}
	b.m.Categories = append(b.m.Categories, c)
	for i, en := range items(root, "endpoints") {
		if e := b.endpoint(c, en, itemPath("endpoints", i)); e != nil {
			c.Endpoints = append(c.Endpoints, e)
			b.m.Endpoints = append(b.m.Endpoints, e)
			if b.ops == nil {
				b.ops = map[string]*model.Endpoint{}
			}
			b.ops[e.Operation] = e
		}
	}
}

func (b *builder) endpoint(c *model.Category, en *yamlio.Node, where string) *model.Endpoint {
	opNode := en.Get("operation")
	e := &model.Endpoint{
		Operation: opNode.Value, Method: str(en, "method"), Path: str(en, "path"), Summary: str(en, "summary"),
		Docs: str(en, "docs"), Category: c, Subcategory: str(en, "subcategory"), CloudOnly: boolean(en, "cloud_only", false),
		Deprecated: b.date(en, "deprecated"), Removal: b.date(en, "removal"), Pos: opNode.Pos,
	}
	for _, n := range items(en, "notes") {
		e.Notes = append(e.Notes, n.Value)
	}
	if other, dup := b.ops[e.Operation]; dup {
		b.errorf(opNode, where+".operation", "duplicate operation id %q (first defined at %s)", e.Operation, other.Pos)
		return nil
	}
	b.pathTemplate(en.Get("path"), where+".path")
	if !e.Deprecated.IsZero() && !e.Removal.IsZero() && !e.Deprecated.Before(e.Removal) {
		b.errorf(en.Get("removal"), where+".removal", "removal date %s is not after the deprecation date %s",
			e.Removal.Format("2006-01-02"), e.Deprecated.Format("2006-01-02"))
	}
	if e.Deprecated.IsZero() && !e.Removal.IsZero() {
		b.errorf(en.Get("removal"), where+".removal", "a removal date needs a deprecated date")
	}
	var ok bool
	if e.Versions, ok = b.rangeSet(en.Get("versions"), where+".versions"); !ok {
		return e
	}
	variants := items(en, "requirements")
	var covered model.VersionSet
	for j, vn := range variants {
		vwhere := fmt.Sprintf("%s.requirements[%d]", where, j)
		v := b.variant(e, vn, vwhere, len(variants))
		if v == nil {
			continue
		}
		if outside := v.Versions &^ e.Versions; outside != 0 {
			b.errorf(vn.Get("versions"), vwhere+".versions", "variant reaches versions where the endpoint does not exist: %s", b.names(outside))
		}
		if overlap := v.Versions & covered; overlap != 0 {
			b.errorf(vn.Get("versions"), vwhere+".versions", "variant overlaps an earlier variant in %s", b.names(overlap))
		}
		covered |= v.Versions
		e.Variants = append(e.Variants, v)
	}
	if missing := e.Versions &^ covered; missing != 0 && len(e.Variants) == len(variants) {
		b.errorf(en.Get("requirements"), where+".requirements", "no requirement for %s", b.names(missing))
	}
	return e
}

func (b *builder) variant(e *model.Endpoint, vn *yamlio.Node, where string, count int) *model.Variant {
	v := &model.Variant{GitHubApps: boolean(vn, "github_apps", false)}
	if r := vn.Get("versions"); r != nil {
		set, ok := b.rangeSet(r, where+".versions")
		if !ok {
			return nil
		}
		v.Versions = set
	} else if count > 1 {
		b.errorf(vn, where, "an endpoint with several requirement variants needs versions on each")
		return nil
	} else {
		v.Versions = e.Versions
	}
	for _, n := range items(vn, "notes") {
		v.Notes = append(v.Notes, n.Value)
	}
	b.fineGrained(v, vn.Get("fine_grained"), where+".fine_grained")
	b.classic(v, vn.Get("classic"), where+".classic")
	return v
}

func (b *builder) fineGrained(v *model.Variant, fg *yamlio.Node, where string) {
	if fg == nil {
		return
	}
	v.FineGrained.Accepted = boolean(fg, "accepted", false)
	v.FineGrained.PublicWithoutPermission = boolean(fg, "public_without_permission", false)
	sets := items(fg, "any_of")
	if v.FineGrained.Accepted && len(sets) == 0 {
		b.errorf(fg, where, "fine-grained tokens are accepted but any_of names no permission set")
	}
	if !v.FineGrained.Accepted && len(sets) > 0 {
		b.errorf(fg.Get("any_of"), where+".any_of", "permission sets given although fine-grained tokens are not accepted")
	}
	for i, sn := range sets {
		var set model.PermissionSet
		sn.Pairs(func(k, lv *yamlio.Node) {
			at := func() string { return fmt.Sprintf("%s.any_of[%d].%s", where, i, k.Value) } // only for errors
			p, ok := b.m.Permission(k.Value)
			if !ok {
				p = b.findPermission(k.Value)
			}
			if p == nil {
				b.errorf(k, at(), "unknown permission %q%s", k.Value, didYouMean(k.Value, b.permissionIDs()))
				return
			}
			l, _ := model.ParseLevel(lv.Value)
			if !p.Offers(l) {
				b.errorf(lv, at(), "permission %q offers %s, not %q", p.ID, levelNames(p.Levels), lv.Value)
				return
			}
			if missing := v.Versions &^ p.Versions; missing != 0 {
				b.errorf(k, at(), "permission %q does not exist in %s", p.ID, b.names(missing))
			}
			set = append(set, model.Grant{Permission: p, Level: l})
		})
		slices.SortFunc(set, func(x, y model.Grant) int { return strings.Compare(x.Permission.ID, y.Permission.ID) })
		v.FineGrained.AnyOf = append(v.FineGrained.AnyOf, set)
	}
}

func (b *builder) classic(v *model.Variant, cn *yamlio.Node, where string) {
	v.Classic.Accepted = true
	if cn == nil {
		return
	}
	v.Classic.Accepted = boolean(cn, "accepted", true)
	for _, n := range items(cn, "notes") {
		v.Classic.Notes = append(v.Classic.Notes, n.Value)
	}
	if cn.Get("any_of") != nil {
		v.Classic.Private = b.scopeSets(v, cn, "any_of", where)
		v.Classic.Public = v.Classic.Private
		return
	}
	v.Classic.Private = b.scopeSets(v, cn, "private", where)
	v.Classic.Public = b.scopeSets(v, cn, "public", where)
}

func (b *builder) scopeSets(v *model.Variant, cn *yamlio.Node, key, where string) [][]*model.Scope {
	var out [][]*model.Scope
	for i, sn := range items(cn, key) {
		set := []*model.Scope{}
		for j, n := range sn.Content {
			at := func() string { return fmt.Sprintf("%s.%s[%d][%d]", where, key, i, j) } // only for errors
			s, ok := b.m.Scope(n.Value)
			if !ok {
				s = b.findScope(n.Value)
			}
			if s == nil {
				b.errorf(n, at(), "unknown scope %q%s", n.Value, didYouMean(n.Value, b.scopeIDs()))
				continue
			}
			if missing := v.Versions &^ s.Versions; missing != 0 {
				b.errorf(n, at(), "scope %q does not exist in %s", s.ID, b.names(missing))
			}
			set = append(set, s)
		}
		slices.SortFunc(set, func(x, y *model.Scope) int { return strings.Compare(x.ID, y.ID) })
		out = append(out, set)
	}
	return out
}

// The model is indexed only at the end; until then these search the slices.
func (b *builder) findPermission(id string) *model.Permission {
	for _, p := range b.m.Permissions {
		if p.ID == id {
			return p
		}
	}
	return nil
}

func (b *builder) findScope(id string) *model.Scope {
	for _, s := range b.m.Scopes {
		if s.ID == id {
			return s
		}
	}
	return nil
}

func (b *builder) permissionIDs() []string {
	out := make([]string, len(b.m.Permissions))
	for i, p := range b.m.Permissions {
		out[i] = p.ID
	}
	return out
}

func (b *builder) scopeIDs() []string {
	out := make([]string, len(b.m.Scopes))
	for i, s := range b.m.Scopes {
		out[i] = s.ID
	}
	return out
}

func levelNames(ls []model.Level) string {
	var out []string
	for _, l := range ls {
		out = append(out, l.String())
	}
	return strings.Join(out, ", ")
}
