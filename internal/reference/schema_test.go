package reference

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/scoperef/scoperef/internal/model"
)

// downloadSchemas maps each generated data file to the schema describing it.
var downloadSchemas = map[string]string{
	"permissions.json": "download-permissions.schema.json",
	"endpoints.json":   "download-endpoints.schema.json",
	"endpoints.csv":    "download-endpoints-csv.schema.json",
	"scopes.json":      "download-scopes.schema.json",
	"migrate.json":     "download-migrate.schema.json",
	"calculator.json":  "download-calculator.schema.json",
}

func compileDownloadSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	names, err := filepath.Glob("../../schema/*.schema.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no schemas: %v", err)
	}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource("https://scoperef.dev/schema/"+filepath.Base(name), doc); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for file, schema := range downloadSchemas {
		s, err := c.Compile("https://scoperef.dev/schema/" + schema)
		if err != nil {
			t.Fatalf("%s: %v", schema, err)
		}
		out[file] = s
	}
	return out
}

// instances returns what the schema of a download validates: the JSON document, or one object
// per CSV row keyed by the header.
func instances(t *testing.T, name string, data []byte) []any {
	t.Helper()
	if !strings.HasSuffix(name, ".csv") {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return []any{doc}
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("%s: header %v, want %v", name, rows[0], CSVHeader)
	}
	var out []any
	for _, row := range rows[1:] {
		obj := map[string]any{}
		for i, col := range rows[0] {
			obj[col] = row[i]
		}
		out = append(out, obj)
	}
	return out
}

// TestDownloadsMatchSchemas validates every data file of every version against its schema, and
// checks that a broken file fails, so the validation is known to bite.
func TestDownloadsMatchSchemas(t *testing.T) {
	schemas := compileDownloadSchemas(t)
	validated := 0
	for _, m := range models(t) {
		validated += validateDownloads(t, schemas, m)
	}
	if validated < 20 {
		t.Errorf("only %d instances validated", validated)
	}

	m := loadStarter(t)
	dotcom := New(m, English{}, Options{}).Downloads(version(t, m, "dotcom"))
	for name, broken := range map[string]string{
		"endpoints.json":   strings.Replace(string(dotcom["endpoints.json"]), `"write"`, `"writ"`, 1),
		"permissions.json": strings.Replace(string(dotcom["permissions.json"]), `"group": "repository"`, `"group": "repo"`, 1),
		"scopes.json":      strings.Replace(string(dotcom["scopes.json"]), `"implies"`, `"implied"`, 1),
		"endpoints.csv":    strings.Replace(string(dotcom["endpoints.csv"]), "issues: read", "issues read", 1),
		"migrate.json":     strings.Replace(string(dotcom["migrate.json"]), `"anchor": "issues-`, `"anchor": "Issues/`, 1),
		"calculator.json":  strings.Replace(string(dotcom["calculator.json"]), `"level":"write"`, `"level":"none"`, 1),
	} {
		if broken == string(dotcom[name]) {
			t.Fatalf("%s: the breaking edit did not apply", name)
		}
		failed := false
		for _, inst := range instances(t, name, []byte(broken)) {
			if schemas[name].Validate(inst) != nil {
				failed = true
			}
		}
		if !failed {
			t.Errorf("a broken %s passes its schema", name)
		}
	}
}

func validateDownloads(t *testing.T, schemas map[string]*jsonschema.Schema, m *model.Model) int {
	g := New(m, English{}, Options{})
	validated := 0
	for _, v := range m.Versions {
		files := g.Downloads(v)
		for name, data := range files {
			sch, ok := schemas[name]
			if !ok {
				if strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".csv") {
					t.Errorf("download %s has no schema", name)
				}
				continue
			}
			for _, inst := range instances(t, name, data) {
				if err := sch.Validate(inst); err != nil {
					t.Errorf("%s %s: %v", v.Name(), name, err)
				}
				validated++
			}
		}
		if again := g.Downloads(v); !bytes.Equal(again["endpoints.json"], files["endpoints.json"]) || !bytes.Equal(again["endpoints.csv"], files["endpoints.csv"]) {
			t.Errorf("%s: downloads differ between two calls", v.Name())
		}
	}
	return validated
}
