package validate

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/yamlio"
)

// dataKinds are the schemas of the files under content/data, which Load reads.
var dataKinds = []string{"versions", "features", "variables", "scopes", "permissions", "endpoints"}

// fixture is one YAML document that must be valid against the schema of its kind.
type fixture struct {
	name string // for messages: where it comes from
	kind string // schema name: versions, features, ..., endpoints
	data []byte
}

// validFixtures gathers every document that must pass its schema: the starter dataset, the
// repository's own content/data, the examples in docs/format.md, and testdata/schema/*.yaml
// (named KIND.NAME.yaml), which use every optional key.
func validFixtures(t *testing.T) []fixture {
	t.Helper()
	var out []fixture
	add := func(prefix string, fsys fs.FS) {
		names, err := fs.Glob(fsys, "content/data/*.yaml")
		if err != nil {
			t.Fatal(err)
		}
		eps, err := fs.Glob(fsys, "content/data/endpoints/*.yaml")
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range append(names, eps...) {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fixture{prefix + name, schemaFor(name), data})
		}
	}
	add("examples/starter/", starter(t))
	add("", os.DirFS("../.."))

	doc, err := os.ReadFile("../../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := regexp.MustCompile("(?ms)^## (content/data/[^\n]*)\n.*?^```yaml\n(.*?)^```")
	for _, m := range examples.FindAllSubmatch(doc, -1) {
		file := string(m[1])
		out = append(out, fixture{"docs/format.md example of " + file, schemaFor(file), m[2]})
	}

	local, err := fs.Glob(os.DirFS("testdata/schema"), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range local {
		data, err := os.ReadFile(path.Join("testdata/schema", name))
		if err != nil {
			t.Fatal(err)
		}
		kind, _, _ := strings.Cut(name, ".")
		out = append(out, fixture{"testdata/schema/" + name, kind, data})
	}
	return out
}

// TestSchemasAcceptValidFixtures validates every valid fixture against its schema and asserts
// that it passes with no diagnostic.
func TestSchemasAcceptValidFixtures(t *testing.T) {
	s := schemas(t)
	fixtures := validFixtures(t)
	kinds := map[string]int{}
	for _, f := range fixtures {
		kinds[f.kind]++
		root, err := yamlio.Parse(f.name, f.data)
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		var diags diag.List
		ok := s.Validate(f.kind, root, &diags)
		if !ok || diags.Len() > 0 {
			t.Errorf("%s is not valid against %s.schema.json (ok=%v):\n%s", f.name, f.kind, ok, strings.Join(lines(diags.Sorted()), "\n"))
		}
	}
	for _, k := range dataKinds {
		if kinds[k] < 3 {
			t.Errorf("only %d valid %s fixtures; want the starter's, the docs' and one in testdata/schema at least", kinds[k], k)
		}
	}
}

// TestSchemaFixturesUseEveryKey asserts that, for each kind, every key its schema declares
// appears in some valid fixture, so that TestSchemasAcceptValidFixtures exercises all of them.
func TestSchemaFixturesUseEveryKey(t *testing.T) {
	s := schemas(t)
	used := map[string]map[string]bool{}
	for _, f := range validFixtures(t) {
		root, err := yamlio.Parse(f.name, f.data)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if used[f.kind] == nil {
			used[f.kind] = map[string]bool{}
		}
		collectUsedKeys(root, used[f.kind])
	}
	for _, kind := range dataKinds {
		prefix := schemaBase + kind + ".schema.json#"
		for loc, keys := range s.keysAt {
			if !strings.HasPrefix(loc, prefix) {
				continue
			}
			for _, k := range keys {
				if !used[kind][k] {
					t.Errorf("%s.schema.json declares %q (at %s) but no valid fixture uses it", kind, k, strings.TrimPrefix(loc, prefix))
				}
			}
		}
	}
}

func collectUsedKeys(n *yamlio.Node, keys map[string]bool) {
	n.Pairs(func(k, v *yamlio.Node) {
		keys[k.Value] = true
	})
	for _, c := range n.Content {
		collectUsedKeys(c, keys)
	}
}

// TestSchemasRejectMutations breaks one valid fixture at a time and asserts that its schema
// rejects it with the exact diagnostics.
func TestSchemasRejectMutations(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		{name: "versions: segment with capitals", edits: []edit{{"versions.yaml", "segment: enterprise-cloud@latest", "segment: Enterprise-Cloud"}}, want: []string{
			"content/data/versions.yaml:10:14: products[1].segment: \"Enterprise-Cloud\" has the wrong form (must match ^([a-z0-9@.{}-]+)?$)",
		}},
		{name: "versions: release without a minor", edits: []edit{{"versions.yaml", `release: "3.9"`, `release: "3"`}}, want: []string{
			"content/data/versions.yaml:15:18: products[2].releases[0].release: \"3\" has the wrong form (must match ^[0-9]+\\.[0-9]+$)",
		}},
		{name: "versions: release as a number", edits: []edit{{"versions.yaml", `release: "3.9"`, `release: 3.9`}}, want: []string{
			"content/data/versions.yaml:15:18: products[2].releases[0].release: expected string, found float 3.9",
		}},
		{name: "versions: date in words", edits: []edit{{"versions.yaml", "release_candidate: 2023-06-08", "release_candidate: June 8, 2023"}}, want: []string{
			"content/data/versions.yaml:16:28: products[2].releases[0].release_candidate: \"June 8, 2023\" is not a valid date",
		}},
		{name: "versions: date that does not exist", edits: []edit{{"versions.yaml", "release_candidate: 2023-06-08", "release_candidate: 2023-02-29"}}, want: []string{
			"content/data/versions.yaml:16:28: products[2].releases[0].release_candidate: \"2023-02-29\" is not a valid date",
		}},
		{name: "versions: hidden as yes", edits: []edit{{"versions.yaml", "        deprecation: 2024-07-26\n", "        deprecation: 2024-07-26\n        hidden: yes\n"}}, want: []string{
			"content/data/versions.yaml:19:17: products[2].releases[0].hidden: expected boolean, found \"yes\"",
		}},
		{name: "versions: no products", edits: []edit{{"versions.yaml", "", "products: []\n"}}, want: []string{
			"content/data/versions.yaml:1:11: products: minItems: got 0, want 1",
		}},
		{name: "versions: misspelt key", edits: []edit{{"versions.yaml", "      - release: \"3.9\"\n", "      - relase: \"3.9\"\n"}}, want: []string{
			"content/data/versions.yaml:15:9: products[2].releases[0]: missing required key \"release\"",
			"content/data/versions.yaml:15:9: products[2].releases[0].relase: unknown key \"relase\" (did you mean \"release\"?)",
		}},
		{name: "versions: missing deprecation", edits: []edit{{"versions.yaml", "        deprecation: 2024-07-26\n", ""}}, want: []string{
			"content/data/versions.yaml:15:9: products[2].releases[0]: missing required key \"deprecation\"",
		}},
		{name: "versions: empty file", edits: []edit{{"versions.yaml", "", "# nothing yet\n"}}, want: []string{
			"content/data/versions.yaml:1:1: missing required key \"products\"",
		}},
		{name: "versions: a list at the top", edits: []edit{{"versions.yaml", "", "- dotcom\n- ghec\n"}}, want: []string{
			"content/data/versions.yaml:1:1: expected object, found a sequence",
		}},
		{name: "features: missing versions", edits: []edit{{"features.yaml", "    versions: ghec or ghes\n", ""}}, want: []string{
			"content/data/features.yaml:7:5: features[1]: missing required key \"versions\"",
		}},
		{name: "features: empty versions", edits: []edit{{"features.yaml", "versions: ghec or ghes", `versions: ""`}}, want: []string{
			"content/data/features.yaml:9:15: features[1].versions: minLength: got 0, want 1",
		}},
		{name: "features: id with capitals", edits: []edit{{"features.yaml", "id: pat-v2", "id: PAT-v2"}}, want: []string{
			"content/data/features.yaml:4:9: features[0].id: \"PAT-v2\" has the wrong form (must match ^[a-z0-9][a-z0-9_.:-]*$)",
		}},
		{name: "features: versions as a list", edits: []edit{{"features.yaml", "versions: ghec or ghes", "versions: [ghec, ghes]"}}, want: []string{
			"content/data/features.yaml:9:15: features[1].versions: expected string, found a sequence",
		}},
		{name: "variables: no values", edits: []edit{{"variables.yaml", "  - id: product.api_url\n    values:\n      - versions: dotcom or ghec\n        value: https://api.github.com\n      - versions: ghes\n        value: https://HOSTNAME/api/v3\n", "  - id: product.api_url\n    values: []\n"}}, want: []string{
			"content/data/variables.yaml:31:13: variables[3].values: minItems: got 0, want 1",
		}},
		{name: "variables: value as a number", edits: []edit{{"variables.yaml", "value: HOSTNAME", "value: 42"}}, want: []string{
			"content/data/variables.yaml:15:16: variables[1].values[1].value: expected string, found int 42",
		}},
		{name: "variables: value missing", edits: []edit{{"variables.yaml", "        value: HOSTNAME\n", ""}}, want: []string{
			"content/data/variables.yaml:14:9: variables[1].values[1]: missing required key \"value\"",
		}},
		{name: "scopes: empty title", edits: []edit{{"scopes.yaml", "title: Create gists", `title: ""`}}, want: []string{
			"content/data/scopes.yaml:34:12: scopes[11].title: minLength: got 0, want 1",
		}},
		{name: "scopes: parent given twice", edits: []edit{{"scopes.yaml", "parents: [admin:org]", "parents: [admin:org, admin:org]"}}, want: []string{
			"content/data/scopes.yaml:24:14: scopes[7].parents: items at 0 and 1 are equal",
		}},
		{name: "scopes: parent with capitals", edits: []edit{{"scopes.yaml", "parents: [admin:org]", "parents: [Admin:Org]"}}, want: []string{
			"content/data/scopes.yaml:24:15: scopes[7].parents[0]: \"Admin:Org\" has the wrong form (must match ^[a-z0-9][a-z0-9_.:-]*$)",
		}},
		{name: "scopes: top-level key misspelt", edits: []edit{{"scopes.yaml", "\nscopes:\n", "\nscope:\n"}}, want: []string{
			"content/data/scopes.yaml:3:1: missing required key \"scopes\"",
			"content/data/scopes.yaml:3:1: scope: unknown key \"scope\" (did you mean \"scopes\"?)",
		}},
		{name: "permissions: unknown group", edits: []edit{{"permissions.yaml", "group: organization", "group: team"}}, want: []string{
			"content/data/permissions.yaml:30:12: permissions[5].group: \"team\" is not one of repository, organization, account, enterprise",
		}},
		{name: "permissions: group misspelt", edits: []edit{{"permissions.yaml", "group: organization", "group: organisation"}}, want: []string{
			"content/data/permissions.yaml:30:12: permissions[5].group: \"organisation\" is not one of repository, organization, account, enterprise (did you mean \"organization\"?)",
		}},
		{name: "permissions: level given twice", edits: []edit{{"permissions.yaml", "    title: Metadata\n    levels: [read]\n", "    title: Metadata\n    levels: [read, read]\n"}}, want: []string{
			"content/data/permissions.yaml:7:13: permissions[0].levels: items at 0 and 1 are equal",
		}},
		{name: "permissions: unknown level", edits: []edit{{"permissions.yaml", "    title: Metadata\n    levels: [read]\n", "    title: Metadata\n    levels: [raed]\n"}}, want: []string{
			"content/data/permissions.yaml:7:14: permissions[0].levels[0]: \"raed\" is not one of read, write, admin (did you mean \"read\"?)",
		}},
		{name: "permissions: no levels", edits: []edit{{"permissions.yaml", "    title: Metadata\n    levels: [read]\n", "    title: Metadata\n    levels: []\n"}}, want: []string{
			"content/data/permissions.yaml:7:13: permissions[0].levels: minItems: got 0, want 1",
		}},
		{name: "endpoints: bad method", edits: []edit{{"endpoints/repos.yaml", "method: GET\n    path: /user/emails", "method: FETCH\n    path: /user/emails"}}, want: []string{
			"content/data/endpoints/repos.yaml:39:13: endpoints[2].method: \"FETCH\" is not one of GET, HEAD, POST, PUT, PATCH, DELETE",
		}},
		{name: "endpoints: path without a leading slash", edits: []edit{{"endpoints/repos.yaml", "path: /user/emails", "path: user/emails"}}, want: []string{
			"content/data/endpoints/repos.yaml:40:11: endpoints[2].path: \"user/emails\" has the wrong form (must match ^/)",
		}},
		{name: "endpoints: docs not a URL", edits: []edit{{"endpoints/repos.yaml", "docs: https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user", "docs: see the emails page"}}, want: []string{
			"content/data/endpoints/repos.yaml:42:11: endpoints[2].docs: \"see the emails page\" is not a valid uri",
		}},
		{name: "endpoints: no requirements", edits: []edit{{"endpoints/repos.yaml", "    requirements:\n      - fine_grained: {accepted: false}\n        classic:\n          any_of: [[site_admin]]\n", "    requirements: []\n"}}, want: []string{
			"content/data/endpoints/repos.yaml:59:19: endpoints[3].requirements: minItems: got 0, want 1",
		}},
		{name: "endpoints: missing requirements", edits: []edit{{"endpoints/repos.yaml", "    requirements:\n      - fine_grained: {accepted: false}\n        classic:\n          any_of: [[site_admin]]\n", ""}}, want: []string{
			"content/data/endpoints/repos.yaml:52:5: endpoints[3]: missing required key \"requirements\"",
		}},
		{name: "endpoints: fine_grained without accepted", edits: []edit{{"endpoints/repos.yaml", "fine_grained: {accepted: false}", "fine_grained: {public_without_permission: true}"}}, want: []string{
			"content/data/endpoints/repos.yaml:60:23: endpoints[3].requirements[0].fine_grained: missing required key \"accepted\"",
		}},
		{name: "endpoints: empty permission set", edits: []edit{{"endpoints/repos.yaml", "{email_addresses: read}", "{}"}}, want: []string{
			"content/data/endpoints/repos.yaml:49:15: endpoints[2].requirements[0].fine_grained.any_of[0]: minProperties: got 0, want 1",
		}},
		{name: "endpoints: misspelt level", edits: []edit{{"endpoints/repos.yaml", "{email_addresses: read}", "{email_addresses: raed}"}}, want: []string{
			"content/data/endpoints/repos.yaml:49:33: endpoints[2].requirements[0].fine_grained.any_of[0].email_addresses: \"raed\" is not one of read, write, admin (did you mean \"read\"?)",
		}},
		{name: "endpoints: permission name with capitals", edits: []edit{{"endpoints/repos.yaml", "{email_addresses: read}", "{Email_Addresses: read}"}}, want: []string{
			"content/data/endpoints/repos.yaml:49:16: endpoints[2].requirements[0].fine_grained.any_of[0].Email_Addresses: key \"Email_Addresses\" has the wrong form (must match ^[a-z0-9][a-z0-9_.:-]*$)",
		}},
		// The validator's own location for a bad property name is unreliable (see report); with
		// several bad names in sibling values, each must still be found where it is.
		{name: "endpoints: several bad permission names", edits: []edit{
			{"endpoints/repos.yaml", "{repository_hooks: write}", "{Repository_Hooks: write}"},
			{"endpoints/repos.yaml", "{contents: write, pull_requests: write}", "{contents: write, Pull-Requests: write}"},
			{"endpoints/repos.yaml", "{email_addresses: read}", "{email_addresses: read, Emails: read}"},
		}, want: []string{
			"content/data/endpoints/repos.yaml:17:16: endpoints[0].requirements[0].fine_grained.any_of[0].Repository_Hooks: key \"Repository_Hooks\" has the wrong form (must match ^[a-z0-9][a-z0-9_.:-]*$)",
			"content/data/endpoints/repos.yaml:34:33: endpoints[1].requirements[0].fine_grained.any_of[0].Pull-Requests: key \"Pull-Requests\" has the wrong form (must match ^[a-z0-9][a-z0-9_.:-]*$)",
			"content/data/endpoints/repos.yaml:49:39: endpoints[2].requirements[0].fine_grained.any_of[0].Emails: key \"Emails\" has the wrong form (must match ^[a-z0-9][a-z0-9_.:-]*$)",
		}},
		{name: "endpoints: classic any_of with private", edits: []edit{{"endpoints/repos.yaml", "          any_of: [[site_admin]]\n", "          any_of: [[site_admin]]\n          private: [[site_admin]]\n"}}, want: []string{
			"content/data/endpoints/repos.yaml:62:11: endpoints[3].requirements[0].classic: any_of cannot be combined with private or public",
		}},
		{name: "endpoints: classic any_of with public", edits: []edit{{"endpoints/repos.yaml", "          any_of: [[site_admin]]\n", "          public: [[site_admin]]\n          any_of: [[site_admin]]\n"}}, want: []string{
			"content/data/endpoints/repos.yaml:62:11: endpoints[3].requirements[0].classic: any_of cannot be combined with private or public",
		}},
		{name: "endpoints: scope set given as a string", edits: []edit{{"endpoints/repos.yaml", "any_of: [[site_admin]]", "any_of: [site_admin]"}}, want: []string{
			"content/data/endpoints/repos.yaml:62:20: endpoints[3].requirements[0].classic.any_of[0]: expected array, found \"site_admin\"",
		}},
		{name: "endpoints: scope given twice in a set", edits: []edit{{"endpoints/repos.yaml", "any_of: [[site_admin]]", "any_of: [[site_admin, site_admin]]"}}, want: []string{
			"content/data/endpoints/repos.yaml:62:20: endpoints[3].requirements[0].classic.any_of[0]: items at 0 and 1 are equal",
		}},
		{name: "endpoints: cloud_only as a string", edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: ghes >= 3.17\n    cloud_only: \"no\"\n"}}, want: []string{
			"content/data/endpoints/repos.yaml:59:17: endpoints[3].cloud_only: expected boolean, found \"no\"",
		}},
		{name: "endpoints: operation starting with a slash", edits: []edit{{"endpoints/repos.yaml", "operation: repos/merge", "operation: /repos/merge"}}, want: []string{
			"content/data/endpoints/repos.yaml:20:16: endpoints[1].operation: \"/repos/merge\" has the wrong form (must match ^[A-Za-z0-9][A-Za-z0-9_./-]*$)",
		}},
		{name: "endpoints: misspelt variant key", edits: []edit{{"endpoints/repos.yaml", "      - github_apps: true\n        fine_grained:\n          accepted: true\n          any_of:\n            - {repository_hooks: write}\n", "      - github_app: true\n        fine_grained:\n          accepted: true\n          any_of:\n            - {repository_hooks: write}\n"}}, want: []string{
			"content/data/endpoints/repos.yaml:13:9: endpoints[0].requirements[0].github_app: unknown key \"github_app\" (did you mean \"github_apps\"?)",
		}},
		{name: "endpoints: endpoint key in a variant", edits: []edit{{"endpoints/repos.yaml", "      - fine_grained: {accepted: false}\n", "      - fine_grained: {accepted: false}\n        method: GET\n"}}, want: []string{
			"content/data/endpoints/repos.yaml:61:9: endpoints[3].requirements[0].method: unknown key \"method\"",
		}},
		{name: "endpoints: missing category", edits: []edit{{"endpoints/repos.yaml", "category: repos\n", ""}}, want: []string{
			"content/data/endpoints/repos.yaml:2:1: missing required key \"category\"",
		}},
		{name: "endpoints: deprecated not a date", edits: []edit{{"endpoints/repos.yaml", "deprecated: 2026-01-15", "deprecated: soon"}}, want: []string{
			"content/data/endpoints/repos.yaml:27:17: endpoints[1].deprecated: \"soon\" is not a valid date",
		}},
	}
	s := schemas(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := apply(t, starter(t), tt.edits...)
			name := path.Join(dataDir, tt.edits[0].file)
			root, err := yamlio.Parse(name, fsys[name].Data)
			if err != nil {
				t.Fatal(err)
			}
			var diags diag.List
			if s.Validate(schemaFor(name), root, &diags) {
				t.Errorf("Validate accepted the mutated %s", name)
			}
			got := lines(diags.Sorted())
			if len(got) == 0 {
				t.Errorf("Validate reported nothing")
			}
			if d := diffLines(tt.want, got); d != "" {
				t.Errorf("diagnostics %s", d)
			}
		})
	}
}

func TestCompileSchemasErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string // a substring of the error
	}{
		{"no schemas", fstest.MapFS{}, "no *.schema.json files"},
		{"bad JSON", fstest.MapFS{"x.schema.json": {Data: []byte("{")}}, "schema/x.schema.json: "},
		{"bad schema", fstest.MapFS{"x.schema.json": {Data: []byte(`{"type": 3}`)}}, "schema/x.schema.json: "},
		{"dangling $ref", fstest.MapFS{"x.schema.json": {Data: []byte(`{"$ref": "y.schema.json"}`)}}, "schema/x.schema.json: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := CompileSchemas(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("CompileSchemas = %v, %v; want an error containing %q", s, err, tt.want)
			}
		})
	}
}

func TestValidateUnknownKind(t *testing.T) {
	root, err := yamlio.Parse("content/data/things.yaml", []byte("things: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	if schemas(t).Validate("things", root, &diags) {
		t.Error("Validate accepted a file of no known kind")
	}
	want := []string{`content/data/things.yaml:1:1: no schema "things.schema.json" in the schema folder`}
	if d := diffLines(want, lines(diags.Sorted())); d != "" {
		t.Errorf("diagnostics %s", d)
	}
}
