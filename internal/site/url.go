package site

import (
	"strings"

	"github.com/scoperef/scoperef/internal/content"
	"github.com/scoperef/scoperef/internal/model"
)

// URL returns the site-absolute URL of a page: "/fr", "/fr/reference/scopes",
// "/ja/enterprise-cloud@latest/reference/scopes", "/ko/enterprise-server@3.19/reference/scopes#repo".
// It is content.URL, the one statement of the URL scheme, with slashes around path ignored.
func URL(lang string, v *model.Version, path, anchor string) string {
	return content.URL(lang, v, strings.Trim(path, "/"), anchor)
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
