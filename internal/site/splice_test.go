package site

import (
	"html/template"
	"testing"
)

// TestLayoutSplice checks that layout gives what executing the template with the real values
// gives, for layouts that print the fragments once, twice, in attributes, inside a test, or
// not at all.
func TestLayoutSplice(t *testing.T) {
	layouts := map[string]string{
		"once":      `<main>{{.Page.Body}}</main><nav>{{.Nav}}</nav>{{with .TOC}}<ul>{{.}}</ul>{{end}}`,
		"twice":     `{{.Page.Body}}|{{.Page.Body}}|{{.Nav}}`,
		"attribute": `<div title="{{.Nav}}">{{.Page.Body}}</div>{{.TOC}}`,
		"script":    `<script>var toc = {{.TOC}};</script>{{.Page.Body}}`,
		"absent":    `<p>{{.Page.Title}}</p>`,
		"reordered": `{{.TOC}}{{.Nav}}{{.Page.Body}}`,
	}
	views := []*pageView{
		{Page: &Page{Title: "T", Body: "<p>body &amp; more</p>"}, Nav: "<li>nav</li>", TOC: `<li><a href="#x">x</a></li>`},
		{Page: &Page{Title: "Empty TOC", Body: "<p>b</p>"}, Nav: "<li>n</li>"},
		{Page: &Page{Title: "Nothing"}},
		{Page: &Page{Title: "NUL in title \x00", Body: "<p>b</p>"}, Nav: "<li>n</li>"},
	}
	for name, src := range layouts {
		tmpl := template.Must(template.New("").Parse(`{{define "page"}}` + src + `{{end}}`))
		b := &builder{tmpl: tmpl}
		for _, v := range views {
			want, err := b.executePage(v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := b.layout(v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s, %q: layout gives\n%q\nthe template\n%q", name, v.Page.Title, got, want)
			}
		}
	}
}
