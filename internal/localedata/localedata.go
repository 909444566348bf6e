// Package localedata reads the translations of data titles: locales/<lang>/data/scopes.yaml and
// permissions.yaml, which translate the title and description of each scope and permission.
//
// Inputs: the project root, the validated model, and the languages to read.
// Outputs: a Titles table answering "the title of scope repo in ja", with the English text as the
// fallback, and diagnostics for entries that name an unknown id, repeat an id, or were made from an
// English text that has since changed (stale: a warning; the translation is still used).
// ReferenceText joins the Titles with the interface strings as the reference generator's text.
//
// Invariant: a lookup never fails; when a translation is missing the English text comes back with
// Fallback set, so callers can mark it lang="en" and count it.
package localedata

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
	"github.com/scoperef/scoperef/internal/yamlio"
)

// Kind is what a translated entry describes.
type Kind string

const (
	Scopes      Kind = "scopes"
	Permissions Kind = "permissions"
)

// Text is a title and description in one language.
type Text struct {
	Title, Description string
	Lang               string // the language the text is in
	Fallback           bool   // the English text stands in for a missing translation
	Stale              bool   // translated from an older English text
}

type key struct {
	lang string
	kind Kind
	id   string
}

// Titles holds every translated entry.
type Titles struct {
	m       *model.Model
	entries map[key]Text
}

// SourceHash is the hash a translation records of the English title and description.
func SourceHash(title, description string) string {
	sum := sha256.Sum256([]byte(title + "\n" + description))
	return hex.EncodeToString(sum[:])[:16]
}

// maxFileSize bounds one translation file, as package validate bounds the data files.
const maxFileSize = 8 << 20

// Load reads locales/<lang>/data/{scopes,permissions}.yaml for each language other than "en".
// Missing files mean no translation.
func Load(root fs.FS, schemas *validate.Schemas, m *model.Model, langs []string) (*Titles, *diag.List) {
	t := &Titles{m: m, entries: map[key]Text{}}
	var diags diag.List
	for _, lang := range langs {
		if lang == "en" {
			continue
		}
		for _, kind := range []Kind{Scopes, Permissions} {
			name := path.Join("locales", lang, "data", string(kind)+".yaml")
			data, err := fs.ReadFile(root, name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				diags.Errorf(diag.Pos{File: name}, "", "%v", err)
				continue
			}
			if len(data) > maxFileSize {
				diags.Errorf(diag.Pos{File: name}, "", "file is larger than 8 MiB")
				continue
			}
			n, err := yamlio.Parse(name, data)
			if err != nil {
				var le *diag.ListError
				if errors.As(err, &le) {
					for _, d := range le.Diagnostics {
						diags.Add(d)
					}
				}
				continue
			}
			if !schemas.Validate("data-translation", n, &diags) {
				continue
			}
			t.read(lang, kind, n, &diags)
		}
	}
	return t, &diags
}

func (t *Titles) read(lang string, kind Kind, root *yamlio.Node, diags *diag.List) {
	list := root.Get(string(kind))
	if list == nil {
		return
	}
	seen := map[string]bool{}
	for _, e := range list.Content {
		idNode := e.Get("id")
		id := idNode.Value
		title, desc, ok := t.english(kind, id)
		if !ok {
			diags.Errorf(idNode.Pos, "", "no %s with id %q in content/data", singular(kind), id)
			continue
		}
		if seen[id] {
			diags.Errorf(idNode.Pos, "", "%s %q is translated twice", singular(kind), id)
			continue
		}
		seen[id] = true
		text := Text{Title: e.Get("title").Value, Lang: lang}
		if d := e.Get("description"); d != nil {
			text.Description = d.Value
		} else {
			text.Description = desc // an untranslated description stays English
		}
		if h := e.Get("source_hash"); h.Value != SourceHash(title, desc) {
			text.Stale = true
			diags.Warnf(h.Pos, "", "stale translation of %s %q: the English text changed", singular(kind), id)
		}
		t.entries[key{lang, kind, id}] = text
	}
}

func singular(k Kind) string {
	if k == Scopes {
		return "scope"
	}
	return "permission"
}

func (t *Titles) english(kind Kind, id string) (title, desc string, ok bool) {
	if kind == Scopes {
		if s, ok := t.m.Scope(id); ok {
			return s.Title, s.Description, true
		}
		return "", "", false
	}
	if p, ok := t.m.Permission(id); ok {
		return p.Title, p.Description, true
	}
	return "", "", false
}

// Get returns the text of a scope or permission in lang, or the English text marked Fallback.
// ok is false only for an unknown id.
func (t *Titles) Get(lang string, kind Kind, id string) (Text, bool) {
	if text, found := t.entries[key{lang, kind, id}]; found {
		return text, true
	}
	title, desc, ok := t.english(kind, id)
	return Text{Title: title, Description: desc, Lang: "en", Fallback: lang != "en"}, ok
}

// Coverage counts, for lang and kind, the entries in the model, the translated ones and the
// stale ones.
func (t *Titles) Coverage(lang string, kind Kind) (total, translated, stale int) {
	ids := t.ids(kind)
	for _, id := range ids {
		if text, ok := t.entries[key{lang, kind, id}]; ok {
			translated++
			if text.Stale {
				stale++
			}
		}
	}
	return len(ids), translated, stale
}

func (t *Titles) ids(kind Kind) []string {
	var out []string
	if kind == Scopes {
		for _, s := range t.m.Scopes {
			out = append(out, s.ID)
		}
		return out
	}
	for _, p := range t.m.Permissions {
		out = append(out, p.ID)
	}
	return out
}
