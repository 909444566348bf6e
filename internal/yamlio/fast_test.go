package yamlio

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fastCases are small documents in parseFast's form, or near it (it may refuse some: then the
// library reads them, and there is nothing to compare).
var fastCases = []string{
	"a: 1\n",
	"a: [1, 2]\nb: {c: d}\n",
	"scopes:\n  - id: repo\n    parents: [a, b]\n  - id: gist\n",
	"a:\n- x\n- y\nb: 2\n",
	"a:\n  - x: 1\n    y: [2, 'three', \"four\"]\n  - z\nb:\n  c:\n    d: e # comment\n",
	"# head\nk: 'it''s' # tail\nl: \"q\"\nm: 2024-01-02\nn: 3.9\no: true\np: null\nq: ~\nr: yes\n",
	"x: {a: [1, {b: c}], d: []}\ny: {}\nz: [[], [a]]\n",
	"  a: 1\n  b: 2\n",
	"a: b:c\nd: e#f\ng: h [i] {j}\nk: /x/{y}/z\n",
	"é: ü\nx: [ä, 'ö']\n",
	"a: 1\n  b: 2\n",
	"a: b\n  c\n",
	"a:\nb: 1\n",
	"a: [x\nb: 1\n",
	"a: 1\na: 2\n",
	"- a\n- b\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"a: |\n  text\n",
	"a: 'x\n  y'\n",
	"a: \"x\\ty\"\n",
	"---\na: 1\n",
	"a: 1\n---\nb: 2\n",
	"a:\n  - b\n   - c\n",
	"a:\n    b: 1\n  c: 2\n",
	"- a: 1\n  - b\n",
	"a: [a: b]\n",
	"a: {a: b, a: c}\n",
	"a: [a, b, ]\n",
	"a: {x: 1}extra\n",
	"a: 'x'y\n",
	"a:\n  - - x\n",
	"a: -1\nb: [-1]\n",
	"a:    spaced    # c\nb:   [ x ,  y ]  \n",
	"? a\n: b\n",
	"a: [x y, z  w]\n",
	"a: {b : c}\n",
	"a: [b :c]\n",
	"a\tb: c\n",
	"a: b\r\nc: d\r\n",
	"a: 1\n...\n",
	"<<: {a: 1}\n",
	"a: <<\n",
	"true: 1\n1: x\nnull: y\n",
	"\ufeffa: 1\n",
	"a: 1",
	"a: Yes\nb: No\nc: off\nd: ON\ne: Null\nf: .5\ng: +1\nh: ~\ni: <x\nj: 0x1F\nk: 1_000\nl: 2001-12-14 21:59:43.10\nm: Tuesday\nn: FALSE\no: .inf\np: 1e3\nq: 0o17\nr: zz\n",
	"Yes: 1\nNo: 2\n~: 3\n.5: 4\nx: [Yes, no, ~, .NaN, +.inf, 2020-01-01]\n",
	"a: 1\n\n\n# end\n",
}

func TestFastMatchesLibrary(t *testing.T) {
	for i, src := range fastCases {
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkFast(t, []byte(src)) })
	}
}

// TestFastReadsTheData checks that the project's own data files all take the fast path, and
// that it gives what the library gives.
func TestFastReadsTheData(t *testing.T) {
	root := filepath.Join("..", "..", "content", "data")
	n := 0
	err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".yaml") {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if parseFast(name, data) == nil {
			t.Errorf("%s: parseFast refused it", name)
		}
		checkFast(t, data)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Skip("no data files")
	}
}

func FuzzFastParse(f *testing.F) {
	for _, src := range fastCases {
		f.Add([]byte(src))
	}
	for _, name := range []string{"versions.yaml", "scopes.yaml", "endpoints/emojis.yaml", "endpoints/credentials.yaml"} {
		if data, err := os.ReadFile(filepath.Join("..", "..", "content", "data", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(checkFast)
}

// checkFast fails when parseFast accepts data but the library refuses it or reads it otherwise.
func checkFast(t *testing.T, data []byte) {
	fast := parseFast("f.yaml", data)
	if fast == nil {
		return
	}
	slow, err := parseLibrary("f.yaml", data)
	if err != nil {
		t.Fatalf("parseFast accepted what the library refuses (%v):\n%s", err, data)
	}
	if d := nodeDiff(fast, slow, "$"); d != "" {
		t.Fatalf("parseFast and the library differ at %s:\n%s", d, data)
	}
}

func nodeDiff(a, b *Node, at string) string {
	switch {
	case a == nil || b == nil:
		if a != b {
			return at + ": one is nil"
		}
		return ""
	case a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Pos != b.Pos || a.Flow != b.Flow ||
		a.Quoted != b.Quoted || a.Comment != b.Comment:
		return fmt.Sprintf("%s: fast %+v, library %+v", at, *a, *b)
	case len(a.Content) != len(b.Content) || (a.Content == nil) != (b.Content == nil):
		return fmt.Sprintf("%s: fast has %d items, library %d", at, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := nodeDiff(a.Content[i], b.Content[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
			return d
		}
	}
	return ""
}
