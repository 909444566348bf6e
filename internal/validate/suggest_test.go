package validate

import (
	"testing"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/textdist"
	"github.com/scoperef/scoperef/internal/yamlio"
)

func TestDidYouMean(t *testing.T) {
	ids := []string{"admin:org", "write:org", "read:org", "repo", "public_repo", "title", "parents", "GET", "DELETE"}
	tests := []struct {
		name, want string
	}{
		{"admn:org", ` (did you mean "admin:org"?)`}, // one deletion
		{"titel", ` (did you mean "title"?)`},        // one transposition
		{"parent", ` (did you mean "parents"?)`},     // one insertion
		{"rpo", ` (did you mean "repo"?)`},           // short names allow one edit
		{"delete", ` (did you mean "DELETE"?)`},      // case only
		{"get", ` (did you mean "GET"?)`},            // case only, beyond the edit limit
		{"repo", ""},                                 // an exact match is not a suggestion
		{"organization", ""},                         // nothing close
		{"rp", ""},                                   // two edits away from "repo" is too far for two letters
		{"writ:org", ` (did you mean "write:org"?)`}, // closest wins
		{"read:orgs", ` (did you mean "read:org"?)`}, // closest wins
		{"", ""}, // nothing to suggest for nothing
		{"public-repo", ` (did you mean "public_repo"?)`}, // one substitution
	}
	for _, tt := range tests {
		if got := didYouMean(tt.name, ids); got != tt.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := didYouMean("titel", nil); got != "" {
		t.Errorf("didYouMean with no candidates = %q, want none", got)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"title", "title", 0},
		{"titel", "title", 1}, // adjacent transposition
		{"ab", "ba", 1},
		{"abc", "ca", 3}, // optimal string alignment: no edit of a transposed pair
		{"kitten", "sitting", 3},
		{"admn:org", "admin:org", 1},
	}
	for _, tt := range tests {
		if got := textdist.Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("textdist.Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := textdist.Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("textdist.Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestValuePos checks that a byte offset inside a scalar's value maps to the right line and
// column of the source, and to the value's own position whenever the source does not hold the
// value verbatim (escapes, block scalars).
func TestValuePos(t *testing.T) {
	tests := []struct {
		name string
		src  string // a one-key mapping: the value of "v"
		off  int    // byte offset in the value
		want string // line:col
	}{
		{"plain, start", "v: dotcom or gehs\n", 0, "1:4"},
		{"plain", "v: dotcom or gehs\n", 10, "1:14"},
		{"plain, end", "v: dotcom or gehs\n", 14, "1:18"},
		{"blanks before", "v:    ghes >= 9.0\n", 8, "1:15"},
		{"double-quoted", "v: \"dotcom or gehs\"\n", 10, "1:15"},
		{"single-quoted", "v: 'dotcom or gehs'\n", 10, "1:15"},
		{"single-quoted, doubled quote before", "v: 'a ''b'' gehs'\n", 8, "1:15"},
		{"single-quoted, at a doubled quote", "v: 'a ''b'' gehs'\n", 2, "1:7"},
		{"flow mapping", "{v: dotcom or gehs}\n", 10, "1:15"},
		{"multibyte before", "v: 'é or gehs'\n", 6, "1:10"}, // columns count characters
		{"folded plain, second line", "v: dotcom or ghec\n  or gehs\n", 18, "2:6"},
		{"folded plain, at the fold", "v: dotcom or ghec\n  or gehs\n", 14, "1:18"}, // the end of the line
		{"folded plain, trailing blanks", "v: dotcom  \n   or gehs\n", 10, "2:7"},
		{"folded quoted, second line", "v: \"dotcom or\n  gehs\"\n", 10, "2:3"},
		{"CRLF fold", "v: dotcom or\r\n  gehs\r\n", 10, "2:3"},
		{"escape before: fall back to the value", "v: \"\\x67hes or gehs\"\n", 8, "1:4"},
		{"escape after: exact", "v: \"gehs or \\x67hes\"\n", 0, "1:5"},
		{"block scalar: fall back to the value", "v: >-\n  dotcom or gehs\n", 10, "1:4"},
		{"literal block with a newline: fall back", "v: |\n  dotcom\n  gehs\n", 8, "1:4"},
		{"blank line in a plain scalar: fall back", "v: dotcom\n\n  gehs\n", 7, "1:4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := yamlio.Parse("f.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			n := root.Get("v")
			if n == nil || n.Kind != yamlio.Scalar {
				t.Fatalf("no scalar v in %q", tt.src)
			}
			if tt.off > len(n.Value) {
				t.Fatalf("offset %d beyond value %q", tt.off, n.Value)
			}
			got := valuePos([]byte(tt.src), n, tt.off)
			if got.File != "f.yaml" {
				t.Errorf("file = %q, want f.yaml", got.File)
			}
			if s := lineCol(got); s != tt.want {
				t.Errorf("valuePos(%q, offset %d: %q) = %s, want %s", n.Value, tt.off, n.Value[tt.off:], s, tt.want)
			}
		})
	}
	t.Run("no source", func(t *testing.T) {
		n := &yamlio.Node{Kind: yamlio.Scalar, Value: "dotcom", Pos: diag.Pos{File: "f", Line: 3, Col: 5}}
		if got := valuePos(nil, n, 2); got != n.Pos {
			t.Errorf("valuePos without source = %v, want the value's position %v", got, n.Pos)
		}
	})
}

func lineCol(p diag.Pos) string {
	return diag.Pos{Line: p.Line, Col: p.Col}.String()[1:]
}
