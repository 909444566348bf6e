package markdown

import (
	"strings"
	"testing"
)

// Code blocks are keyboard-focusable (they may scroll sideways) and escaped as goldmark escapes
// them.
func TestCodeBlockFocusable(t *testing.T) {
	src := "```shell\n$ echo \"<a>\" & x\n```\n\n    indented <b>\n\nText `code`.\n"
	want := "<pre tabindex=\"0\"><code class=\"language-shell\">$ echo &quot;&lt;a&gt;&quot; &amp; x\n</code></pre>\n" +
		"<pre tabindex=\"0\"><code>indented &lt;b&gt;\n</code></pre>\n" +
		"<p>Text <code>code</code>.</p>\n"
	if got := string(New().Parse([]byte(src), ParseOptions{}).Render()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	in := New().Parse([]byte("```\nx\n```\n"), ParseOptions{Regions: []Region{{Start: 0, End: 9, Lang: "en"}}}).Render()
	if !strings.Contains(string(in), `<div lang="en">`) || !strings.Contains(string(in), `<pre tabindex="0"><code>x`) {
		t.Errorf("a code block in a fallback region renders as %s", in)
	}
}
