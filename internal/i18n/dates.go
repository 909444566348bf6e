package i18n

import (
	"time"

	"github.com/bep/golocales"
)

// dateFormatter formats days with a language's CLDR patterns.
type dateFormatter = golocales.Translator

func newDateFormatter(lang string) dateFormatter {
	if t := golocales.New(lang); t != nil {
		return t
	}
	return golocales.New(Source)
}

// Date formats day t with the CLDR long date pattern of lang: "January 18, 2023",
// "18 janvier 2023", "2023年1月18日", "2023년 1월 18일". Only the date part of t is used, in UTC.
func (c *Catalog) Date(lang string, t time.Time) string {
	f := c.dates[lang]
	if f == nil {
		f = c.dates[Source]
	}
	t = t.UTC()
	return f.FormatDateLong(time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC))
}

// Number formats n with the digit grouping of lang.
func (c *Catalog) Number(lang string, n int) string {
	f := c.dates[lang]
	if f == nil {
		f = c.dates[Source]
	}
	return f.FormatNumber(float64(n), 0)
}
