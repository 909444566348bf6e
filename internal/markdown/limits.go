package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Limits on the text Parse gives goldmark. goldmark's block parser takes time quadratic in the
// depth of nested block quotes and list items, and its inline parser time quadratic in the number
// of emphasis and link delimiters in one paragraph: 200 KB of "> > > …" took minutes, 64 KB of
// "*a_ *a_ …" two seconds, and a page is parsed once per version and language. Parse reports the
// first place where a text exceeds a limit as an error and parses none of it. The shipped pages
// stay far below the limits (nesting 1, indentation 3, 76 delimiters in a paragraph).
const (
	// MaxNesting is the most block quote and list item markers one line may open.
	MaxNesting = 16
	// MaxIndent is the most columns of white space a line may start with (a tab counts to the
	// next multiple of 4).
	MaxIndent = 256
	// MaxDelimiters is the most of * _ ~ [ ] ( ) < ` that one paragraph, heading or table cell
	// may hold (code blocks are not counted; link reference definitions are).
	MaxDelimiters = 1000
)

// blocksOnly finds the block structure as Parse's parser does, tables included, but parses no
// inline: it costs time linear in the text once the nesting is bounded. It leaves link reference
// definitions in their paragraphs, so that they count too: goldmark takes time quadratic in the
// number of definitions in one paragraph.
var blocksOnly = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
)

// checkLimits returns a problem where src first exceeds a limit.
func checkLimits(src []byte) (Problem, bool) {
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		indent, depth, at := containerPrefix(src[off:end])
		switch {
		case thematicBreak(src[off:end]): // "- - -" opens no list
		case depth > MaxNesting:
			return Problem{Offset: off + at, Msg: "more than 16 block quotes and list items open on one line: nest fewer"}, true
		case indent > MaxIndent:
			return Problem{Offset: off, Msg: "line indented by more than 256 columns: indent less"}, true
		}
		off = end + 1
	}
	var p Problem
	found := false
	root := blocksOnly.Parse(text.NewReader(src))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.IsRaw() || n.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		lines, count := n.Lines(), 0
		for i := range lines.Len() {
			seg := lines.At(i)
			for _, c := range seg.Value(src) {
				switch c {
				case '*', '_', '~', '[', ']', '(', ')', '<', '`':
					count++
				}
			}
		}
		if count > MaxDelimiters {
			p = Problem{Offset: lines.At(0).Start, Msg: "paragraph with more than 1000 of * _ ~ [ ] ( ) < `: split it"}
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return p, found
}

// containerPrefix reads the block quote and list item markers that open a line: the columns of
// white space before the first one, how many there are, and the offset of the one past
// MaxNesting (or 0).
func containerPrefix(line []byte) (indent, depth, at int) {
	i, col := 0, 0
	for {
		start := col
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			i++
		}
		if depth == 0 {
			indent = col - start
		}
		n := markerLen(line[i:])
		if n == 0 {
			return indent, depth, at
		}
		depth++
		if depth == MaxNesting+1 {
			at = i
		}
		i += n
		col += n
	}
}

// markerLen returns the length of the block quote or list item marker b starts with, or 0.
func markerLen(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	spaceAt := func(i int) bool { return i == len(b) || b[i] == ' ' || b[i] == '\t' }
	switch c := b[0]; {
	case c == '>':
		return 1
	case (c == '-' || c == '*' || c == '+') && spaceAt(1):
		return 1
	case c >= '0' && c <= '9':
		i := 1
		for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i < len(b) && (b[i] == '.' || b[i] == ')') && spaceAt(i+1) {
			return i + 1
		}
	}
	return 0
}

// thematicBreak reports whether line is a thematic break ("- - -", "***"): it opens no list.
func thematicBreak(line []byte) bool {
	var mark byte
	n := 0
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t':
		case mark == 0 && (c == '-' || c == '*' || c == '_'):
			mark, n = c, 1
		case c == mark:
			n++
		default:
			return false
		}
	}
	return n >= 3
}
