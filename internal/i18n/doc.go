// Package i18n is the site's language layer: interface strings with CLDR plural forms, dates in the
// reader's language, language matching for content negotiation, and native language names. It is
// the only package that imports github.com/nicksnyder/go-i18n and github.com/bep/golocales.
//
// # Interface strings
//
// Messages live in go-i18n message files, locales/<lang>/ui.<lang>.yaml. A file maps message ids to
// either a string or a mapping with "description" (for translators) and CLDR plural forms
// ("zero", "one", "two", "few", "many", "other"; "other" is required). Text may use
// {{.Name}} placeholders filled by the caller; plural messages get {{.Count}}. Load reads the
// files of every layer in order (for example the copies embedded in the binary, then the
// project's own), a later layer replacing a message of an earlier one.
//
// English is the source language. When a language lacks a message, T and N return the English
// text with Fallback set, and the (language, id) pair is recorded: Missing lists them for the
// build summary. go-i18n signals this case with a *MessageNotFoundErr alongside the English text;
// that error is the signal, never a failure. A message missing in English too is a programming
// error: T returns the id itself, marked as fallback, and Load's callers find it in Missing.
//
// Plural forms follow CLDR through go-i18n: English and Korean/Japanese differ ("1 endpoint",
// "12 endpoints"; ja and ko only have "other"), and French uses "one" for 0 and 1.
//
// # Dates, matching and names
//
// Date formats a day with the CLDR long date pattern of the language (golocales, generated from
// CLDR; no month names are written by hand here): "January 18, 2023", "18 janvier 2023",
// "2023年1月18日", "2023년 1월 18일". Match picks the best of the site's languages for an
// Accept-Language header with golang.org/x/text's matcher. NativeName gives a language's name in
// that language, for the language picker.
//
// # Invariants
//
// A Catalog is immutable after Load except for its caches and the missing-message record, which
// are guarded, so every method is safe for concurrent use. Results are deterministic: the same
// files give the same strings, and Missing is sorted.
package i18n
