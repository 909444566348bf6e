package reference

import (
	"bytes"
	"embed"
	"html/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// pageTemplates holds the templates of the small pages of fixed shape (the others are written in
// Go, see htmlw). Data passed to them always has the ctx under "C", so templates call
// {{$.C.T "id"}}, {{$.C.N "id" 3}} and {{$.C.URL path anchor}}.
var pageTemplates = template.Must(template.New("").ParseFS(templateFS, "templates/*.tmpl"))

// render executes a page template. The templates are fixed and their data is built here, so an
// error is a bug in this package.
func render(name string, data any) template.HTML {
	var b bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&b, name, data); err != nil {
		panic("reference: template " + name + ": " + err.Error())
	}
	return template.HTML(b.String())
}
