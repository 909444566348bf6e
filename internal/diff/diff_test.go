package diff

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

func loadStarter(t *testing.T) *model.Model {
	t.Helper()
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		t.Fatal(err)
	}
	m, diags := validate.Load(validate.Options{Root: os.DirFS("../../examples/starter"), Schemas: schemas,
		BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if m == nil {
		var b bytes.Buffer
		diags.WriteText(&b)
		t.Fatalf("starter does not load:\n%s", b.String())
	}
	return m
}

func version(t *testing.T, m *model.Model, name string) *model.Version {
	t.Helper()
	v, ok := m.Version(name)
	if !ok {
		t.Fatalf("no version %s", name)
	}
	return v
}

func TestSelfIsEmpty(t *testing.T) {
	m := loadStarter(t)
	for _, v := range m.Versions {
		if r := Compare(m, v, v); !r.Empty() {
			t.Errorf("Compare(%s, %s) is not empty: %+v", v.Name(), v.Name(), r)
		}
	}
}

// mirror swaps a result's direction, as Compare(b, a) should produce it.
func mirror(r *Result) *Result {
	out := *r
	out.From, out.To = r.To, r.From
	out.FromVersion, out.ToVersion = r.ToVersion, r.FromVersion
	out.EndpointsAdded, out.EndpointsRemoved = r.EndpointsRemoved, r.EndpointsAdded
	out.PermissionsAdded, out.PermissionsRemoved = r.PermissionsRemoved, r.PermissionsAdded
	out.ScopesAdded, out.ScopesRemoved = r.ScopesRemoved, r.ScopesAdded
	out.RequirementChanges = []Change{}
	for _, c := range r.RequirementChanges {
		c.Before, c.After = c.After, c.Before
		aspects := make([]Aspect, len(c.Aspects))
		for i, a := range c.Aspects {
			aspects[i] = Aspect{Name: a.Name, Before: a.After, After: a.Before}
		}
		c.Aspects = aspects
		out.RequirementChanges = append(out.RequirementChanges, c)
	}
	return &out
}

func jsonOf(t *testing.T, r *Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSymmetric(t *testing.T) {
	m := loadStarter(t)
	nonEmpty := 0
	for _, a := range m.Versions {
		for _, b := range m.Versions {
			ab, ba := Compare(m, a, b), Compare(m, b, a)
			if !ab.Empty() {
				nonEmpty++
			}
			if got, want := jsonOf(t, ba), jsonOf(t, mirror(ab)); got != want {
				t.Errorf("Compare(%s, %s) is not the mirror of Compare(%s, %s):\ngot  %s\nwant %s", b.Name(), a.Name(), a.Name(), b.Name(), got, want)
			}
			for i, c := range ba.RequirementChanges {
				if c.Before != ab.RequirementChanges[i].After || c.After != ab.RequirementChanges[i].Before {
					t.Errorf("%s->%s: variants of %s not swapped", b.Name(), a.Name(), c.Endpoint.Operation)
				}
			}
		}
	}
	if nonEmpty == 0 {
		t.Fatal("the starter has no differences between versions: the test proves nothing")
	}
}

func ops(list []Endpoint) []string {
	var out []string
	for _, e := range list {
		out = append(out, e.Operation)
	}
	return out
}

func TestStarterDiffs(t *testing.T) {
	m := loadStarter(t)
	r := Compare(m, version(t, m, "ghes-3.9"), version(t, m, "ghes-3.17"))
	if len(r.EndpointsAdded) != 8 || len(r.EndpointsRemoved) != 0 {
		t.Errorf("3.9 -> 3.17: added %v, removed %v; want all 8 added", ops(r.EndpointsAdded), ops(r.EndpointsRemoved))
	}
	if want := []string{"contents", "email_addresses", "issues", "members", "metadata", "pull_requests", "repository_hooks"}; !slices.Equal(r.PermissionsAdded, want) {
		t.Errorf("3.9 -> 3.17: permissions added %v, want %v", r.PermissionsAdded, want)
	}
	if !Compare(m, version(t, m, "ghes-3.18"), version(t, m, "ghes-3.19")).Empty() {
		t.Error("3.18 -> 3.19 should be empty in the starter")
	}

	r = Compare(m, version(t, m, "ghes-3.19"), version(t, m, "dotcom"))
	if got := ops(r.EndpointsRemoved); !slices.Equal(got, []string{"enterprise-admin/list-global-webhooks"}) {
		t.Errorf("ghes-3.19 -> dotcom: removed %v", got)
	}
	if !slices.Equal(r.ScopesRemoved, []string{"site_admin"}) {
		t.Errorf("ghes-3.19 -> dotcom: scopes removed %v", r.ScopesRemoved)
	}
	if len(r.RequirementChanges) != 1 {
		t.Fatalf("ghes-3.19 -> dotcom: %d requirement changes, want 1: %+v", len(r.RequirementChanges), r.RequirementChanges)
	}
	c := r.RequirementChanges[0]
	want := []Aspect{{AspectFineGrained, "issues: read", "issues: read; or pull_requests: read (public resources: no permission)"}}
	if c.Endpoint.Operation != "issues/list-comments-for-repo" || !slices.Equal(c.Aspects, want) {
		t.Errorf("change = %s %+v, want issues/list-comments-for-repo %+v", c.Endpoint.Operation, c.Aspects, want)
	}
}

func TestJSONHasEveryKey(t *testing.T) {
	m := loadStarter(t)
	v := version(t, m, "dotcom")
	var got map[string]any
	if err := json.Unmarshal([]byte(jsonOf(t, Compare(m, v, v))), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"from", "to", "endpoints_added", "endpoints_removed", "requirements_changed",
		"permissions_added", "permissions_removed", "scopes_added", "scopes_removed"} {
		if list, ok := got[k]; !ok || list == nil {
			t.Errorf("key %q missing or null in %v", k, got)
		}
	}
}

func TestText(t *testing.T) {
	m := loadStarter(t)
	var b strings.Builder
	if err := Compare(m, version(t, m, "ghes-3.19"), version(t, m, "dotcom")).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ghes-3.19 -> dotcom", "endpoints removed (1):", "GET /admin/hooks (enterprise-admin/list-global-webhooks)",
		"fine_grained: issues: read -> issues: read; or pull_requests: read (public resources: no permission)", "scopes removed (1):\n  site_admin"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}

func TestCanonicalText(t *testing.T) {
	m := loadStarter(t)
	issues, _ := m.Permission("issues")
	meta, _ := m.Permission("metadata")
	pr, _ := m.Permission("pull_requests")
	fg := model.FineGrained{Accepted: true, AnyOf: []model.PermissionSet{
		{{Permission: pr, Level: model.Write}},
		{{Permission: issues, Level: model.Write}, {Permission: meta, Level: model.Read}},
	}}
	if got, want := FineGrainedText(fg), "issues: write and metadata: read; or pull_requests: write"; got != want {
		t.Errorf("FineGrainedText = %q, want %q", got, want)
	}
	slices.Reverse(fg.AnyOf)
	if got := FineGrainedText(fg); got != "issues: write and metadata: read; or pull_requests: write" {
		t.Errorf("alternatives order changes the text: %q", got)
	}
	if got := ScopesText([][]*model.Scope{{}}); got != "no scope" {
		t.Errorf("ScopesText([[]]) = %q", got)
	}
}
