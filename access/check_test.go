package access

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustClassic(t testing.TB, tab *Table, scopes ...string) Grants {
	t.Helper()
	g, err := tab.ClassicGrants(scopes...)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func mustFine(t testing.TB, tab *Table, perms map[string]Level) Grants {
	t.Helper()
	g, err := tab.FineGrainedGrants(perms)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestHeaders(t *testing.T) {
	tab := testTable(t)
	tests := []struct {
		method, path string
		vis          Visibility
		scopes       string
		perms        string
	}{
		{"GET", "/repos/o/r/hooks", Private,
			"admin:repo_hook, public_repo, read:repo_hook, repo, write:repo_hook", "repository_hooks=read"},
		{"DELETE", "/repos/o/r/hooks/1", Private, "admin:repo_hook, public_repo, repo", "repository_hooks=write"},
		{"POST", "/repos/o/r/pulls", Private, "repo", "pull_requests=write,contents=read"},
		{"POST", "/repos/o/r/pulls", Public, "public_repo, repo", "pull_requests=write,contents=read"},
		{"GET", "/repos/o/r/issues/1", Private, "repo", "issues=read; pull_requests=read"},
		{"GET", "/repos/o/r/issues/1", Public, "", "issues=read; pull_requests=read"},
		{"PUT", "/repos/o/r/actions/workflows/1/enable", Public, "public_repo, repo, workflow", "actions=write"},
		{"GET", "/user/emails", Private, "read:user, user, user:email", "emails=read"},
		{"GET", "/orgs/o/members", Private, "admin:org, read:org, write:org", "members=read"},
		{"GET", "/app", Private, "", ""},                              // no token of either kind is accepted
		{"GET", "/notifications", Private, "notifications, repo", ""}, // fine-grained not accepted
		{"GET", "/user", Private, "", ""},
	}
	g := mustClassic(t, tab)
	for _, tt := range tests {
		d := tab.Check(g, tt.method, tt.path, tt.vis)
		if d.Endpoint == nil {
			t.Errorf("%s %s: unknown endpoint", tt.method, tt.path)
			continue
		}
		if d.AcceptedOAuthScopes != tt.scopes {
			t.Errorf("%s %s (%v): X-Accepted-OAuth-Scopes = %q, want %q", tt.method, tt.path, tt.vis, d.AcceptedOAuthScopes, tt.scopes)
		}
		if d.AcceptedGitHubPermissions != tt.perms {
			t.Errorf("%s %s: X-Accepted-GitHub-Permissions = %q, want %q", tt.method, tt.path, d.AcceptedGitHubPermissions, tt.perms)
		}
	}
}

func TestGrants(t *testing.T) {
	tab := testTable(t)
	if _, err := tab.ClassicGrants("repo", "nope"); err == nil {
		t.Error("ClassicGrants accepted an unknown scope")
	}
	g := mustClassic(t, tab, "repo", "user:email")
	for _, s := range []string{"repo", "public_repo", "admin:repo_hook", "read:repo_hook", "repo:status", "user:email"} {
		if !g.HasScope(s) {
			t.Errorf("repo, user:email does not hold %s", s)
		}
	}
	for _, s := range []string{"user", "read:user", "admin:org", "workflow", "nope"} {
		if g.HasScope(s) {
			t.Errorf("repo, user:email holds %s", s)
		}
	}
	if g.String() != "repo, user:email" || g.Kind() != ClassicToken || g.Table() != tab {
		t.Errorf("grants = %q %v", g, g.Kind())
	}

	if _, err := tab.FineGrainedGrants(map[string]Level{"isues": Read}); err == nil {
		t.Error("FineGrainedGrants accepted an unknown permission")
	}
	if _, err := tab.FineGrainedGrants(map[string]Level{"workflows": Read}); err == nil {
		t.Error("FineGrainedGrants accepted a level the permission does not offer")
	}
	if _, err := tab.FineGrainedGrants(map[string]Level{"issues": Admin}); err == nil {
		t.Error("FineGrainedGrants accepted admin for issues")
	}
	f := mustFine(t, tab, map[string]Level{"issues": Write, "contents": None})
	if f.Level("metadata") != Read || f.Level("issues") != Write || f.Level("contents") != None || f.Level("nope") != None {
		t.Errorf("levels: metadata %v issues %v contents %v", f.Level("metadata"), f.Level("issues"), f.Level("contents"))
	}
	if f.String() != "issues=write,metadata=read" {
		t.Errorf("String() = %q", f.String())
	}
	if f.HasScope("repo") || g.Level("issues") != None {
		t.Error("a token answers for the other kind")
	}
}

func TestNormalizeScopes(t *testing.T) {
	tab := testTable(t)
	tests := []struct{ in, want []string }{
		{[]string{"user", "gist", "user:email"}, []string{"gist", "user"}},
		{[]string{"read:repo_hook", "public_repo", "repo:status"}, []string{"public_repo", "repo:status"}},
		{[]string{"repo", "public_repo", "admin:repo_hook", "repo"}, []string{"repo"}},
		{[]string{"read:org", "write:org"}, []string{"write:org"}},
		{nil, []string{}},
	}
	for _, tt := range tests {
		got, err := NormalizeScopes(tab, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("NormalizeScopes(%v) (-want +got):\n%s", tt.in, diff)
		}
	}
	if _, err := NormalizeScopes(tab, []string{"repo", "nope"}); err == nil {
		t.Error("unknown scope accepted")
	}
}

func TestCheck(t *testing.T) {
	tab := testTable(t)
	other := routeTable()
	none := Grants{}
	anon := mustClassic(t, tab)
	repo := mustClassic(t, tab, "repo")
	pub := mustClassic(t, tab, "public_repo")
	hookRead := mustClassic(t, tab, "read:repo_hook")
	workflow := mustClassic(t, tab, "public_repo", "workflow")
	fgNone := mustFine(t, tab, nil)
	fgIssuesW := mustFine(t, tab, map[string]Level{"issues": Write})
	fgPR := mustFine(t, tab, map[string]Level{"pull_requests": Write})
	fgPRContents := mustFine(t, tab, map[string]Level{"pull_requests": Write, "contents": Read})
	foreign := mustClassic(t, other)
	tests := []struct {
		name         string
		g            Grants
		method, path string
		vis          Visibility
		want         Reason
	}{
		{"unknown endpoint", repo, "GET", "/nope", Private, ReasonUnknownEndpoint},
		{"unknown endpoint, fine-grained", fgIssuesW, "DELETE", "/repos/o/r/issues", Public, ReasonUnknownEndpoint},
		{"zero grants", none, "GET", "/user", Public, ReasonNoGrants},
		{"grants of another table", foreign, "GET", "/user", Public, ReasonWrongTable},
		{"no scope needed", anon, "GET", "/user", Private, ReasonAllowed},
		{"private needs repo", anon, "GET", "/repos/o/r/issues/1", Private, ReasonMissingScope},
		{"public read needs nothing", anon, "GET", "/repos/o/r/issues/1", Public, ReasonAllowed},
		{"repo reads private", repo, "GET", "/repos/o/r/issues/1", Private, ReasonAllowed},
		{"public_repo is not enough for private", pub, "POST", "/repos/o/r/issues", Private, ReasonMissingScope},
		{"public_repo writes public", pub, "POST", "/repos/o/r/issues", Public, ReasonAllowed},
		{"repo implies public_repo", repo, "POST", "/repos/o/r/issues", Public, ReasonAllowed},
		{"repo implies hook scopes", repo, "DELETE", "/repos/o/r/hooks/1", Private, ReasonAllowed},
		{"read hook scope cannot delete", hookRead, "DELETE", "/repos/o/r/hooks/1", Private, ReasonMissingScope},
		{"read hook scope can list", hookRead, "GET", "/repos/o/r/hooks", Private, ReasonAllowed},
		{"AND-set: both scopes", workflow, "PUT", "/repos/o/r/actions/workflows/1/enable", Public, ReasonAllowed},
		{"AND-set: one scope missing", pub, "PUT", "/repos/o/r/actions/workflows/1/enable", Public, ReasonMissingScope},
		{"classic not accepted", repo, "GET", "/app", Private, ReasonClassicNotAccepted},
		{"fine-grained not accepted", fgIssuesW, "GET", "/notifications", Private, ReasonFineGrainedNotAccepted},
		{"fine-grained: write satisfies read", fgIssuesW, "GET", "/repos/o/r/issues/1", Private, ReasonAllowed},
		{"fine-grained: second alternative", fgPR, "GET", "/repos/o/r/issues/1", Private, ReasonAllowed},
		{"fine-grained: missing", fgNone, "GET", "/repos/o/r/issues/1", Private, ReasonMissingPermission},
		{"fine-grained: public without permission", fgNone, "GET", "/repos/o/r/issues/1", Public, ReasonAllowed},
		{"fine-grained: public write still needs it", fgNone, "POST", "/repos/o/r/issues", Public, ReasonMissingPermission},
		{"fine-grained: AND-set incomplete", fgPR, "POST", "/repos/o/r/pulls", Private, ReasonMissingPermission},
		{"fine-grained: AND-set complete", fgPRContents, "POST", "/repos/o/r/pulls", Private, ReasonAllowed},
		{"fine-grained: metadata always held", fgNone, "GET", "/repos/o/r/topics", Private, ReasonAllowed},
		{"fine-grained: empty AnyOf", fgNone, "GET", "/user", Private, ReasonAllowed},
		{"HEAD checks GET", pub, "HEAD", "/repos/o/r/issues/1/", Public, ReasonAllowed},
	}
	for _, tt := range tests {
		d := tab.Check(tt.g, tt.method, tt.path, tt.vis)
		if d.Reason != tt.want || d.Allowed != (tt.want == ReasonAllowed) {
			t.Errorf("%s: Check(%s %s, %v) = %v (allowed %v), want %v", tt.name, tt.method, tt.path, tt.vis, d.Reason, d.Allowed, tt.want)
		}
		if (d.Endpoint == nil) != (tt.want == ReasonUnknownEndpoint) {
			t.Errorf("%s: Endpoint = %v", tt.name, d.Endpoint)
		}
	}
}

func TestMissing(t *testing.T) {
	tab := testTable(t)
	d := tab.Check(mustClassic(t, tab, "public_repo"), "PUT", "/repos/o/r/actions/workflows/1/enable", Private)
	if diff := cmp.Diff([][]string{{"repo", "workflow"}}, d.MissingScopes()); diff != "" {
		t.Errorf("MissingScopes (-want +got):\n%s", diff)
	}
	if d.MissingPermissions() != nil {
		t.Error("MissingPermissions for a classic token")
	}
	d = tab.Check(mustFine(t, tab, map[string]Level{"pull_requests": Read}), "POST", "/repos/o/r/pulls", Private)
	want := [][]Grant{{{"pull_requests", Write}, {"contents", Read}}}
	if diff := cmp.Diff(want, d.MissingPermissions()); diff != "" {
		t.Errorf("MissingPermissions (-want +got):\n%s", diff)
	}
	d = tab.Check(mustFine(t, tab, map[string]Level{"issues": Read}), "PATCH", "/repos/o/r/issues/1", Private)
	want = [][]Grant{{{"issues", Write}}, {{"pull_requests", Write}}}
	if diff := cmp.Diff(want, d.MissingPermissions()); diff != "" {
		t.Errorf("MissingPermissions (-want +got):\n%s", diff)
	}
	d = tab.Check(mustFine(t, tab, map[string]Level{"issues": Write}), "PATCH", "/repos/o/r/issues/1", Private)
	if !d.Allowed || d.MissingPermissions() != nil {
		t.Errorf("allowed decision reports missing permissions %v", d.MissingPermissions())
	}
}

func TestCheckDoesNotAllocate(t *testing.T) {
	tab := testTable(t)
	paths := benchPaths(t)
	grants := []Grants{mustClassic(t, tab, "repo", "gist"), mustFine(t, tab, map[string]Level{"issues": Write, "contents": Read})}
	for _, g := range grants {
		for _, r := range paths { // build the lazy header strings first
			tab.Check(g, r.method, r.path, Private)
			tab.Check(g, r.method, r.path, Public)
		}
		allocs := testing.AllocsPerRun(5, func() {
			for _, r := range paths {
				tab.Check(g, r.method, r.path, Private)
				tab.Check(g, r.method, r.path, Public)
			}
			tab.Check(g, "GET", "/nope", Public)
		})
		if allocs != 0 {
			t.Errorf("Check allocates %.1f times per run (%v)", allocs, g.Kind())
		}
	}
}

// randomGrants returns a random classic and fine-grained grant pair and a
// superset of each.
func randomGrants(t *testing.T, tab *Table, rnd *rand.Rand) (small, large [2]Grants) {
	var s, l []string
	for _, sc := range tab.Scopes {
		switch rnd.IntN(4) {
		case 0:
			s = append(s, sc.Name)
			l = append(l, sc.Name)
		case 1:
			l = append(l, sc.Name)
		}
	}
	ps, pl := map[string]Level{}, map[string]Level{}
	for _, p := range tab.Permissions {
		i := rnd.IntN(len(p.Levels) + 1)
		j := i + rnd.IntN(len(p.Levels)+1-i)
		if i > 0 {
			ps[p.Name] = p.Levels[i-1]
		}
		if j > 0 {
			pl[p.Name] = p.Levels[j-1]
		}
	}
	return [2]Grants{mustClassic(t, tab, s...), mustFine(t, tab, ps)}, [2]Grants{mustClassic(t, tab, l...), mustFine(t, tab, pl)}
}

// TestMoreGrantsNeverDeny: adding scopes or raising levels never turns an
// allowed request into a denied one.
func TestMoreGrantsNeverDeny(t *testing.T) {
	tab := testTable(t)
	paths := benchPaths(t)
	rnd := rand.New(rand.NewPCG(1, 2))
	allowed := 0
	for range 200 {
		small, large := randomGrants(t, tab, rnd)
		for range 50 {
			r := paths[rnd.IntN(len(paths))]
			vis := Visibility(rnd.IntN(2))
			for k := range small {
				a := tab.Check(small[k], r.method, r.path, vis)
				b := tab.Check(large[k], r.method, r.path, vis)
				if a.Allowed {
					allowed++
				}
				if a.Allowed && !b.Allowed {
					t.Fatalf("%s %s (%v): %q allowed but %q denied (%v)", r.method, r.path, vis, small[k], large[k], b.Reason)
				}
			}
		}
	}
	if allowed == 0 {
		t.Fatal("no request was allowed: the property was never exercised")
	}
}

// TestUnknownAlwaysDenied: a request that matches no endpoint is denied
// whatever the token holds.
func TestUnknownAlwaysDenied(t *testing.T) {
	tab := testTable(t)
	paths := benchPaths(t)
	rnd := rand.New(rand.NewPCG(3, 4))
	all := [2]Grants{mustClassic(t, tab, scopeNames(tab)...), mustFine(t, tab, allPermissions(tab))}
	mutate := []func(string) string{
		func(p string) string { return p + "/extra" },
		func(p string) string { return strings.Replace(p, "/", "//", 1+rnd.IntN(2)) },
		func(p string) string { return "/v3" + p },
		func(p string) string { return strings.ToUpper(p) },
		func(p string) string { return p[:strings.LastIndexByte(p, '/')] + "/../x" },
	}
	n := 0
	for range 2000 {
		r := paths[rnd.IntN(len(paths))]
		p := mutate[rnd.IntN(len(mutate))](r.path)
		if _, _, ok := tab.Lookup(r.method, p); ok {
			continue
		}
		n++
		for _, g := range all {
			if d := tab.Check(g, r.method, p, Public); d.Allowed || d.Reason != ReasonUnknownEndpoint || d.Endpoint != nil {
				t.Fatalf("%s %s: %v, %v", r.method, p, d.Allowed, d.Reason)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d unknown paths generated", n)
	}
}

func scopeNames(t *Table) []string {
	var s []string
	for _, sc := range t.Scopes {
		s = append(s, sc.Name)
	}
	return s
}

func allPermissions(t *Table) map[string]Level {
	m := map[string]Level{}
	for _, p := range t.Permissions {
		m[p.Name] = slices.Max(p.Levels)
	}
	return m
}
