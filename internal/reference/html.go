package reference

import (
	"html/template"
	"strings"
	"sync"
)

// The pages are written in Go with an htmlw rather than executed as html/template templates:
// they are most of the site, and a template spends most of its time in reflection. Each method
// escapes as html/template does in the context it is named after, so the bytes are the ones the
// templates gave (html_test.go compares every method with html/template itself):
//
//	text  a string in element content or in a quoted attribute that is not a URL (id, value,
//	      aria-labelledby, data-levels): html/template's htmlEscaper and attrEscaper, which agree
//	      on strings (NUL, ", &, ', +, < and > are replaced)
//	url   a string that is the whole value of a URL attribute (href, src, data-src,
//	      data-*-url): urlFilter, urlNormalizer, then attrEscaper
//	esc   template.HTMLEscapeString (no "+" replaced): the fragments this package always wrote
//	      in Go (requirements, rows, endpoint lists)
//	raw   HTML as is (template.HTML values)
//
// A page's htmlw starts with room for what the same page took the last time it was written (in
// another language, or failing that in another version) and an eighth more, so that the big
// pages are not copied as they grow. It writes into a strings.Builder, whose String does not
// copy: the page's body is the buffer it was written in.
//
// An htmlw must not be copied once written to (strings.Builder panics if it is).
type htmlw struct {
	sb strings.Builder
	// sizes and path record the page's size for the next time, in its version (sizes) and in
	// any version (anySizes).
	sizes, anySizes *sync.Map
	path            string
}

// page returns the htmlw for the page at path.
func (c *ctx) page(path string) *htmlw {
	b := &htmlw{sizes: &c.g.versionData(c).sizes, anySizes: &c.g.cache.sizes, path: path}
	n := 4096
	if last, ok := b.sizes.Load(path); ok {
		n = last.(int) + last.(int)/8
	} else if last, ok := b.anySizes.Load(path); ok {
		n = last.(int) + last.(int)/8
	}
	b.sb.Grow(n)
	return b
}

// html returns what was written, without copying it.
func (b *htmlw) html() template.HTML {
	if b.sizes != nil {
		n := any(b.sb.Len()) // boxed once for both maps
		b.sizes.Store(b.path, n)
		b.anySizes.Store(b.path, n)
	}
	return template.HTML(b.sb.String())
}

// String returns what was written.
func (b *htmlw) String() string { return b.sb.String() }

func (b *htmlw) raw(s string) { b.sb.WriteString(s) }

// raws writes several HTML strings as they are.
func (b *htmlw) raws(parts ...string) {
	for _, p := range parts {
		b.sb.WriteString(p)
	}
}

// textReplace is html/template's htmlReplacementTable: what htmlEscaper and attrEscaper replace.
// Its keys are ASCII, so a byte loop finds them in UTF-8 text.
var textReplace = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escReplace is what template.HTMLEscapeString replaces.
var escReplace = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'<':  "&lt;",
	'>':  "&gt;",
}

func (b *htmlw) replace(s string, table *[256]string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if r := table[s[i]]; r != "" {
			b.sb.WriteString(s[last:i])
			b.sb.WriteString(r)
			last = i + 1
		}
	}
	b.sb.WriteString(s[last:])
}

// text writes s escaped as html/template escapes a string in text or in a plain attribute.
func (b *htmlw) text(s string) { b.replace(s, &textReplace) }

// esc writes s escaped as template.HTMLEscapeString does.
func (b *htmlw) esc(s string) { b.replace(s, &escReplace) }

// url writes s as html/template writes a string that is a whole URL attribute value.
func (b *htmlw) url(s string) {
	if !safeURL(s) {
		s = "#ZgotmplZ" // html/template's filterFailsafe
	}
	const hex = "0123456789abcdef"
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var repl string
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		}
		switch c {
		case '!', '#', '$', '*', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
			continue // kept by urlNormalizer, not touched by attrEscaper
		case '&':
			repl = "&amp;" // kept by urlNormalizer, escaped by attrEscaper
		case '+':
			repl = "&#43;"
		case '%':
			// urlNormalizer keeps a valid escape (and, like it, not one that ends the string)
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
			repl = "%25"
		}
		b.sb.WriteString(s[last:i])
		if repl != "" {
			b.sb.WriteString(repl)
		} else {
			b.sb.WriteByte('%')
			b.sb.WriteByte(hex[c>>4])
			b.sb.WriteByte(hex[c&15])
		}
		last = i + 1
	}
	b.sb.WriteString(s[last:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeURL is html/template's isSafeURL: no scheme, or http, https or mailto.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// textString and escString return what text and esc write.
func textString(s string) string {
	if !needs(s, &textReplace) {
		return s
	}
	var b htmlw
	b.text(s)
	return b.String()
}

func needs(s string, table *[256]string) bool {
	for i := 0; i < len(s); i++ {
		if table[s[i]] != "" {
			return true
		}
	}
	return false
}
