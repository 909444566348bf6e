package content

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/vrange"
)

// dump prints a tag tree compactly: T"text", D(ref), D(ref block "indent"),
// IF[range]{…} ELSIF[range]{…} ELSE{…} END.
func dump(src string, nodes []tnode) string {
	var parts []string
	for _, n := range nodes {
		switch n := n.(type) {
		case *textNode:
			parts = append(parts, fmt.Sprintf("T%q", src[n.start:n.end]))
		case *dataNode:
			if n.block {
				parts = append(parts, fmt.Sprintf("D(%s block %q)", n.ref, n.indent))
			} else {
				parts = append(parts, fmt.Sprintf("D(%s)", n.ref))
			}
		case *ifNode:
			for _, b := range n.branches {
				head := map[tagKind]string{tagIf: "IF", tagElsif: "ELSIF", tagElse: "ELSE"}[b.kind]
				if b.cond != nil {
					head += "[" + vrange.String(b.cond) + "]"
				}
				parts = append(parts, head+"{"+dump(src, b.body)+"}")
			}
			parts = append(parts, "END")
		}
	}
	return strings.Join(parts, " ")
}

func TestParseTags(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"text only", "plain *text*", `T"plain *text*"`},
		{"inline condition", "a{% ifversion ghes %}b{% endif %}c", `T"a" IF[ghes]{T"b"} END T"c"`},
		{"spaces inside tags", "{%ifversion ghes%}b{%   endif   %}", `IF[ghes]{T"b"} END`},
		{"branches", "{% ifversion dotcom %}1{% elsif ghes >= 3.10 %}2{% else %}3{% endif %}",
			`IF[dotcom]{T"1"} ELSIF[ghes >= 3.10]{T"2"} ELSE{T"3"} END`},
		{"nested", "{% ifversion ghes %}a{% ifversion ghes < 3.10 %}b{% endif %}c{% endif %}",
			`IF[ghes]{T"a" IF[ghes < 3.10]{T"b"} END T"c"} END`},
		{"alone on its line takes the line", "- a\n{% ifversion ghes %}\n- b\n  {% endif %}  \n- c\n",
			`T"- a\n" IF[ghes]{T"- b\n"} END T"- c\n"`},
		{"alone at the end without newline", "x\n{% ifversion ghes %}\ny\n{% endif %}", `T"x\n" IF[ghes]{T"y\n"} END`},
		{"block reusable", "1. a\n{% data reusables.pat.step %}\n1. c\n", `T"1. a\n" D(reusables.pat.step block "") T"1. c\n"`},
		{"indented block reusable", "1. a\n\n   {% data reusables.pat.step %}\n", `T"1. a\n\n" D(reusables.pat.step block "   ")`},
		{"inline reusable", "see {% data reusables.pat.step %}.", `T"see " D(reusables.pat.step) T"."`},
		{"variable alone stays inline", "{% data variables.product.name %}\nnext",
			`D(variables.product.name) T"\nnext"`},
		{"two tags on a line", "{% ifversion ghes %}{% endif %}\n", `IF[ghes]{} END T"\n"`},
		{"percent signs are text", "100% sure, 50 %} or {", `T"100% sure, 50 %} or {"`},
		{"multibyte text", "日本語{% ifversion ghes %}テキスト{% endif %}", `T"日本語" IF[ghes]{T"テキスト"} END`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nodes, errs := parseTags(tc.src)
			if len(errs) > 0 {
				t.Fatalf("errors: %+v", errs)
			}
			if got := dump(tc.src, nodes); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestParseTagErrors(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string // "offset: message"
	}{
		{"a {% ifversion ghes %}b", []string{`2: {% ifversion %} is never closed: add {% endif %}`}},
		{"{% endif %}", []string{`0: {% endif %} without {% ifversion %}`}},
		{"{% ifversion %}x{% endif %}", []string{`0: {% ifversion %} needs a version range, e.g. {% ifversion ghes >= 3.10 %}`}},
		{"{% ifversion ghes >= %}x{% endif %}", []string{`18: in version range "ghes >=": expected a release (like 3.10) after ">="`}},
		{"{% ifversion ghes and %}x{% endif %}", []string{`18: in version range "ghes and": expected a version name after "and"`}},
		{"x {% if ghes %}y", []string{`5: unknown tag "if": did you mean "ifversion"?`}},
		{"{% elseif ghes %}", []string{`3: unknown tag "elseif": did you mean "elsif"?`}},
		{"{% include x %}", []string{`3: unknown tag "include": did you mean "data"?`}},
		{"{% raw %}", []string{`3: unknown tag "raw": the tags are ifversion, elsif, else, endif and data`}},
		{"{%  %}", []string{`0: empty tag`}},
		{"{%}", []string{`0: unclosed tag: "{%" without "%}" on the same line`}},
		{"{% data %}", []string{`0: {% data %} needs a reference, e.g. {% data variables.product.name %}`}},
		{"{% data foo.bar %}", []string{`8: bad reference "foo.bar": write reusables.path.to.file or variables.id`}},
		{"{% data reusables.a b %}", []string{`8: {% data %} takes one reference, found "reusables.a b"`}},
		{"{% data reusables.A %}", []string{`8: bad reference "reusables.A": write reusables.path.to.file or variables.id`}},
		{"{% else %}", []string{`0: {% else %} without {% ifversion %}`}},
		{"{% elsif ghes %}", []string{`0: {% elsif %} without {% ifversion %}`}},
		{"{% ifversion ghes %}{% else %}{% else %}{% endif %}", []string{`30: {% else %} after {% else %}`}},
		{"{% ifversion ghes %}{% else %}{% elsif dotcom %}{% endif %}", []string{`30: {% elsif %} after {% else %}`}},
		{"{% ifversion ghes %}{% else if dotcom %}{% endif %}", []string{`28: {% else %} takes no condition: did you mean {% elsif dotcom %}?`}},
		{"{% ifversion ghes %}{% endif ghes %}", []string{`29: {% endif %} takes no argument`}},
		{"x {% ifversion ghes\n%} y", []string{`2: unclosed tag: "{%" without "%}" on the same line`}},
		{"{% ifversion ghes %}{% ifversion dotcom %}x{% endif %}", []string{`0: {% ifversion %} is never closed: add {% endif %}`}},
		{"{% ifversion (ghes %}{% endif %}\n{% bogus %}", []string{
			`13: in version range "(ghes": unclosed "("`,
			`36: unknown tag "bogus": the tags are ifversion, elsif, else, endif and data`,
		}},
	} {
		_, errs := parseTags(tc.src)
		var got []string
		for _, e := range errs {
			got = append(got, fmt.Sprintf("%d: %s", e.Off, e.Msg))
			if e.Off < 0 || e.Off+e.Len > len(tc.src) {
				t.Errorf("%q: error outside the source: %+v", tc.src, e)
			}
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%q:\n got  %q\n want %q", tc.src, got, tc.want)
		}
	}
}
