package vrange

import "strings"

// String returns x in canonical form: keywords and names separated by single spaces,
// comparisons written "ghes >= 3.10", and parentheses only where precedence needs them or around
// an "and" inside an "or": "dotcom or (ghes >= 3.10 and not ghec)". Parsing the result gives an
// expression with the same String and the same meaning. String(nil) is "".
func String(x Expr) string {
	var b strings.Builder
	write(&b, x, ctxTop)
	return b.String()
}

// ctx is the place an expression is printed in; it decides whether it needs parentheses.
type ctx uint8

const (
	ctxTop ctx = iota
	ctxOr      // operand of "or"
	ctxAnd     // operand of "and"
	ctxNot     // operand of "not"
)

func write(b *strings.Builder, x Expr, c ctx) {
	for {
		p, ok := x.(*Paren)
		if !ok {
			break
		}
		x = p.X
	}
	switch x := x.(type) {
	case *Name:
		b.WriteString(x.Name)
	case *Compare:
		b.WriteString(x.Name)
		b.WriteByte(' ')
		b.WriteString(x.Op.String())
		b.WriteByte(' ')
		b.WriteString(x.Release.String())
	case *Not:
		b.WriteString("not ")
		write(b, x.X, ctxNot)
	case *And:
		printBinary(b, x.X, " and ", x.Y, c == ctxOr || c == ctxNot, ctxAnd)
	case *Or:
		printBinary(b, x.X, " or ", x.Y, c == ctxAnd || c == ctxNot, ctxOr)
	}
}

func printBinary(b *strings.Builder, x Expr, op string, y Expr, paren bool, c ctx) {
	if paren {
		b.WriteByte('(')
	}
	write(b, x, c)
	b.WriteString(op)
	write(b, y, c)
	if paren {
		b.WriteByte(')')
	}
}
