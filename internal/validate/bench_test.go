package validate

import (
	"io/fs"
	"strings"
	"testing"
)

// BenchmarkCheck measures what "scoperef check" does on the repository's shipped content
// (content/data at the module root, read from disk on every iteration): "compile+load" compiles
// the schemas (the root's schema/ folder, as check uses it) and loads and validates the data;
// "load" leaves the schemas compiled once. It reports the number of endpoints checked, and
// MB/s over the size of content/data.
//
//	go test ./internal/validate -run '^$' -bench BenchmarkCheck -benchmem
func BenchmarkCheck(b *testing.B) {
	root := repoRoot()
	schemaFS, err := fs.Sub(root, "schema")
	if err != nil {
		b.Fatal(err)
	}
	size := dataSize(b, root)
	check := func(b *testing.B, s *Schemas) int {
		m, diags := Load(Options{Root: root, Schemas: s, BuildDate: buildDate})
		if m == nil {
			b.Fatalf("content/data has errors:\n%s", strings.Join(lines(diags.Sorted()), "\n"))
		}
		return len(m.Endpoints)
	}
	b.Run("compile+load", func(b *testing.B) {
		b.SetBytes(size)
		var n int
		for b.Loop() {
			s, err := CompileSchemas(schemaFS)
			if err != nil {
				b.Fatal(err)
			}
			n = check(b, s)
		}
		b.ReportMetric(float64(n), "endpoints")
	})
	b.Run("load", func(b *testing.B) {
		s, err := CompileSchemas(schemaFS)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(size)
		var n int
		for b.Loop() {
			n = check(b, s)
		}
		b.ReportMetric(float64(n), "endpoints")
	})
}

// dataSize is the total size of the files under content/data.
func dataSize(b *testing.B, root fs.FS) int64 {
	var size int64
	err := fs.WalkDir(root, dataDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		size += info.Size()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return size
}
