package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/i18n"
)

// redirectView is the data of the "redirect" layout.
type redirectView struct {
	Lang, Title, Text, TargetTitle, TargetURL, Canonical string
}

// writeRedirects writes a page at each old path (front matter redirect_from) that sends readers
// to the page's current address, in every version and language where the page exists.
func (b *builder) writeRedirects(w Writer) error {
	var diags diag.List
	for _, path := range b.paths {
		redirects := b.redirects(path)
		for vi, v := range b.versions {
			for li, lang := range b.langs {
				p := b.pages[vi][li][path]
				if p == nil {
					continue
				}
				for _, old := range redirects {
					if b.pages[vi][li][old] != nil {
						diags.Errorf(diag.Pos{}, "", "/%s redirects from /%s, which is a page in %s", path, old, v.Name())
						continue
					}
					view := redirectView{
						Lang: lang, Title: b.cat.T(lang, "RedirectTitle").S, Text: b.cat.T(lang, "RedirectText").S,
						TargetTitle: p.Title, TargetURL: URL(lang, v, path, ""), Canonical: b.base + URL(lang, v, path, ""),
					}
					if err := b.execute(w, "redirect", file(lang, v, old), view); err != nil {
						return err
					}
				}
			}
		}
	}
	return diags.Err()
}

// redirects returns the normalized old paths of path, without duplicates.
func (b *builder) redirects(path string) []string {
	var out []string
	for _, r := range b.opts.Content.Redirects(path) {
		r = strings.Trim(r, "/")
		if r != path && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func (b *builder) execute(w Writer, layout, name string, data any) error {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, layout, data); err != nil {
		return fmt.Errorf("layout %s for %s: %w", layout, name, err)
	}
	return b.write(w, name, buf.Bytes())
}

// langEntry is one language on the root and 404 pages.
type langEntry struct {
	Lang, Name, HomeURL string
}

// specialView is the data of the "root" and "notfound" layouts: pages for every language at once.
type specialView struct {
	Langs      []langEntry
	Alternates []alternate
	Canonical  string
}

func (b *builder) specialView() specialView {
	var sv specialView
	for _, l := range b.langs {
		home := URL(l, b.versions[0], "", "")
		sv.Langs = append(sv.Langs, langEntry{Lang: l, Name: i18n.NativeName(l), HomeURL: home})
		sv.Alternates = append(sv.Alternates, alternate{l, b.base + home})
	}
	sv.Alternates = append(sv.Alternates, alternate{"x-default", b.base + "/"})
	sv.Canonical = b.base + "/"
	return sv
}

// writeRoot writes /index.html, which sends readers to their language (navigator.languages in
// site.js) and lists every language as a plain link.
func (b *builder) writeRoot(w Writer) error {
	return b.execute(w, "root", "index.html", b.specialView())
}

// writeNotFound writes /404.html, in every language.
func (b *builder) writeNotFound(w Writer) error {
	return b.execute(w, "notfound", "404.html", b.specialView())
}

// writeSitemaps writes {lang}/sitemap.xml for each language (every page of every version, with
// its hreflang alternates), the index /sitemap.xml, and /robots.txt.
func (b *builder) writeSitemaps(w Writer) error {
	// The languages' sitemaps are made at once (each lists every page of every version with
	// its alternates), then written in order.
	maps := make([][]byte, len(b.langs))
	parallel(b.opts.Workers, len(b.langs), func(li int) error {
		maps[li] = b.sitemap(li)
		return nil
	})
	var index bytes.Buffer
	index.WriteString(xml.Header)
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for li, lang := range b.langs {
		if err := b.write(w, lang+"/sitemap.xml", maps[li]); err != nil {
			return err
		}
		index.WriteString("  <sitemap><loc>")
		xmlText(&index, b.base+"/"+lang+"/sitemap.xml")
		index.WriteString("</loc></sitemap>\n")
	}
	index.WriteString("</sitemapindex>\n")
	if err := b.write(w, "sitemap.xml", index.Bytes()); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + b.base + "/sitemap.xml\n"
	return b.write(w, "robots.txt", []byte(robots))
}

// sitemap is the sitemap of language li.
func (b *builder) sitemap(li int) []byte {
	lang := b.langs[li]
	var sm bytes.Buffer
	sm.WriteString(xml.Header)
	sm.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for vi, v := range b.versions {
		for _, path := range b.paths {
			if b.pages[vi][li][path] == nil {
				continue
			}
			sm.WriteString("  <url>\n    <loc>")
			xmlText(&sm, b.base+URL(lang, v, path, ""))
			sm.WriteString("</loc>\n")
			for _, l := range b.langs {
				xmlAlternate(&sm, l, b.base+URL(l, v, path, ""))
			}
			xmlAlternate(&sm, "x-default", b.base+URL(i18n.Source, v, path, ""))
			sm.WriteString("  </url>\n")
		}
	}
	sm.WriteString("</urlset>\n")
	return sm.Bytes()
}

func xmlAlternate(buf *bytes.Buffer, lang, url string) {
	buf.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
	xmlText(buf, lang)
	buf.WriteString(`" href="`)
	xmlText(buf, url)
	buf.WriteString("\"/>\n")
}

// xmlText writes s escaped as xml.EscapeText escapes it. Most URLs need nothing escaped and
// are written as they are.
func xmlText(buf *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= utf8.RuneSelf || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			xml.EscapeText(buf, []byte(s))
			return
		}
	}
	buf.WriteString(s)
}
