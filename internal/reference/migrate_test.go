package reference

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

func grants(res MigrateResult) []string {
	var out []string
	for _, g := range res.Permissions {
		out = append(out, g.Permission+": "+g.Level)
	}
	return out
}

func ops(list []MigrateEndpoint) []string {
	var out []string
	for _, e := range list {
		out = append(out, e.Operation)
	}
	return out
}

// TestMigrateChoices: the seed (metadata: read), ties (first set) and levels covering lower ones
// decide between alternatives.
func TestMigrateChoices(t *testing.T) {
	m := loadFixture(t, "testdata/migrate")
	res := Migrate(m, version(t, m, "dotcom"), []string{"repo"})
	want := []string{"issues: write", "metadata: read", "pull_requests: read"}
	if got := grants(res); !slices.Equal(got, want) {
		t.Errorf("permissions = %v, want %v", got, want)
	}
	chosen := map[string]string{}
	for _, e := range res.Endpoints {
		chosen[e.Operation] = e.Permissions
	}
	for op, set := range map[string]string{"repos/seeded": "metadata: read", "repos/tie": "pull_requests: read",
		"repos/covered": "issues: read", "repos/forced": "issues: write"} {
		if chosen[op] != set {
			t.Errorf("%s: chose %q, want %q", op, chosen[op], set)
		}
	}
	if got := ops(res.NoFineGrained); !slices.Equal(got, []string{"repos/classic-only"}) {
		t.Errorf("no fine-grained = %v", got)
	}
}

func TestMigrateStarter(t *testing.T) {
	m := loadStarter(t)
	dotcom, ghes := version(t, m, "dotcom"), version(t, m, "ghes-3.19")
	for _, c := range []struct {
		name      string
		res       MigrateResult
		scopes    []string
		grants    []string
		covered   int
		noFG      []string
		unknown   []string
		resources map[string][]string
	}{
		{name: "repo on dotcom", res: Migrate(m, dotcom, []string{"repo"}), scopes: []string{"repo"},
			grants:  []string{"contents: write", "issues: write", "pull_requests: write", "repository_hooks: write"},
			covered: 6},
		{name: "implied scopes are dropped", res: Migrate(m, dotcom, []string{"public_repo", "repo", "repo"}), scopes: []string{"repo"},
			grants:  []string{"contents: write", "issues: write", "pull_requests: write", "repository_hooks: write"},
			covered: 6},
		{name: "public_repo opens public resources only", res: Migrate(m, dotcom, []string{"public_repo"}), scopes: []string{"public_repo"},
			grants:    []string{"contents: write", "issues: write", "pull_requests: write", "repository_hooks: write"},
			covered:   3,
			resources: map[string][]string{"issues/create": {"public"}, "repos/create-webhook": {"private", "public"}}},
		{name: "read:org opens nothing", res: Migrate(m, dotcom, []string{"read:org"}), scopes: []string{"read:org"}},
		{name: "site_admin needs a classic token", res: Migrate(m, ghes, []string{"site_admin"}), scopes: []string{"site_admin"},
			noFG: []string{"enterprise-admin/list-global-webhooks"}},
		{name: "site_admin does not exist on dotcom", res: Migrate(m, dotcom, []string{"site_admin", "user"}), scopes: []string{"user"},
			grants: []string{"email_addresses: read"}, covered: 1, unknown: []string{"site_admin"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !slices.Equal(c.res.Scopes, c.scopes) {
				t.Errorf("scopes = %v, want %v", c.res.Scopes, c.scopes)
			}
			if got := grants(c.res); !slices.Equal(got, c.grants) {
				t.Errorf("permissions = %v, want %v", got, c.grants)
			}
			if len(c.res.Endpoints) != c.covered {
				t.Errorf("covered %v, want %d endpoints", ops(c.res.Endpoints), c.covered)
			}
			if got := ops(c.res.NoFineGrained); !slices.Equal(got, c.noFG) {
				t.Errorf("no fine-grained = %v, want %v", got, c.noFG)
			}
			if !slices.Equal(c.res.Unknown, c.unknown) && len(c.res.Unknown)+len(c.unknown) > 0 {
				t.Errorf("unknown = %v, want %v", c.res.Unknown, c.unknown)
			}
			for _, e := range c.res.Endpoints {
				if want, ok := c.resources[e.Operation]; ok && !slices.Equal(e.Resources, want) {
					t.Errorf("%s resources = %v, want %v", e.Operation, e.Resources, want)
				}
			}
		})
	}
}

// TestMigrateJSMatchesGo runs migrate.js under node on migrate.json for many scope sets and
// compares its answers with Migrate's. Skipped when node is not installed.
func TestMigrateJSMatchesGo(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	dir := t.TempDir()
	type want struct {
		Permissions []MigrateGrant `json:"permissions"`
		Uncallable  []string       `json:"uncallable"`
	}
	type testCase struct {
		Data   string   `json:"data"`
		Scopes []string `json:"scopes"`
		Want   want     `json:"want"`
	}
	var cases []testCase
	var js []byte
	all := models(t)
	all["migrate"] = loadFixture(t, "testdata/migrate")
	for name, m := range all {
		g := New(m, English{}, Options{})
		rnd := rand.New(rand.NewPCG(1, 2))
		for _, v := range m.Versions {
			files := g.Downloads(v)
			js = files["migrate.js"]
			data := name + "-" + v.Name() + ".json"
			if err := os.WriteFile(filepath.Join(dir, data), files["migrate.json"], 0o644); err != nil {
				t.Fatal(err)
			}
			ids := []string{}
			for _, s := range m.Scopes {
				ids = append(ids, s.ID)
			}
			// every single scope, all scopes at once, and pairs: all of them for the starter,
			// 30 random ones per version for the full data
			sets := [][]string{ids}
			for i := range ids {
				sets = append(sets, []string{ids[i]})
				for j := i + 1; j < len(ids) && name == "starter"; j++ {
					sets = append(sets, []string{ids[i], ids[j]})
				}
			}
			for k := 0; k < 30 && name != "starter"; k++ {
				sets = append(sets, []string{ids[rnd.IntN(len(ids))], ids[rnd.IntN(len(ids))], ids[rnd.IntN(len(ids))]})
			}
			for _, set := range sets {
				res := Migrate(m, v, set)
				known := slices.DeleteFunc(slices.Clone(set), func(id string) bool { return slices.Contains(res.Unknown, id) })
				w := want{Permissions: res.Permissions, Uncallable: ops(res.NoFineGrained)}
				if w.Uncallable == nil {
					w.Uncallable = []string{}
				}
				cases = append(cases, testCase{Data: data, Scopes: known, Want: w})
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "migrate.js"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	casesJSON, _ := json.Marshal(cases)
	if err := os.WriteFile(filepath.Join(dir, "cases.json"), casesJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
const fs = require("fs"), path = require("path");
const {migrate} = require(path.join(process.argv[1], "migrate.js"));
const cases = JSON.parse(fs.readFileSync(path.join(process.argv[1], "cases.json")));
const loaded = {};
const out = cases.map(c => {
  const data = loaded[c.data] ||= JSON.parse(fs.readFileSync(path.join(process.argv[1], c.data)));
  const r = migrate(data, c.scopes);
  return {permissions: r.permissions, uncallable: r.uncallable.map(e => e.operation)};
});
process.stdout.write(JSON.stringify(out));
`
	cmd := exec.Command(node, "-e", script, dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []want
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output: %v\n%s", err, out)
	}
	if len(got) != len(cases) {
		t.Fatalf("node answered %d cases, want %d", len(got), len(cases))
	}
	for i, c := range cases {
		if got[i].Permissions == nil {
			got[i].Permissions = []MigrateGrant{}
		}
		if !reflect.DeepEqual(got[i], c.Want) {
			t.Errorf("%s %v: migrate.js = %+v, Migrate = %+v", c.Data, c.Scopes, got[i], c.Want)
		}
	}
}
