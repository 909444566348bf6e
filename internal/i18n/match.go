package i18n

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Match returns the catalog language that best fits an Accept-Language header value, or the
// source language when none fits. It uses the index the matcher returns, not the returned tag,
// which may carry extensions ("fr-u-rg-cazzzz").
func (c *Catalog) Match(acceptLanguage string) string {
	return MatchIn(c.matcher, c.langs, acceptLanguage)
}

// NewMatcher returns a matcher for langs, for MatchIn.
func NewMatcher(langs []string) language.Matcher {
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	return language.NewMatcher(tags)
}

// MatchIn is Match for a matcher made by NewMatcher(langs).
func MatchIn(m language.Matcher, langs []string, acceptLanguage string) string {
	_, i := language.MatchStrings(m, acceptLanguage)
	if i < 0 || i >= len(langs) {
		return langs[0]
	}
	return langs[i]
}

// NativeName returns lang's name in that language, capitalized for a menu: "English",
// "Français", "日本語", "한국어".
func NativeName(lang string) string {
	if name, ok := nativeNames.Load(lang); ok {
		return name.(string)
	}
	name := nativeName(lang)
	nativeNames.Store(lang, name)
	return name
}

// nativeNames memoizes NativeName: layouts ask for the same few names on every page.
var nativeNames sync.Map

func nativeName(lang string) string {
	name := display.Self.Name(language.Make(lang))
	if name == "" {
		return lang
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + strings.Clone(name[n:])
}
