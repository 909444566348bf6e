package site

import (
	"bytes"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txtar from the current output")

// goldenFiles are the fixture site's files compared byte for byte with testdata/golden.txtar.
var goldenFiles = []string{
	"index.html",
	"404.html",
	"robots.txt",
	"sitemap.xml",
	"en/sitemap.xml",
	"en/index.html",
	"fr/guide/index.html",
	"ja/enterprise-server@3.20/reference/scopes/index.html",
	"ko/enterprise-server@3.9/guide/index.html",
	"ja/guide/index.html",
	"en/enterprise-cloud@latest/old-guide/index.html",
	"fr/search-index.json",
	"ja/enterprise-server@3.20/search-index.json",
}

func buildFixture(t testing.TB) (*Mem, *Report) {
	t.Helper()
	mem := NewMem()
	rep, err := Build(fixtureOptions(t), mem)
	if err != nil {
		t.Fatal(err)
	}
	return mem, rep
}

func TestGolden(t *testing.T) {
	mem, _ := buildFixture(t)
	const golden = "testdata/golden.txtar"
	if *update {
		ar := &txtar.Archive{Comment: []byte("Selected files of the fixture site (fixture_test.go). Regenerate: go test ./internal/site -run TestGolden -update\n")}
		for _, name := range goldenFiles {
			data, ok := mem.File(name)
			if !ok {
				t.Fatalf("no %s", name)
			}
			ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
		}
		if err := os.WriteFile(golden, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	ar, err := txtar.ParseFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if len(ar.Files) != len(goldenFiles) {
		t.Errorf("golden has %d files, want %d: run with -update", len(ar.Files), len(goldenFiles))
	}
	for _, f := range ar.Files {
		got, ok := mem.File(f.Name)
		if !ok {
			t.Errorf("%s: not built", f.Name)
			continue
		}
		want := f.Data
		if !bytes.HasSuffix(got, []byte("\n")) {
			want = bytes.TrimSuffix(want, []byte("\n")) // txtar ends every file with a newline
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run with -update and review the diff):\n%s", f.Name, golden, lineDiff(string(f.Data), string(got)))
		}
	}
}

// lineDiff shows the first differing lines as (-want +got).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n-" + a + "\n+" + b
		}
	}
	return ""
}
