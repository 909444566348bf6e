package vrange

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tError
	tName
	tOp
	tLparen
	tRparen
	tAnd
	tOr
	tNot
)

// A token is one lexical element: src[pos:end]. An error token carries the scanning error and
// is always the last token.
type token struct {
	kind     tokKind
	pos, end int
	op       Op     // for tOp
	err      *Error // for tError
}

var keywords = map[string]tokKind{"and": tAnd, "or": tOr, "not": tNot}

var ops = map[string]Op{"=": Eq, "!=": Ne, "<": Lt, "<=": Le, ">": Gt, ">=": Ge}

// opHints suggests a replacement for operators and symbols borrowed from other languages.
var opHints = map[string]string{
	"==": "=", "=>": ">=", "=<": "<=", "<>": "!=", "!": "not",
	"&&": "and", "&": "and", "||": "or", "|": "or",
}

// scan splits src into tokens, ending with a tEOF token or, at the first lexical error, a tError
// token.
func scan(src string) []token {
	var toks []token
	i := 0
	for {
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i == len(src) {
			return append(toks, token{kind: tEOF, pos: i, end: i})
		}
		t := scanOne(src, i)
		toks = append(toks, t)
		if t.kind == tError {
			return toks
		}
		i = t.end
	}
}

// scanOne scans the token starting at src[i], which is not a space.
func scanOne(src string, i int) token {
	switch c := src[i]; {
	case c == '(':
		return token{kind: tLparen, pos: i, end: i + 1}
	case c == ')':
		return token{kind: tRparen, pos: i, end: i + 1}
	case isOpChar(c):
		j := i
		for j < len(src) && isOpChar(src[j]) {
			j++
		}
		if op, ok := ops[src[i:j]]; ok {
			return token{kind: tOp, pos: i, end: j, op: op}
		}
		msg := fmt.Sprintf("unknown operator %q", src[i:j])
		if h, ok := opHints[src[i:j]]; ok {
			msg += fmt.Sprintf(" (use %q)", h)
		}
		return errorToken(i, j-i, msg)
	}
	j := i
	for j < len(src) && !isDelim(src[j]) {
		j++
	}
	word := src[i:j]
	if bad := badNameChar(word); bad >= 0 {
		return errorToken(scanWordError(word, i, bad))
	}
	if k, ok := keywords[word]; ok {
		return token{kind: k, pos: i, end: j}
	}
	return token{kind: tName, pos: i, end: j}
}

func errorToken(pos, n int, msg string) token {
	return token{kind: tError, pos: pos, end: pos + n, err: &Error{Offset: pos, Len: n, Msg: msg}}
}

// scanWordError explains why word, at offset pos in the source, is not a name; bad is the
// offset in word of its first invalid byte.
func scanWordError(word string, pos, bad int) (int, int, string) {
	if h, ok := opHints[word]; ok {
		return pos, len(word), fmt.Sprintf("unexpected %q (use %q)", word, h)
	}
	if v, err := ParseVersion(word); err == nil {
		return pos, len(word), fmt.Sprintf("%q is a URL segment, not a version range (write %q)",
			word, versionExpr(v))
	}
	if lower := strings.ToLower(word); lower != word && badNameChar(lower) < 0 {
		return pos, len(word), fmt.Sprintf("%q: names and keywords are lowercase (write %q)",
			word, lower)
	}
	_, n := utf8.DecodeRuneInString(word[bad:])
	if len(word) == n {
		return pos, n, fmt.Sprintf("unexpected character %q", word)
	}
	return pos + bad, n, fmt.Sprintf("invalid character %q in name %q", word[bad:bad+n], word)
}

// versionExpr returns the expression that matches exactly v.
func versionExpr(v Version) string {
	if v.Release.IsZero() {
		return v.Product
	}
	return v.Product + " = " + v.Release.String()
}

// badNameChar returns the offset of the first byte of s that makes it an invalid name, or -1
// when s matches [a-z0-9][a-z0-9_.-]*.
func badNameChar(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			continue
		}
		if i > 0 && (c == '_' || c == '.' || c == '-') {
			continue
		}
		return i
	}
	return -1
}

func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isOpChar(c byte) bool { return c == '=' || c == '!' || c == '<' || c == '>' }
func isDelim(c byte) bool  { return isSpace(c) || isOpChar(c) || c == '(' || c == ')' }
