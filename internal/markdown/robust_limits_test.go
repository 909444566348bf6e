package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The pathological inputs of cmark's test suite (test/pathological_tests.py) and the nestings that
// made goldmark take minutes on a page of a few hundred kilobytes. Each is rejected at the line
// that breaks a limit, without being parsed.
func TestLimitsReject(t *testing.T) {
	para := func(unit string, n int) string { return "Intro.\n\n" + strings.Repeat(unit, n) + "\n" }
	for _, tc := range []struct {
		name, src, msg string
		line           int
	}{
		{"nested block quotes", "Intro.\n\n" + strings.Repeat("> ", 100000) + "a\n", "more than 16 block quotes", 3},
		{"nested lists", "Intro.\n\n" + strings.Repeat("- ", 50000) + "a\n", "more than 16 block quotes", 3},
		{"nested ordered lists", "Intro.\n\n" + strings.Repeat("1. ", 50000) + "a\n", "more than 16 block quotes", 3},
		{"lists separated by tabs", "Intro.\n\n" + strings.Repeat("-\t", 50000) + "a\n", "more than 16 block quotes", 3},
		{"mixed containers", "Intro.\n\n" + strings.Repeat("> 1) * ", 10) + "a\n", "more than 16 block quotes", 3},
		{"indentation", "Intro.\n\n- a\n" + strings.Repeat(" ", 300) + "- b\n", "indented by more than 256", 4},
		{"indented nesting", nestedByIndent(400), "indented by more than 256", 130},
		{"emphasis closers", para("a_ ", 20000), "more than 1000", 3},
		{"emphasis openers", para("_a ", 20000), "more than 1000", 3},
		{"mismatched emphasis", para("*a_ ", 20000), "more than 1000", 3},
		{"closers in multiples of 3", "Intro.\n\na**b" + strings.Repeat("c* ", 20000) + "\n", "more than 1000", 3},
		{"nested strong emphasis", para("*a **a ", 2000) + "b" + strings.Repeat(" a** a*", 2000), "more than 1000", 3},
		{"link openers", para("[a", 20000), "more than 1000", 3},
		{"link closers", para("a]", 20000), "more than 1000", 3},
		{"nested brackets", "Intro.\n\n" + strings.Repeat("[", 20000) + "a" + strings.Repeat("]", 20000) + "\n", "more than 1000", 3},
		{"link openers and emphasis closers", para("[ a_", 20000), "more than 1000", 3},
		{"unclosed links A", para("[a](<b", 20000), "more than 1000", 3},
		{"unclosed links B", para("[a](b", 20000), "more than 1000", 3},
		{"parentheses", para("[ (](", 20000), "more than 1000", 3},
		{"backticks", "Intro.\n\n" + backticks(2000) + "\n", "more than 1000", 3},
		{"strikethrough", para("~~a ", 20000), "more than 1000", 3},
		{"reference definitions", "Intro.\n\n" + refdefs(20000), "more than 1000", 3},
		{"one table cell", "| a | b |\n|---|---|\n| " + strings.Repeat("*a_ ", 2000) + " | c |\n", "more than 1000", 3},
		{"rows of a broken table", "|a|b|c|\n|-|-|\n" + strings.Repeat("|*a_ *a_|\n", 2000), "more than 1000", 1},
		{"in a list item", "- a\n- " + strings.Repeat("*a_ ", 2000) + "\n", "more than 1000", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			d := New().Parse([]byte(tc.src), ParseOptions{})
			if len(d.Problems) != 1 || d.Problems[0].Warning || !strings.Contains(d.Problems[0].Msg, tc.msg) {
				t.Fatalf("problems = %+v, want one error containing %q", d.Problems, tc.msg)
			}
			if line := 1 + strings.Count(tc.src[:d.Problems[0].Offset], "\n"); line != tc.line {
				t.Errorf("problem on line %d, want %d", line, tc.line)
			}
			if !d.Skipped {
				t.Error("Skipped is not set")
			}
			if out := d.Render(); len(out) != 0 || len(d.Links)+len(d.Headings)+len(d.Callouts) != 0 {
				t.Errorf("a rejected text rendered %d bytes and %d links", len(out), len(d.Links))
			}
			if el := time.Since(start); el > 5*time.Second {
				t.Errorf("took %v to reject %d bytes", el, len(tc.src))
			}
		})
	}
}

// TestLimitsAccept: texts at the limits, and large texts that are not pathological, are parsed.
func TestLimitsAccept(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"16 nested block quotes", strings.Repeat("> ", 16) + "deep\n", strings.Repeat("<blockquote>\n", 16) + "<p>deep</p>"},
		{"16 nested lists", strings.Repeat("- ", 16) + "deep\n", "<li>deep</li>"},
		{"indented by 256", "- a\n" + strings.Repeat(" ", 256) + "b\n", "<li>a\nb</li>"},
		{"1000 delimiters", strings.Repeat("*a* ", 250) + "\n", "<em>a</em> <em>a</em>"},
		{"delimiters split by blank lines", strings.Repeat("*a* *b*\n\n", 2000), "<em>b</em>"},
		{"a long table", "| a | b |\n|---|---|\n" + strings.Repeat("| `x` | [y](/y) |\n", 2000), "<td><a href=\"/y\">y</a></td>"},
		{"a big code block", "```json\n" + strings.Repeat(`{"a_b": [1, (2), "<c>", "*d*"]}`+"\n", 5000) + "```\n", "<pre tabindex=\"0\"><code class=\"language-json\">"},
		{"an indented code block", "    " + strings.Repeat("[*_]", 2000) + "\n", "<pre tabindex=\"0\"><code>[*_]"},
		{"a thematic break", strings.Repeat("- ", 40) + "\n", "<hr>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := New().Parse([]byte(tc.src), ParseOptions{})
			for _, p := range d.Problems {
				if !p.Warning {
					t.Fatalf("problem %+v", p)
				}
			}
			if out := d.Render(); !bytes.Contains(out, []byte(tc.want)) {
				t.Errorf("output lacks %q:\n%.400s", tc.want, out)
			}
		})
	}
}

// TestLimitsBoundTime parses the worst texts the limits let through, a megabyte each: each takes
// a second or two, where the same patterns without limits took minutes to hours.
func TestLimitsBoundTime(t *testing.T) {
	if testing.Short() {
		t.Skip("parses several megabytes")
	}
	const size = 1 << 20
	paras := func(unit string, n int) string {
		p := strings.Repeat(unit, n) + "\n\n"
		return strings.Repeat(p, size/len(p))
	}
	for name, src := range map[string]string{
		"mismatched emphasis": paras("*a_ ", 499),
		"closers":             paras("c* ", 999),
		"unclosed links":      paras("[a](b", 199),
		"nested lists":        paras(strings.Repeat("-\t", 16)+"a\n", 1),
		"nested quotes":       paras(strings.Repeat("> ", 16)+"a\n", 1),
		"indented lists":      strings.Repeat(nestedByIndent(128)+"\n", size/len(nestedByIndent(128))),
	} {
		start := time.Now()
		d := New().Parse([]byte(src), ParseOptions{})
		d.Render()
		el := time.Since(start)
		t.Logf("%s: %d bytes in %v", name, len(src), el)
		if len(d.Problems) != 0 {
			t.Errorf("%s: %+v", name, d.Problems[0])
		}
		if el > 30*time.Second {
			t.Errorf("%s: %d bytes took %v", name, len(src), el)
		}
	}
}

// nestedByIndent is a list nested n deep by indentation, one item a line.
func nestedByIndent(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", 2*i) + "- a\n")
	}
	return b.String()
}

// backticks is cmark's "many backticks": e`e“e```… up to n backticks.
func backticks(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString("e" + strings.Repeat("`", i))
	}
	return b.String()
}

func refdefs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
	}
	return b.String()
}
