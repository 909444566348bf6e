package validate

import (
	"strings"

	"github.com/scoperef/scoperef/internal/yamlio"
)

// pathTemplate checks an endpoint's path template and records each problem at its column.
func (b *builder) pathTemplate(n *yamlio.Node, where string) {
	for _, p := range templateProblems(n.Value) {
		b.diags.Errorf(valuePos(b.src[n.Pos.File], n, p.offset), where, "path template %q: %s", n.Value, p.msg)
	}
}

type templateProblem struct {
	offset int
	msg    string
}

// templateProblems lists what is wrong with a path template: empty segments, unbalanced braces,
// parameters that do not fill their segment, bad or repeated parameter names.
func templateProblems(tmpl string) []templateProblem {
	var out []templateProblem
	if !strings.HasPrefix(tmpl, "/") {
		return []templateProblem{{0, `must start with "/"`}}
	}
	if tmpl == "/" {
		return nil
	}
	params := map[string]bool{}
	off := 1
	for _, seg := range strings.Split(tmpl[1:], "/") {
		switch {
		case seg == "":
			out = append(out, templateProblem{off, "empty segment"})
		case strings.ContainsAny(seg, "{}"):
			out = append(out, segmentProblems(seg, off, params)...)
		}
		off += len(seg) + 1
	}
	return out
}

func segmentProblems(seg string, off int, params map[string]bool) []templateProblem {
	open, close := strings.Count(seg, "{"), strings.Count(seg, "}")
	switch {
	case open != close:
		return []templateProblem{{off, "unbalanced braces in segment " + seg}}
	case open > 1 || seg[0] != '{' || seg[len(seg)-1] != '}':
		return []templateProblem{{off, "a parameter must fill its whole segment: " + seg}}
	}
	name := seg[1 : len(seg)-1]
	if !validParamName(name) {
		return []templateProblem{{off, "bad parameter name " + strings.TrimSpace(seg)}}
	}
	if params[name] {
		return []templateProblem{{off, "parameter {" + name + "} appears twice"}}
	}
	params[name] = true
	return nil
}

func validParamName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// routeKey is a template with parameter names erased, so /a/{x} and /a/{y} are the same route.
func routeKey(method, tmpl string) string {
	segs := strings.Split(tmpl, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = "{}"
		}
	}
	return method + " " + strings.Join(segs, "/")
}

// endpointConflicts reports two endpoints with the same method and route in overlapping versions.
func (b *builder) endpointConflicts() {
	type seen struct {
		versions uint64
		first    string
		pos      string
	}
	routes := map[string][]seen{}
	for _, e := range b.m.Endpoints {
		if len(templateProblems(e.Path)) > 0 {
			continue // already reported; a malformed template has no route to compare
		}
		key := routeKey(e.Method, e.Path)
		for _, s := range routes[key] {
			if overlap := uint64(e.Versions) & s.versions; overlap != 0 {
				b.diags.Errorf(e.Pos, "", "%s %s is also operation %q (%s) in overlapping versions", e.Method, e.Path, s.first, s.pos)
			}
		}
		routes[key] = append(routes[key], seen{uint64(e.Versions), e.Operation, e.Pos.String()})
	}
}
