package reference

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// escapeCases are strings that exercise every branch of the escapers; random ones are added.
func escapeCases() []string {
	cases := []string{"", "plain", "a+b", `"quoted" & 'single'`, "<b>x</b>", "\x00nul", "é中文한국어", "\xff\xfe bad utf-8",
		"/en/enterprise-server@3.19/reference/permissions/issues#level-read", "#scope-repo", "/fr/x y+z?a=1&b=2#c",
		"javascript:alert(1)", "JavaScript:x", "http://x", "HTTPS://x", "mailto:a@b", "data:text/html,x", "a/b:c", "a:b/c",
		"%", "%2", "%20", "%20x", "%zz", "%%41", "100%", "a%2Fb", "\ufdd0\uffff", "{{.}}", "__id__#__level__", "\t\n\r ",
		`{"read":"lecture","write":"écriture"}`, "--><!--", "`backtick`", "\\", "=", "~!@#$^*()[]{}|;:,.<>?"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "0", "%", "2", "f", "+", "&", "<", ">", "\"", "'", "\x00", " ", "#", ":", "/", "?", "=", "é", "中",
		"\xff", "\x7f", "\x01", "~", "`", "\\", "\ufdd0", "j", "s"}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for c := range 256 {
		cases = append(cases, "x"+string(rune(c))+"y", "x"+string([]byte{byte(c)})+"y")
	}
	return cases
}

// TestEscapersMatchHTMLTemplate checks that htmlw escapes each string exactly as html/template
// does in the contexts the pages use it in.
func TestEscapersMatchHTMLTemplate(t *testing.T) {
	type check struct {
		name   string
		tmpl   string // one action {{.}} between a prefix and a suffix
		method func(*htmlw, string)
	}
	checks := []check{
		{"text", `<p>{{.}}</p>`, (*htmlw).text},
		{"code text", `<td><code>{{.}}</code></td>`, (*htmlw).text},
		{"id", `<h2 id="{{.}}">`, (*htmlw).text},
		{"id with suffix", `<h3 id="{{.}}-endpoints-added">`, (*htmlw).text},
		{"aria-labelledby", `<section aria-labelledby="{{.}}">`, (*htmlw).text},
		{"value", `<input type="checkbox" name="scope" value="{{.}}">`, (*htmlw).text},
		{"data-levels", `<form data-levels="{{.}}">`, (*htmlw).text},
		{"data-and", `<form hidden data-and="{{.}}">`, (*htmlw).text},
		{"data-no-permissions", `<form data-no-permissions="{{.}}">`, (*htmlw).text},
		{"data-none-uncallable", `<form data-none-uncallable="{{.}}">`, (*htmlw).text},
		{"noscript", `<noscript><p>{{.}}</p></noscript>`, (*htmlw).text},
		{"summary", `<details><summary>{{.}}</summary>`, (*htmlw).text},
		{"href", `<a href="{{.}}">`, (*htmlw).url},
		{"href download", `<a href="{{.}}" download>`, (*htmlw).url},
		{"href typed", `<a href="{{.}}" type="application/atom+xml">`, (*htmlw).url},
		{"script src", `<script src="{{.}}" defer></script>`, (*htmlw).url},
		{"data-src", `<form hidden data-src="{{.}}">`, (*htmlw).url},
		{"data-permission-url", `<form data-permission-url="{{.}}">`, (*htmlw).url},
		{"data-endpoint-url", `<form data-endpoint-url="{{.}}">`, (*htmlw).url},
	}
	cases := escapeCases()
	for _, ch := range checks {
		prefix, suffix, _ := strings.Cut(ch.tmpl, "{{.}}")
		tmpl := template.Must(template.New("").Parse(ch.tmpl))
		bad := 0
		for _, s := range cases {
			var want strings.Builder
			if err := tmpl.Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			var got htmlw
			got.raw(prefix)
			ch.method(&got, s)
			got.raw(suffix)
			if got.String() != want.String() && bad < 5 {
				bad++
				t.Errorf("%s %q:\n got %q\nwant %q", ch.name, s, got.String(), want.String())
			}
		}
	}
	for _, s := range cases {
		var got htmlw
		got.esc(s)
		if want := template.HTMLEscapeString(s); got.String() != want || esc(s) != want {
			t.Errorf("esc %q: got %q and %q, want %q", s, got.String(), esc(s), want)
		}
		if want := template.HTMLEscapeString(s); got.String() != want {
			t.Errorf("esc %q: got %q, want %q", s, got.String(), want)
		}
		var tw htmlw
		tw.text(s)
		if textString(s) != tw.String() {
			t.Errorf("textString %q: got %q, want %q", s, textString(s), tw.String())
		}
	}
}
