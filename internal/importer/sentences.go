package importer

import (
	"regexp"
	"strings"
)

// Sentences splits an operation description (GitHub-flavoured Markdown) into sentences:
//
//   - fenced code blocks are dropped;
//   - a blank line ends a paragraph; a list item ("- ", "* ", "1. "), a heading or a table row
//     starts a new piece; other lines continue the current piece (descriptions wrap lines);
//   - a piece ends a sentence after ".", "!" or "?" (or '."') followed by a space, except
//     inside `code`, (parentheses) or [brackets] and after "e.g." or "i.e.";
//   - a list marker is dropped and white space is collapsed.
func Sentences(desc string) []string {
	var pieces []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			pieces = append(pieces, s)
		}
		cur.Reset()
	}
	fenced := false
	for line := range strings.SplitSeq(strings.ReplaceAll(desc, "\r", ""), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			flush()
			fenced = !fenced
			continue
		}
		switch {
		case fenced:
			continue
		case t == "":
			flush()
			continue
		case listMarker.MatchString(t), strings.HasPrefix(t, "#"), strings.HasPrefix(t, "|"):
			flush()
			t = listMarker.ReplaceAllString(t, "")
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(t)
	}
	flush()
	var out []string
	for _, p := range pieces {
		out = append(out, splitSentences(p)...)
	}
	return out
}

var listMarker = regexp.MustCompile(`^(?:[-*+]|\d+\.) +`)

func splitSentences(p string) []string {
	var out []string
	start, depth, tick := 0, 0, false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '`':
			tick = !tick
		case tick:
		case c == '(' || c == '[':
			depth++
		case (c == ')' || c == ']') && depth > 0:
			depth--
		case (c == '.' || c == '!' || c == '?') && depth == 0:
			end := i + 1
			if end < len(p) && p[end] == '"' { // a sentence ending inside a quotation: ...".
				end++
			}
			if end < len(p) && p[end] != ' ' {
				continue
			}
			if c == '.' && (strings.HasSuffix(p[:i], "e.g") || strings.HasSuffix(p[:i], "i.e")) {
				continue
			}
			out = append(out, collapse(p[start:end]))
			start, i = end, end-1
		}
	}
	if s := collapse(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

var docsVersion = regexp.MustCompile(`(https://docs\.github\.com/)(?:[a-z]{2}/)?(?:enterprise-server@\d+\.\d+|enterprise-cloud@latest)/`)

// versionNeutral removes the product-version segment from docs.github.com links, so that the
// same sentence reads the same in every version's description.
func versionNeutral(s string) string { return docsVersion.ReplaceAllString(s, "$1") }
