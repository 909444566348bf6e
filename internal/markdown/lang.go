package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var sprintf = fmt.Sprintf

var (
	kindLangBlock = ast.NewNodeKind("LangBlock")
	kindLangSpan  = ast.NewNodeKind("LangSpan")
)

// langBlock wraps blocks written in another language: <div lang="…">.
type langBlock struct {
	ast.BaseBlock
	lang string
}

func (n *langBlock) Kind() ast.NodeKind { return kindLangBlock }
func (n *langBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Lang": n.lang}, nil)
}

// langSpan wraps inline content written in another language: <span lang="…">.
type langSpan struct {
	ast.BaseInline
	lang string
}

func newLangSpan(lang string) *langSpan { return &langSpan{lang: lang} }

func (n *langSpan) Kind() ast.NodeKind { return kindLangSpan }
func (n *langSpan) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Lang": n.lang}, nil)
}

// markRegion marks the nodes under parent that lie inside r: runs of inline nodes are wrapped in
// a langSpan, runs of blocks in a langBlock, and list items, table rows and cells get a lang
// attribute (a wrapper there would break the list or table). A node only partly inside r is
// marked piece by piece; a text node is split at r's edges.
func markRegion(parent ast.Node, r Region) {
	var run []ast.Node
	flush := func() {
		wrap(parent, run, r.Lang)
		run = nil
	}
	for c := parent.FirstChild(); c != nil; {
		next := c.NextSibling()
		s, e, ok := extent(c)
		switch {
		case !ok || e <= r.Start || s >= r.End:
			flush()
		case r.Start <= s && e <= r.End:
			run = append(run, c)
		default:
			flush()
			switch c := c.(type) {
			case *ast.Text:
				next = splitText(parent, c, r)
			case *ast.CodeSpan:
				// Left whole: goldmark renders only text inside code.
			default:
				if c.HasChildren() {
					markRegion(c, r)
				}
			}
		}
		c = next
	}
	flush()
}

// splitText replaces t by the pieces of it before, inside and after r, and returns the first.
func splitText(parent ast.Node, t *ast.Text, r Region) ast.Node {
	cuts := []int{t.Segment.Start}
	for _, x := range []int{r.Start, r.End} {
		if x > t.Segment.Start && x < t.Segment.Stop {
			cuts = append(cuts, x)
		}
	}
	cuts = append(cuts, t.Segment.Stop)
	var first ast.Node
	for i := 0; i+1 < len(cuts); i++ {
		seg := text.NewSegment(cuts[i], cuts[i+1])
		if i == 0 {
			seg = t.Segment.WithStop(cuts[1])
		}
		p := ast.NewTextSegment(seg)
		p.SetRaw(t.IsRaw())
		if i+2 == len(cuts) {
			p.SetSoftLineBreak(t.SoftLineBreak())
			p.SetHardLineBreak(t.HardLineBreak())
		}
		parent.InsertBefore(parent, t, p)
		if first == nil {
			first = p
		}
	}
	parent.RemoveChild(parent, t)
	return first
}

func wrap(parent ast.Node, run []ast.Node, lang string) {
	if len(run) == 0 {
		return
	}
	switch parent.(type) {
	case *ast.List, *east.Table, *east.TableHeader, *east.TableRow:
		for _, n := range run {
			n.SetAttributeString("lang", []byte(lang))
		}
		return
	}
	var w ast.Node
	if run[0].Type() == ast.TypeInline {
		w = newLangSpan(lang)
	} else {
		w = &langBlock{lang: lang}
	}
	parent.InsertBefore(parent, run[0], w)
	for _, n := range run {
		w.AppendChild(w, n)
	}
}

// extent is the byte range of the source that n covers, from its own position, its lines and
// its descendants. ok is false for nodes that come from no source (strings added later).
func extent(n ast.Node) (start, end int, ok bool) {
	add := func(s, e int) {
		if !ok || s < start {
			start = s
		}
		if !ok || e > end {
			end = e
		}
		ok = true
	}
	switch t := n.(type) {
	case *ast.Text:
		return t.Segment.Start, t.Segment.Stop, true
	case *ast.String:
		return 0, 0, false
	}
	if n.Type() == ast.TypeBlock {
		if lines := n.Lines(); lines.Len() > 0 {
			add(lines.At(0).Start, lines.At(lines.Len()-1).Stop)
		}
	}
	if p := n.Pos(); p >= 0 {
		add(p, p+1)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s, e, cok := extent(c); cok {
			add(s, e)
		}
	}
	return start, end, ok
}

// nodeRenderer renders scoperef's own nodes.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, renderCallout)
	reg.Register(kindLangBlock, renderLangBlock)
	reg.Register(kindLangSpan, renderLangSpan)
	reg.Register(ast.KindFencedCodeBlock, renderCodeBlock)
	reg.Register(ast.KindCodeBlock, renderCodeBlock)
}

// renderCodeBlock renders a code block as goldmark does, but with tabindex="0" on the <pre>: a
// block wider than the column scrolls sideways, and a keyboard must be able to reach and scroll
// it (axe-core's scrollable-region-focusable, found by the browser tests).
func renderCodeBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<pre tabindex="0"><code`)
	if n, ok := node.(*ast.FencedCodeBlock); ok {
		if lang := n.Language(src); lang != nil {
			_, _ = w.WriteString(` class="language-`)
			html.DefaultWriter.Write(w, lang)
			_ = w.WriteByte('"')
		}
	}
	_ = w.WriteByte('>')
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		html.DefaultWriter.RawWrite(w, seg.Value(src))
	}
	return ast.WalkContinue, nil
}

func renderLangBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div lang="`)
		_, _ = w.Write(util.EscapeHTML([]byte(node.(*langBlock).lang)))
		_, _ = w.WriteString("\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderLangSpan(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<span lang="`)
		_, _ = w.Write(util.EscapeHTML([]byte(node.(*langSpan).lang)))
		_, _ = w.WriteString(`">`)
	} else {
		_, _ = w.WriteString("</span>")
	}
	return ast.WalkContinue, nil
}
