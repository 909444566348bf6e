package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CalloutKinds are the callout kinds, in the order GitHub documents them. A kind is written in
// upper case in the source (`> [!NOTE]`) and reported and rendered in lower case.
var CalloutKinds = []string{"note", "tip", "important", "warning", "caution"}

// DefaultLabel is the English label of a callout kind: "Note", "Tip", ...
func DefaultLabel(kind string) string {
	if kind == "" {
		return ""
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}

// Callout is a GitHub-style callout.
type Callout struct {
	Kind   string // one of CalloutKinds
	Offset int    // offset of the blockquote's ">"
	node   *calloutNode
	doc    *Doc
}

// SetLabel sets the title shown at the top of the callout (default: DefaultLabel(Kind)).
func (c *Callout) SetLabel(label string) {
	if c.node.label != label {
		c.node.label = label
		c.doc.edited = true
	}
}

// kindCallout is the AST kind of a callout.
var kindCallout = ast.NewNodeKind("Callout")

// calloutNode replaces a blockquote that starts with [!KIND]; its children are the blockquote's
// content without that first line.
type calloutNode struct {
	ast.BaseBlock
	kind  string
	label string
}

func (n *calloutNode) Kind() ast.NodeKind { return kindCallout }

func (n *calloutNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind}, nil)
}

// calloutMarker matches the first line of a callout: [!KIND] and what follows it.
var calloutMarker = regexp.MustCompile(`^\[!([A-Za-z]+)\](.*)$`)

// calloutTransformer turns blockquotes whose first line is [!KIND] into callouts, and reports
// unknown kinds and text after the marker as problems.
type calloutTransformer struct{}

func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		toCallout(q, src, pc)
	}
}

func toCallout(q *ast.Blockquote, src []byte, pc parser.Context) {
	para, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	m := calloutMarker.FindSubmatch(bytes.TrimSpace(first.Value(src)))
	if m == nil {
		return
	}
	kind := strings.ToLower(string(m[1]))
	switch {
	case !knownKind(kind):
		addProblem(pc, first.Start, "unknown callout [!%s]: use [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION]", m[1])
		return
	case len(bytes.TrimSpace(m[2])) > 0:
		addProblem(pc, first.Start, "put the callout's text on the line after [!%s]", m[1])
		return
	}
	// Drop the inline nodes of the marker line, then the line itself.
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		if start, _, ok := extent(c); !ok || start >= first.Stop {
			break
		}
		para.RemoveChild(para, c)
		c = next
	}
	para.Lines().SetSliced(1, para.Lines().Len())
	if !para.HasChildren() {
		q.RemoveChild(q, para)
	}
	if !q.HasChildren() {
		addProblem(pc, first.Start, "empty callout [!%s]", m[1])
	}
	c := &calloutNode{kind: kind}
	c.SetPos(q.Pos())
	parent := q.Parent()
	parent.ReplaceChild(parent, q, c)
	for n := q.FirstChild(); n != nil; {
		next := n.NextSibling()
		c.AppendChild(c, n)
		n = next
	}
}

func knownKind(kind string) bool {
	for _, k := range CalloutKinds {
		if k == kind {
			return true
		}
	}
	return false
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*calloutNode)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	label := n.label
	if label == "" {
		label = DefaultLabel(n.kind)
	}
	_, _ = w.WriteString(`<div class="callout callout-` + n.kind + `" role="note">` + "\n")
	_, _ = w.WriteString(`<p class="callout-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// problemsKey holds the []Problem found by transformers during one parse.
var problemsKey = parser.NewContextKey()

func addProblem(pc parser.Context, offset int, format string, args ...any) {
	ps, _ := pc.Get(problemsKey).([]Problem)
	pc.Set(problemsKey, append(ps, Problem{Offset: offset, Msg: sprintf(format, args...)}))
}

func problemsIn(pc parser.Context) []Problem {
	ps, _ := pc.Get(problemsKey).([]Problem)
	return ps
}
