package access

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Validate reports every problem in the table's data, joined into one
// error (nil when there is none). Check and Lookup never fail on bad data:
// they fail closed (an invalid template matches nothing, a requirement set
// naming an unknown scope or permission can never be met). Validate is
// for generators and tests to make sure that never happens silently.
func (t *Table) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if t.Version == "" {
		add("table has no version")
	}
	scopes := map[string]int{}
	for i, s := range t.Scopes {
		if _, dup := scopes[s.Name]; dup || s.Name == "" {
			add("scopes[%d]: empty or duplicate name %q", i, s.Name)
		}
		scopes[s.Name] = i
	}
	for i, s := range t.Scopes {
		for _, p := range s.Parents {
			if _, ok := scopes[p]; !ok {
				add("scope %q: unknown parent %q", s.Name, p)
			}
		}
		if scopeInCycle(t, scopes, i) {
			add("scope %q: is its own ancestor (the parent graph must be acyclic)", s.Name)
		}
	}
	perms := map[string]Permission{}
	for i, p := range t.Permissions {
		if _, dup := perms[p.Name]; dup || p.Name == "" {
			add("permissions[%d]: empty or duplicate name %q", i, p.Name)
		}
		perms[p.Name] = p
		if len(p.Levels) == 0 || slices.ContainsFunc(p.Levels, func(l Level) bool { return l < Read || l > Admin }) ||
			!slices.IsSorted(p.Levels) || len(slices.Compact(slices.Clone(p.Levels))) != len(p.Levels) {
			add("permission %q: levels %v must be a non-empty ascending subset of read, write, admin", p.Name, p.Levels)
		}
	}
	ops := map[string]bool{}
	routes := map[string]string{} // method + shape -> operation
	for i := range t.Endpoints {
		ep := &t.Endpoints[i]
		where := fmt.Sprintf("endpoint %q (%s %s)", ep.Operation, ep.Method, ep.Path)
		if ep.Operation == "" || ops[ep.Operation] {
			add("endpoints[%d]: empty or duplicate operation %q", i, ep.Operation)
		}
		ops[ep.Operation] = true
		if !validMethod(ep.Method) {
			add("%s: method must be one of GET HEAD POST PUT PATCH DELETE", where)
		}
		if segs, err := parseTemplate(ep.Path); err != nil {
			add("%s: bad path template: %v", where, err)
		} else if prev, dup := routes[ep.Method+" "+templateShape(segs)]; dup {
			add("%s: unreachable, %q has an equivalent template", where, prev)
		} else {
			routes[ep.Method+" "+templateShape(segs)] = ep.Operation
		}
		for _, set := range ep.FineGrained.AnyOf {
			for _, g := range set {
				p, ok := perms[g.Permission]
				switch {
				case !ok:
					add("%s: unknown permission %q", where, g.Permission)
				case g.Level < Read || g.Level > Admin:
					add("%s: permission %q at level %v", where, g.Permission, g.Level)
				case slices.Max(append([]Level{None}, p.Levels...)) < g.Level:
					add("%s: permission %q does not offer %v", where, g.Permission, g.Level)
				}
			}
		}
		for _, set := range slices.Concat(ep.Classic.Private, ep.Classic.Public) {
			for _, s := range set {
				if _, ok := scopes[s]; !ok {
					add("%s: unknown scope %q", where, s)
				}
			}
		}
	}
	return errors.Join(errs...)
}

// templateShape is a template with parameter names removed: equal shapes
// match exactly the same paths.
func templateShape(segs []tseg) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		switch s.kind {
		case segStatic, segMixed:
			b.WriteString(s.label)
		case segParam:
			b.WriteString("{}")
		}
	}
	return b.String()
}

// scopeInCycle reports whether scope i can reach itself through parents.
func scopeInCycle(t *Table, scopes map[string]int, i int) bool {
	seen := make([]bool, len(t.Scopes))
	stack := []int{i}
	for len(stack) > 0 {
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range t.Scopes[j].Parents {
			k, ok := scopes[p]
			if !ok {
				continue
			}
			if k == i {
				return true
			}
			if !seen[k] {
				seen[k] = true
				stack = append(stack, k)
			}
		}
	}
	return false
}
