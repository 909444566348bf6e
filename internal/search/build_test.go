package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// corpusLangs and corpusVersions are the indexes of the synthetic corpus.
var (
	corpusLangs    = []string{"en", "fr", "ja"}
	corpusVersions = []int{0, 1}
)

// goldenIndexes are the SHA-256 sums of indexes whose bytes must never change unless the format
// or the ranking does on purpose: the fixture in every language, and the synthetic corpus in
// its languages and versions.
var goldenIndexes = map[string]string{
	"corpus en 0": "ec60a4fd15f9e0edaddcff223fae7a630d41453239351b1ce5bcccdedd4de9b3", // 656237 bytes
	"corpus en 1": "f60f2421fa0ceb712a212a2c158ba27bfb9bc25cc4721ba129e01ea6c6adf499", // 674932 bytes
	"corpus fr 0": "f1ef33bc48520bf7d3eab2f1c8e514eaa2bf5ad2b10060c9bf7ae9b68e9375ab", // 623795 bytes
	"corpus fr 1": "8f08c175fc86af2b45fda98eceec640eacd867ca53996f4e67a63b811398cf15", // 642300 bytes
	"corpus ja 0": "8739821860fd4b3493a8c0d83565782239718c47751ada32041431cf4055b524", // 865425 bytes
	"corpus ja 1": "55699a0dda056b9ce28fe7053ff2782aeaba442fa7b5914741dcb58219e3bd7e", // 894872 bytes
	"fixture en":  "1b7c0133539b545f65d110c3e053deaca04dcc3480e35f9a3762b1fb99a3aad9", // 5727 bytes
	"fixture fr":  "129ba74b737d9f5ffc17ad8e0b20d330021b6ce3926a80d6962154dca2931a26", // 5899 bytes
	"fixture ja":  "d951a04dc0b5181c73f0aaaa46bea0cea3574bd63759eae91b39f24d9d7d1ba4", // 7078 bytes
	"fixture ko":  "14703fdee11262230c0d98b971e10dbc9f0684fc772279f6484cc6efc40517c9", // 6465 bytes
}

// TestBuildGolden pins the exact bytes of Build on the fixture and the synthetic corpus, built
// fresh and with one Analyzer shared by every index (as the site builds them).
func TestBuildGolden(t *testing.T) {
	got := map[string][]byte{}
	for _, lang := range []string{"en", "fr", "ja", "ko"} {
		got["fixture "+lang] = Build(lang, fixtureRecords(lang))
	}
	shared := NewAnalyzer()
	for _, v := range corpusVersions {
		for _, lang := range corpusLangs {
			recs := syntheticRecords(lang, v)
			name := fmt.Sprintf("corpus %s %d", lang, v)
			got[name] = shared.Build(lang, recs)
			if fresh := Build(lang, recs); string(fresh) != string(got[name]) {
				t.Errorf("%s: a fresh Build differs from the shared Analyzer's", name)
			}
		}
	}
	for name, data := range got {
		sum := sha256.Sum256(data)
		if want, have := goldenIndexes[name], hex.EncodeToString(sum[:]); want != have {
			t.Errorf("%q: %q, // %d bytes, want %s", name, have, len(data), want)
		}
	}
}

// BenchmarkBuild builds the synthetic corpus's indexes (3 languages × 2 versions sharing most
// texts, about 2,000 records each) as the site does: site with a new Analyzer per build, so
// that every text is tokenized once; rebuild with one Analyzer kept from build to build and
// swept after each (scoperef serve), so that texts are tokenized once in all.
func BenchmarkBuild(b *testing.B) {
	type index struct {
		lang string
		recs []Record
	}
	var indexes []index
	for _, v := range corpusVersions {
		for _, lang := range corpusLangs {
			indexes = append(indexes, index{lang, syntheticRecords(lang, v)})
		}
	}
	buildAll := func(a *Analyzer) {
		for _, x := range indexes {
			a.Build(x.lang, x.recs)
		}
	}
	b.Run("site", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buildAll(NewAnalyzer())
		}
	})
	b.Run("rebuild", func(b *testing.B) {
		a := NewAnalyzer()
		buildAll(a)
		b.ReportAllocs()
		for b.Loop() {
			buildAll(a)
			a.Sweep()
		}
	})
}

// snippetReference is snippet as the package documentation defines it.
func snippetReference(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= snippetLen {
		return text
	}
	r := []rune(text)[:snippetLen]
	cut := len(r)
	for i := len(r) - 1; i >= snippetLen*3/4; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ") + "…"
}

// FuzzSnippet checks snippet, which collapses only the start of a text, against the plain
// definition.
func FuzzSnippet(f *testing.F) {
	word := "word "
	for _, s := range []string{"", " ", "  short\n text ", "clean text", strings.Repeat(word, 40), strings.Repeat("字", 130),
		strings.Repeat("a", 119) + " b", strings.Repeat("a", 120) + " b", strings.Repeat("a", 121), strings.Repeat("ab ", 40) + "\xff",
		"\xff" + strings.Repeat(" é\u00a0x\u0085y\u3000z", 30), strings.Repeat("x\xe2\x80 ", 50), "\t\v\f\r\n" + strings.Repeat("mot  ", 31)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := snippet(s), snippetReference(s); got != want {
			t.Errorf("snippet(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzHasApostrophe checks hasApostrophe against strings.ContainsAny.
func FuzzHasApostrophe(f *testing.F) {
	for _, s := range []string{"", "qu'il", "lorsqu’on", "‘x", "jusqu＇à", "\xe2\xe2\x80\x99", "\xef\xbc", "sans apostrophe é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasApostrophe(s), strings.ContainsAny(s, "'\u2018\u2019\uff07"); got != want {
			t.Errorf("hasApostrophe(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestAppendNat checks appendNat against strconv around each of its cases.
func TestAppendNat(t *testing.T) {
	for _, n := range []int32{0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 4999, 9999, 10000, 10001, 123456, math.MaxInt32, -1, -10, math.MinInt32} {
		if got, want := string(appendNat([]byte("x"), n)), "x"+strconv.Itoa(int(n)); got != want {
			t.Errorf("appendNat(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestDecimalLen checks decimalLen against strconv.
func TestDecimalLen(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 1234567, math.MaxInt32, math.MaxInt} {
		if got, want := decimalLen(n), len(strconv.Itoa(n)); got != want {
			t.Errorf("decimalLen(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestAnalyzerConcurrent builds the corpus's indexes at the same time with one Analyzer, as
// the site does, and compares each with a fresh Build (run it with -race).
func TestAnalyzerConcurrent(t *testing.T) {
	shared := NewAnalyzer()
	type index struct {
		lang string
		recs []Record
		got  []byte
	}
	var indexes []*index
	for _, v := range corpusVersions {
		for _, lang := range corpusLangs {
			indexes = append(indexes, &index{lang: lang, recs: syntheticRecords(lang, v)})
		}
	}
	var wg sync.WaitGroup
	for _, x := range indexes {
		wg.Go(func() { x.got = shared.Build(x.lang, x.recs) })
	}
	wg.Wait()
	for _, x := range indexes {
		if string(x.got) != string(Build(x.lang, x.recs)) {
			t.Errorf("%s, %d records: built concurrently, the index differs from a fresh one", x.lang, len(x.recs))
		}
	}
}
