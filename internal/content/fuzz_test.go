package content

import (
	"testing"
)

// FuzzTags checks that the tag parser never panics, and that every node and error it returns
// lies within its input, text nodes in order and not overlapping.
func FuzzTags(f *testing.F) {
	for _, s := range []string{
		"",
		"plain text",
		"a{% ifversion ghes >= 3.10 %}b{% elsif dotcom %}c{% else %}d{% endif %}e",
		"- a\n{% ifversion pat-v2 %}\n- b\n{% endif %}\n",
		"   {% data reusables.pat.open-settings %}\n",
		"{% data variables.product.name %}",
		"{% ifversion (ghes %}{% else if %}{% endif x %}",
		"{% %}{%",
		"{% ifversion ghes %}{% ifversion not ghec %}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		nodes, errs := parseTags(src)
		for _, e := range errs {
			if e.Off < 0 || e.Len < 0 || e.Off+e.Len > len(src) || e.Msg == "" {
				t.Fatalf("bad error %+v for %q", e, src)
			}
		}
		last := 0
		var check func([]tnode)
		check = func(ns []tnode) {
			for _, n := range ns {
				switch n := n.(type) {
				case *textNode:
					if n.start < last || n.end <= n.start || n.end > len(src) {
						t.Fatalf("text node [%d,%d) after %d in %q", n.start, n.end, last, src)
					}
					last = n.end
				case *dataNode:
					if n.nameOff < 0 || n.nameOff+len(n.ref) > len(src) || src[n.nameOff:n.nameOff+len(n.ref)] != n.ref {
						t.Fatalf("data node %+v in %q", n, src)
					}
				case *ifNode:
					for _, b := range n.branches {
						check(b.body)
					}
				}
			}
		}
		check(nodes)
	})
}
