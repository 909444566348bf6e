package i18n

import (
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// repoLocales is the repository's own locales folder, the strings the site ships.
func repoLocales(t *testing.T) *Catalog {
	t.Helper()
	c, diags := Load(Languages, os.DirFS("../.."))
	if diags.HasErrors() || diags.Len() > 0 {
		t.Fatalf("Load:\n%v", diags.Err())
	}
	return c
}

func TestShippedStringsComplete(t *testing.T) {
	c := repoLocales(t)
	en := c.bundleIDs(t, "en")
	for _, lang := range Languages[1:] {
		for _, id := range en {
			if txt := c.T(lang, id, "Version", "X", "Product", "X", "Date", "X"); txt.Fallback {
				t.Errorf("%s: message %s is not translated", lang, id)
			}
		}
		if m := c.Missing(lang); len(m) > 0 {
			t.Errorf("%s: missing %v", lang, m)
		}
	}
}

// bundleIDs lists the English message ids by reading the English file.
func (c *Catalog) bundleIDs(t *testing.T, lang string) []string {
	data, err := os.ReadFile("../../" + File(lang))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, line := range strings.Split(string(data), "\n") {
		if line != "" && line[0] != ' ' && line[0] != '#' {
			ids = append(ids, strings.TrimSuffix(strings.Fields(line)[0], ":"))
		}
	}
	if len(ids) < 20 {
		t.Fatalf("found only %d English ids", len(ids))
	}
	return ids
}

func TestPlurals(t *testing.T) {
	c := repoLocales(t)
	tests := []struct {
		lang  string
		count int
		want  string
	}{
		{"en", 0, "0 endpoints"},
		{"en", 1, "1 endpoint"},
		{"en", 12, "12 endpoints"},
		{"fr", 0, "0 point de terminaison"}, // French: 0 is singular
		{"fr", 1, "1 point de terminaison"},
		{"fr", 2, "2 points de terminaison"},
		{"ja", 1, "1 個のエンドポイント"},
		{"ja", 12, "12 個のエンドポイント"},
		{"ko", 1, "엔드포인트 1개"},
		{"ko", 12, "엔드포인트 12개"},
	}
	for _, tt := range tests {
		got := c.N(tt.lang, "EndpointCount", tt.count)
		if got.S != tt.want || got.Fallback {
			t.Errorf("N(%s, EndpointCount, %d) = %+v, want %q", tt.lang, tt.count, got, tt.want)
		}
	}
}

func TestFallbackCounted(t *testing.T) {
	files := fstest.MapFS{
		"locales/en/ui.en.yaml": {Data: []byte("Hello: Hello, {{.Name}}\nBye: Goodbye\nItems:\n  one: \"{{.Count}} item\"\n  other: \"{{.Count}} items\"\n")},
		"locales/fr/ui.fr.yaml": {Data: []byte("Hello: Bonjour, {{.Name}}\n")},
	}
	c, diags := Load([]string{"en", "fr"}, files)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if got := c.T("fr", "Hello", "Name", "Ana"); got != (Text{S: "Bonjour, Ana"}) {
		t.Errorf("translated: %+v", got)
	}
	if got := c.T("fr", "Bye"); got != (Text{S: "Goodbye", Fallback: true}) {
		t.Errorf("missing: %+v, want English marked as fallback", got)
	}
	if got := c.N("fr", "Items", 0); got != (Text{S: "0 items", Fallback: true}) { // English text, English plural rules
		t.Errorf("missing plural: %+v", got)
	}
	if got := c.Missing("fr"); strings.Join(got, ",") != "Bye,Items" {
		t.Errorf("Missing(fr) = %v, want [Bye Items]", got)
	}
	if got := c.Missing("en"); len(got) != 0 {
		t.Errorf("Missing(en) = %v", got)
	}
}

func TestLayersOverride(t *testing.T) {
	base := fstest.MapFS{"locales/en/ui.en.yaml": {Data: []byte("A: base a\nB: base b\n")}}
	over := fstest.MapFS{"locales/en/ui.en.yaml": {Data: []byte("B: project b\n")}}
	c, diags := Load([]string{"en"}, base, over)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if a, b := c.T("en", "A").S, c.T("en", "B").S; a != "base a" || b != "project b" {
		t.Errorf("got %q, %q", a, b)
	}
}

func TestLoadErrors(t *testing.T) {
	files := fstest.MapFS{
		"locales/en/ui.en.yaml": {Data: []byte("A:\n  one: x\nB:\n  other: y\n  bogus: z\n")},
		"locales/fr/ui.fr.yaml": {Data: []byte("C: only in French\n")},
	}
	_, diags := Load([]string{"en", "fr"}, files)
	got := diags.Err()
	if got == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`locales/en/ui.en.yaml:2:3: A: message has no "other" form`,
		`locales/en/ui.en.yaml:5:3: B: unknown key "bogus"`,
	} {
		if !strings.Contains(got.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, got)
		}
	}
	var warned bool
	for _, d := range diags.Sorted() {
		warned = warned || (d.Path == "C" && strings.Contains(d.Msg, "does not exist in English"))
	}
	if !warned {
		t.Errorf("no warning for a message English lacks")
	}
}

func TestDate(t *testing.T) {
	c := repoLocales(t)
	day := time.Date(2023, 1, 18, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en": "January 18, 2023",
		"fr": "18 janvier 2023",
		"ja": "2023年1月18日",
		"ko": "2023년 1월 18일",
	} {
		if got := c.Date(lang, day); got != want {
			t.Errorf("Date(%s) = %q, want %q", lang, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	c := repoLocales(t)
	for accept, want := range map[string]string{
		"":                             "en",
		"fr-CA,fr;q=0.9,en;q=0.8":      "fr",
		"ja":                           "ja",
		"ko-KR":                        "ko",
		"de-DE,de;q=0.9":               "en",
		"de;q=0.9,ja;q=0.5":            "ja",
		"en-GB,en;q=0.9,fr;q=0.8":      "en",
		"zh-TW, ko;q=0.7, en-US;q=0.3": "ko",
		"garbage;;;":                   "en",
	} {
		if got := c.Match(accept); got != want {
			t.Errorf("Match(%q) = %q, want %q", accept, got, want)
		}
	}
}

func TestNativeName(t *testing.T) {
	for lang, want := range map[string]string{"en": "English", "fr": "Français", "ja": "日本語", "ko": "한국어"} {
		if got := NativeName(lang); got != want {
			t.Errorf("NativeName(%s) = %q, want %q", lang, got, want)
		}
	}
}

func TestConcurrent(t *testing.T) {
	c := repoLocales(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				lang := Languages[(i+j)%len(Languages)]
				if c.N(lang, "ScopeCount", j).S == "" || c.T(lang, "OnThisPage").S == "" {
					t.Error("empty string")
				}
			}
		}()
	}
	wg.Wait()
}

func TestTranslationChecks(t *testing.T) {
	en := "Greeting:\n  description: A greeting.\n  other: Hello {{.Name}}, {{.Count}} new\nBye: Goodbye\n"
	hello := SourceHash(&goi18n.Message{Description: "A greeting.", Other: "Hello {{.Name}}, {{.Count}} new"})
	bye := SourceHash(&goi18n.Message{Other: "Goodbye"})
	fr := "Greeting:\n  hash: " + hello + "\n  other: Bonjour {{.Nom}}\nBye:\n  hash: 0123456789abcdef\n  other: Au revoir\n"
	layer := fstest.MapFS{
		"locales/en/ui.en.yaml": {Data: []byte(en)},
		"locales/fr/ui.fr.yaml": {Data: []byte(fr)},
		"locales/ja/ui.ja.yaml": {Data: []byte("Bye:\n  hash: " + bye + "\n  other: さようなら\n")},
	}
	cat, diags := Load([]string{"en", "fr", "ja"}, layer)
	if cat != nil {
		t.Fatal("a placeholder mismatch must be an error")
	}
	got := diags.Err().Error()
	for _, want := range []string{
		"locales/fr/ui.fr.yaml:1:1: Greeting: placeholders differ from English: missing {{.Count}}, {{.Name}} extra {{.Nom}}",
		"locales/fr/ui.fr.yaml:4:1: warning: Bye: stale translation: the English message changed since it was translated",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}

	layer["locales/fr/ui.fr.yaml"] = &fstest.MapFile{Data: []byte("Greeting:\n  hash: " + hello + "\n  other: Bonjour {{.Name}} ({{.Count}})\n")}
	cat, diags = Load([]string{"en", "fr", "ja"}, layer)
	if cat == nil {
		t.Fatalf("valid translations must load:\n%v", diags.Err())
	}
	fr1 := cat.Coverage("fr")
	if fr1.Total != 2 || len(fr1.Translated) != 1 || len(fr1.Stale) != 0 || len(fr1.Missing) != 1 || fr1.Missing[0] != "Bye" {
		t.Errorf("fr coverage: %+v", fr1)
	}
	ja := cat.Coverage("ja")
	if len(ja.Translated) != 1 || len(ja.Missing) != 1 || ja.Missing[0] != "Greeting" || len(ja.Stale) != 0 {
		t.Errorf("ja coverage: %+v", ja)
	}
}

func TestShippedStringsFresh(t *testing.T) {
	c := repoLocales(t)
	for _, lang := range Languages {
		cov := c.Coverage(lang)
		if cov.Total == 0 || len(cov.Translated) != cov.Total || len(cov.Stale) > 0 || len(cov.Missing) > 0 {
			t.Errorf("%s: %d of %d translated, stale %v, missing %v", lang, len(cov.Translated), cov.Total, cov.Stale, cov.Missing)
		}
	}
}
