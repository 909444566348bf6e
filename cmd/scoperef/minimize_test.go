package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestMinimizeJSONSchema: scoperef minimize --json output is valid against
// schema/minimize.schema.json, for private and public resources, with unavailable endpoints and
// without; and a broken output is not.
func TestMinimizeJSONSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	names, _ := filepath.Glob("../../schema/*.schema.json")
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
	sch, err := c.Compile("https://scoperef.dev/schema/minimize.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var outputs []string
	for _, args := range [][]string{
		{"-version", "ghes-3.19", "issues/get", "POST /repos/{owner}/{repo}/merges", "GET", "/admin/hooks"},
		{"-version", "dotcom", "-visibility", "public", "GET /repos/octo/hello/issues/7", "users/list-emails-for-authenticated-user"},
		{"-version", "dotcom", "issues/list-for-repo"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(&cmdEnv{stdout: &stdout, stderr: &stderr}, append([]string{"minimize", "-root", starterDir, "--json"}, args...))
		if code != 0 {
			t.Fatalf("minimize %v: exit %d: %s", args, code, stderr.String())
		}
		outputs = append(outputs, stdout.String())
	}
	outputs = append(outputs, strings.Replace(outputs[0], `"level": "write"`, `"level": "none"`, 1))
	for i, out := range outputs {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		err = sch.Validate(doc)
		if broken := i == len(outputs)-1; broken != (err != nil) {
			t.Errorf("output %d (broken: %v): validation error %v\n%s", i, broken, err, out)
		}
	}
}
