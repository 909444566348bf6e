package reference

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"text/template"
)

// Translator supplies the text of the generated pages in a language. The site implements it on
// top of locales/ (go-i18n messages and the data translations); English is the fallback and the
// default for tests.
type Translator interface {
	// T returns the UI message id in lang with its {{.Name}} placeholders filled from data.
	// The result is plain text: the generator escapes it.
	T(lang, id string, data map[string]any) string
	// N returns the plural message id in lang for count, chosen by the language's CLDR plural
	// rules, with {{.Count}} filled in.
	N(lang, id string, count int) string
	// Data returns the translation of one field of a data entry: kind is the file under
	// locales/<lang>/data/ ("scopes", "permissions" or "versions"), id the entry's id (a product
	// id for versions), field "title", "description" or "name". ok is false when lang has no
	// translation; the generator then shows the English source marked lang="en".
	Data(lang, kind, id, field string) (text string, ok bool)
}

// Message is one English UI string of the reference pages. One is the CLDR "one" form of a plural
// message (empty for plain messages), Other the general form. Placeholders use text/template
// syntax ({{.Count}}, {{.Version}}), as go-i18n message files do.
type Message struct {
	ID, One, Other string
}

// Messages lists every UI string the generator asks its Translator for, sorted by id, in
// English: the source for locales/<lang>/ui.<lang>.yaml.
func Messages() []Message {
	out := make([]Message, 0, len(english))
	for id, m := range english {
		m.ID = id
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Message) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// English is a Translator with the built-in English messages and no data translations: every
// language gets English text.
type English struct{}

// T implements Translator.
func (English) T(lang, id string, data map[string]any) string {
	m, ok := english[id]
	if !ok {
		return id
	}
	return fill(id, m.Other, data)
}

// N implements Translator with English plural rules (one for exactly 1).
func (English) N(lang, id string, count int) string {
	m, ok := english[id]
	if !ok {
		return fmt.Sprintf("%s %d", id, count)
	}
	text := m.Other
	if count == 1 && m.One != "" {
		text = m.One
	}
	return fill(id, text, map[string]any{"Count": count})
}

// Data implements Translator: the English source is the only text.
func (English) Data(lang, kind, id, field string) (string, bool) { return "", false }

// parsed caches the English messages' templates (id+text -> *template.Template).
var parsed sync.Map

func fill(id, text string, data map[string]any) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	var t *template.Template
	if x, ok := parsed.Load(id + "\x00" + text); ok {
		t = x.(*template.Template)
	} else {
		var err error
		if t, err = template.New(id).Option("missingkey=zero").Parse(text); err != nil {
			return text
		}
		parsed.Store(id+"\x00"+text, t)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return text
	}
	return b.String()
}
