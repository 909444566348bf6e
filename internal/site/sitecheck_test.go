package site

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// htmlDoc is what checkSite learns about one built HTML file.
type htmlDoc struct {
	lang    string            // <html lang>
	ids     map[string]bool   // every id attribute
	refs    []string          // href and src values of a, link and script elements, in order
	langs   []string          // every lang attribute
	scripts []string          // script src values
	inline  int               // script elements without src
	texts   map[string]string // text of the first h1
	// english is set when the article (the page's own text) holds English text: a lang="en"
	// attribute on or inside <article> in a page of another language.
	english bool
	// search is the data-index of the search form, searchInput the id of its search input, and
	// labels the text of each label by its for attribute.
	search, searchInput string
	labels              map[string]string
	// toc lists the entries of the on-this-page list, each its class, a space and its text.
	toc []string
}

func parseDoc(data []byte) (*htmlDoc, error) {
	d := &htmlDoc{ids: map[string]bool{}, texts: map[string]string{}, labels: map[string]string{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	inH1, inArticle, inTOC, inTOCLink, inSearch := false, false, false, false, false
	label := "" // the for attribute of the label being read
	for {
		switch z.Next() {
		case html.ErrorToken:
			if err := z.Err(); err.Error() != "EOF" {
				return nil, err
			}
			return d, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			attr := func(name string) (string, bool) {
				for _, a := range tok.Attr {
					if a.Key == name {
						return a.Val, true
					}
				}
				return "", false
			}
			if id, ok := attr("id"); ok {
				if d.ids[id] {
					return nil, fmt.Errorf("duplicate id %q", id)
				}
				d.ids[id] = true
			}
			if tok.Data == "article" {
				inArticle = true
			}
			if l, ok := attr("lang"); ok {
				d.english = d.english || (inArticle && l == "en")
				d.langs = append(d.langs, l)
				if tok.Data == "html" {
					d.lang = l
				}
			}
			switch tok.Data {
			case "a", "link":
				if h, ok := attr("href"); ok {
					rel, _ := attr("rel")
					if rel != "canonical" && rel != "alternate" {
						d.refs = append(d.refs, h)
					}
				}
			case "script":
				if s, ok := attr("src"); ok {
					d.scripts = append(d.scripts, s)
					d.refs = append(d.refs, s)
				} else {
					d.inline++
				}
			case "img", "iframe", "source", "video", "audio":
				if s, ok := attr("src"); ok {
					d.refs = append(d.refs, s)
				}
			case "h1":
				inH1 = d.texts["h1"] == ""
			case "form":
				if role, _ := attr("role"); role == "search" {
					d.search, _ = attr("data-index")
					inSearch = true
				}
			case "input":
				if typ, _ := attr("type"); typ == "search" && inSearch {
					d.searchInput, _ = attr("id")
				}
			case "label":
				label, _ = attr("for")
			case "nav":
				class, _ := attr("class")
				inTOC = class == "toc"
			case "li":
				if class, _ := attr("class"); inTOC {
					d.toc = append(d.toc, class+" ")
				}
			}
			if tok.Data == "a" {
				inTOCLink = inTOC
			}
		case html.EndTagToken:
			switch z.Token().Data {
			case "h1":
				inH1 = false
			case "article":
				inArticle = false
			case "label":
				label = ""
			case "form":
				inSearch = false
			case "nav":
				inTOC = false
			case "a":
				inTOCLink = false
			}
		case html.TextToken:
			if inH1 {
				d.texts["h1"] += string(z.Text())
			}
			if label != "" {
				d.labels[label] += string(z.Text())
			}
			if inTOCLink && len(d.toc) > 0 {
				d.toc[len(d.toc)-1] += string(z.Text())
			}
		}
	}
}

// checkSite checks every HTML file of a built site: the document language matches the URL's,
// every lang attribute is a site language, every internal link and anchor resolves to a built
// file and id, nothing is loaded from elsewhere, and the only scripts are the site's own files.
// It returns the parsed documents by file name.
func checkSite(t *testing.T, mem *Mem, langs []string) map[string]*htmlDoc {
	t.Helper()
	docs := map[string]*htmlDoc{}
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		data, _ := mem.File(name)
		d, err := parseDoc(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		docs[name] = d
	}
	if len(docs) == 0 {
		t.Fatal("no HTML file")
	}
	for name, d := range docs {
		want := "en"
		if first, _, ok := strings.Cut(name, "/"); ok && slices.Contains(langs, first) {
			want = first
		}
		if d.lang != want {
			t.Errorf("%s: <html lang=%q>, want %q", name, d.lang, want)
		}
		for _, l := range d.langs {
			if !slices.Contains(langs, l) {
				t.Errorf("%s: lang=%q is not a site language", name, l)
			}
		}
		if d.inline > 0 {
			t.Errorf("%s: %d inline scripts", name, d.inline)
		}
		for _, s := range d.scripts {
			if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
				t.Errorf("%s: script %s is not one of the site's files", name, s)
			}
		}
		for _, ref := range d.refs {
			checkRef(t, mem, docs, name, d, ref)
		}
		if d.search != "" {
			checkSearchForm(t, mem, name, d)
		}
	}
	return docs
}

// checkSearchForm checks a page's search form: it searches the page's own version and language,
// whose index was built, and its input has a label.
func checkSearchForm(t *testing.T, mem *Mem, name string, d *htmlDoc) {
	t.Helper()
	parts := strings.Split(name, "/")
	root := parts[0]
	if len(parts) > 1 && strings.Contains(parts[1], "@") {
		root += "/" + parts[1]
	}
	if want := "/" + root + "/" + SearchIndex; d.search != want {
		t.Errorf("%s: the search form searches %s, want %s", name, d.search, want)
	}
	if _, ok := mem.File(strings.TrimPrefix(d.search, "/")); !ok {
		t.Errorf("%s: no search index %s", name, d.search)
	}
	if d.searchInput == "" || strings.TrimSpace(d.labels[d.searchInput]) == "" {
		t.Errorf("%s: the search input (id %q) has no label", name, d.searchInput)
	}
}

func checkRef(t *testing.T, mem *Mem, docs map[string]*htmlDoc, name string, d *htmlDoc, ref string) {
	t.Helper()
	switch {
	case strings.HasPrefix(ref, "#"):
		if !d.ids[ref[1:]] {
			t.Errorf("%s: link to missing id %s", name, ref)
		}
		return
	case strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "mailto:"):
		return // links out are fine; loads were checked via scripts and stylesheets
	case strings.HasPrefix(ref, "//") || !strings.HasPrefix(ref, "/"):
		t.Errorf("%s: unexpected reference %q", name, ref)
		return
	}
	p, anchor, _ := strings.Cut(ref, "#")
	target := strings.TrimPrefix(p, "/")
	if path.Ext(target) == "" || strings.Contains(path.Base(target), "@") {
		target = strings.TrimSuffix(target, "/")
		if target == "" {
			target = "index.html"
		} else {
			target += "/index.html"
		}
	}
	if _, ok := mem.File(target); !ok {
		t.Errorf("%s: broken link %s (no %s)", name, ref, target)
		return
	}
	if anchor != "" {
		if td := docs[target]; td == nil || !td.ids[anchor] {
			t.Errorf("%s: broken anchor %s", name, ref)
		}
	}
}

func TestWholeFixtureSite(t *testing.T) {
	mem, rep := buildFixture(t)
	docs := checkSite(t, mem, []string{"en", "fr", "ja", "ko"})

	// Every page exists in every built version and language where it should, hidden versions
	// are not built, and titles are escaped text.
	for _, lang := range []string{"en", "fr", "ja", "ko"} {
		for _, seg := range []string{"", "/enterprise-cloud@latest", "/enterprise-server@3.9", "/enterprise-server@3.19", "/enterprise-server@3.20"} {
			for _, p := range []string{"", "/guide", "/reference", "/reference/scopes"} {
				if d := docs[lang+seg+p+"/index.html"]; d == nil {
					t.Errorf("missing %s%s%s", lang, seg, p)
				} else if d.search == "" {
					t.Errorf("%s%s%s: no search form", lang, seg, p)
				}
			}
		}
		if docs[lang+"/enterprise-server@3.21/index.html"] != nil {
			t.Errorf("hidden version built")
		}
		if docs[lang+"/enterprise-server@3.19/reference/new/index.html"] != nil {
			t.Errorf("reference/new built in a version that lacks it")
		}
	}
	if got := docs["en/guide/index.html"].texts["h1"]; got != "Tokens & <keys>" {
		t.Errorf("en guide h1 = %q, want the title as text", got)
	}

	// Fallback is exactly where the fixture has it: ja guide (whole page), fr guide (one part).
	want := map[string][3]int{"en": {20, 0, 0}, "fr": {20, 5, 0}, "ja": {20, 5, 0}, "ko": {20, 0, 5}}
	for _, l := range rep.Langs {
		got := [3]int{l.Pages, l.Fallback, l.Stale}
		// 4 pages in 5 versions, plus reference/new in 2 of them: 22.
		w := want[l.Lang]
		w[0] = 22
		if got != w {
			t.Errorf("%s: pages, fallback, stale = %v, want %v", l.Lang, got, w)
		}
		if len(l.MissingUI) > 0 {
			t.Errorf("%s: interface strings in English: %v", l.Lang, l.MissingUI)
		}
	}
	for name, d := range docs {
		wantEnglish := (strings.HasPrefix(name, "fr/") || strings.HasPrefix(name, "ja/")) && strings.HasSuffix(name, "/guide/index.html")
		if d.english != wantEnglish {
			t.Errorf("%s: English text in the article: %v, want %v", name, d.english, wantEnglish)
		}
	}
}
