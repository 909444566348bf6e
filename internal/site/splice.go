package site

import (
	"bytes"
	"html/template"
	"io"
	"sync"
)

// The layout of a page holds three large fragments that Go has already rendered: the body, the
// page list and the on-this-page list. html/template copies each value it prints twice (through
// fmt), and a reference page's body is hundreds of kilobytes, so layout executes the template
// with a short marker in their place and splices the fragments into the result.
//
// A marker holds NUL bytes, which no fragment holds (goldmark replaces NUL with U+FFFD, and the
// YAML that generated pages come from cannot contain it). When a layout prints a fragment in a
// context where html/template escapes it, or not exactly once, the markers are not found as
// expected and the template is executed again with the fragments themselves: the result is
// always what executing the template with the real values gives (TestLayoutSplice). The
// shipped layouts print each fragment once, as HTML.
const (
	bodyMark = "\x00scoperef:body\x00"
	navMark  = "\x00scoperef:nav\x00"
	tocMark  = "\x00scoperef:toc\x00"
)

// shells holds the buffers layout executes the template into: the result is copied out of
// them, so they serve page after page.
var shells = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 16<<10)) }}

// layout executes the "page" template for view into a new slice.
func (b *builder) layout(view *pageView) ([]byte, error) {
	page := *view.Page
	fragments := [3]struct{ mark, html string }{
		{bodyMark, string(page.Body)}, {navMark, string(view.Nav)}, {tocMark, string(view.TOC)},
	}
	// Only non-empty fragments are replaced: a layout may test a fragment ({{with .TOC}}).
	marked := *view
	marked.Page = &page
	for _, f := range []struct {
		field *template.HTML
		mark  string
	}{{&page.Body, bodyMark}, {&marked.Nav, navMark}, {&marked.TOC, tocMark}} {
		if *f.field != "" {
			*f.field = template.HTML(f.mark)
		}
	}
	buf := shells.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		shells.Put(buf)
	}()
	if err := b.tmpl.ExecuteTemplate(buf, "page", &marked); err != nil {
		return nil, err
	}
	shell := buf.Bytes()
	// The marker of each non-empty fragment must be found exactly once (not escaped, not
	// repeated), and nothing else may hold a NUL byte.
	size, marks := len(shell), 0
	for _, f := range fragments {
		if f.html == "" {
			continue
		}
		if bytes.Count(shell, []byte(f.mark)) != 1 {
			return b.executePage(view)
		}
		marks++
		size += len(f.html) - len(f.mark)
	}
	if bytes.Count(shell, []byte{0}) != 2*marks {
		return b.executePage(view)
	}
	out := make([]byte, 0, size)
	for len(shell) > 0 {
		i := bytes.IndexByte(shell, 0)
		if i < 0 {
			out = append(out, shell...)
			break
		}
		out = append(out, shell[:i]...)
		shell = shell[i:]
		for _, f := range fragments {
			if bytes.HasPrefix(shell, []byte(f.mark)) {
				out = append(out, f.html...)
				shell = shell[len(f.mark):]
				break
			}
		}
	}
	return out, nil
}

// executePage executes the "page" template for view as it is.
func (b *builder) executePage(view *pageView) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(view.Page.Body) + len(view.Nav) + len(view.TOC) + 16<<10)
	err := b.tmpl.ExecuteTemplate(io.Writer(&buf), "page", view)
	return buf.Bytes(), err
}
