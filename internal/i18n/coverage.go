package i18n

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"regexp"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/scoperef/scoperef/internal/diag"
)

// SourceHash is the hash a translated message records (its "hash" key) of the English message it
// was made from: the first 16 hex digits of SHA-256 over the English description and every plural
// form. go-i18n's own hash covers only the description and the "other" form, so a change to an
// English "one" form would go unnoticed; this one covers them all.
func SourceHash(en *goi18n.Message) string {
	h := sha256.New()
	for _, s := range []string{en.Description, en.Zero, en.One, en.Two, en.Few, en.Many, en.Other} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// placeholder matches {{.Name}} in a message.
var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders returns the sorted names used in any form of m.
func placeholders(m *goi18n.Message) []string {
	var names []string
	for _, s := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		for _, sub := range placeholder.FindAllStringSubmatch(s, -1) {
			names = append(names, sub[1])
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// UICoverage tells how far one language's interface strings are translated.
type UICoverage struct {
	Lang       string
	Total      int      // English messages
	Translated []string // ids with a translation, stale ones included
	Stale      []string // ids whose recorded hash is not the English message's
	Missing    []string // ids shown in English
}

// Coverage reports lang's interface strings against English. For English every message counts
// as translated.
func (c *Catalog) Coverage(lang string) UICoverage {
	cov := UICoverage{Lang: lang}
	en := c.messages[Source]
	for _, id := range slices.Sorted(maps.Keys(en)) {
		cov.Total++
		t, ok := c.messages[lang][id]
		switch {
		case lang == Source:
			cov.Translated = append(cov.Translated, id)
		case !ok:
			cov.Missing = append(cov.Missing, id)
		default:
			cov.Translated = append(cov.Translated, id)
			if t.Hash != SourceHash(en[id].Message) {
				cov.Stale = append(cov.Stale, id)
			}
		}
	}
	return cov
}

// compareWithEnglish checks every translated message against its English source: the same
// placeholders (an error: a missing one loses information, an extra one prints "<no value>"),
// and a recorded hash that matches the English text (a warning: the translation is stale but
// still used).
func (c *Catalog) compareWithEnglish(diags *diag.List) {
	en := c.messages[Source]
	for _, lang := range c.langs {
		if lang == Source {
			continue
		}
		msgs := c.messages[lang]
		for _, id := range slices.Sorted(maps.Keys(msgs)) {
			t, src := msgs[id], en[id]
			if src.Message == nil {
				continue // reported when read
			}
			want, got := placeholders(src.Message), placeholders(t.Message)
			if missing, extra := difference(want, got), difference(got, want); len(missing)+len(extra) > 0 {
				diags.Errorf(t.pos, id, "placeholders differ from English:%s%s", listPart(" missing", missing), listPart(" extra", extra))
			}
			switch t.Hash {
			case SourceHash(src.Message):
			case "":
				diags.Warnf(t.pos, id, "translation records no hash of its English source (hash: %s)", SourceHash(src.Message))
			default:
				diags.Warnf(t.pos, id, "stale translation: the English message changed since it was translated")
			}
		}
	}
}

func difference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, "{{."+x+"}}")
		}
	}
	return out
}

func listPart(label string, items []string) string {
	if len(items) == 0 {
		return ""
	}
	return label + " " + strings.Join(items, ", ")
}
