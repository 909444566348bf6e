package access

import (
	"errors"
	"fmt"
	"strings"
)

// MaxParams is the largest number of parameters a path template may have.
// Templates with more are invalid and never match.
const MaxParams = 8

// maxSegments is the largest number of segments a template may have.
const maxSegments = 32

type segKind uint8

const (
	segStatic segKind = iota // ranks: static beats mixed beats param
	segMixed
	segParam
)

// tseg is one segment of a parsed path template.
type tseg struct {
	kind  segKind
	label string   // static: the text; mixed: the shape with names removed ("{}...{}")
	lits  []string // mixed: prefix, separators, suffix (len = params+1)
	names []string // parameter names in order (param: one; mixed: several)
}

// parseTemplate splits a path template into segments. "/" has none.
func parseTemplate(path string) ([]tseg, error) {
	if path == "" || path[0] != '/' {
		return nil, errors.New("path must start with /")
	}
	if path == "/" {
		return nil, nil
	}
	if len(path) > maxPathLen {
		return nil, fmt.Errorf("longer than %d bytes", maxPathLen)
	}
	var segs []tseg
	nparams := 0
	seen := map[string]bool{}
	for _, s := range strings.Split(path[1:], "/") {
		seg, err := parseSegment(s)
		if err != nil {
			return nil, fmt.Errorf("segment %q: %w", s, err)
		}
		for _, n := range seg.names {
			if seen[n] {
				return nil, fmt.Errorf("parameter {%s} appears twice", n)
			}
			seen[n] = true
		}
		nparams += len(seg.names)
		segs = append(segs, seg)
	}
	if len(segs) > maxSegments {
		return nil, fmt.Errorf("%d segments, at most %d allowed", len(segs), maxSegments)
	}
	if nparams > MaxParams {
		return nil, fmt.Errorf("%d parameters, at most %d allowed", nparams, MaxParams)
	}
	return segs, nil
}

func parseSegment(s string) (tseg, error) {
	switch {
	case s == "":
		return tseg{}, errors.New("empty segment (double or trailing slash)")
	case s == "." || s == "..":
		return tseg{}, errors.New("dot segment")
	case !strings.ContainsAny(s, "{}"):
		if strings.ContainsRune(s, '%') {
			return tseg{}, errors.New("static segment contains %")
		}

		return tseg{kind: segStatic, label: s}, nil
	}
	var lits, names []string
	var shape strings.Builder
	rest := s
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			if strings.ContainsRune(rest, '}') {
				return tseg{}, errors.New("unbalanced }")
			}
			lits = append(lits, rest)
			shape.WriteString(rest)
			break
		}
		lit := rest[:open]
		if strings.ContainsAny(lit, "}%") {
			return tseg{}, errors.New("unbalanced } or % in literal text")
		}
		if len(names) > 0 && lit == "" {
			return tseg{}, errors.New("two parameters without text between them")
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return tseg{}, errors.New("unbalanced {")
		}
		name := rest[open+1 : open+end]
		if !validParamName(name) {
			return tseg{}, fmt.Errorf("bad parameter name %q", name)
		}
		lits = append(lits, lit)
		names = append(names, name)
		shape.WriteString(lit)
		shape.WriteString("{}")
		rest = rest[open+end+1:]
	}
	if len(names) == 1 && lits[0] == "" && lits[1] == "" {
		return tseg{kind: segParam, names: names}, nil
	}
	return tseg{kind: segMixed, label: shape.String(), lits: lits, names: names}, nil
}

func validParamName(n string) bool {
	if n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// matchMixed matches a mixed segment (literal text around parameters)
// against seg. Parameters take the shortest non-empty values, leftmost
// first, with backtracking: the semantics of the regular expression
// ^lit0(.+?)lit1(.+?)...(.+?)litN$. On success spans holds one [start,end)
// pair per parameter, relative to seg.
func matchMixed(lits []string, seg string, spans *[MaxParams][2]uint16, base int, k int) bool {
	if !strings.HasPrefix(seg, lits[0]) {
		return false
	}
	return matchMixedFrom(lits, 1, seg, len(lits[0]), spans, base, k)
}

// matchMixedFrom matches parameter number j-1 starting at seg[pos:],
// followed by lits[j].
func matchMixedFrom(lits []string, j int, seg string, pos int, spans *[MaxParams][2]uint16, base, k int) bool {
	lit := lits[j]
	if j == len(lits)-1 { // last parameter: takes everything up to the suffix
		end := len(seg) - len(lit)
		if end <= pos || seg[end:] != lit {
			return false
		}
		spans[k] = [2]uint16{uint16(base + pos), uint16(base + end)}
		return true
	}
	for from := pos + 1; from < len(seg); {
		i := strings.Index(seg[from:], lit)
		if i < 0 {
			return false
		}
		end := from + i
		spans[k] = [2]uint16{uint16(base + pos), uint16(base + end)}
		if matchMixedFrom(lits, j+1, seg, end+len(lit), spans, base, k+1) {
			return true
		}
		from = end + 1
	}
	return false
}
