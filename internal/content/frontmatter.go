package content

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/yamlio"
)

// fileKind is what a Markdown file is, which decides its front matter keys.
type fileKind int

const (
	kindPage fileKind = iota
	kindPageTranslation
	kindReusable
	kindReusableTranslation
)

// keys lists each kind's front matter keys; required ones first, then optional ones.
var keys = map[fileKind]struct{ required, optional []string }{
	kindPage:                {[]string{"title"}, []string{"short_title", "intro", "versions", "redirect_from"}},
	kindPageTranslation:     {[]string{"title", "source_hash"}, []string{"short_title", "intro"}},
	kindReusableTranslation: {[]string{"source_hash"}, nil},
}

// frontMatter is a file's decoded front matter.
type frontMatter struct {
	title, shortTitle, intro string
	introPos                 diag.Pos
	versions                 *yamlio.Node // the range, or nil
	redirects                []*yamlio.Node
	sourceHash               string
	hashPos                  diag.Pos
}

var (
	hashPattern     = regexp.MustCompile(`^[0-9a-f]{16}$`)
	redirectPattern = regexp.MustCompile(`^/[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$`)
)

// splitFrontMatter finds the YAML between a first line "---" and the next line "---". It returns
// the YAML with its opening line (so YAML line numbers are file line numbers) and the offset at
// which the body starts; has is false when the file has no front matter.
func splitFrontMatter(data []byte) (fm []byte, body int, has bool, err error) {
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, "\r")) != "---" {
		return nil, 0, false, nil
	}
	off := len(first) + 1
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, "\r")) == "---" {
			end := off + len(line)
			if end < len(data) {
				end++ // the newline
			}
			return data[:off], end, true, nil
		}
		off += len(line) + 1
		rest = next
		if off > len(data) {
			break
		}
	}
	return nil, 0, true, errors.New(`front matter is not closed: add a line "---" after it`)
}

// readFrontMatter splits and decodes f's front matter for a file of the given kind, setting
// f.body. Problems go to diags; ok is false when the file cannot be used at all (the front
// matter is not closed or not YAML), not for a wrong or missing key.
func readFrontMatter(f *srcFile, kind fileKind, diags *diag.List) (fm frontMatter, ok bool) {
	start := diag.Pos{File: f.name, Line: 1, Col: 1}
	raw, body, has, err := splitFrontMatter(f.data)
	if err != nil {
		diags.Errorf(start, "", "%v", err)
		f.body = len(f.data)
		return fm, false
	}
	f.body = body
	if !has {
		if kind != kindReusable {
			diags.Errorf(start, "", "missing front matter: the file must start with \"---\", %s, \"---\"", describeKeys(kind))
		}
		return fm, true
	}
	if kind == kindReusable {
		diags.Errorf(start, "", "a reusable has no front matter (only its translations do, for source_hash)")
		return fm, false
	}
	root, err := yamlio.Parse(f.name, raw)
	if err != nil {
		diags.AddErr(f.name, err)
		return fm, false
	}
	if root.IsNull() {
		root = &yamlio.Node{Kind: yamlio.Mapping, Pos: start}
	}
	if root.Kind != yamlio.Mapping {
		diags.Errorf(root.Pos, "", "front matter must be a mapping of keys to values")
		return fm, false
	}
	decodeKeys(root, kind, &fm, diags)
	return fm, true
}

func decodeKeys(root *yamlio.Node, kind fileKind, fm *frontMatter, diags *diag.List) {
	k := keys[kind]
	allowed := append(append([]string(nil), k.required...), k.optional...)
	root.Pairs(func(key, value *yamlio.Node) {
		switch key.Value {
		case "title", "short_title", "intro", "source_hash", "versions":
			if !contains(allowed, key.Value) {
				break
			}
			s, ok := stringValue(key, value, diags)
			if !ok {
				return
			}
			switch key.Value {
			case "title":
				fm.title = s
			case "short_title":
				fm.shortTitle = s
			case "intro":
				fm.intro, fm.introPos = s, valuePos(value)
			case "source_hash":
				if !hashPattern.MatchString(s) {
					diags.Errorf(value.Pos, "source_hash", "source_hash must be 16 lower-case hex digits (see `scoperef i18n`), found %q", s)
				}
				fm.sourceHash, fm.hashPos = s, value.Pos
			case "versions":
				fm.versions = value
			}
			return
		case "redirect_from":
			if !contains(allowed, key.Value) {
				break
			}
			fm.redirects = redirects(value, diags)
			return
		}
		if kind != kindPage && contains(keys[kindPage].optional, key.Value) {
			diags.Errorf(key.Pos, key.Value, "%s belongs to the English page only: a translation follows its source", key.Value)
			return
		}
		diags.Errorf(key.Pos, key.Value, "unknown front matter key %q (%s)", key.Value, describeKeys(kind))
	})
	for _, r := range k.required {
		// A missing source_hash is reported with the hash to write, once the source is known.
		if r != "source_hash" && root.Get(r) == nil {
			diags.Errorf(root.Pos, "", "front matter lacks %s", r)
		}
	}
}

func stringValue(key, value *yamlio.Node, diags *diag.List) (string, bool) {
	if value.Kind != yamlio.Scalar || value.Tag != "str" {
		diags.Errorf(value.Pos, key.Value, "%s must be a string", key.Value)
		return "", false
	}
	s := strings.TrimSpace(value.Value)
	if s == "" {
		diags.Errorf(value.Pos, key.Value, "%s must not be empty", key.Value)
		return "", false
	}
	if strings.Contains(s, "{%") {
		diags.Errorf(value.Pos, key.Value, "tags such as {%% data %%} are not allowed in front matter")
		return "", false
	}
	return s, true
}

func redirects(value *yamlio.Node, diags *diag.List) []*yamlio.Node {
	if value.Kind != yamlio.Sequence {
		diags.Errorf(value.Pos, "redirect_from", "redirect_from must be a list of paths, e.g. [/old/path]")
		return nil
	}
	var out []*yamlio.Node
	for _, item := range value.Content {
		if item.Kind != yamlio.Scalar || item.Tag != "str" || !redirectPattern.MatchString(item.Value) {
			diags.Errorf(item.Pos, "redirect_from", "a redirect is a path such as /old/path: lower-case letters, digits and \"-\", no trailing \"/\"")
			continue
		}
		out = append(out, item)
	}
	return out
}

// valuePos is where a scalar's text starts (after an opening quote).
func valuePos(n *yamlio.Node) diag.Pos {
	if n.Quoted {
		return n.Pos.Offset(1)
	}
	return n.Pos
}

func describeKeys(kind fileKind) string {
	k := keys[kind]
	s := "keys: " + strings.Join(k.required, ", ")
	if len(k.optional) > 0 {
		s += " and optionally " + strings.Join(k.optional, ", ")
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
