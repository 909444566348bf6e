package localedata

import (
	"maps"
	"slices"

	"github.com/scoperef/scoperef/internal/i18n"
)

// ReferenceText gives the reference generator (reference.Text) its text in every language:
// interface strings from the catalog, scope and permission titles and descriptions from
// locales/<lang>/data. A title that falls back to English is reported missing, so the
// generator shows its own English text.
type ReferenceText struct {
	Catalog *i18n.Catalog
	Titles  *Titles
}

// T returns the interface string id in lang with data's placeholders filled in.
func (t ReferenceText) T(lang, id string, data map[string]any) string {
	args := make([]any, 0, 2*len(data))
	for _, k := range slices.Sorted(maps.Keys(data)) { // a stable order keeps the catalog's cache small
		args = append(args, k, data[k])
	}
	return t.Catalog.T(lang, id, args...).S
}

// N returns the plural interface string id in lang for count.
func (t ReferenceText) N(lang, id string, count int) string { return t.Catalog.N(lang, id, count).S }

// Data returns the translated field ("title" or "description") of a scope or permission.
func (t ReferenceText) Data(lang, kind, id, field string) (string, bool) {
	if kind != string(Scopes) && kind != string(Permissions) {
		return "", false
	}
	text, ok := t.Titles.Get(lang, Kind(kind), id)
	if !ok || text.Fallback {
		return "", false
	}
	switch field {
	case "title":
		return text.Title, true
	case "description":
		return text.Description, text.Description != ""
	}
	return "", false
}
