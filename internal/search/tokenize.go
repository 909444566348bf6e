package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxToken is the longest token, in code points; longer words and compounds are not indexed.
const maxToken = 100

// halfwidth maps U+FF61…U+FF9F (half-width CJK punctuation and katakana) to their NFKC forms;
// the last two are the combining voiced and semi-voiced marks, composed by normalize.
var halfwidth = []rune("。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン\u3099\u309a")

// latinFold maps U+00C0…U+024F to the ASCII letter they decompose to (NFD), "." for none:
// "é" → "e", "ç" → "c"; "æ", "ß", "ø" stay.
const latinFold = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.................................oo.............uu............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................"

// voiced lists the kana that take a voiced mark (code point + 1), semiVoiced those that take a
// semi-voiced mark (+ 2); the hiragana are the same minus 0x60. ウ and う are handled apart.
const (
	voiced     = "カキクケコサシスセソタチツテトハヒフヘホ"
	semiVoiced = "ハヒフヘホ"
)

// elided are French words written before an apostrophe ("qu'il"); single letters ("l'", "d'")
// are dropped as every one-letter word is.
var elided = map[string]bool{"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true}

// fold normalises one code point: full-width ASCII and the ideographic space to ASCII,
// half-width katakana to full width, curly apostrophes to "'", lower case (simple mapping), and
// Latin letters with diacritics to their base letter.
func fold(c rune) rune {
	switch {
	case c >= 0xFF01 && c <= 0xFF5E:
		c -= 0xFEE0
	case c == 0x3000:
		c = ' '
	case c >= 0xFF61 && c <= 0xFF9F:
		c = halfwidth[c-0xFF61]
	case c == 0x2018 || c == 0x2019:
		c = '\''
	}
	if c < 0x80 {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return c
	}
	c = unicode.ToLower(c)
	if c >= 0xC0 && c < 0x250 && latinFold[c-0xC0] != '.' {
		c = rune(latinFold[c-0xC0])
	}
	return c
}

// normalize folds every code point of s and composes a kana with a following (combining or
// spacing) voiced or semi-voiced mark.
func normalize(s string) []rune {
	return appendNormalized(make([]rune, 0, len(s)), s)
}

// appendNormalized appends the normalised code points of s to out (see normalize).
func appendNormalized(out []rune, s string) []rune {
	out = slices.Grow(out, len(s)) // a code point per byte at most
	for _, c := range s {
		if c < utf8.RuneSelf { // fold only lowers ASCII, and compose leaves it alone
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out = append(out, c)
			continue
		}
		c = fold(c)
		if n := len(out); n > 0 {
			if p := compose(out[n-1], c); p != 0 {
				out[n-1] = p
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// compose returns kana p with mark c applied, or 0.
func compose(p, c rune) rune {
	var set string
	var add rune
	switch c {
	case 0x3099, 0x309B:
		if p == 'ウ' {
			return 'ヴ'
		}
		if p == 'う' {
			return 'ゔ'
		}
		set, add = voiced, 1
	case 0x309A, 0x309C:
		set, add = semiVoiced, 2
	default:
		return 0
	}
	k := p
	if p >= 0x3041 && p <= 0x3096 {
		k = p + 0x60 // hiragana → katakana
	}
	if strings.ContainsRune(set, k) {
		return p + add
	}
	return 0
}

// asciiClass is class for the ASCII code points, which make up most of the text.
var asciiClass = func() (t [0x80]uint8) {
	for c := range rune(0x80) {
		switch {
		case strings.ContainsRune("_-:./{}@", c):
			t[c] = join
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = word
		default:
			t[c] = sep
		}
	}
	return t
}()

// Character classes of normalised text.
const (
	sep  = iota // separates tokens
	word        // letter, digit or mark outside CJK
	join        // joins words into a compound: _ - : . / { } @
	cjk         // Han, kana, Hangul: indexed as bigrams
)

func class(c rune) int {
	if c < 0x80 {
		return int(asciiClass[c])
	}
	switch {
	case isCJK(c):
		return cjk
	case strings.ContainsRune("_-:./{}@", c):
		return join
	case unicode.IsLetter(c) || unicode.IsNumber(c) || unicode.IsMark(c):
		return word
	}
	return sep
}

func isCJK(c rune) bool {
	switch {
	case c < 0x1100:
		return false
	case c <= 0x11FF: // Hangul jamo
		return true
	case c >= 0x3005 && c <= 0x3007: // 々 〆 〇
		return true
	case c >= 0x3041 && c <= 0x309F: // hiragana
		return true
	case c >= 0x30A1 && c <= 0x30FF: // katakana but ・
		return c != 0x30FB
	case c >= 0x3130 && c <= 0x318F: // Hangul compatibility jamo
		return true
	case c >= 0x31F0 && c <= 0x31FF: // katakana extension
		return true
	case c >= 0x3400 && c <= 0x4DBF, c >= 0x4E00 && c <= 0x9FFF: // Han
		return true
	case c >= 0xA960 && c <= 0xA97F, c >= 0xAC00 && c <= 0xD7FF: // Hangul
		return true
	case c >= 0xF900 && c <= 0xFAFF, c >= 0x20000 && c <= 0x3FFFF: // Han
		return true
	}
	return false
}

// Tokens splits text into the tokens the index holds, in order, repeats included:
//
//   - Text is normalised: full-width ASCII and half-width katakana to their usual width,
//     lower case, Latin diacritics removed ("Sécurité" → "securite").
//   - A run of Han, kana or Hangul gives its overlapping character bigrams ("トークン" → "トー",
//     "ーク", "クン"), or its one character when it is alone.
//   - Other letters, digits and marks form words; a word of one letter is dropped, one digit is
//     kept. In French, "qu'", "jusqu'", "lorsqu'", "puisqu'" and "quoiqu'" are dropped.
//   - Words joined by _ - : . / { } @ also give the whole compound: "pull_requests" gives
//     "pull_requests", "pull", "requests"; "/repos/{owner}/{repo}/issues" gives the whole path
//     and its static segments "repos", "issues" (words in braces are parameters and are left
//     out). A compound loses leading _ - : . } @ and trailing _ - : . / { @, so a sentence's
//     final period is not part of its last word.
//
// templates/assets/search.js implements the same function; a test checks that both agree.
func Tokens(lang, text string) []string {
	cps := normalize(text)
	spans := appendSpans(nil, lang, cps, appendClasses(make([]uint8, 0, len(cps)), cps))
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = string(cps[sp.start:sp.end])
	}
	return out
}

// A span is a token of a normalised text cps: cps[start:end]. Every token is a run of
// consecutive code points of the text, so the tokenizer hands out spans and the caller makes
// strings only of the tokens it keeps.
type span struct{ start, end int32 }

// appendClasses appends the class of each code point of cps to out.
func appendClasses(out []uint8, cps []rune) []uint8 {
	for _, c := range cps {
		if c < 0x80 { // class's first case, without the call
			out = append(out, asciiClass[c])
		} else {
			out = append(out, uint8(class(c)))
		}
	}
	return out
}

// appendSpans appends to out the tokens of cps, a normalised text, in order, repeats
// included: the tokens of Tokens. cls[i] is the class of cps[i].
func appendSpans(out []span, lang string, cps []rune, cls []uint8) []span {
	for i := 0; i < len(cps); {
		switch cls[i] {
		case cjk:
			j := i + 1
			for j < len(cps) && cls[j] == cjk {
				j++
			}
			if j-i == 1 {
				out = append(out, span{int32(i), int32(i + 1)})
			}
			for k := i; k+1 < j; k++ {
				out = append(out, span{int32(k), int32(k + 2)})
			}
			i = j
		case word, join:
			j := i + 1
			for j < len(cps) && (cls[j] == word || cls[j] == join) {
				j++
			}
			var next rune
			if j < len(cps) {
				next = cps[j]
			}
			out = compound(out, lang, cps, cls, i, j, next)
			i = j
		default:
			i++
		}
	}
	return out
}

// compound appends the tokens of run = cps[start:end], a maximal run of word and join
// characters followed by next (0 at the end of the text), as spans of cps; cls[i] is the class
// of cps[i].
func compound(out []span, lang string, cps []rune, cls []uint8, start, end int, next rune) []span {
	run, rc := cps[start:end], cls[start:end]
	s, e := 0, len(run)
	for s < e && rc[s] == join && run[s] != '/' && run[s] != '{' {
		s++
	}
	for e > s && rc[e-1] == join && run[e-1] != '}' {
		e--
	}
	hasJoin, hasWord := false, false
	for _, k := range rc[s:e] {
		if k == join {
			hasJoin = true
		} else {
			hasWord = true
		}
	}
	if hasJoin && hasWord && e-s <= maxToken {
		out = append(out, span{int32(start + s), int32(start + e)})
	}
	param := false // inside {…}: a path parameter
	for a := s; a < e; {
		if rc[a] != word {
			param = run[a] == '{' || param && run[a] != '}'
			a++
			continue
		}
		b := a + 1
		for b < e && rc[b] == word {
			b++
		}
		w := run[a:b]
		switch {
		case param:
		case len(w) == 1 && (w[0] < '0' || w[0] > '9'):
		case len(w) > maxToken:
		case lang == "fr" && b == len(run) && next == '\'' && elided[string(w)]:
		default:
			out = append(out, span{int32(start + a), int32(start + b)})
		}
		a = b
	}
	return out
}

// phrase is text normalised for the phrase boost: normalised code points, every run of
// separators one space, trimmed.
func phrase(s string) string {
	var b strings.Builder
	space := false
	for _, c := range normalize(s) {
		if class(c) == sep {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(c)
	}
	return b.String()
}
