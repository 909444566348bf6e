package site

import (
	"sync"

	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/localedata"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/reference"
)

// Reference returns the generator of the data-driven reference pages (scopes, permissions,
// endpoints, changes, migrate, downloads; package reference) and their data files, with text from
// the catalog and from locales/<lang>/data.
func Reference(m *model.Model, cat *i18n.Catalog, titles *localedata.Titles) Generator {
	return &refPages{g: reference.New(m, localedata.ReferenceText{Catalog: cat, Titles: titles}, reference.Options{URL: URL, Date: cat.Date})}
}

// refPages adapts the reference generator to site.FileGenerator.
// The language-independent downloads are made once per version and shared by every language.
type refPages struct {
	g         *reference.Generator
	downloads sync.Map // *model.Version -> *downloads
}

type downloads struct {
	once  sync.Once
	files map[string][]byte
}

func (r *refPages) Pages(v *model.Version, lang string) ([]GeneratedPage, error) {
	pages := r.g.Pages(v, lang)
	out := make([]GeneratedPage, len(pages))
	for i, p := range pages {
		out[i] = GeneratedPage{Path: p.Path, Title: p.Title, Body: p.Body, Records: make([]SearchRecord, len(p.Records))}
		for k, r := range p.Records {
			out[i].Records[k] = SearchRecord(r)
		}
	}
	return out, nil
}

func (r *refPages) Files(v *model.Version, lang string) (map[string][]byte, error) {
	d, _ := r.downloads.LoadOrStore(v, &downloads{})
	shared := d.(*downloads)
	shared.once.Do(func() { shared.files = r.g.Downloads(v) })
	files := map[string][]byte{}
	for name, data := range shared.files {
		files[reference.DownloadsPath+"/"+name] = data
	}
	for name, data := range r.g.LangDownloads(v, lang) {
		files[reference.DownloadsPath+"/"+name] = data
	}
	return files, nil
}
