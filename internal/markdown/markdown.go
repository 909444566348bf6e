// Package markdown is scoperef's only door to goldmark (github.com/yuin/goldmark). It turns one
// Markdown text, already freed of version conditions and reusables by package content, into a
// small document model that the caller inspects and adjusts, then into HTML.
//
// Inputs: the Markdown bytes, whether the text is Japanese (extension.CJK), and the regions of the
// text that are English fallback inside a translation.
//
// Outputs: a Doc listing, in source order, every link and image (destination decoded as a browser
// would read it), every heading (level, plain text, explicit {#id}), every callout, and the
// problems the parser saw (an unknown callout kind, heading attributes other than an id, raw HTML).
// Every item carries a byte offset into the text so the caller can map it back to a file position.
// The caller sets link destinations and texts, heading ids and callout labels, then calls Render.
//
// Syntax on top of CommonMark: GFM tables and strikethrough; `## Heading {#id}` attributes (only the
// id is kept); GitHub callouts: a blockquote whose first line is `[!NOTE]`, `[!TIP]`,
// `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` renders as
//
//	<div class="callout callout-note" role="note">
//	<p class="callout-title">LABEL</p>
//	…the blockquote's other content…
//	</div>
//
// Fallback regions render as <div lang="en"> around whole blocks, as lang="en" on list items (so a
// list stays one list), and as <span lang="en"> around inline text.
//
// Invariants: raw HTML is never rendered (goldmark's default, html.WithUnsafe is never set) and
// goldmark drops javascript:, vbscript:, file: and most data: URLs even if a caller forgot to check
// them; heading ids are only those the caller sets (no automatic "heading-1" ids); a Converter is
// safe for concurrent use, a Doc is not.
package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	plain goldmark.Markdown
	cjk   goldmark.Markdown
}

// New returns a Converter.
func New() *Converter {
	return &Converter{plain: configure(false), cjk: configure(true)}
}

// configure is the one place goldmark is set up.
func configure(cjk bool) goldmark.Markdown {
	exts := []goldmark.Extender{
		// GFM pipe tables: reference pages and the guide use them.
		extension.Table,
		// GFM ~~strikethrough~~: writers coming from GitHub expect it; it adds no risk.
		extension.Strikethrough,
	}
	if cjk {
		// Japanese: no space where a line break falls between two wide characters, and "\ "
		// lets a writer separate words without a visible space.
		exts = append(exts, extension.CJK)
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			// `## Title {#id}` gives a heading a stable id; Parse reports any other attribute.
			// No parser.WithAutoHeadingID: its generator drops non-ASCII text ("heading-1"
			// for Japanese); package content sets every id from the English source instead.
			parser.WithAttribute(),
			// Callouts are recognised after parsing, on the blockquote nodes.
			parser.WithASTTransformers(util.Prioritized(calloutTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(
			// Callouts and fallback-language wrappers. html.WithUnsafe is deliberately absent:
			// raw HTML becomes a comment and dangerous URLs are dropped.
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 500)),
		),
	)
}

// Region is a byte range of the text written in another language than the page, marked with
// a lang attribute when rendered. Inline regions lie inside one paragraph. An edge that falls inside
// a multi-byte character is moved outward to take the whole character.
type Region struct {
	Start, End int
	Inline     bool
	Lang       string
}

// ParseOptions say how to read one text.
type ParseOptions struct {
	CJK     bool     // Japanese text: extension.CJK
	Regions []Region // fallback regions, not overlapping
}

// Doc is one parsed text. Its items are in source order.
type Doc struct {
	src      []byte
	md       goldmark.Markdown
	root     ast.Node
	Links    []*Link
	Headings []*Heading
	Callouts []*Callout
	Problems []Problem
	// Skipped is set when the text was beyond the limits of limits.go and not parsed: the Doc
	// holds only that problem.
	Skipped bool
	// rendered is what Render returned last; edited is set when a setter has changed the tree
	// since. A page rendered in several versions with the same links renders once.
	rendered []byte
	edited   bool
}

// Problem is something the parser found wrong at Offset.
type Problem struct {
	Offset  int
	Msg     string
	Warning bool
}

// Parse reads src. It never fails: goldmark accepts any text. Bytes that are not UTF-8 are read
// as "?" (goldmark's CJK line-break rule panics on them); offsets are unchanged. A text beyond
// the limits of limits.go is not parsed: its Doc is empty but for the problem.
func (c *Converter) Parse(src []byte, opts ParseOptions) *Doc {
	src = validUTF8(src)
	md := c.plain
	if opts.CJK {
		md = c.cjk
	}
	if p, bad := checkLimits(src); bad {
		// Parsing it could take minutes (limits.go): report it and render nothing.
		return &Doc{src: src, md: md, root: ast.NewDocument(), Problems: []Problem{p}, Skipped: true}
	}
	pc := parser.NewContext()
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d := &Doc{src: src, md: md, root: root}
	d.Problems = append(d.Problems, problemsIn(pc)...)
	for _, r := range opts.Regions {
		r.Start, r.End = runeStart(src, r.Start), runeEnd(src, r.End)
		if r.Start < r.End {
			markRegion(root, r)
		}
	}
	d.collect()
	return d
}

// collect walks the tree once and lists links, headings, callouts and raw HTML.
func (d *Doc) collect() {
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			d.Links = append(d.Links, &Link{Dest: decode(n.Destination), Offset: n.Pos(),
				AutoTitle: isAutoTitle(n, d.src), node: n, doc: d})
		case *ast.Image:
			d.Links = append(d.Links, &Link{Dest: decode(n.Destination), Offset: n.Pos(), Image: true, node: n, doc: d})
		case *ast.AutoLink:
			d.Links = append(d.Links, &Link{Dest: string(n.URL(d.src)), Offset: n.Pos(), Auto: true, node: n, doc: d})
		case *ast.Heading:
			d.Headings = append(d.Headings, d.heading(n))
		case *calloutNode:
			d.Callouts = append(d.Callouts, &Callout{Kind: n.kind, Offset: n.Pos(), node: n, doc: d})
		case *ast.RawHTML, *ast.HTMLBlock:
			d.Problems = append(d.Problems, Problem{Offset: n.Pos(), Warning: true,
				Msg: "raw HTML is not rendered; write Markdown instead"})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// decode reads a destination the way goldmark's renderer does before escaping it: backslash
// escapes removed, character references resolved.
func decode(dest []byte) string {
	v := util.UnescapePunctuations(dest)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// Render returns the HTML of the whole text. While no setter (Link.SetDest, Link.SetText,
// Callout.SetLabel, Heading.SetID) changes the tree, it returns the same slice again: the
// caller must not modify it.
func (d *Doc) Render() []byte {
	if d.rendered == nil || d.edited {
		d.rendered, d.edited = d.render(), false
	}
	return d.rendered
}

// render runs goldmark's renderer over the tree.
func (d *Doc) render() []byte {
	var b bytes.Buffer
	if err := d.md.Renderer().Render(&b, d.src, d.root); err != nil {
		// goldmark's HTML renderer only fails when the writer fails; a bytes.Buffer does not.
		panic(err)
	}
	return b.Bytes()
}

// RenderInline returns the HTML of the text without the <p> around it, when the text is a
// single paragraph (an intro); otherwise the same as Render.
func (d *Doc) RenderInline() []byte {
	out := d.Render()
	if d.root.ChildCount() == 1 && d.root.FirstChild().Kind() == ast.KindParagraph {
		out = bytes.TrimSuffix(bytes.TrimPrefix(out, []byte("<p>")), []byte("</p>\n"))
	}
	return out
}

// Link is a link, an image or an autolink.
type Link struct {
	Dest      string // destination, decoded
	Offset    int    // offset of "[" ("![" for images, "<" for autolinks)
	Image     bool
	Auto      bool // <https://…> autolink: its destination cannot be changed
	AutoTitle bool // the link text is exactly AUTOTITLE
	node      ast.Node
	doc       *Doc
	// text and textLang are what SetText set, when textSet.
	text, textLang string
	textSet        bool
}

// SetDest replaces a link's or image's destination. It has no effect on autolinks.
func (l *Link) SetDest(dest string) {
	var d *[]byte
	switch n := l.node.(type) {
	case *ast.Link:
		d = &n.Destination
	case *ast.Image:
		d = &n.Destination
	default:
		return
	}
	if string(*d) != dest {
		*d = []byte(dest)
		l.doc.edited = true
	}
}

// SetText replaces a link's text with plain text. When lang is not empty the text is wrapped in
// <span lang="…"> (a title that fell back to another language).
func (l *Link) SetText(s, lang string) {
	n, ok := l.node.(*ast.Link)
	if !ok || l.textSet && l.text == s && l.textLang == lang {
		return
	}
	l.text, l.textLang, l.textSet = s, lang, true
	l.doc.edited = true
	n.RemoveChildren(n)
	str := ast.NewString([]byte(s))
	str.SetRaw(true) // escaped, but no Markdown or character references in titles
	if lang == "" {
		n.AppendChild(n, str)
		return
	}
	span := newLangSpan(lang)
	span.AppendChild(span, str)
	n.AppendChild(n, span)
}

func isAutoTitle(n *ast.Link, src []byte) bool {
	t, ok := n.FirstChild().(*ast.Text)
	return ok && n.ChildCount() == 1 && string(bytes.TrimSpace(t.Segment.Value(src))) == "AUTOTITLE"
}

// Heading is a heading of the text.
type Heading struct {
	Level  int
	Text   string // plain text, character references resolved
	ID     string // the explicit {#id}, or ""
	Offset int    // offset of the heading's first character
	node   *ast.Heading
	doc    *Doc
}

// SetID gives the heading its id attribute.
func (h *Heading) SetID(id string) {
	if old, ok := h.node.AttributeString("id"); ok {
		if b, isBytes := old.([]byte); isBytes && string(b) == id {
			return
		}
	}
	h.node.SetAttributeString("id", []byte(id))
	h.doc.edited = true
}

func (d *Doc) heading(n *ast.Heading) *Heading {
	h := &Heading{Level: n.Level, Offset: n.Pos(), node: n, doc: d}
	for _, a := range n.Attributes() {
		if string(a.Name) == "id" {
			if v, ok := a.Value.([]byte); ok {
				h.ID = string(v)
			}
			continue
		}
		d.Problems = append(d.Problems, Problem{Offset: n.Pos(),
			Msg: "only an id attribute {#id} is allowed on a heading, found " + string(a.Name)})
	}
	n.RemoveAttributes()
	if h.Offset < 0 && n.Lines().Len() > 0 {
		h.Offset = n.Lines().At(0).Start
	}
	h.Text = plainText(n, d.src)
	return h
}

// plainText is the text of n's inline content, as a reader sees it.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = decodeBytes(v)
			}
			b.Write(v)
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}

func decodeBytes(v []byte) []byte { return []byte(decode(v)) }

// runeStart moves i back to the first byte of the character it falls in, so that a region never
// cuts a character in two (a piece of continuation bytes alone makes goldmark's CJK rule panic).
func runeStart(src []byte, i int) int {
	for i > 0 && i < len(src) && !utf8.RuneStart(src[i]) {
		i--
	}
	return i
}

// runeEnd moves i forward past the end of the character it falls in.
func runeEnd(src []byte, i int) int {
	for i > 0 && i < len(src) && !utf8.RuneStart(src[i]) {
		i++
	}
	return i
}

// validUTF8 returns src, or a copy with each byte of an invalid sequence replaced by '?'.
func validUTF8(src []byte) []byte {
	if utf8.Valid(src) {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			out = append(out, '?')
			i++
			continue
		}
		out = append(out, src[i:i+size]...)
		i += size
	}
	return out
}
