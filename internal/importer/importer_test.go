package importer

import (
	"bytes"
	"compress/gzip"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/e2e/want")

// setup copies the fixture data directory (versions.yaml, features.yaml) to a temporary one
// and returns the import configuration for the fixture inputs.
func setup(t *testing.T) Config {
	t.Helper()
	out := t.TempDir()
	for _, name := range []string{"versions.yaml", "features.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/e2e/data", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	openapi, _, err := ResolveInputs([]string{"testdata/e2e/openapi"})
	if err != nil {
		t.Fatal(err)
	}
	fine, _, err := ResolveInputs([]string{"testdata/e2e/fine-grained"})
	if err != nil {
		t.Fatal(err)
	}
	return Config{Out: out, OpenAPI: openapi, FineGrained: fine}
}

// outputs returns the files the import wrote, by path relative to dir.
func outputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel == "versions.yaml" || rel == "features.yaml" {
			return nil
		}
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func runImport(t *testing.T, cfg Config) (*Report, string) {
	t.Helper()
	rep, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep.Write(&buf, true)
	return rep, buf.String()
}

// TestGolden imports the fixture and compares every written file and the report with
// testdata/e2e/want (go test -update rewrites them).
func TestGolden(t *testing.T) {
	cfg := setup(t)
	rep, report := runImport(t, cfg)
	if len(rep.Problems) > 0 {
		t.Errorf("problems: %q", rep.Problems)
	}
	got := outputs(t, cfg.Out)
	got["report.txt"] = report
	want := "testdata/e2e/want"
	if *update {
		os.RemoveAll(want)
		for name, data := range got {
			path := filepath.Join(want, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	wantFiles := outputs(t, want)
	for name, w := range wantFiles {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: not written", name)
		} else if g != w {
			t.Errorf("%s differs (-want +got):\n%s", name, lineDiff(w, g))
		}
	}
	for name := range got {
		if _, ok := wantFiles[name]; !ok {
			t.Errorf("%s: written but not expected", name)
		}
	}
}

// lineDiff is a small line diff for test failures.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("  line " + strconv.Itoa(i+1) + "\n  -" + a + "\n  +" + c + "\n")
		}
	}
	return b.String()
}

// TestRerunIdentical: a second import on the same inputs changes no byte.
func TestRerunIdentical(t *testing.T) {
	cfg := setup(t)
	runImport(t, cfg)
	first := outputs(t, cfg.Out)
	rep, _ := runImport(t, cfg)
	if rep.Changed != 0 {
		t.Errorf("second run changed %d files", rep.Changed)
	}
	second := outputs(t, cfg.Out)
	if len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for name, data := range first {
		if second[name] != data {
			t.Errorf("%s changed on the second run", name)
		}
	}
}

// TestHandWrittenSurvives: descriptions, added keys, added entries and hand-written notes stay
// through a re-import; the importer's own values are restored.
func TestHandWrittenSurvives(t *testing.T) {
	cfg := setup(t)
	runImport(t, cfg)
	edit := func(name, old, new string) {
		t.Helper()
		path := filepath.Join(cfg.Out, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s: %q not found", name, old)
		}
		if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("scopes.yaml", "  - id: repo\n    title: Full control of private repositories\n",
		"  - id: repo\n    title: Edited title\n    description: Grants **everything** about repositories.\n")
	edit("scopes.yaml", "scopes:\n", "scopes:\n  - id: custom:scope\n    title: Added by hand\n    parents: []\n")
	edit("permissions.yaml", "    title: Issues\n", "    title: Issues\n    description: Issues and their comments.\n")
	edit("endpoints/issues.yaml", "title: Issues", "title: Issues and assignees")
	// A note on the ghes 3.18 variant of list-assignees, and one on the single variant of create.
	ghes318 := "      - versions: ghes = 3.18\n        github_apps: true\n        fine_grained: {accepted: false}\n        classic:\n          private:\n            - [repo]\n          public:\n            - []\n          notes:\n            - " + noteRepository + "\n"
	edit("endpoints/issues.yaml", ghes318, ghes318+"            - Checked by hand on 3.18.\n")
	edit("endpoints/issues.yaml", "          any_of:\n            - [repo]\n",
		"          any_of:\n            - [repo]\n          notes:\n            - Also creates a notification.\n            - Any user with pull access to a repository can create an issue.\n")

	// A default rule's note is the importer's: on an endpoint whose description names a scope it
	// goes (issues/create), and on one the rule covers it is not written twice (repos/get).
	edit("endpoints/issues.yaml", "            - Also creates a notification.\n",
		"            - Also creates a notification.\n            - "+noteRepository+"\n")
	edit("endpoints/repos.yaml", "            - "+noteRepository+"\n",
		"            - "+noteRepository+"\n            - "+noteRepository+"\n")

	rep, _ := runImport(t, cfg)
	files := outputs(t, cfg.Out)
	if _, create, _ := strings.Cut(files["endpoints/issues.yaml"], "operation: issues/create\n"); strings.Contains(create, noteRepository) {
		t.Errorf("a default note was kept as hand-written:\n%s", create)
	}
	if strings.Count(files["endpoints/repos.yaml"], noteRepository) != 1 {
		t.Errorf("repos/get's default note:\n%s", files["endpoints/repos.yaml"])
	}
	for _, c := range []struct{ file, want string }{
		{"scopes.yaml", "  - id: repo\n    title: Full control of private repositories\n    parents: []\n    description: Grants **everything** about repositories.\n"},
		{"scopes.yaml", "  - id: custom:scope\n    title: Added by hand\n    parents: []\n"},
		{"permissions.yaml", "    title: Issues\n    levels: [read, write]\n    versions: dotcom or ghec or ghes >= 3.18\n    description: Issues and their comments.\n"},
		{"endpoints/issues.yaml", "title: Issues and assignees\n"},
		{"endpoints/issues.yaml", ghes318 + "            - Checked by hand on 3.18.\n"},
		{"endpoints/issues.yaml", "          any_of:\n            - [repo]\n          notes:\n            - Also creates a notification.\n"},
	} {
		if !strings.Contains(files[c.file], c.want) {
			t.Errorf("%s lacks:\n%s\nhas:\n%s", c.file, c.want, files[c.file])
		}
	}
	// A sentence of the description is the importer's, not a hand-written note: it goes.
	if strings.Contains(files["endpoints/issues.yaml"], "Any user with pull access") {
		t.Error("a note copied from the description was kept")
	}
	if !strings.Contains(strings.Join(rep.Merge, "\n"), "scope custom:scope is not imported; its hand-written entry is kept") {
		t.Errorf("merge report: %q", rep.Merge)
	}
}

// TestStaleFileRemoved: an endpoint file of the importer for a category that no longer exists
// goes; a file without the importer's header stays.
func TestStaleFileRemoved(t *testing.T) {
	cfg := setup(t)
	runImport(t, cfg)
	dir := filepath.Join(cfg.Out, "endpoints")
	old, err := os.ReadFile(filepath.Join(dir, "orgs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "gone.yaml"), bytes.Replace(old, []byte("category: orgs"), []byte("category: gone"), 1), 0o644)
	os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("# yaml-language-server: $schema=../../../schema/endpoints.schema.json\ncategory: mine\ntitle: Mine\nendpoints: []\n"), 0o644)
	rep, _ := runImport(t, cfg)
	if len(rep.Removed) != 1 || rep.Removed[0] != filepath.Join("endpoints", "gone.yaml") {
		t.Errorf("removed %q", rep.Removed)
	}
	if _, err := os.Stat(filepath.Join(dir, "mine.yaml")); err != nil {
		t.Error("a hand-written file was removed")
	}
}

func TestGzipInput(t *testing.T) {
	cfg := setup(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	data, err := os.ReadFile("testdata/e2e/openapi/ghec.json")
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	path := filepath.Join(dir, "ghec.json.gz")
	os.WriteFile(path, buf.Bytes(), 0o644)
	got, err := readInput(path)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("readInput: %v", err)
	}
	inputs, _, err := ResolveInputs([]string{"testdata/e2e/openapi/api.github.com.json", "ghes-3.18=testdata/e2e/openapi/ghes-3.18.json", dir, "testdata/e2e/openapi/ghes-3.19.json"})
	if err != nil || len(inputs) != 4 || inputs[1].Path != path {
		t.Fatalf("inputs %+v, %v", inputs, err)
	}
	cfg.OpenAPI = inputs
	if _, err := Run(cfg); err != nil {
		t.Fatal(err)
	}
}

func TestInputErrors(t *testing.T) {
	if _, _, err := ResolveInputs([]string{"testdata/e2e/openapi", "testdata/e2e/openapi/ghec.json"}); err == nil ||
		!strings.Contains(err.Error(), "two inputs for ghec") {
		t.Errorf("duplicate version: %v", err)
	}
	if _, _, err := ResolveInputs([]string{"testdata/tables/flags.txt"}); err == nil {
		t.Error("a file name without a version was accepted")
	}
	cfg := setup(t)
	cfg.FineGrained = cfg.FineGrained[1:]
	if _, err := Run(cfg); err == nil || !strings.Contains(err.Error(), "no fine-grained table given for dotcom") {
		t.Errorf("missing table: %v", err)
	}
	cfg = setup(t)
	cfg.Oracle = "testdata/tables/flags.txt"
	if _, err := Run(cfg); err == nil || !strings.Contains(err.Error(), "list format") {
		t.Errorf("oracle in the wrong format: %v", err)
	}
}
