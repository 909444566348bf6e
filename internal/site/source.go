package site

import (
	"html/template"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/search"
)

// Content is what the site needs from the content stage: the Markdown pages, which versions each
// exists in, and their rendering per version and language. FromContent adapts *content.Site.
// Render must be safe for concurrent use.
type Content interface {
	// Paths lists every page's path ("" for the home page, "reference/scopes"), in a stable order.
	Paths() []string
	// In reports whether the page at path exists in version v.
	In(path string, v *model.Version) bool
	// Redirects lists the old paths that send readers to the page at path.
	Redirects(path string) []string
	// Render renders the page at path for version v in language lang.
	Render(path string, v *model.Version, lang string) (*Page, error)
}

// Page is one page's text for one version and language, before the layout wraps it.
type Page struct {
	Title, ShortTitle string
	Intro, Body       template.HTML
	// Headings are the body's headings in order; their ids are the same in every language.
	Headings []Heading
	// IDs are further element ids in Body that links may target (rows of a generated table).
	IDs []string
	// Lang is the language of the page's text: the reader's, or English when the whole page has
	// no translation (Fallback).
	Lang string
	// Fallback is set when the page has no translation and is shown in English; FallbackParts
	// counts the parts (paragraphs, reusables, strings) of a translated page that are English.
	// Body already marks such parts with lang="en".
	Fallback      bool
	FallbackParts int
	// Stale is set when the translation was made from an older English source.
	Stale bool
	// Links are the page's internal links, checked by the build.
	Links []Link
	// search are the page's records for the search index: its Markdown part's sections, then
	// its generated part's Records (set by the build).
	search []search.Record
}

// Heading is one heading of a page body.
type Heading struct {
	ID    string
	Text  string
	Level int
	Lang  string // the text's language when it differs from the page's (an English fallback)
}

// Link is an internal link: a page path (as in Content.Paths) and an optional anchor, with the
// position of the link in its source file.
type Link struct {
	Path, Anchor string
	Pos          diag.Pos
}

// Generator adds data-driven pages: the reference pages for scopes, permissions and endpoints
// come from the model rather than from Markdown. Pages is called once per built version and
// language, possibly concurrently for different ones; it returns the pages that exist in that
// version. A generated page whose Path is also a Markdown page's path in that version is combined
// with it: the Markdown page supplies the title, intro and first part of the body, and the
// generated Body follows it (see GeneratedPage).
type Generator interface {
	Pages(v *model.Version, lang string) ([]GeneratedPage, error)
}

// FileGenerator is a Generator that also publishes files beside its pages, such as data
// downloads. Files returns them by path under the version and language ("reference/downloads/
// scopes.json" is served at /fr/enterprise-server@3.19/reference/downloads/scopes.json); links
// to them are checked like links to pages.
type FileGenerator interface {
	Generator
	Files(v *model.Version, lang string) (map[string][]byte, error)
}

// GeneratedPage is a page, or the generated part of a page, made by a Generator.
type GeneratedPage struct {
	Path string
	// Title and ShortTitle are used when no Markdown page exists at Path in the version.
	Title, ShortTitle string
	Intro             template.HTML
	// Body is appended after the Markdown body; Headings, IDs and Links likewise.
	Body     template.HTML
	Headings []Heading
	IDs      []string
	Links    []Link
	// FallbackParts counts English strings standing in for missing translations in Body.
	FallbackParts int
	// Records are the generated part's entries in the version and language's search index,
	// listed under the title the page shows. A generated page without Records is found only
	// through its Markdown part, if it has one.
	Records []SearchRecord
}

// SearchRecord is one section of a generated page in the search index.
type SearchRecord struct {
	Anchor string // the section's id on the page; "" for the top of the page
	Title  string // the section's title; "" for the top of the page
	Text   string // the section's plain text
}

// combine merges a Markdown page (nil when there is none) with generated parts (nil when none)
// of the page at g.Path in version v.
func combine(md *Page, g *GeneratedPage, v *model.Version, lang string) *Page {
	if g == nil {
		return md
	}
	var p Page
	if md == nil {
		p = Page{
			Title: g.Title, ShortTitle: g.ShortTitle, Intro: g.Intro, Body: g.Body,
			Headings: g.Headings, IDs: g.IDs, Links: g.Links, Lang: lang,
			FallbackParts: g.FallbackParts,
		}
	} else {
		p = *md
		p.Body = md.Body + g.Body
		p.Headings = append(append([]Heading(nil), md.Headings...), g.Headings...)
		p.IDs = append(append([]string(nil), md.IDs...), g.IDs...)
		p.Links = append(append([]Link(nil), md.Links...), g.Links...)
		p.FallbackParts += g.FallbackParts
	}
	if len(g.Records) > 0 {
		p.search = append(p.search[:len(p.search):len(p.search)], generatedRecords(g, p.Title, v, lang)...)
	}
	return &p
}
