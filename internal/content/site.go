package content

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/markdown"
	"github.com/scoperef/scoperef/internal/model"
)

// Options configure Load.
type Options struct {
	// Root is the project root; file names in diagnostics are relative to it.
	Root fs.FS
	// Model is the validated data model: versions, features and variables.
	Model *model.Model
	// Langs are the site's languages, "en" first. Default: just "en".
	Langs []string
	// Label gives a callout's title ("Note", "Remarque", ...) for a language and a kind (note,
	// tip, important, warning, caution). Default: English labels.
	Label func(lang, kind string) string
	// Parsed, when set, keeps parsed Markdown from one Load to the next (scoperef serve).
	Parsed *ParseCache
}

// Site is every page and reusable of a project, in English and in translation.
// It is not modified after Load returns, so its methods are safe for concurrent use.
type Site struct {
	m         *model.Model
	langs     []string
	label     func(lang, kind string) string
	md        *markdown.Converter
	pages     []*Page
	byPath    map[string]*Page
	redirects map[string]*Page // old path -> page
	reusables map[string]*reusable
	// orphans are translations without an English source, kept for Coverage.
	orphans map[string][]string
	// parseCache is Options.Parsed; env is linkEnv, made when there is one.
	parseCache *ParseCache
	env        string
}

// Page is one page: its English source and its translations.
type Page struct {
	path      string
	en        *doc
	versions  model.VersionSet
	redirects []string
	trans     map[string]*doc
	// enIDs[v] are the ids of the English page's headings in version index v, in order; a
	// translation's headings take them by position.
	enIDs [][]string
	// rendered keeps what Load's check rendered without error, so that Render does not render
	// it again; filled by the one worker that checks the page, read-only after Load.
	rendered map[renderKey]*Rendered
}

// renderKey is a render of a page: a version index and the reader's language.
type renderKey struct {
	v    int
	lang string
}

// reusable is one reusable: content/reusables/a/b.md is "a.b".
type reusable struct {
	name  string
	en    *doc
	trans map[string]*doc
}

// doc is one Markdown file, parsed.
type doc struct {
	file  *srcFile
	lang  string
	kind  fileKind
	fm    frontMatter
	nodes []tnode
	// ok is false when the file has a front matter or tag error: it is not rendered.
	ok    bool
	stale bool
	// unread is set when the file is not UTF-8: its front matter was not read either.
	unread bool
}

// Path is the page's path: "" for content/pages/index.md, "reference/scopes" for
// content/pages/reference/scopes.md or content/pages/reference/scopes/index.md.
func (p *Page) Path() string { return p.path }

// In reports whether the page exists in version v (its front matter versions).
func (p *Page) In(v *model.Version) bool { return v != nil && p.versions.Has(v.Index) }

// Redirects are the page's old paths (redirect_from), in the form of Path: no leading "/".
func (p *Page) Redirects() []string { return slices.Clone(p.redirects) }

// File is the English source file, relative to the root.
func (p *Page) File() string { return p.en.file.name }

// Translated reports whether the page has a translation into lang ("en" always has one).
func (p *Page) Translated(lang string) bool { return lang == "en" || p.trans[lang] != nil }

// Pages returns every page, sorted by path.
func (s *Site) Pages() []*Page { return slices.Clone(s.pages) }

// Page finds a page by path.
func (s *Site) Page(path string) (*Page, bool) { p, ok := s.byPath[path]; return p, ok }

// Langs returns the site's languages, "en" first.
func (s *Site) Langs() []string { return slices.Clone(s.langs) }

// Title returns the title of the page at path in lang, or in English when the page has no
// translation into lang. ok is false when there is no such page.
func (s *Site) Title(path, lang string) (title string, ok bool) {
	p := s.byPath[path]
	if p == nil {
		return "", false
	}
	title, _ = s.title(p, lang)
	return title, true
}

// title returns p's title in lang and whether it fell back to English.
func (s *Site) title(p *Page, lang string) (string, bool) {
	if t := p.trans[lang]; t != nil && t.fm.title != "" {
		return t.fm.title, false
	}
	return p.en.fm.title, lang != "en"
}

// SourceHash is the hash a translation records of the English file it was made from: the
// first 16 hex digits of the SHA-256 of the file's bytes.
func SourceHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:16]
}

const (
	pagesDir     = "content/pages"
	reusablesDir = "content/reusables"
	localesDir   = "locales"
	// maxFileSize bounds one Markdown file.
	maxFileSize = 4 << 20
)

var (
	pageSegment     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	reusableSegment = regexp.MustCompile(`^[a-z0-9_][a-z0-9_-]*$`)
	langPattern     = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)*$`)
)

// Load reads every page and reusable under opts.Root, with their translations, and checks them:
// front matter, tags, version ranges, references, reusable cycles, redirects, translations
// against their sources, and every page rendered in every version and language (links, heading
// ids, callouts, variables). It returns every problem at once, each with its file:line:col.
//
// The Site is returned even when the list holds errors, so that a caller such as serve can still
// show what works; a file with a front matter or tag error is not rendered (Render returns an
// error for its page). Callers that publish must refuse to when the list holds errors.
func Load(opts Options) (*Site, *diag.List) {
	var diags diag.List
	s := &Site{
		m: opts.Model, langs: opts.Langs, label: opts.Label, md: markdown.New(),
		byPath: map[string]*Page{}, redirects: map[string]*Page{}, reusables: map[string]*reusable{},
		orphans: map[string][]string{}, parseCache: opts.Parsed,
	}
	if s.m == nil {
		diags.Errorf(diag.Pos{}, "", "content: no model (the data did not load)")
		return s, &diags
	}
	if len(s.langs) == 0 {
		s.langs = []string{"en"}
	}
	if s.langs[0] != "en" {
		diags.Errorf(diag.Pos{}, "", "content: the first language must be en, found %q", s.langs[0])
	}
	if s.label == nil {
		s.label = func(_, kind string) string { return markdown.DefaultLabel(kind) }
	}
	s.readEnglish(opts.Root, &diags)
	for _, lang := range s.langs[1:] {
		if !langPattern.MatchString(lang) {
			diags.Errorf(diag.Pos{}, "", "content: bad language code %q", lang)
			continue
		}
		s.readTranslations(opts.Root, lang, &diags)
	}
	s.check(&diags)
	return s, &diags
}

// mdFiles lists the .md files under dir, sorted; a missing dir has none.
func mdFiles(root fs.FS, dir string, diags *diag.List) []string {
	var names []string
	err := fs.WalkDir(root, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			diags.Errorf(diag.Pos{File: name}, "", "%v", err)
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(name, ".md") {
			names = append(names, name)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		diags.Errorf(diag.Pos{File: dir}, "", "%v", err)
	}
	slices.Sort(names)
	return names
}

// readDoc reads, splits and tag-parses one file.
func readDoc(root fs.FS, name, lang string, kind fileKind, diags *diag.List) *doc {
	data, err := readFile(root, name)
	if err != nil {
		diags.Errorf(diag.Pos{File: name}, "", "%v", err)
		return nil
	}
	d := &doc{file: newSrcFile(name, data), lang: lang, kind: kind}
	if i := invalidUTF8(data); i >= 0 {
		diags.Errorf(d.file.pos(i), "", "invalid UTF-8 byte 0x%02x", data[i])
		d.unread = true
		return d // not ok: nothing else is read
	}
	d.fm, d.ok = readFrontMatter(d.file, kind, diags)
	nodes, errs := parseTags(d.file.text())
	d.nodes = nodes
	for _, e := range errs {
		diags.Errorf(d.file.pos(e.Off), "", "%s", e.Msg)
		d.ok = false
	}
	return d
}

func readFile(root fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(root, name)
	if err != nil {
		return nil, err
	}
	if info.Size() > maxFileSize {
		return nil, errors.New("file is larger than 4 MiB")
	}
	return fs.ReadFile(root, name)
}

// pagePath turns a file name relative to a pages folder into a page path, or reports why not.
func pagePath(rel string) (string, bool) {
	p := strings.TrimSuffix(rel, ".md")
	if p == "index" {
		return "", true
	}
	p = strings.TrimSuffix(p, "/index")
	for _, seg := range strings.Split(p, "/") {
		if !pageSegment.MatchString(seg) {
			return "", false
		}
	}
	return p, true
}

// reusableName turns a file name relative to a reusables folder into a reusable name.
func reusableName(rel string) (string, bool) {
	segs := strings.Split(strings.TrimSuffix(rel, ".md"), "/")
	for _, seg := range segs {
		if !reusableSegment.MatchString(seg) {
			return "", false
		}
	}
	return strings.Join(segs, "."), true
}

func (s *Site) readEnglish(root fs.FS, diags *diag.List) {
	for _, name := range mdFiles(root, pagesDir, diags) {
		p, ok := pagePath(strings.TrimPrefix(name, pagesDir+"/"))
		if !ok {
			diags.Errorf(diag.Pos{File: name}, "", "a page's file and folder names are lower-case letters, digits and \"-\"")
			continue
		}
		d := readDoc(root, name, "en", kindPage, diags)
		if d == nil {
			continue
		}
		if other := s.byPath[p]; other != nil {
			diags.Errorf(diag.Pos{File: name}, "", "page /%s is also defined by %s", p, other.en.file.name)
			continue
		}
		page := &Page{path: p, en: d, trans: map[string]*doc{}, enIDs: make([][]string, len(s.m.Versions))}
		s.byPath[p] = page
		s.pages = append(s.pages, page)
	}
	slices.SortFunc(s.pages, func(a, b *Page) int { return cmp.Compare(a.path, b.path) })
	for _, name := range mdFiles(root, reusablesDir, diags) {
		r, ok := reusableName(strings.TrimPrefix(name, reusablesDir+"/"))
		if !ok {
			diags.Errorf(diag.Pos{File: name}, "", "a reusable's file and folder names are lower-case letters, digits, \"-\" and \"_\"")
			continue
		}
		if d := readDoc(root, name, "en", kindReusable, diags); d != nil {
			s.reusables[r] = &reusable{name: r, en: d, trans: map[string]*doc{}}
		}
	}
}

func (s *Site) readTranslations(root fs.FS, lang string, diags *diag.List) {
	dir := path.Join(localesDir, lang, "pages")
	for _, name := range mdFiles(root, dir, diags) {
		p, ok := pagePath(strings.TrimPrefix(name, dir+"/"))
		page := s.byPath[p]
		if !ok || page == nil || page.en.file.name != path.Join(pagesDir, strings.TrimPrefix(name, dir+"/")) {
			diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "", "translation of a page that does not exist: no %s", path.Join(pagesDir, strings.TrimPrefix(name, dir+"/")))
			s.orphans[lang] = append(s.orphans[lang], name)
			continue
		}
		if d := readDoc(root, name, lang, kindPageTranslation, diags); d != nil {
			page.trans[lang] = d
		}
	}
	dir = path.Join(localesDir, lang, "reusables")
	for _, name := range mdFiles(root, dir, diags) {
		rel := strings.TrimPrefix(name, dir+"/")
		r, ok := reusableName(rel)
		ru := s.reusables[r]
		if !ok || ru == nil {
			diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "", "translation of a reusable that does not exist: no %s", path.Join(reusablesDir, rel))
			s.orphans[lang] = append(s.orphans[lang], name)
			continue
		}
		if d := readDoc(root, name, lang, kindReusableTranslation, diags); d != nil {
			ru.trans[lang] = d
		}
	}
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
