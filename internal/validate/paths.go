package validate

import (
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
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
// two parameters with no literal text between them, bad or repeated parameter names. A parameter
// may share its segment with literal text, as in /compare/{base}...{head}.
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
	for rest, more := tmpl[1:], true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "/")
		switch {
		case seg == "":
			out = append(out, templateProblem{off, "empty segment"})
		case strings.IndexByte(seg, '{') >= 0 || strings.IndexByte(seg, '}') >= 0:
			out = append(out, segmentProblems(seg, off, params)...)
		}
		off += len(seg) + 1
	}
	return out
}

func segmentProblems(seg string, off int, params map[string]bool) []templateProblem {
	var out []templateProblem
	prevParamEnd := -1 // where the last parameter ended, to catch {a}{b}
	for i := 0; i < len(seg); i++ {
		switch seg[i] {
		case '}':
			return append(out, templateProblem{off + i, "unbalanced braces in segment " + seg})
		case '{':
			j := strings.IndexAny(seg[i+1:], "{}")
			if j < 0 || seg[i+1+j] == '{' {
				return append(out, templateProblem{off + i, "unbalanced braces in segment " + seg})
			}
			name := seg[i+1 : i+1+j]
			switch {
			case !validParamName(name):
				out = append(out, templateProblem{off + i, "bad parameter name {" + name + "}"})
			case prevParamEnd == i:
				out = append(out, templateProblem{off + i, "parameters {…}{" + name + "} need literal text between them"})
			case params[name]:
				out = append(out, templateProblem{off + i, "parameter {" + name + "} appears twice"})
			}
			params[name] = true
			i += j + 1
			prevParamEnd = i + 1
		}
	}
	return out
}

// validParamName accepts the names GitHub's templates use: a letter or "_", then letters,
// digits, "_" or "-" (as in {enterprise-team}).
func validParamName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		case (r >= '0' && r <= '9' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}

// routeKey is a template with parameter names erased, so /a/{x} and /a/{y} are the same route:
// each "{...}" inside one segment, holding no brace, becomes "{}".
func routeKey(method, tmpl string) string {
	b := make([]byte, 0, len(method)+1+len(tmpl))
	b = append(b, method...)
	b = append(b, ' ')
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] == '{' {
			if j := strings.IndexAny(tmpl[i+1:], "{}/"); j >= 0 && tmpl[i+1+j] == '}' {
				b = append(b, "{}"...)
				i += j + 1
				continue
			}
		}
		b = append(b, tmpl[i])
	}
	return string(b)
}

// endpointConflicts reports two endpoints with the same method and route in overlapping versions.
func (b *builder) endpointConflicts() {
	type seen struct {
		versions uint64
		first    string
		pos      diag.Pos
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
		routes[key] = append(routes[key], seen{uint64(e.Versions), e.Operation, e.Pos})
	}
}
