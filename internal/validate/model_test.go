package validate

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scoperef/scoperef/internal/model"
)

// loadStarter loads the unmodified starter dataset and fails unless it is clean.
func loadStarter(t *testing.T, day time.Time) *model.Model {
	t.Helper()
	m, diags := Load(Options{Root: starter(t), Schemas: schemas(t), BuildDate: day})
	if diags.Len() > 0 || m == nil {
		t.Fatalf("the starter dataset does not load cleanly:\n%s", strings.Join(lines(diags.Sorted()), "\n"))
	}
	return m
}

func versionNames(vs []*model.Version) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Name())
	}
	return out
}

func TestStarterModel(t *testing.T) {
	m := loadStarter(t, buildDate)

	if !m.BuildDate.Equal(buildDate) {
		t.Errorf("BuildDate = %v, want %v", m.BuildDate, buildDate)
	}
	counts := []struct {
		what      string
		got, want int
	}{
		{"products", len(m.Products), 3},
		{"versions", len(m.Versions), 6},
		{"features", len(m.Features), 2},
		{"variables", len(m.Variables), 5},
		{"scopes", len(m.Scopes), 13},
		{"permissions", len(m.Permissions), 7},
		{"categories", len(m.Categories), 2},
		{"endpoints", len(m.Endpoints), 8},
	}
	for _, c := range counts {
		if c.got != c.want {
			t.Errorf("%d %s, want %d", c.got, c.what, c.want)
		}
	}

	// Versions: product order, releases ascending, each with its index, segment and status on
	// 2026-11-22.
	wantVersions := []struct {
		name, segment string
		status        model.Status
	}{
		{"dotcom", "", model.Supported},
		{"ghec", "enterprise-cloud@latest", model.Supported},
		{"ghes-3.9", "enterprise-server@3.9", model.Deprecated},
		{"ghes-3.17", "enterprise-server@3.17", model.Deprecated},
		{"ghes-3.18", "enterprise-server@3.18", model.Deprecated},
		{"ghes-3.19", "enterprise-server@3.19", model.Supported},
	}
	if len(m.Versions) == len(wantVersions) {
		for i, w := range wantVersions {
			v := m.Versions[i]
			if v.Name() != w.name || v.Segment != w.segment || v.Status != w.status || v.Index != i {
				t.Errorf("Versions[%d] = %s %q %v index %d, want %s %q %v index %d",
					i, v.Name(), v.Segment, v.Status, v.Index, w.name, w.segment, w.status, i)
			}
		}
	}
	if got := versionNames(m.Built()); !slices.Equal(got, versionNames(m.Versions)) {
		t.Errorf("Built() = %v, want every version (none is hidden)", got)
	}
	ghes319 := m.Versions[5]
	if want := time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC); !ghes319.Deprecation.Equal(want) {
		t.Errorf("ghes-3.19 deprecation = %v, want %v", ghes319.Deprecation, want)
	}

	// Version lookup by name and by URL segment.
	for name, want := range map[string]string{
		"dotcom": "dotcom", "free-pro-team@latest": "dotcom", "ghec": "ghec", "enterprise-cloud@latest": "ghec",
		"ghes-3.19": "ghes-3.19", "enterprise-server@3.19": "ghes-3.19", "ghes-3.9": "ghes-3.9",
	} {
		if v, ok := m.Version(name); !ok || v.Name() != want {
			t.Errorf("Version(%q) = %v, %v; want %s", name, v, ok, want)
		}
	}
	for _, name := range []string{"ghes", "ghes-3.10", "enterprise-server@3.10", "", "GHEC"} {
		if v, ok := m.Version(name); ok {
			t.Errorf("Version(%q) = %s, want none", name, v.Name())
		}
	}

	// Features, variables.
	if f, ok := m.Feature("pat-v2"); !ok {
		t.Error(`Feature("pat-v2") not found`)
	} else if got := versionNames(m.VersionsOf(f.Versions)); !slices.Equal(got, []string{"dotcom", "ghec", "ghes-3.17", "ghes-3.18", "ghes-3.19"}) {
		t.Errorf("pat-v2 versions = %v", got)
	}
	if got := []string{m.Features[0].ID, m.Features[1].ID}; !slices.Equal(got, []string{"enterprise", "pat-v2"}) {
		t.Errorf("features in order %v, want sorted by id", got)
	}
	docs, ok := m.Variable("product.docs_url")
	if !ok {
		t.Fatal(`Variable("product.docs_url") not found`)
	}
	for _, v := range m.Versions {
		got, ok := docs.Value(v)
		want := "https://docs.github.com/en"
		if v.Segment != "" {
			want += "/" + v.Segment
		}
		if !ok || got != want {
			t.Errorf("product.docs_url in %s = %q, %v; want %q", v.Name(), got, ok, want)
		}
	}

	// Scopes: a DAG with parents and children, sorted by id.
	if !slices.IsSortedFunc(m.Scopes, func(a, b *model.Scope) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("scopes are not sorted by id")
	}
	hook, ok := m.Scope("read:repo_hook")
	if !ok {
		t.Fatal(`Scope("read:repo_hook") not found`)
	}
	var anc []string
	for _, s := range hook.Ancestors() {
		anc = append(anc, s.ID)
	}
	if want := []string{"admin:repo_hook", "public_repo", "repo", "write:repo_hook"}; !slices.Equal(anc, want) {
		t.Errorf("read:repo_hook ancestors = %v, want %v", anc, want)
	}
	repo, _ := m.Scope("repo")
	var children []string
	for _, c := range repo.Children {
		children = append(children, c.ID)
	}
	slices.Sort(children)
	if want := []string{"public_repo", "repo:status", "write:repo_hook"}; !slices.Equal(children, want) {
		t.Errorf("repo children = %v, want %v", children, want)
	}
	site, _ := m.Scope("site_admin")
	if got := versionNames(m.VersionsOf(site.Versions)); !slices.Equal(got, []string{"ghes-3.9", "ghes-3.17", "ghes-3.18", "ghes-3.19"}) {
		t.Errorf("site_admin versions = %v", got)
	}
	if m.Scopes[0].Pos.File != "content/data/scopes.yaml" || m.Scopes[0].Pos.Line == 0 {
		t.Errorf("scope %s has no source position: %v", m.Scopes[0].ID, m.Scopes[0].Pos)
	}

	// Permissions.
	meta, ok := m.Permission("metadata")
	if !ok {
		t.Fatal(`Permission("metadata") not found`)
	}
	if meta.Group != model.GroupRepository || !slices.Equal(meta.Levels, []model.Level{model.Read}) || meta.Offers(model.Write) {
		t.Errorf("metadata = group %s levels %v", meta.Group, meta.Levels)
	}
	if _, ok := m.Permission("isues"); ok {
		t.Error(`Permission("isues") found`)
	}

	// Endpoints: sorted by path then method, indexed by operation, with their variants.
	var routes []string
	for _, e := range m.Endpoints {
		routes = append(routes, e.Method+" "+e.Path)
	}
	wantRoutes := []string{
		"GET /admin/hooks",
		"POST /repos/{owner}/{repo}/hooks",
		"GET /repos/{owner}/{repo}/issues",
		"POST /repos/{owner}/{repo}/issues",
		"GET /repos/{owner}/{repo}/issues/comments",
		"GET /repos/{owner}/{repo}/issues/{issue_number}",
		"POST /repos/{owner}/{repo}/merges",
		"GET /user/emails",
	}
	if !slices.Equal(routes, wantRoutes) {
		t.Errorf("endpoint order:\n%s\nwant:\n%s", strings.Join(routes, "\n"), strings.Join(wantRoutes, "\n"))
	}
	for _, c := range m.Categories {
		for _, e := range c.Endpoints {
			if e.Category != c {
				t.Errorf("%s is listed in category %s but points at %s", e.Operation, c.ID, e.Category.ID)
			}
		}
	}
	comments, ok := m.Endpoint("issues/list-comments-for-repo")
	if !ok {
		t.Fatal(`Endpoint("issues/list-comments-for-repo") not found`)
	}
	if len(comments.Variants) != 2 {
		t.Fatalf("issues/list-comments-for-repo has %d variants, want 2", len(comments.Variants))
	}
	for _, v := range m.Versions {
		r := comments.Requirement(v.Index)
		switch v.Name() {
		case "ghes-3.9":
			if r != nil {
				t.Errorf("issues/list-comments-for-repo has a requirement in ghes-3.9, where it does not exist")
			}
		case "dotcom", "ghec":
			if r != comments.Variants[0] || len(r.FineGrained.AnyOf) != 2 || !r.FineGrained.PublicWithoutPermission {
				t.Errorf("issues/list-comments-for-repo in %s: wrong variant", v.Name())
			}
		default:
			if r != comments.Variants[1] || len(r.FineGrained.AnyOf) != 1 || r.FineGrained.AnyOf[0][0].Permission.ID != "issues" ||
				r.FineGrained.AnyOf[0][0].Level != model.Read || r.FineGrained.PublicWithoutPermission {
				t.Errorf("issues/list-comments-for-repo in %s: wrong variant", v.Name())
			}
		}
	}
	merge, _ := m.Endpoint("repos/merge")
	if got := merge.Deprecated.Format(time.DateOnly) + " " + merge.Removal.Format(time.DateOnly); got != "2026-01-15 2027-01-15" {
		t.Errorf("repos/merge deprecated, removal = %s", got)
	}
	set := merge.Variants[0].FineGrained.AnyOf[0]
	if len(set) != 2 || set[0].Permission.ID != "contents" || set[1].Permission.ID != "pull_requests" {
		t.Errorf("repos/merge permission set = %v, want contents and pull_requests, sorted", set)
	}
	hooks, _ := m.Endpoint("repos/create-webhook")
	c := hooks.Variants[0].Classic
	if !c.Accepted || len(c.Private) != 1 || c.Private[0][0].ID != "write:repo_hook" || len(c.Public) != 1 || c.Public[0][0].ID != "write:repo_hook" {
		t.Errorf("repos/create-webhook classic any_of did not become private and public: %+v", c)
	}
	list, _ := m.Endpoint("issues/list-for-repo")
	if pub := list.Variants[0].Classic.Public; len(pub) != 1 || len(pub[0]) != 0 {
		t.Errorf("issues/list-for-repo public = %v, want one empty set (no scope needed)", pub)
	}
	admin, _ := m.Endpoint("enterprise-admin/list-global-webhooks")
	if admin.Variants[0].FineGrained.Accepted || admin.Variants[0].GitHubApps {
		t.Error("enterprise-admin/list-global-webhooks accepts fine-grained tokens or apps")
	}
	if got := len(m.EndpointsIn(0)); got != 7 {
		t.Errorf("%d endpoints in dotcom, want 7", got)
	}
	if got := len(m.EndpointsIn(2)); got != 0 {
		t.Errorf("%d endpoints in ghes-3.9, want 0", got)
	}

	// Invariant: each endpoint's variants are disjoint and cover exactly its versions.
	checkVariants(t, m)
}

// checkVariants asserts the model's promise about requirement variants.
func checkVariants(t testing.TB, m *model.Model) {
	t.Helper()
	for _, e := range m.Endpoints {
		var covered model.VersionSet
		for _, v := range e.Variants {
			if v.Versions&covered != 0 {
				t.Errorf("%s: variants overlap", e.Operation)
			}
			covered |= v.Versions
		}
		if covered != e.Versions {
			t.Errorf("%s: variants cover %v, endpoint exists in %v", e.Operation, versionNames(m.VersionsOf(covered)), versionNames(m.VersionsOf(e.Versions)))
		}
	}
}

// TestReleaseStatus follows ghes 3.19 (release candidate 2025-12-02, general availability
// 2025-12-09, deprecation 2026-12-09) through its life, boundary days included.
func TestReleaseStatus(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		day  string
		want model.Status
	}{
		{"2025-01-01", model.Hidden},
		{"2025-12-01", model.Hidden},
		{"2025-12-02", model.ReleaseCandidate},
		{"2025-12-08", model.ReleaseCandidate},
		{"2025-12-09", model.Supported},
		{"2026-12-08", model.Supported},
		{"2026-12-09", model.Deprecated},
		{"2030-01-01", model.Deprecated},
	}
	for _, tt := range tests {
		m := loadStarter(t, day(tt.day))
		v, _ := m.Version("ghes-3.19")
		if v.Status != tt.want {
			t.Errorf("on %s ghes-3.19 is %v, want %v", tt.day, v.Status, tt.want)
		}
		built := slices.Contains(m.Built(), v)
		if built != (tt.want != model.Hidden) {
			t.Errorf("on %s ghes-3.19 built = %v with status %v", tt.day, built, v.Status)
		}
	}
}

func TestHiddenRelease(t *testing.T) {
	fsys := apply(t, starter(t), edit{"versions.yaml", "        deprecation: 2026-12-09\n", "        deprecation: 2026-12-09\n        hidden: true\n"})
	m, diags := load(t, fsys)
	if m == nil {
		t.Fatalf("hidden release rejected:\n%s", strings.Join(lines(diags.Sorted()), "\n"))
	}
	v, _ := m.Version("ghes-3.19")
	if v.Status != model.Hidden || slices.Contains(m.Built(), v) {
		t.Errorf("ghes-3.19 marked hidden: status %v, built %v", v.Status, slices.Contains(m.Built(), v))
	}
}

// TestLoadWarningsKeepTheModel: warnings alone do not withhold the model.
func TestLoadWarningsKeepTheModel(t *testing.T) {
	fsys := apply(t, starter(t), edit{"variables.yaml", "      - versions: ghes\n        value: HOSTNAME\n", ""})
	m, diags := load(t, fsys)
	if errs, warns := diags.Count(); m == nil || errs != 0 || warns != 1 {
		t.Errorf("model %v, %d errors, %d warnings; want a model and one warning", m != nil, errs, warns)
	}
}

// TestLoadOptionalFiles: only versions.yaml is required; without the others the model is empty
// but valid.
func TestLoadOptionalFiles(t *testing.T) {
	fsys := starter(t)
	for name := range fsys {
		if name != "content/data/versions.yaml" {
			delete(fsys, name)
		}
	}
	m, diags := load(t, fsys)
	if m == nil || diags.Len() != 0 {
		t.Fatalf("versions.yaml alone: model %v, diagnostics:\n%s", m != nil, strings.Join(lines(diags.Sorted()), "\n"))
	}
	if len(m.Versions) != 6 || len(m.Endpoints) != 0 || len(m.Scopes) != 0 {
		t.Errorf("versions.yaml alone: %d versions, %d endpoints, %d scopes", len(m.Versions), len(m.Endpoints), len(m.Scopes))
	}
}

// TestShippedContent: the repository's own content/data loads cleanly and keeps the model's
// promises.
func TestShippedContent(t *testing.T) {
	m, diags := Load(Options{Root: repoRoot(), Schemas: schemas(t), BuildDate: buildDate})
	if m == nil || diags.HasErrors() {
		t.Fatalf("content/data has errors:\n%s", strings.Join(lines(diags.Sorted()), "\n"))
	}
	checkVariants(t, m)
}
