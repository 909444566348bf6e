package importer

import (
	"fmt"
	"strings"
	"unicode"
)

// Eval computes the set of versions for which the range expression src is true. It understands
// the grammar of docs/format.md; a feature name is looked up in features (name -> expression).
// The importer needs it only to place hand-written notes of an existing file on the new variants.
func (u *Universe) Eval(src string, features map[string]string) (VSet, error) {
	p := &vparser{u: u, features: features, toks: vtokens(src), depth: 0}
	s, err := p.or()
	if err == nil && p.i < len(p.toks) {
		err = fmt.Errorf("unexpected %q", p.toks[p.i])
	}
	if err != nil {
		return 0, fmt.Errorf("versions %q: %v", src, err)
	}
	return s, nil
}

func vtokens(src string) []string {
	var toks []string
	for i := 0; i < len(src); {
		c := rune(src[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case c == '(' || c == ')':
			toks = append(toks, src[i:i+1])
			i++
		case strings.ContainsRune("=!<>", c):
			j := i + 1
			if j < len(src) && src[j] == '=' {
				j++
			}
			toks = append(toks, src[i:j])
			i = j
		default:
			j := i
			for j < len(src) && !unicode.IsSpace(rune(src[j])) && !strings.ContainsRune("()=!<>", rune(src[j])) {
				j++
			}
			toks = append(toks, src[i:j])
			i = j
		}
	}
	return toks
}

type vparser struct {
	u        *Universe
	features map[string]string
	toks     []string
	i        int
	depth    int
}

func (p *vparser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *vparser) or() (VSet, error) {
	s, err := p.and()
	for err == nil && p.peek() == "or" {
		p.i++
		var t VSet
		t, err = p.and()
		s |= t
	}
	return s, err
}

func (p *vparser) and() (VSet, error) {
	s, err := p.not()
	for err == nil && p.peek() == "and" {
		p.i++
		var t VSet
		t, err = p.not()
		s &= t
	}
	return s, err
}

func (p *vparser) not() (VSet, error) {
	if p.peek() == "not" {
		p.i++
		s, err := p.not()
		full := VSet(1)<<len(p.u.all) - 1
		return full &^ s, err
	}
	return p.primary()
}

func (p *vparser) primary() (VSet, error) {
	tok := p.peek()
	p.i++
	switch {
	case tok == "":
		return 0, fmt.Errorf("unexpected end")
	case tok == "(":
		s, err := p.or()
		if err == nil && p.peek() != ")" {
			err = fmt.Errorf("missing )")
		}
		p.i++
		return s, err
	case tok == "dotcom" || tok == "ghec" || tok == "ghes":
		switch op := p.peek(); op {
		case "=", "!=", "<", "<=", ">", ">=":
			p.i++
			rel := p.peek()
			p.i++
			return p.compare(tok, op, rel)
		}
		return p.u.product(tok), nil
	}
	if expr, ok := p.features[tok]; ok && p.depth < 8 {
		sub := &vparser{u: p.u, features: p.features, toks: vtokens(expr), depth: p.depth + 1}
		s, err := sub.or()
		if err == nil && sub.i < len(sub.toks) {
			err = fmt.Errorf("feature %s: unexpected %q", tok, sub.toks[sub.i])
		}
		return s, err
	}
	return 0, fmt.Errorf("unknown name %q", tok)
}

func (p *vparser) compare(product, op, rel string) (VSet, error) {
	if product != "ghes" {
		return 0, fmt.Errorf("%s has no releases", product)
	}
	want := Version{Product: "ghes", Release: rel}
	if _, _, err := splitRelease(rel); err != nil {
		return 0, err
	}
	var s VSet
	for i, v := range p.u.all {
		if v.Product != "ghes" {
			continue
		}
		c := compareVersions(v, want)
		ok := false
		switch op {
		case "=":
			ok = c == 0
		case "!=":
			ok = c != 0
		case "<":
			ok = c < 0
		case "<=":
			ok = c <= 0
		case ">":
			ok = c > 0
		case ">=":
			ok = c >= 0
		}
		if ok {
			s |= 1 << i
		}
	}
	return s, nil
}
