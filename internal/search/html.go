package search

import (
	"html"
	"regexp"
	"strings"
)

// Heading is a section heading of a rendered page. content.Heading has the same fields, so
// search.Heading(h) converts one.
type Heading struct {
	ID, Text string
	Level    int
}

// blockTags end a word: their text is separated from what is around it.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "caption": true,
	"dd": true, "details": true, "div": true, "dl": true, "dt": true, "figcaption": true, "figure": true,
	"footer": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true,
	"hr": true, "li": true, "main": true, "nav": true, "ol": true, "p": true, "pre": true, "section": true,
	"summary": true, "table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true,
	"tr": true, "ul": true,
}

// skipTags hold no readable text.
var skipTags = map[string]bool{"script": true, "style": true, "template": true}

var idAttr = regexp.MustCompile(`(?i)\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

// RecordsFromPage splits a rendered page into records: the top of the page (URL url, no
// section; its text is whatever comes before the first section, the intro included when the
// caller puts it in bodyHTML), then one record per h2 or h3 whose id is a heading of headings
// (or, when headings is nil, per h2 or h3 with an id), at url#id with the heading's text as its
// section title. Tags are removed, entities decoded and whitespace collapsed; the text of
// script, style and template elements is dropped.
func RecordsFromPage(url, pageTitle string, headings []Heading, bodyHTML string) []Record {
	want := map[string]string{} // id → heading text
	for _, h := range headings {
		if h.Level == 2 || h.Level == 3 {
			want[h.ID] = h.Text
		}
	}
	out := []Record{{URL: url, Page: pageTitle}}
	var text, head strings.Builder
	inHeading, skip := "", ""
	flush := func() {
		out[len(out)-1].Text = collapse(text.String())
		text.Reset()
	}
	for s := bodyHTML; s != ""; {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if skip == "" {
			w := &text
			if inHeading != "" {
				w = &head
			}
			w.WriteString(html.UnescapeString(s[:lt]))
		}
		s = s[lt:]
		if s == "" {
			break
		}
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		tag, rest := tagAt(s)
		s = rest
		name, closing := tagName(tag)
		switch {
		case skip != "":
			if closing && name == skip {
				skip = ""
			}
		case skipTags[name] && !closing:
			skip = name
		case inHeading != "" && closing && name == inHeading:
			r := &out[len(out)-1]
			if r.Section == "" {
				r.Section = collapse(head.String())
			}
			head.Reset()
			inHeading = ""
		case inHeading == "" && !closing && (name == "h2" || name == "h3"):
			id := attrID(tag)
			title, ok := want[id]
			if id == "" || (headings != nil && !ok) {
				text.WriteByte(' ')
				break
			}
			flush()
			out = append(out, Record{URL: url + "#" + id, Page: pageTitle, Section: collapse(title)})
			inHeading = name
		case blockTags[name]:
			if inHeading != "" {
				head.WriteByte(' ')
			} else {
				text.WriteByte(' ')
			}
		}
	}
	flush()
	return out
}

// tagAt splits s, which starts with "<", after the tag's closing ">" (quotes respected); an
// unclosed tag takes the rest of s.
func tagAt(s string) (tag, rest string) {
	var quote byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return s[:i+1], s[i+1:]
		}
	}
	return s, ""
}

// tagName returns the lower-case name of a tag and whether it is a closing tag.
func tagName(tag string) (name string, closing bool) {
	t := strings.TrimPrefix(tag, "<")
	if strings.HasPrefix(t, "/") {
		closing, t = true, t[1:]
	}
	end := strings.IndexFunc(t, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	})
	if end < 0 {
		end = len(t)
	}
	return strings.ToLower(t[:end]), closing
}

func attrID(tag string) string {
	m := idAttr.FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1] + m[2] + m[3])
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
