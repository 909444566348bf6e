package markdown

import "testing"

// FuzzParse checks that parsing with fallback regions anywhere, inspecting and rendering never
// panic, and that every offset reported lies within the text.
func FuzzParse(f *testing.F) {
	f.Add("1. a\n1. b\n\n> [!NOTE]\n> c *d* [e](/f)\n", 3, 12, false)
	f.Add("| a | b |\n|---|---|\n| `x` | **y** |\n", 10, 30, true)
	f.Add("## T {#id}\n\ntext <b>raw</b> ![i](x)\n", 0, 5, false)
	f.Add("日本\n語x\n", 0, 5, true) // a region edge inside a character
	f.Fuzz(func(t *testing.T, src string, start, end int, inline bool) {
		c := New()
		var regions []Region
		if start >= 0 && start < end && end <= len(src) {
			regions = []Region{{Start: start, End: end, Inline: inline, Lang: "en"}}
		}
		d := c.Parse([]byte(src), ParseOptions{CJK: inline, Regions: regions})
		for _, l := range d.Links {
			if l.Offset < -1 || l.Offset > len(src) {
				t.Fatalf("link offset %d in %q", l.Offset, src)
			}
			l.SetDest("/x")
			l.SetText("T", "en")
		}
		for _, h := range d.Headings {
			h.SetID("h")
		}
		for _, co := range d.Callouts {
			co.SetLabel("L")
		}
		_ = d.Render()
		_ = d.RenderInline()
	})
}
