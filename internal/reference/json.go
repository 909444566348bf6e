package reference

import (
	"bytes"
	"encoding/json"
)

// mustJSON is v as json.Encoder writes it with SetEscapeHTML(false) and SetIndent("", "  "),
// final newline included. The encoder indents by running its JSON scanner over the compact
// text, which costs more than the encoding; indentJSON does the same for the encoder's own
// output in one plain pass.
func mustJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("reference: " + err.Error()) // the download types always marshal
	}
	return indentJSON(b.Bytes())
}

// indentJSON indents json.Encoder's compact output (one value and a newline) by two spaces per
// level as its SetIndent("", "  ") does: a newline after "{", "[" and ",", a space after ":",
// empty objects and arrays kept as {} and [], and the newline after the value kept.
func indentJSON(src []byte) []byte {
	dst := make([]byte, 0, len(src)+len(src)/2)
	depth, needIndent := 0, false
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case ' ', '\t', '\r', '\n':
			if depth == 0 && !needIndent {
				dst = append(dst, c) // after the value
			}
			continue
		}
		if needIndent && c != '}' && c != ']' {
			needIndent = false
			depth++
			newline()
		}
		switch c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:min(j+1, len(src))]...)
			i = j
		case '{', '[':
			needIndent = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if needIndent {
				needIndent = false // {} and []
			} else {
				depth--
				newline()
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	if cap(dst)-len(dst) > len(dst)/16 {
		dst = append(make([]byte, 0, len(dst)), dst...) // the files are kept: no slack
	}
	return dst
}
