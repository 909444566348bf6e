package vrange

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/textdist"
)

func TestCheck(t *testing.T) {
	env := testEnv(t)
	env.Features["ghes-next"] = mustParse(t, "ghes > 3.19") // a feature named like a version
	for _, tt := range []struct {
		src  string
		want []string // "offset+len: message"
	}{
		{"dotcom or ghec or ghes", nil},
		{"ghes-next", nil}, // a feature, though named like a version
		{"ghes >= 3.10 and not ghes = 3.19 or pat-v2 or newest", nil},
		{"ghes > 3.9 or ghes < 3.19 or ghes != 3.14 or ghes <= 3.9 or ghes >= 3.19", nil},
		{"ghes >= 0.0 or ghes != 9.9", nil}, // matches every release: allowed
		// Unknown names, with suggestions when one is close.
		{"dotcm", []string{`0+5: unknown version name "dotcm" (did you mean "dotcom"?)`}},
		{"dtocom", []string{`0+6: unknown version name "dtocom" (did you mean "dotcom"?)`}},
		{"ghes or gehs", []string{`8+4: unknown version name "gehs" (did you mean "ghes"?)`}},
		{"ghe", []string{`0+3: unknown version name "ghe" (did you mean "ghec"?)`}}, // tie: Products order
		{"pat-v3", []string{`0+6: unknown version name "pat-v3" (did you mean "pat-v2"?)`}},
		{"patv2", []string{`0+5: unknown version name "patv2" (did you mean "pat-v2"?)`}},
		{"new_ui", []string{`0+6: unknown version name "new_ui" (did you mean "new-ui"?)`}},
		{"enterprise", []string{`0+10: unknown version name "enterprise"`}},
		{"gh", []string{`0+2: unknown version name "gh"`}},
		{"ghes-3.19", []string{`0+9: unknown version name "ghes-3.19" (write "ghes = 3.19")`}},
		{"3.10", []string{`0+4: unknown version name "3.10" (a release needs a product: write "ghes = 3.10")`}},
		{"dotcm >= 3.10", []string{`0+5: unknown version name "dotcm" (did you mean "dotcom"?)`}},
		// Comparisons on what has no releases.
		{"ghec >= 3.10", []string{`0+12: product "ghec" has no releases to compare with (write "ghec" alone)`}},
		{"dotcom or dotcom=3.10", []string{`10+11: product "dotcom" has no releases to compare with (write "dotcom" alone)`}},
		{"pat-v2 >= 3.10", []string{`0+14: "pat-v2" is a feature; only a product with releases can be compared with a release`}},
		// Comparisons that match no known release.
		{"ghes >= 9.0", []string{`0+11: "ghes >= 9.0" matches no known release (known ghes releases are 3.9 to 3.19)`}},
		{"ghes > 3.19", []string{`0+11: "ghes > 3.19" matches no known release (known ghes releases are 3.9 to 3.19)`}},
		{"ghes < 3.9", []string{`0+10: "ghes < 3.9" matches no known release (known ghes releases are 3.9 to 3.19)`}},
		{"ghes = 3.11", []string{`0+11: "ghes = 3.11" matches no known release (known ghes releases are 3.9 to 3.19)`}},
		{"ghes>=3.90", []string{`0+10: "ghes >= 3.90" matches no known release (known ghes releases are 3.9 to 3.19)`}},
		// Cycles.
		{"loop-a", []string{`0+6: feature "loop-a" refers to itself: loop-a -> loop-b -> loop-a`}},
		{"dotcom or self", []string{`10+4: feature "self" refers to itself: self -> self`}},
		{"to-loop", []string{`0+7: feature "to-loop" depends on a feature cycle: to-loop -> loop-a -> loop-b -> loop-a`}},
		// Every problem at once, in source order.
		{"not (ghec > 3.1 or dotcm) and ghes >= 9.0 or loop-b or self",
			[]string{
				`5+10: product "ghec" has no releases to compare with (write "ghec" alone)`,
				`19+5: unknown version name "dotcm" (did you mean "dotcom"?)`,
				`30+11: "ghes >= 9.0" matches no known release (known ghes releases are 3.9 to 3.19)`,
				`45+6: feature "loop-b" refers to itself: loop-b -> loop-a -> loop-b`,
				`55+4: feature "self" refers to itself: self -> self`,
			}},
	} {
		var got []string
		for _, e := range env.Check(mustParse(t, tt.src)) {
			got = append(got, fmt.Sprintf("%d+%d: %s", e.Offset, e.Len, e.Msg))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Check(%q):\ngot:\n\t%s\nwant:\n\t%s", tt.src,
				strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
		}
	}
}

func TestCheckReleases(t *testing.T) {
	env := &Env{Products: []string{"ghes"}, Releases: map[string][]Release{"ghes": nil}}
	errs := env.Check(mustParse(t, "ghes >= 3.10"))
	if len(errs) != 1 || errs[0].Msg != `"ghes >= 3.10" matches no known release (no ghes releases are known)` {
		t.Errorf("no releases: %v", errs)
	}
	env.Releases["ghes"] = []Release{{3, 19}}
	errs = env.Check(mustParse(t, "ghes < 3.19"))
	if len(errs) != 1 || errs[0].Msg != `"ghes < 3.19" matches no known release (the only known ghes release is 3.19)` {
		t.Errorf("one release: %v", errs)
	}
	// Without a product with releases, a bare release gets no hint.
	errs = (&Env{Products: []string{"dotcom"}}).Check(mustParse(t, "3.10"))
	if len(errs) != 1 || errs[0].Msg != `unknown version name "3.10"` {
		t.Errorf("bare release: %v", errs)
	}
}

func TestCheckFeatureDefinitions(t *testing.T) {
	// Each feature's own expression is checked on its own; its problems are not reported
	// where it is used.
	env := testEnv(t)
	env.Features["broken"] = mustParse(t, "dotcm or ghec > 1.0")
	if errs := env.Check(mustParse(t, "broken or dotcom")); len(errs) != 0 {
		t.Errorf("Check reported problems of a feature's definition: %v", errs)
	}
	if errs := env.Check(env.Features["broken"]); len(errs) != 2 {
		t.Errorf("Check(broken's definition) = %v, want 2 problems", errs)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"ghes", "ghes", 0},
		{"ghes", "ghec", 1},
		{"gehs", "ghes", 1}, // transposition
		{"dotcm", "dotcom", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau
	} {
		if got := textdist.Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("textdist.Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
