package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/localedata"
)

func init() {
	register("i18n", "report translation coverage and stale translations per language", runI18n)
}

// kindCoverage is one line of the report: a kind of translatable text in one language.
type kindCoverage struct {
	Kind       string   `json:"kind"`
	Total      int      `json:"total"`
	Translated int      `json:"translated"`
	Stale      []string `json:"stale"`
	Missing    []string `json:"missing"`
}

type langCoverage struct {
	Lang  string          `json:"lang"`
	Kinds []*kindCoverage `json:"kinds"`
}

func runI18n(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("i18n", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	format := fs.String("format", "text", "report format: text or json")
	verbose := fs.Bool("v", false, "list the stale and missing items")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || (*format != "text" && *format != "json") {
		env.errorf("usage: scoperef i18n [-root DIR] [-format text|json] [-v]")
		return 2
	}
	in, diags, err := loadProject(*root, nil)
	if err != nil {
		env.errorf("%v", err)
		return 1
	}
	if diags.HasErrors() || in.content == nil {
		diags.WriteText(env.stderr)
		env.errorf("the project has errors; run scoperef check")
		return 1
	}
	var report []langCoverage
	for _, lang := range i18n.Languages {
		report = append(report, coverageOf(in, lang))
	}
	if *format == "json" {
		return env.writeJSON(report)
	}
	writeCoverage(env.stdout, report, *verbose)
	return 0
}

func coverageOf(in *loaded, lang string) langCoverage {
	lc := langCoverage{Lang: lang}
	add := func(k *kindCoverage) {
		if k.Stale == nil {
			k.Stale = []string{}
		}
		if k.Missing == nil {
			k.Missing = []string{}
		}
		lc.Kinds = append(lc.Kinds, k)
	}
	ui := in.catalog.Coverage(lang)
	add(&kindCoverage{Kind: "ui", Total: ui.Total, Translated: len(ui.Translated), Stale: ui.Stale, Missing: ui.Missing})
	c := in.content.Coverage(lang)
	add(&kindCoverage{Kind: "pages", Total: c.Pages.Total, Translated: len(c.Pages.Translated), Stale: c.Pages.Stale, Missing: c.Pages.Missing})
	add(&kindCoverage{Kind: "reusables", Total: c.Reusables.Total, Translated: len(c.Reusables.Translated), Stale: c.Reusables.Stale, Missing: c.Reusables.Missing})
	for _, kind := range []localedata.Kind{localedata.Scopes, localedata.Permissions} {
		total, translated, _ := in.titles.Coverage(lang, kind)
		k := &kindCoverage{Kind: strings.TrimSuffix(string(kind), "s") + " titles", Total: total, Translated: translated}
		if lang == "en" {
			k.Translated = total
		}
		for _, id := range ids(in, kind) {
			text, _ := in.titles.Get(lang, kind, id)
			switch {
			case lang == "en":
			case text.Fallback:
				k.Missing = append(k.Missing, id)
			case text.Stale:
				k.Stale = append(k.Stale, id)
			}
		}
		add(k)
	}
	// Endpoint summaries come from the upstream API description and have no translation files:
	// they are shown in English, marked lang="en", on every non-English page.
	summaries := &kindCoverage{Kind: "endpoint summaries", Total: len(in.model.Endpoints)}
	if lang == "en" {
		summaries.Translated = summaries.Total
	}
	add(summaries)
	return lc
}

func ids(in *loaded, kind localedata.Kind) []string {
	var out []string
	if kind == localedata.Scopes {
		for _, s := range in.model.Scopes {
			out = append(out, s.ID)
		}
		return out
	}
	for _, p := range in.model.Permissions {
		out = append(out, p.ID)
	}
	return out
}

func writeCoverage(w io.Writer, report []langCoverage, verbose bool) {
	for _, lc := range report {
		fmt.Fprintf(w, "%s\n", lc.Lang)
		for _, k := range lc.Kinds {
			pct := 100.0
			if k.Total > 0 {
				pct = 100 * float64(k.Translated) / float64(k.Total)
			}
			fmt.Fprintf(w, "  %-20s %5d/%-5d %6.1f%%", k.Kind, k.Translated, k.Total, pct)
			if len(k.Stale) > 0 {
				fmt.Fprintf(w, "  %d stale", len(k.Stale))
			}
			fmt.Fprintln(w)
			if verbose {
				for _, id := range k.Stale {
					fmt.Fprintf(w, "    stale:   %s\n", id)
				}
				for _, id := range k.Missing {
					fmt.Fprintf(w, "    missing: %s\n", id)
				}
			}
		}
	}
}
