package vrange

// Expr is a node of a parsed version range: *Name, *Compare, *Not, *And, *Or or *Paren.
// Pos and End give the node's byte span in the source it was parsed from: src[x.Pos():x.End()].
type Expr interface {
	Pos() int // offset of the node's first byte
	End() int // offset just after the node's last byte
	exprNode()
}

// Name is a product or feature name standing alone: "ghes", "pat-v2".
type Name struct {
	NamePos int
	Name    string
}

// Compare is a release comparison: "ghes >= 3.10".
type Compare struct {
	NamePos    int
	Name       string // the product compared; Env.Check reports any other name
	OpPos      int
	Op         Op
	ReleasePos int
	ReleaseEnd int
	Release    Release
}

// Not is "not X".
type Not struct {
	NotPos int
	X      Expr
}

// And is "X and Y".
type And struct {
	X     Expr
	OpPos int
	Y     Expr
}

// Or is "X or Y".
type Or struct {
	X     Expr
	OpPos int
	Y     Expr
}

// Paren is "( X )". It only records where the parentheses were: it does not change meaning, and
// String leaves out the ones that precedence makes redundant.
type Paren struct {
	Lparen int
	X      Expr
	Rparen int
}

func (x *Name) Pos() int    { return x.NamePos }
func (x *Compare) Pos() int { return x.NamePos }
func (x *Not) Pos() int     { return x.NotPos }
func (x *And) Pos() int     { return x.X.Pos() }
func (x *Or) Pos() int      { return x.X.Pos() }
func (x *Paren) Pos() int   { return x.Lparen }

func (x *Name) End() int    { return x.NamePos + len(x.Name) }
func (x *Compare) End() int { return x.ReleaseEnd }
func (x *Not) End() int     { return x.X.End() }
func (x *And) End() int     { return x.Y.End() }
func (x *Or) End() int      { return x.Y.End() }
func (x *Paren) End() int   { return x.Rparen + 1 }

func (*Name) exprNode()    {}
func (*Compare) exprNode() {}
func (*Not) exprNode()     {}
func (*And) exprNode()     {}
func (*Or) exprNode()      {}
func (*Paren) exprNode()   {}

// Op is a release comparison operator.
type Op uint8

const (
	Eq Op = iota + 1 // =
	Ne               // !=
	Lt               // <
	Le               // <=
	Gt               // >
	Ge               // >=
)

var opText = [...]string{Eq: "=", Ne: "!=", Lt: "<", Le: "<=", Gt: ">", Ge: ">="}

// String returns the operator as written: "=", "!=", "<", "<=", ">", ">=".
func (op Op) String() string {
	if op == 0 || int(op) >= len(opText) {
		return "?"
	}
	return opText[op]
}

// Holds reports whether a release comparing to another as c (the result of Release.Compare)
// satisfies op.
func (op Op) Holds(c int) bool {
	switch op {
	case Eq:
		return c == 0
	case Ne:
		return c != 0
	case Lt:
		return c < 0
	case Le:
		return c <= 0
	case Gt:
		return c > 0
	case Ge:
		return c >= 0
	}
	return false
}

// Inspect calls f for x and, while f returns true, for each of its sub-expressions in source
// order. A nil x is skipped.
func Inspect(x Expr, f func(Expr) bool) {
	if x == nil || !f(x) {
		return
	}
	switch x := x.(type) {
	case *Not:
		Inspect(x.X, f)
	case *And:
		Inspect(x.X, f)
		Inspect(x.Y, f)
	case *Or:
		Inspect(x.X, f)
		Inspect(x.Y, f)
	case *Paren:
		Inspect(x.X, f)
	}
}
