package content

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/scoperef/scoperef/internal/vrange"
)

// A tnode is a node of a page's tag tree: *textNode, *dataNode or *ifNode.
type tnode interface{ tnode() }

// textNode is source text copied as is: body[start:end].
type textNode struct{ start, end int }

// dataNode is {% data reusables.x %} or {% data variables.x %}.
type dataNode struct {
	tagOff  int    // offset of "{%"
	nameOff int    // offset of the reference
	ref     string // "reusables.pat.open-settings", "variables.product.name"
	// block is set for a reusable alone on its line: its lines replace that line, each prefixed
	// with indent (the tag's indentation).
	block  bool
	indent string
}

func (d *dataNode) isReusable() bool { return strings.HasPrefix(d.ref, "reusables.") }

// name is the reference without its "reusables." or "variables." prefix.
func (d *dataNode) name() string { _, n, _ := strings.Cut(d.ref, "."); return n }

// ifNode is {% ifversion %} … {% elsif %} … {% else %} … {% endif %}.
type ifNode struct {
	branches []*branch
	endOff   int // offset of {% endif %}; -1 when it is missing
}

// branch is one arm of an ifNode. cond is nil for else.
type branch struct {
	kind    tagKind
	tagOff  int
	cond    vrange.Expr
	condSrc string
	condOff int
	body    []tnode
}

func (*textNode) tnode() {}
func (*dataNode) tnode() {}
func (*ifNode) tnode()   {}

type tagKind int

const (
	tagIf tagKind = iota
	tagElsif
	tagElse
	tagEndif
	tagData
)

var tagNames = map[string]tagKind{
	"ifversion": tagIf, "elsif": tagElsif, "else": tagElse, "endif": tagEndif, "data": tagData,
}

// misspelt tag names and what to write instead.
var tagHints = map[string]string{
	"if": "ifversion", "elseif": "elsif", "elif": "elsif", "else if": "elsif",
	"endifversion": "endif", "end": "endif", "include": "data", "reusable": "data",
}

func (k tagKind) String() string {
	return [...]string{"ifversion", "elsif", "else", "endif", "data"}[k]
}

// tagError is a problem at a byte offset of the text the tags were parsed from.
type tagError struct {
	Off, Len int
	Msg      string
}

// dataRef is what {% data %} accepts.
var dataRef = regexp.MustCompile(`^(reusables|variables)\.[a-z0-9_][a-z0-9_:-]*(\.[a-z0-9_][a-z0-9_:-]*)*$`)

// parseTags splits src into text and tags and builds the tag tree. It reports every problem it
// can find in one pass and never panics; offsets in nodes and errors lie within src.
func parseTags(src string) ([]tnode, []tagError) {
	p := &tagParser{src: src}
	p.parse()
	return p.root, p.errs
}

type tagParser struct {
	src   string
	root  []tnode
	open  []*ifNode // innermost last
	errs  []tagError
	text0 int // start of the pending text
}

func (p *tagParser) errorf(off, n int, format string, args ...any) {
	p.errs = append(p.errs, tagError{Off: off, Len: n, Msg: fmt.Sprintf(format, args...)})
}

// body is where new nodes go: the innermost open branch, or the root.
func (p *tagParser) add(n tnode) {
	if len(p.open) == 0 {
		p.root = append(p.root, n)
		return
	}
	b := p.open[len(p.open)-1].branches
	b[len(b)-1].body = append(b[len(b)-1].body, n)
}

func (p *tagParser) flushText(end int) {
	if end > p.text0 {
		p.add(&textNode{start: p.text0, end: end})
	}
}

func (p *tagParser) parse() {
	src := p.src
	for i := 0; i < len(src); {
		j := strings.Index(src[i:], "{%")
		if j < 0 {
			break
		}
		start := i + j
		lineEnd := len(src)
		if k := strings.IndexByte(src[start:], '\n'); k >= 0 {
			lineEnd = start + k
		}
		k := strings.Index(src[start+2:lineEnd], "%}")
		if k < 0 {
			p.errorf(start, 2, `unclosed tag: "{%%" without "%%}" on the same line`)
			i = start + 2
			continue
		}
		end := start + 2 + k + 2
		p.tag(start, end)
		i = end
	}
	p.flushText(len(src))
	for _, n := range p.open {
		p.errorf(n.branches[0].tagOff, 2, "{%% ifversion %%} is never closed: add {%% endif %%}")
	}
}

// tag handles the tag src[start:end].
func (p *tagParser) tag(start, end int) {
	inner := start + 2
	for inner < end-2 && isBlank(p.src[inner]) {
		inner++
	}
	nameEnd := inner
	for nameEnd < end-2 && !isBlank(p.src[nameEnd]) {
		nameEnd++
	}
	name := p.src[inner:nameEnd]
	argOff := nameEnd
	for argOff < end-2 && isBlank(p.src[argOff]) {
		argOff++
	}
	arg := strings.TrimRight(p.src[argOff:end-2], " \t\r")
	kind, ok := tagNames[name]
	if !ok {
		p.unknownTag(start, inner, name, arg)
		return
	}
	// A tag alone on its line takes the whole line with it, so that conditions and block
	// reusables leave no blank line behind (a variable stays inline text).
	ls, le, alone := p.lineOf(start, end)
	if kind == tagData && !strings.HasPrefix(arg, "reusables.") {
		alone = false
	}
	if alone {
		p.flushText(ls)
		p.text0 = le
	} else {
		p.flushText(start)
		p.text0 = end
	}
	switch kind {
	case tagIf:
		b := p.branch(tagIf, start, argOff, arg)
		n := &ifNode{branches: []*branch{b}, endOff: -1}
		p.add(n)
		p.open = append(p.open, n)
	case tagElsif, tagElse:
		p.elseTag(kind, start, argOff, arg)
	case tagEndif:
		if arg != "" {
			p.errorf(argOff, len(arg), "{%% endif %%} takes no argument")
		}
		if len(p.open) == 0 {
			p.errorf(start, end-start, "{%% endif %%} without {%% ifversion %%}")
			return
		}
		p.open[len(p.open)-1].endOff = start
		p.open = p.open[:len(p.open)-1]
	case tagData:
		p.dataTag(start, argOff, arg, alone, p.src[ls:start])
	}
}

func (p *tagParser) unknownTag(start, inner int, name, arg string) {
	if name == "" {
		p.errorf(start, 2, "empty tag")
		return
	}
	hint := tagHints[name]
	if name == "else" && strings.HasPrefix(arg, "if") {
		hint = "elsif"
	}
	if hint != "" {
		p.errorf(inner, len(name), "unknown tag %q: did you mean %q?", name, hint)
		return
	}
	p.errorf(inner, len(name), "unknown tag %q: the tags are ifversion, elsif, else, endif and data", name)
}

func (p *tagParser) branch(kind tagKind, start, argOff int, arg string) *branch {
	b := &branch{kind: kind, tagOff: start, condSrc: arg, condOff: argOff}
	if arg == "" {
		p.errorf(start, 2, "{%% %s %%} needs a version range, e.g. {%% %s ghes >= 3.10 %%}", kind, kind)
		return b
	}
	x, err := vrange.Parse(arg)
	if err != nil {
		if e, ok := err.(*vrange.Error); ok {
			p.errorf(argOff+e.Offset, e.Len, "in version range %q: %s", arg, e.Msg)
		} else {
			p.errorf(argOff, len(arg), "in version range %q: %v", arg, err)
		}
		return b
	}
	b.cond = x
	return b
}

func (p *tagParser) elseTag(kind tagKind, start, argOff int, arg string) {
	if len(p.open) == 0 {
		p.errorf(start, 2, "{%% %s %%} without {%% ifversion %%}", kind)
		return
	}
	n := p.open[len(p.open)-1]
	if last := n.branches[len(n.branches)-1]; last.kind == tagElse {
		p.errorf(start, 2, "{%% %s %%} after {%% else %%}", kind)
	}
	var b *branch
	if kind == tagElse {
		if arg != "" {
			p.errorf(argOff, len(arg), "{%% else %%} takes no condition: did you mean {%% elsif %s %%}?", strings.TrimPrefix(arg, "if "))
		}
		b = &branch{kind: tagElse, tagOff: start}
	} else {
		b = p.branch(tagElsif, start, argOff, arg)
	}
	n.branches = append(n.branches, b)
}

func (p *tagParser) dataTag(start, argOff int, arg string, alone bool, indent string) {
	switch {
	case arg == "":
		p.errorf(start, 2, "{%% data %%} needs a reference, e.g. {%% data variables.product.name %%}")
		return
	case strings.ContainsAny(arg, " \t"):
		p.errorf(argOff, len(arg), "{%% data %%} takes one reference, found %q", arg)
		return
	case !dataRef.MatchString(arg):
		p.errorf(argOff, len(arg), "bad reference %q: write reusables.path.to.file or variables.id", arg)
		return
	}
	n := &dataNode{tagOff: start, nameOff: argOff, ref: arg}
	if alone {
		n.block, n.indent = true, indent
	}
	p.add(n)
}

// lineOf returns the bounds of the line holding src[start:end], the end including its newline,
// and whether the tag is the only thing on it besides blanks.
func (p *tagParser) lineOf(start, end int) (ls, le int, alone bool) {
	ls = strings.LastIndexByte(p.src[:start], '\n') + 1
	le = len(p.src)
	if k := strings.IndexByte(p.src[end:], '\n'); k >= 0 {
		le = end + k + 1
	}
	return ls, le, strings.Trim(p.src[ls:start], " \t") == "" &&
		strings.Trim(p.src[end:le], " \t\r\n") == ""
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }
