package reference

import (
	"html/template"
	"regexp"
	"strings"

	"github.com/scoperef/scoperef/internal/model"
)

// Text is a piece of text with the language it is in when that differs from the page's
// (an untranslated title shown in English).
type Text struct {
	S    string
	Lang string // "" when the text is in the page's language
}

// HTML escapes the text, wrapping it in a span with a lang attribute when needed.
func (t Text) HTML() template.HTML {
	var b htmlw
	b.textHTML(t)
	return template.HTML(b.String())
}

// textHTML writes t.HTML().
func (b *htmlw) textHTML(t Text) {
	if t.Lang == "" {
		b.esc(t.S)
		return
	}
	b.raws(`<span lang="`, t.Lang, `">`)
	b.esc(t.S)
	b.raw(`</span>`)
}

func (t Text) String() string { return t.S }

// english marks English source text shown on a page in another language.
func (c *ctx) english(s string) Text {
	if c.lang == "en" || s == "" {
		return Text{S: s}
	}
	return Text{S: s, Lang: "en"}
}

// data returns a translated data field, falling back to the English source.
func (c *ctx) data(kind, id, field, source string) Text {
	if c.lang != "en" {
		if s, ok := c.g.tr.Data(c.lang, kind, id, field); ok && s != "" {
			return Text{S: s}
		}
	}
	return c.english(source)
}

func (c *ctx) scopeTitle(s *model.Scope) Text { return c.data("scopes", s.ID, "title", s.Title) }

func (c *ctx) permTitle(p *model.Permission) Text {
	return c.data("permissions", p.ID, "title", p.Title)
}

func (c *ctx) productName(p *model.Product) Text { return c.data("versions", p.ID, "name", p.Name) }

// writeMarkdownField writes a translatable Markdown field rendered; an untranslated one in a
// lang="en" div.
func (c *ctx) writeMarkdownField(b *htmlw, kind, id, source string) {
	if t := c.data(kind, id, "description", source); t.S != "" {
		c.writeMarkdown(b, t)
	}
}

// writeMarkdown writes t rendered as Markdown, in a div with its lang when it has one.
func (c *ctx) writeMarkdown(b *htmlw, t Text) {
	h := string(c.g.renderMarkdown(c.lang, t.S))
	if t.Lang == "" {
		b.raw(h)
		return
	}
	b.raws(`<div lang="`, t.Lang, `">`, h, `</div>`)
}

// versionName is a version's display name: "GitHub Enterprise Server 3.19".
func (c *ctx) versionName(v *model.Version) Text {
	t := c.productName(v.Product)
	if !v.Release.IsZero() {
		t.S += " " + v.Release.String()
	}
	return t
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// plainMarkdown is the default Markdown renderer: escaped text in a paragraph, `code` kept.
func plainMarkdown(_ string, src string) template.HTML {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimSpace(src), "\n\n") {
		esc := template.HTMLEscapeString(strings.TrimSpace(para))
		b.WriteString("<p>" + codeSpan.ReplaceAllString(esc, "<code>$1</code>") + "</p>")
	}
	return template.HTML(b.String())
}

// esc is template.HTMLEscapeString.
func esc(s string) string {
	if !needs(s, &escReplace) {
		return s
	}
	var b htmlw
	b.esc(s)
	return b.String()
}
