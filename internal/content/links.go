package content

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
)

// URL is the address of a page in a language and version: /{lang}/{segment}/{path}#{anchor},
// without the segment for versions that have none (dotcom) and without a trailing "/".
// The home page of French dotcom is "/fr"; a nil version counts as one without a segment.
func URL(lang string, v *model.Version, path, anchor string) string {
	n := 1 + len(lang)
	if v != nil && v.Segment != "" {
		n += 1 + len(v.Segment)
	}
	if path != "" {
		n += 1 + len(path)
	}
	if anchor != "" {
		n += 1 + len(anchor)
	}
	var b strings.Builder
	b.Grow(n) // one allocation: URLs are made for every link of every page
	b.WriteString("/")
	b.WriteString(lang)
	if v != nil && v.Segment != "" {
		b.WriteString("/")
		b.WriteString(v.Segment)
	}
	if path != "" {
		b.WriteString("/")
		b.WriteString(path)
	}
	if anchor != "" {
		b.WriteString("#")
		b.WriteString(anchor)
	}
	return b.String()
}

// Link is an internal link of a rendered page, for the site's link checker: the target page's
// path (as Page.Path) and the anchor, "" when there is none. A link to "#x" on the same page
// has the page's own path.
type Link struct {
	Path, Anchor string
	Pos          diag.Pos
}

type linkKind int

const (
	linkExternal linkKind = iota // http:, https:, mailto:
	linkPage                     // /path or /path#anchor
	linkAnchor                   // #anchor on the same page
)

// target is a classified link destination.
type target struct {
	kind         linkKind
	path, anchor string
}

var (
	schemePattern = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)
	anchorPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.:-]*$`)
)

// dangerousSchemes run code or read local files when followed.
var dangerousSchemes = map[string]bool{"javascript": true, "vbscript": true, "data": true, "file": true}

// classify reads a link destination (decoded, as a browser would see it).
func classify(dest string) (target, error) {
	// Browsers drop ASCII tabs and newlines anywhere in a URL and leading control characters
	// and spaces, so "java\tscript:" is "javascript:".
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, dest)
	clean = strings.TrimLeftFunc(clean, func(r rune) bool { return r <= ' ' })
	if m := schemePattern.FindStringSubmatch(clean); m != nil {
		scheme := strings.ToLower(m[1])
		switch {
		case dangerousSchemes[scheme]:
			return target{}, fmt.Errorf("%s: URLs are not allowed", scheme)
		case scheme == "http" || scheme == "https" || scheme == "mailto":
			return target{kind: linkExternal}, nil
		}
		return target{}, fmt.Errorf("unsupported URL scheme %q: use https:, http: or mailto:", scheme)
	}
	switch {
	case clean == "":
		return target{}, fmt.Errorf("empty link destination")
	case strings.HasPrefix(clean, "//"):
		return target{}, fmt.Errorf("link %q has no scheme: write https://", dest)
	case strings.HasPrefix(clean, "#"):
		a := clean[1:]
		if !anchorPattern.MatchString(a) {
			return target{}, fmt.Errorf("bad anchor %q", clean)
		}
		return target{kind: linkAnchor, anchor: a}, nil
	case !strings.HasPrefix(clean, "/"):
		return target{}, fmt.Errorf("relative link %q: link to a page by its path from the site root, e.g. /reference/scopes", dest)
	}
	p, anchor, hasAnchor := strings.Cut(clean[1:], "#")
	switch {
	case strings.ContainsAny(p, "?\\ "):
		return target{}, fmt.Errorf("link %q: a page path has no query, spaces or backslashes", dest)
	case strings.HasSuffix(p, "/"):
		return target{}, fmt.Errorf("link %q: remove the trailing \"/\"", dest)
	case hasAnchor && !anchorPattern.MatchString(anchor):
		return target{}, fmt.Errorf("bad anchor %q", "#"+anchor)
	}
	return target{kind: linkPage, path: p, anchor: anchor}, nil
}
