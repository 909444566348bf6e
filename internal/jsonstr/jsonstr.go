// Package jsonstr writes Go strings as JSON string literals, byte for byte as encoding/json
// writes them, for the generators that write JSON by hand (the search index, the download
// files): they write megabytes of strings whose escaping must not change.
//
// Input: any string, valid UTF-8 or not. Output: the literal appended to a byte slice.
// Invariant: Append(nil, s, true) is json.Marshal(s), and Append(nil, s, false) what a
// json.Encoder with SetEscapeHTML(false) writes for s without its newline (FuzzAppend).
package jsonstr

import "unicode/utf8"

// plainSet and htmlSet are encoding/json's safeSet and htmlSafeSet: the ASCII bytes a JSON
// string holds as they are, without and with HTML escaping. Bytes from utf8.RuneSelf up are
// false: they start or continue a multi-byte character, which Append decodes.
var plainSet, htmlSet = func() (plain, html [256]bool) {
	for b := byte(' '); b < utf8.RuneSelf; b++ {
		plain[b] = b != '"' && b != '\\'
		html[b] = plain[b] && b != '<' && b != '>' && b != '&'
	}
	return plain, html
}()

const lowerHex = "0123456789abcdef"

// Append appends s as a JSON string exactly as encoding/json writes it (its
// appendString): \" and \\; \b, \f, \n, \r and \t; other bytes below 0x20, and with escapeHTML
// <, > and &, as \u00XX; each byte of invalid UTF-8 as \ufffd; U+2028 and U+2029 as \u2028
// and \u2029; everything else as it is.
func Append(dst []byte, s string, escapeHTML bool) []byte {
	safe := &plainSet
	if escapeHTML {
		safe = &htmlSet
	}
	dst = append(dst, '"')
	start := 0 // s[start:i] is written as it is when the next escape (or the end) comes
	for i := 0; i < len(s); {
		for i < len(s) && safe[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', lowerHex[b>>4], lowerHex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', lowerHex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
