package site

import (
	"github.com/scoperef/scoperef/internal/content"
	"github.com/scoperef/scoperef/internal/model"
)

// FromContent adapts the content stage's Site to Content.
func FromContent(s *content.Site) Content {
	c := &contentSite{s: s, byPath: map[string]*content.Page{}}
	for _, p := range s.Pages() {
		c.paths = append(c.paths, p.Path())
		c.byPath[p.Path()] = p
	}
	return c
}

type contentSite struct {
	s      *content.Site
	paths  []string
	byPath map[string]*content.Page
}

func (c *contentSite) Paths() []string { return c.paths }

func (c *contentSite) In(path string, v *model.Version) bool {
	p := c.byPath[path]
	return p != nil && p.In(v)
}

func (c *contentSite) Redirects(path string) []string {
	if p := c.byPath[path]; p != nil {
		return p.Redirects()
	}
	return nil
}

func (c *contentSite) Render(path string, v *model.Version, lang string) (*Page, error) {
	r, err := c.s.Render(c.byPath[path], v, lang)
	if err != nil {
		return nil, err
	}
	p := &Page{
		Title: r.Title, ShortTitle: r.ShortTitle, Intro: r.Intro, Body: r.Body,
		Lang: r.Lang, Fallback: r.Fallback, FallbackParts: r.FallbackParts, Stale: r.Stale,
		Headings: make([]Heading, len(r.Headings)), Links: make([]Link, len(r.Links)),
	}
	for i, h := range r.Headings {
		p.Headings[i] = Heading{ID: h.ID, Text: h.Text, Level: h.Level}
	}
	p.IDs = scanIDs(r.Body)
	for i, l := range r.Links {
		p.Links[i] = Link{Path: l.Path, Anchor: l.Anchor, Pos: l.Pos}
	}
	return p, nil
}
