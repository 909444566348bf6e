package validate

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
)

// The tests run on the starter dataset (examples/starter), read into memory once, with the
// repository's schemas, on a fixed build date: 2026-11-22, when ghes 3.9, 3.17 and 3.18 are
// deprecated and 3.19 is supported.

const (
	starterDir = "../../examples/starter"
	schemaDir  = "../../schema"
)

var buildDate = time.Date(2026, time.November, 22, 0, 0, 0, 0, time.UTC)

var testSchemas = sync.OnceValues(func() (*Schemas, error) { return CompileSchemas(os.DirFS(schemaDir)) })

// schemas returns the repository's compiled schemas.
func schemas(t testing.TB) *Schemas {
	t.Helper()
	s, err := testSchemas()
	if err != nil {
		t.Fatalf("CompileSchemas: %v", err)
	}
	return s
}

var starterFiles = sync.OnceValues(func() (fstest.MapFS, error) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(starterDir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join(starterDir, name))
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	return fsys, err
})

// starter returns a fresh in-memory copy of the starter dataset.
func starter(t testing.TB) fstest.MapFS {
	t.Helper()
	files, err := starterFiles()
	if err != nil {
		t.Fatalf("reading the starter dataset: %v", err)
	}
	if _, ok := files["content/data/versions.yaml"]; !ok {
		t.Fatalf("no content/data/versions.yaml under %s", starterDir)
	}
	fsys := fstest.MapFS{}
	for name, f := range files {
		fsys[name] = &fstest.MapFile{Data: slices.Clone(f.Data)}
	}
	return fsys
}

// edit changes one file under content/data: it replaces old, which must occur exactly once, by
// new; with old empty it sets the whole file to new; with both empty it removes the file.
type edit struct {
	file, old, new string
}

// apply applies edits to fsys, failing the test when an edit does not fit the file.
func apply(t testing.TB, fsys fstest.MapFS, edits ...edit) fstest.MapFS {
	t.Helper()
	for _, e := range edits {
		name := path.Join(dataDir, e.file)
		switch {
		case e.old == "" && e.new == "":
			if fsys[name] == nil {
				t.Fatalf("edit: no file %s to remove", name)
			}
			delete(fsys, name)
		case e.old == "":
			fsys[name] = &fstest.MapFile{Data: []byte(e.new)}
		default:
			f := fsys[name]
			if f == nil {
				t.Fatalf("edit: no file %s", name)
			}
			if n := strings.Count(string(f.Data), e.old); n != 1 {
				t.Fatalf("edit: %q occurs %d times in %s, want once", e.old, n, name)
			}
			f.Data = []byte(strings.Replace(string(f.Data), e.old, e.new, 1))
		}
	}
	return fsys
}

// load runs Load on fsys and checks its invariant: a model exactly when there is no error.
func load(t testing.TB, fsys fs.FS) (*model.Model, *diag.List) {
	t.Helper()
	m, diags := Load(Options{Root: fsys, Schemas: schemas(t), BuildDate: buildDate})
	if diags == nil {
		t.Fatal("Load returned a nil diagnostics list")
	}
	if (m == nil) != diags.HasErrors() {
		t.Fatalf("Load returned model %v with errors=%v; want a model exactly when there is no error", m != nil, diags.HasErrors())
	}
	return m, diags
}

// lines renders diagnostics as scoperef check prints them.
func lines(ds []diag.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

// diffLines returns "" when want and got are equal, else both listed, (-want +got) style.
func diffLines(want, got []string) string {
	if slices.Equal(want, got) {
		return ""
	}
	var b strings.Builder
	b.WriteString("(-want +got):\n")
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.WriteString("- " + w + "\n")
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			b.WriteString("+ " + g + "\n")
		}
	}
	if !strings.Contains(b.String(), "\n-") && !strings.Contains(b.String(), "\n+") {
		b.WriteString("(same lines, different order or count)\nwant:\n  " + strings.Join(want, "\n  ") +
			"\ngot:\n  " + strings.Join(got, "\n  ") + "\n")
	}
	return b.String()
}

// repoRoot is the module's root folder, whose content/data is the shipped dataset.
func repoRoot() fs.FS { return os.DirFS("../..") }
