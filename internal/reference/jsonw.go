package reference

import (
	"cmp"
	"slices"
	"time"

	"github.com/scoperef/scoperef/internal/jsonstr"
)

// The JSON download files are written with a jsonw rather than encoded by encoding/json: they
// are megabytes per version of a few fixed shapes (objects of strings, booleans and lists), and
// encoding/json spends most of its time in reflection, in maps of interface values, and, for the
// indented files, in a second pass over its compact output. A jsonw writes the bytes
// encoding/json writes for the same values, in one of its two layouts:
//
//	indented  json.Encoder with SetEscapeHTML(false) and SetIndent("", "  "): each member and
//	          element on its own line, two spaces per level, ": " after a key, empty objects
//	          and arrays as {} and []; <, > and & as they are
//	compact   json.Marshal: no white space; <, > and & escaped as \u003c, \u003e and \u0026
//
// Both end with a newline (the Encoder's, or the one added after Marshal's output). Strings are
// escaped as encoding/json's appendString does (package jsonstr). Where encoding/json would
// write a map, the writer's caller writes the members sorted by
// key, one per key (mapOrder). A Go value encoding/json would write as null (a nil slice) has no
// counterpart here: the download values always had empty lists instead.
//
// Methods write structure, not values: the caller opens an object or array, starts each member
// with key or each element with next, writes the value, and closes what it opened. A jsonw
// does not check that the calls nest correctly; the tests compare every file with
// encoding/json's (downloads_pin_test.go).
type jsonw struct {
	buf []byte
	// escapeHTML escapes <, > and & (the compact layout, json.Marshal's default).
	escapeHTML bool
	// indent selects the indented layout.
	indent bool
	// depth is the number of open objects and arrays.
	depth int
	// empty is true right after an object or array is opened, until its first member or
	// element: the next one is not preceded by a comma, and closing it writes {} or [].
	empty bool
}

// open starts an object ('{') or an array ('[').
func (w *jsonw) open(c byte) {
	w.buf = append(w.buf, c)
	w.depth++
	w.empty = true
}

// close ends the innermost object ('}') or array (']').
func (w *jsonw) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.buf = append(w.buf, c)
	w.empty = false
}

// next starts an element of the open array: the comma after the one before, the line break.
func (w *jsonw) next() {
	if !w.empty {
		w.buf = append(w.buf, ',')
	}
	w.empty = false
	w.newline()
}

// newline starts a line at the current depth in the indented layout; nothing in the compact
// one.
func (w *jsonw) newline() {
	if !w.indent {
		return
	}
	if n := 1 + 2*w.depth; n <= len(newlineIndent) {
		w.buf = append(w.buf, newlineIndent[:n]...)
		return
	}
	w.buf = append(w.buf, '\n')
	for range w.depth {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// newlineIndent starts a line of the indented layout: a line break and two spaces per depth.
// The download files are at most six levels deep.
const newlineIndent = "\n                "

// key starts a member of the open object whose name is k, a name of the file's format: ASCII
// letters, digits and "_", which need no escaping. It writes next, then the key and its colon.
func (w *jsonw) key(k string) {
	w.next()
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, k...)
	w.buf = append(w.buf, '"')
	w.colon()
}

// mapKey starts a member of the open object whose name k comes from the data (as a map key
// would): like key, with k escaped.
func (w *jsonw) mapKey(k string) {
	w.next()
	w.str(k)
	w.colon()
}

func (w *jsonw) colon() {
	if w.indent {
		w.buf = append(w.buf, ':', ' ')
	} else {
		w.buf = append(w.buf, ':')
	}
}

// str writes a string value.
func (w *jsonw) str(s string) { w.buf = jsonstr.Append(w.buf, s, w.escapeHTML) }

// boolean writes true or false.
func (w *jsonw) boolean(b bool) { w.buf = appendBool(w.buf, b) }

func appendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

// date writes t as a YYYY-MM-DD string (the characters of a date need no escaping).
func (w *jsonw) date(t time.Time) {
	w.buf = append(w.buf, '"')
	w.buf = t.AppendFormat(w.buf, time.DateOnly)
	w.buf = append(w.buf, '"')
}

// strField writes the member k: v.
func (w *jsonw) strField(k, v string) {
	w.key(k)
	w.str(v)
}

// boolField writes the member k: v.
func (w *jsonw) boolField(k string, v bool) {
	w.key(k)
	w.boolean(v)
}

// strs writes an array of strings.
func (w *jsonw) strs(list []string) {
	w.open('[')
	for _, s := range list {
		w.next()
		w.str(s)
	}
	w.close(']')
}

// strsOf writes an array of the strings name(x) of list's elements.
func strsOf[T any](w *jsonw, list []T, name func(T) string) {
	w.open('[')
	for _, x := range list {
		w.next()
		w.str(name(x))
	}
	w.close(']')
}

// end ends the file with the newline after the value, and returns it.
func (w *jsonw) end() []byte { return append(w.buf, '\n') }

// mapOrder returns the entries of list in the order encoding/json writes a map made from them
// (m[key(x)] = x for each x in turn): sorted by key, and of entries with equal keys only the
// last. That is list itself when its keys strictly increase (the usual case: the model keeps
// permission sets sorted); otherwise a sorted copy, made in *scratch.
func mapOrder[T any](list []T, key func(T) string, scratch *[]T) []T {
	sorted := true
	for i := 1; i < len(list) && sorted; i++ {
		sorted = key(list[i-1]) < key(list[i])
	}
	if sorted {
		return list
	}
	s := append((*scratch)[:0], list...)
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	out := s[:0]
	for i, x := range s {
		if i+1 < len(s) && key(s[i+1]) == key(x) {
			continue // a later entry has the same key
		}
		out = append(out, x)
	}
	*scratch = s
	return out
}
