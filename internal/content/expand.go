package content

import (
	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/markdown"
	"github.com/scoperef/scoperef/internal/model"
)

// maxNesting bounds reusables inside reusables (cycles are reported by Load; this keeps a
// broken site from recursing forever).
const maxNesting = 16

// expander evaluates a tag tree for one version into Markdown text, remembering where every
// byte came from and which parts are English fallback.
type expander struct {
	s     *Site
	v     *model.Version
	lang  string // the language reusables are looked up in; "en" uses English only
	alone bool   // leave reusables out: one file's own text, to compare it with its source
	diags *diag.List

	buf     []byte
	m       srcMap
	regions []markdown.Region
	indent  string   // prefix for each new line (a block reusable's indentation)
	indPos  diag.Pos // where that indentation comes from
	depth   int

	fallbackParts int  // fallback reusables inserted
	stale         bool // a translated reusable used is stale
	broken        bool // a file with errors was needed
	// used lists the reusables looked up, with the language they were looked up in.
	used []usedReusable
}

func (s *Site) expand(d *doc, v *model.Version, lang string, alone bool, diags *diag.List) *expander {
	e := &expander{s: s, v: v, lang: lang, alone: alone, diags: diags}
	e.run(d, d.nodes)
	return e
}

func (e *expander) run(d *doc, nodes []tnode) {
	for _, n := range nodes {
		switch n := n.(type) {
		case *textNode:
			e.text(d.file, n.start, n.end)
		case *ifNode:
			for _, b := range n.branches {
				if b.cond == nil || e.s.m.Env.Match(b.cond, e.v.Version) {
					e.run(d, b.body)
					break
				}
			}
		case *dataNode:
			if n.isReusable() {
				e.reusable(d, n)
			} else {
				e.variable(d, n)
			}
		}
	}
}

// text copies body[start:end] of f, indenting each new line when inside an indented reusable.
func (e *expander) text(f *srcFile, start, end int) {
	data := f.data[f.body+start : f.body+end]
	for len(data) > 0 {
		if e.indent != "" && e.bol() && data[0] != '\n' {
			e.fixed(e.indent, e.indPos)
		}
		n := len(data)
		if e.indent != "" {
			for i, c := range data {
				if c == '\n' {
					n = i + 1
					break
				}
			}
		}
		if last := len(e.m) - 1; last < 0 || e.m[last].file != f || e.m[last].off+len(e.buf)-e.m[last].out != start {
			e.m = append(e.m, span{out: len(e.buf), file: f, off: start})
		}
		e.buf = append(e.buf, data[:n]...)
		data = data[n:]
		start += n
	}
}

// fixed appends generated text that maps to one source position.
func (e *expander) fixed(s string, pos diag.Pos) {
	if s == "" {
		return
	}
	e.m = append(e.m, span{out: len(e.buf), fixed: pos})
	e.buf = append(e.buf, s...)
}

func (e *expander) bol() bool { return len(e.buf) == 0 || e.buf[len(e.buf)-1] == '\n' }

func (e *expander) variable(d *doc, n *dataNode) {
	pos := d.file.pos(n.tagOff)
	x, ok := e.s.m.Variable(n.name())
	if !ok {
		e.broken = true
		return // reported by Load
	}
	val, ok := x.Value(e.v)
	if !ok {
		e.diags.Errorf(d.file.pos(n.nameOff), "", "variable %s has no value for %s", n.name(), e.v.Name())
		return
	}
	e.fixed(val, pos)
}

func (e *expander) reusable(d *doc, n *dataNode) {
	if e.alone {
		return
	}
	r := e.s.reusables[n.name()]
	e.used = append(e.used, usedReusable{n.name(), e.lang})
	if r == nil {
		e.broken = true
		return // reported by Load
	}
	rd, fallback := r.en, false
	if e.lang != "en" {
		if t := r.trans[e.lang]; t != nil {
			rd = t
			e.stale = e.stale || t.stale
		} else {
			fallback = true
		}
	}
	if !rd.ok {
		e.broken = true
		return
	}
	if e.depth >= maxNesting {
		e.diags.Errorf(d.file.pos(n.tagOff), "", "reusables nested more than %d deep", maxNesting)
		e.broken = true
		return
	}
	start := len(e.buf)
	savedIndent, savedPos, savedLang := e.indent, e.indPos, e.lang
	if n.block {
		e.indent += n.indent
		e.indPos = d.file.pos(n.tagOff)
	}
	if fallback {
		e.lang = "en" // reusables inside an English fallback are English too
	}
	e.depth++
	e.run(rd, rd.nodes)
	e.depth--
	e.indent, e.indPos, e.lang = savedIndent, savedPos, savedLang
	if n.block {
		if !e.bol() {
			e.fixed("\n", d.file.pos(n.tagOff))
		}
	} else {
		e.trimNewlines(start)
	}
	if fallback && len(e.buf) > start {
		e.regions = append(e.regions, markdown.Region{Start: start, End: len(e.buf), Inline: !n.block, Lang: "en"})
		e.fallbackParts++
	}
}

// trimNewlines removes the newlines that end the text written since start (an inline reusable
// stays on its line).
func (e *expander) trimNewlines(start int) {
	end := len(e.buf)
	for end > start && (e.buf[end-1] == '\n' || e.buf[end-1] == '\r') {
		end--
	}
	e.buf = e.buf[:end]
	for len(e.m) > 0 && e.m[len(e.m)-1].out >= end {
		e.m = e.m[:len(e.m)-1]
	}
}
