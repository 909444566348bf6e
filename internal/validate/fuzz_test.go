package validate

import (
	"bytes"
	"path"
	"strings"
	"testing"
	"testing/fstest"
)

// fuzzTargets are the files FuzzLoad replaces, by its first argument (modulo their number):
// each data file of the starter, and a new endpoints file.
var fuzzTargets = []string{
	"versions.yaml", "features.yaml", "variables.yaml", "scopes.yaml", "permissions.yaml",
	"endpoints/issues.yaml", "endpoints/fuzz.yaml",
}

// FuzzLoad puts arbitrary bytes in place of one data file of the starter dataset and checks
// that Load does not panic, returns a model exactly when there is no error, places every
// diagnostic in a data file (within the fuzzed file's lines when it is that file), and, when
// it returns a model, keeps the model's promise about requirement variants. The seed corpus is
// in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	s := schemas(f)
	base := starter(f)
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := path.Join(dataDir, fuzzTargets[int(which)%len(fuzzTargets)])
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v // Load only reads, so sharing the starter's files is safe
		}
		fsys[name] = &fstest.MapFile{Data: data}
		m, diags := Load(Options{Root: fsys, Schemas: s, BuildDate: buildDate})
		if diags == nil {
			t.Fatal("nil diagnostics")
		}
		if (m == nil) != diags.HasErrors() {
			t.Fatalf("model %v with errors=%v", m != nil, diags.HasErrors())
		}
		lineCount := bytes.Count(data, []byte("\n")) + 1
		for _, d := range diags.Sorted() {
			p := d.Pos
			if !strings.HasPrefix(p.File, dataDir+"/") || p.Line < 0 || p.Col < 0 || (p.Line == 0 && p.Col != 0) {
				t.Errorf("badly placed diagnostic: %v", d)
			}
			if p.File == name && p.Line > lineCount {
				t.Errorf("diagnostic beyond the last line (%d) of %s: %v", lineCount, name, d)
			}
		}
		if m != nil {
			checkVariants(t, m)
		}
	})
}
