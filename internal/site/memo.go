package site

import (
	"bytes"
	"html/template"
	"reflect"
	"sync"
)

// Executing a layout costs html/template a reflective call for every value it prints and every
// escaper it runs on it, and most of a page's header and footer print the same values on every
// page of a version and language. The layouts' memo function executes such a partial once per
// build and data, and prints the result:
//
//	{{memo "footer" .Site}}
//
// The partial is escaped in its own right, as HTML text: in HTML text its result prints as is,
// and anywhere else html/template escapes it like any other HTML value. Only pointer data (such
// as .Site, one per version and language) is memoized, by identity; other data executes the
// partial every time, so memo never returns HTML made for different data.

// siteView is the part of a page's view shared by every page of one version and language.
type siteView struct {
	Lang    string
	HomeURL string
	UI      map[string]template.HTML
	UIText  map[string]string
	Search  searchView
}

// siteViews makes the siteView of every built version and language.
func (b *builder) siteViews() [][]*siteView {
	sites := make([][]*siteView, len(b.versions))
	for vi, v := range b.versions {
		sites[vi] = make([]*siteView, len(b.langs))
		for li, lang := range b.langs {
			sites[vi][li] = &siteView{
				Lang: lang, HomeURL: URL(lang, v, "", ""),
				UI: b.ui[li].HTML, UIText: b.ui[li].Text,
				Search: searchView{Index: URL(lang, v, SearchIndex, ""), Result: b.ui[li].Result, Results: b.ui[li].Results},
			}
		}
	}
	return sites
}

type memoKey struct {
	name string
	data any
}

type memoEntry struct {
	once sync.Once
	html template.HTML
	err  error
}

// memo is the layouts' memo function: the template name executed with data, once per build
// when data is a pointer.
func (b *builder) memo(name string, data any) (template.HTML, error) {
	if data == nil || reflect.TypeOf(data).Kind() != reflect.Pointer {
		return b.executeHTML(name, data)
	}
	e, _ := b.memos.LoadOrStore(memoKey{name, data}, &memoEntry{})
	m := e.(*memoEntry)
	m.once.Do(func() { m.html, m.err = b.executeHTML(name, data) })
	return m.html, m.err
}

func (b *builder) executeHTML(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
