package vrange

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxDepth is how deeply parentheses and "not" may nest.
const MaxDepth = 100

// Error is a problem at a place in a version range's source.
type Error struct {
	Offset int    // 0-based byte offset into the source
	Len    int    // length in bytes of the text at fault; 0 when it is a point
	Msg    string // lowercase, no position
}

// Error returns "offset N: message".
func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// Col returns the 1-based column, counted in runes from the start of its line, at which e lies
// in src.
func (e *Error) Col(src string) int {
	off := e.clamp(src)
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return utf8.RuneCountInString(src[start:off]) + 1
}

// Line returns the 1-based line on which e lies in src (1 unless src spans several lines).
func (e *Error) Line(src string) int {
	return strings.Count(src[:e.clamp(src)], "\n") + 1
}

func (e *Error) clamp(src string) int { return max(0, min(e.Offset, len(src))) }

// Parse parses a version range. A syntax error is returned as an *Error; Parse stops at the
// first one.
func Parse(src string) (Expr, error) {
	p := &parser{src: src, toks: scan(src)}
	x, err := p.parse()
	if err != nil {
		return nil, err
	}
	return x, nil
}

type parser struct {
	src   string
	toks  []token // ends with tEOF or tError
	i     int     // index of the current token
	depth int     // open "(" and "not" around the current token
}

func (p *parser) tok() token { return p.toks[p.i] }

func (p *parser) text(t token) string { return p.src[t.pos:t.end] }

func (p *parser) next() {
	if p.i < len(p.toks)-1 {
		p.i++
	}
}

func (p *parser) parse() (Expr, *Error) {
	if t := p.tok(); t.kind == tEOF {
		return nil, &Error{Offset: 0, Len: len(p.src), Msg: "empty version range"}
	}
	x, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	switch t := p.tok(); t.kind {
	case tEOF:
		return x, nil
	case tRparen:
		return nil, p.errorAt(t, `unmatched ")"`)
	default:
		return nil, p.unexpected(t, `"and" or "or"`)
	}
}

func (p *parser) parseOr() (Expr, *Error) {
	x, err := p.parseAnd()
	for err == nil && p.tok().kind == tOr {
		pos := p.tok().pos
		p.next()
		var y Expr
		if y, err = p.parseAnd(); err == nil {
			x = &Or{X: x, OpPos: pos, Y: y}
		}
	}
	return x, err
}

func (p *parser) parseAnd() (Expr, *Error) {
	x, err := p.parseNot()
	for err == nil && p.tok().kind == tAnd {
		pos := p.tok().pos
		p.next()
		var y Expr
		if y, err = p.parseNot(); err == nil {
			x = &And{X: x, OpPos: pos, Y: y}
		}
	}
	return x, err
}

func (p *parser) parseNot() (Expr, *Error) {
	t := p.tok()
	if t.kind != tNot {
		return p.parsePrimary()
	}
	if err := p.push(t); err != nil {
		return nil, err
	}
	defer p.pop()
	p.next()
	x, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	return &Not{NotPos: t.pos, X: x}, nil
}

func (p *parser) parsePrimary() (Expr, *Error) {
	switch t := p.tok(); t.kind {
	case tLparen:
		return p.parseParen()
	case tName:
		p.next()
		if p.tok().kind == tOp {
			return p.parseCompare(t)
		}
		return &Name{NamePos: t.pos, Name: p.text(t)}, nil
	case tError:
		return nil, t.err
	default:
		return nil, p.expected("a version name")
	}
}

func (p *parser) parseParen() (Expr, *Error) {
	lp := p.tok()
	if err := p.push(lp); err != nil {
		return nil, err
	}
	defer p.pop()
	p.next()
	x, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	switch t := p.tok(); t.kind {
	case tRparen:
		p.next()
		return &Paren{Lparen: lp.pos, X: x, Rparen: t.pos}, nil
	case tEOF:
		return nil, p.errorAt(lp, `unclosed "("`)
	default:
		return nil, p.unexpected(t, `"and", "or" or ")"`)
	}
}

// parseCompare parses "op release" after the name token.
func (p *parser) parseCompare(name token) (Expr, *Error) {
	op := p.tok()
	p.next()
	t := p.tok()
	switch t.kind {
	case tError:
		return nil, t.err
	case tName:
	default:
		return nil, p.expected("a release (like 3.10)")
	}
	r, err := ParseRelease(p.text(t))
	if err != nil {
		return nil, p.errorAt(t, err.Error())
	}
	p.next()
	return &Compare{
		NamePos: name.pos, Name: p.text(name),
		OpPos: op.pos, Op: op.op,
		ReleasePos: t.pos, ReleaseEnd: t.end, Release: r,
	}, nil
}

// push enters a "(" or "not" at t, failing beyond MaxDepth.
func (p *parser) push(t token) *Error {
	if p.depth >= MaxDepth {
		return p.errorAt(t, fmt.Sprintf("expression nested too deeply (more than %d levels)", MaxDepth))
	}
	p.depth++
	return nil
}

func (p *parser) pop() { p.depth-- }

// expected reports that the current token is not what, which should follow the previous token.
// At the end of input it points at the previous token.
func (p *parser) expected(what string) *Error {
	t := p.tok() // not tError: callers handle it first
	msg := "expected " + what
	if p.i > 0 {
		prev := p.toks[p.i-1]
		msg += fmt.Sprintf(" after %q", p.text(prev))
		if t.kind == tEOF {
			return p.errorAt(prev, msg)
		}
	}
	return p.errorAt(t, msg+fmt.Sprintf(", found %q", p.text(t)))
}

// unexpected reports token t where one of want should come after a complete operand.
func (p *parser) unexpected(t token, want string) *Error {
	switch t.kind {
	case tError:
		return t.err
	case tOp:
		return p.errorAt(t, fmt.Sprintf("unexpected %q: only a product name can be compared with a release", p.text(t)))
	}
	return p.errorAt(t, fmt.Sprintf("expected %s before %q", want, p.text(t)))
}

func (p *parser) errorAt(t token, msg string) *Error {
	return &Error{Offset: t.pos, Len: t.end - t.pos, Msg: msg}
}
