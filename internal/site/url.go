package site

import (
	"strings"

	"github.com/scoperef/scoperef/internal/model"
)

// URL returns the site-absolute URL of a page: "/fr", "/fr/reference/scopes",
// "/ja/enterprise-cloud@latest/reference/scopes", "/ko/enterprise-server@3.19/reference/scopes#repo".
func URL(lang string, v *model.Version, path, anchor string) string {
	var b strings.Builder
	b.WriteByte('/')
	b.WriteString(lang)
	if v != nil && v.Segment != "" {
		b.WriteByte('/')
		b.WriteString(v.Segment)
	}
	if path = strings.Trim(path, "/"); path != "" {
		b.WriteByte('/')
		b.WriteString(path)
	}
	if anchor != "" {
		b.WriteByte('#')
		b.WriteString(anchor)
	}
	return b.String()
}

// file returns the output file that serves URL(lang, v, path, ""): "fr/reference/scopes/index.html".
func file(lang string, v *model.Version, path string) string {
	return URL(lang, v, path, "")[1:] + "/index.html"
}

// parent returns the path of the page above path: "reference" for "reference/scopes", "" for
// "reference"; ok is false for the home page.
func parent(path string) (string, bool) {
	if path == "" {
		return "", false
	}
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return "", true
	}
	return path[:i], true
}
