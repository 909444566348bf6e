package access

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMinimize(t *testing.T) {
	tab := testTable(t)
	ep := func(method, path string) *Endpoint {
		e, _, ok := tab.Lookup(method, path)
		if !ok {
			t.Fatalf("%s %s not found", method, path)
		}
		return e
	}
	issue := ep("GET", "/repos/{owner}/{repo}/issues/{issue_number}")                   // issues=read | pull_requests=read
	createPR := ep("POST", "/repos/{owner}/{repo}/pulls")                               // pull_requests=write,contents=read
	createIssue := ep("POST", "/repos/{owner}/{repo}/issues")                           // issues=write
	hooks := ep("GET", "/repos/{owner}/{repo}/hooks")                                   // repository_hooks=read; read:repo_hook
	topics := ep("GET", "/repos/{owner}/{repo}/topics")                                 // metadata=read; repo
	app := ep("GET", "/app")                                                            // no user tokens
	notif := ep("GET", "/notifications")                                                // classic only
	emails := ep("GET", "/user/emails")                                                 // user:email | read:user
	follow := ep("PUT", "/user/following/{username}")                                   // user:follow
	updateUser := ep("PATCH", "/user")                                                  // user
	enable := ep("PUT", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable") // repo AND workflow

	tests := []struct {
		name        string
		eps         []*Endpoint
		vis         Visibility
		perms       string
		scopes      string
		fgNone      []*Endpoint
		classicNone []*Endpoint
	}{
		{"empty", nil, Private, "", "", nil, nil},
		{"the cheaper alternative of an OR", []*Endpoint{issue}, Private, "issues=read", "repo", nil, nil},
		{"an alternative shared with another endpoint wins", []*Endpoint{issue, createPR}, Private,
			"contents=read,pull_requests=write", "repo", nil, nil},
		{"levels merge to the highest", []*Endpoint{issue, createIssue}, Private, "issues=write", "repo", nil, nil},
		{"metadata is free; scopes normalise", []*Endpoint{topics, hooks}, Private, "repository_hooks=read", "repo", nil, nil},
		{"public reads need nothing", []*Endpoint{issue, topics}, Public, "", "", nil, nil},
		{"unavailable endpoints; repo serves both", []*Endpoint{app, notif, issue}, Private, "issues=read", "repo",
			[]*Endpoint{app, notif}, []*Endpoint{app}},
		{"two scopes, the lexicographically first pair", []*Endpoint{emails, follow}, Private, "emails=read,followers=write", "read:user, user:follow", nil, nil},
		{"a listed parent absorbs its children", []*Endpoint{emails, follow, updateUser}, Private, "emails=read,followers=write", "user", nil, nil},
		{"AND-set of scopes", []*Endpoint{enable, hooks}, Public, "actions=write,repository_hooks=read", "public_repo, workflow", nil, nil},
	}
	for _, tt := range tests {
		m, err := tab.Minimize(tt.eps, tt.vis)
		if err != nil {
			t.Fatal(err)
		}
		if m.Permissions() != tt.perms || m.Scopes() != tt.scopes {
			t.Errorf("%s: Minimize = %q / %q, want %q / %q", tt.name, m.Permissions(), m.Scopes(), tt.perms, tt.scopes)
		}
		if diff := cmp.Diff(tt.fgNone, m.FineGrainedUnavailable); diff != "" {
			t.Errorf("%s: FineGrainedUnavailable (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.classicNone, m.ClassicUnavailable); diff != "" {
			t.Errorf("%s: ClassicUnavailable (-want +got):\n%s", tt.name, diff)
		}
	}
	if _, err := tab.Minimize([]*Endpoint{issue, nil}, Private); err == nil {
		t.Error("nil endpoint accepted")
	}
}

func TestMinimizeReasons(t *testing.T) {
	tab := testTable(t)
	var eps []*Endpoint
	for _, p := range []string{"POST /repos/{owner}/{repo}/pulls", "GET /repos/{owner}/{repo}/issues/{issue_number}",
		"GET /repos/{owner}/{repo}/hooks", "DELETE /repos/{owner}/{repo}/hooks/{hook_id}", "GET /user/emails"} {
		m, path, _ := strings.Cut(p, " ")
		e, _, _ := tab.Lookup(m, path)
		eps = append(eps, e)
	}
	m, err := tab.Minimize(eps, Private)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, g := range m.FineGrained {
		for _, e := range g.Endpoints {
			got[g.Grant.String()] = append(got[g.Grant.String()], e.Method+" "+e.Path)
		}
	}
	for _, s := range m.Classic {
		for _, e := range s.Endpoints {
			got[s.Scope] = append(got[s.Scope], e.Method+" "+e.Path)
		}
	}
	want := map[string][]string{
		"contents=read":          {"POST /repos/{owner}/{repo}/pulls"},
		"pull_requests=write":    {"POST /repos/{owner}/{repo}/pulls", "GET /repos/{owner}/{repo}/issues/{issue_number}"},
		"repository_hooks=write": {"GET /repos/{owner}/{repo}/hooks", "DELETE /repos/{owner}/{repo}/hooks/{hook_id}"},
		"emails=read":            {"GET /user/emails"},
		"repo": {"POST /repos/{owner}/{repo}/pulls", "GET /repos/{owner}/{repo}/issues/{issue_number}",
			"GET /repos/{owner}/{repo}/hooks", "DELETE /repos/{owner}/{repo}/hooks/{hook_id}"},
		"read:user": {"GET /user/emails"}, // before user:email in sort order
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
}

// randomTable builds a small random table: a random scope DAG, random
// permissions (metadata included) and endpoints with random requirements,
// each endpoint at its own path "/e/N".
func randomTable(rnd *rand.Rand) *Table {
	t := &Table{Version: "random"}
	ns := 3 + rnd.IntN(5)
	for i := range ns {
		s := Scope{Name: fmt.Sprintf("s%d", i)}
		for j := range i {
			if rnd.IntN(4) == 0 {
				s.Parents = append(s.Parents, fmt.Sprintf("s%d", j))
			}
		}
		t.Scopes = append(t.Scopes, s)
	}
	t.Permissions = append(t.Permissions, Permission{Name: "metadata", Levels: []Level{Read}})
	np := 2 + rnd.IntN(4)
	for i := range np {
		var ls []Level
		for _, l := range []Level{Read, Write, Admin} {
			if rnd.IntN(3) > 0 {
				ls = append(ls, l)
			}
		}
		if ls == nil {
			ls = []Level{Write}
		}
		t.Permissions = append(t.Permissions, Permission{Name: fmt.Sprintf("p%d", i), Levels: ls})
	}
	ne := 1 + rnd.IntN(6)
	for i := range ne {
		e := Endpoint{Method: "GET", Path: fmt.Sprintf("/e/%d", i)}
		e.FineGrained.Accepted = rnd.IntN(8) > 0
		e.FineGrained.PublicWithoutPermission = rnd.IntN(4) == 0
		for range rnd.IntN(4) {
			var set []Grant
			for range 1 + rnd.IntN(3) {
				p := t.Permissions[rnd.IntN(len(t.Permissions))].Name
				if rnd.IntN(12) == 0 {
					p = "unknown"
				}
				set = append(set, Grant{p, Level(1 + rnd.IntN(3))})
			}
			e.FineGrained.AnyOf = append(e.FineGrained.AnyOf, set)
		}
		e.Classic.Accepted = rnd.IntN(8) > 0
		randomSets := func() [][]string {
			var sets [][]string
			for range rnd.IntN(4) {
				var set []string
				for range rnd.IntN(3) + boolInt(rnd.IntN(10) > 0) {
					s := t.Scopes[rnd.IntN(len(t.Scopes))].Name
					if rnd.IntN(15) == 0 {
						s = "unknown"
					}
					set = append(set, s)
				}
				sets = append(sets, set)
			}
			return sets
		}
		e.Classic.Private, e.Classic.Public = randomSets(), randomSets()
		t.Endpoints = append(t.Endpoints, e)
	}
	return t
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// bruteFine enumerates every choice of one AnyOf set per endpoint. It
// works on the raw data with its own reading of the rules.
func bruteFine(t *Table, eps []*Endpoint, vis Visibility) (string, []*Endpoint) {
	perm := map[string]Permission{}
	for _, p := range t.Permissions {
		perm[p.Name] = p
	}
	type opt map[string]Level
	var choices [][]opt
	var unavailable []*Endpoint
	for _, e := range eps {
		fg := e.FineGrained
		if !fg.Accepted {
			unavailable = append(unavailable, e)
			continue
		}
		if len(fg.AnyOf) == 0 || vis == Public && fg.PublicWithoutPermission {
			continue
		}
		var opts []opt
		free := false
		for _, set := range fg.AnyOf {
			o, ok := opt{}, true
			for _, g := range set {
				p, known := perm[g.Permission]
				if !known {
					ok = false
					break
				}
				// the lowest offered level at or above the need
				lvl := None
				for _, l := range p.Levels {
					if l >= g.Level && (lvl == None || l < lvl) {
						lvl = l
					}
				}
				if lvl == None {
					ok = false
					break
				}
				if g.Permission == "metadata" && lvl == Read {
					continue
				}
				o[g.Permission] = max(o[g.Permission], lvl)
			}
			if ok && len(o) == 0 {
				free = true
			}
			if ok {
				opts = append(opts, o)
			}
		}
		switch {
		case free:
		case len(opts) == 0:
			unavailable = append(unavailable, e)
		default:
			choices = append(choices, opts)
		}
	}
	best, bestSum, bestN := "", -1, 0
	var walk func(i int, u opt)
	walk = func(i int, u opt) {
		if i == len(choices) {
			sum, n, parts := 0, 0, []string(nil)
			for p, l := range u {
				sum += int(l)
				n++
				parts = append(parts, p+"="+l.String())
			}
			slices.Sort(parts)
			s := strings.Join(parts, ",")
			if bestSum < 0 || sum < bestSum || sum == bestSum && (n < bestN || n == bestN && s < best) {
				best, bestSum, bestN = s, sum, n
			}
			return
		}
		for _, o := range choices[i] {
			v := opt{}
			for p, l := range u {
				v[p] = l
			}
			for p, l := range o {
				v[p] = max(v[p], l)
			}
			walk(i+1, v)
		}
	}
	walk(0, opt{})
	return best, unavailable
}

// bruteClassic enumerates every choice of one scope set per endpoint and
// normalises the union with the DAG closure computed here.
func bruteClassic(t *Table, eps []*Endpoint, vis Visibility) (string, []*Endpoint) {
	known := map[string]bool{}
	for _, s := range t.Scopes {
		known[s.Name] = true
	}
	// implies[a][b]: a implies b (reflexive, transitive)
	implies := map[string]map[string]bool{}
	for _, s := range t.Scopes {
		implies[s.Name] = map[string]bool{s.Name: true}
	}
	for changed := true; changed; {
		changed = false
		for _, s := range t.Scopes {
			for _, p := range s.Parents {
				for x := range implies[s.Name] {
					if !implies[p][x] {
						implies[p][x], changed = true, true
					}
				}
			}
		}
	}
	var choices [][][]string
	var unavailable []*Endpoint
	for _, e := range eps {
		if !e.Classic.Accepted {
			unavailable = append(unavailable, e)
			continue
		}
		sets := e.Classic.Private
		if vis == Public {
			sets = e.Classic.Public
		}
		var opts [][]string
		free := len(sets) == 0
		for _, set := range sets {
			if len(set) == 0 {
				free = true
			}
			if !slices.ContainsFunc(set, func(s string) bool { return !known[s] }) {
				opts = append(opts, set)
			}
		}
		switch {
		case free:
		case len(opts) == 0:
			unavailable = append(unavailable, e)
		default:
			choices = append(choices, opts)
		}
	}
	best, bestN := "", -1
	var walk func(i int, u []string)
	walk = func(i int, u []string) {
		if i == len(choices) {
			var top []string
			for _, a := range u {
				implied := false
				for _, b := range u {
					if a != b && implies[b][a] && (!implies[a][b] || b < a) {
						implied = true
					}
				}
				if !implied && !slices.Contains(top, a) {
					top = append(top, a)
				}
			}
			slices.Sort(top)
			s := strings.Join(top, ", ")
			if bestN < 0 || len(top) < bestN || len(top) == bestN && s < best {
				best, bestN = s, len(top)
			}
			return
		}
		for _, o := range choices[i] {
			walk(i+1, append(slices.Clone(u), o...))
		}
	}
	walk(0, nil)
	return best, unavailable
}

func TestMinimizeBruteForce(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	nonEmpty := [2]int{}
	for iter := range 3000 {
		tab := randomTable(rnd)
		var eps []*Endpoint
		for i := range tab.Endpoints {
			eps = append(eps, &tab.Endpoints[i])
		}
		if rnd.IntN(3) == 0 { // duplicates must not matter
			eps = append(eps, eps[rnd.IntN(len(eps))])
		}
		vis := Visibility(rnd.IntN(2))
		m, err := tab.Minimize(eps, vis)
		if err != nil {
			t.Fatal(err)
		}
		wantP, wantPU := bruteFine(tab, eps, vis)
		wantS, wantSU := bruteClassic(tab, eps, vis)
		if m.Permissions() != wantP || m.Scopes() != wantS {
			t.Fatalf("iteration %d (%v): Minimize = %q / %q, brute force %q / %q\ntable: %+v", iter, vis,
				m.Permissions(), m.Scopes(), wantP, wantS, tab)
		}
		if !slices.Equal(m.FineGrainedUnavailable, wantPU) || !slices.Equal(m.ClassicUnavailable, wantSU) {
			t.Fatalf("iteration %d: unavailable lists differ", iter)
		}
		if wantP != "" {
			nonEmpty[0]++
		}
		if strings.Contains(wantS, ",") {
			nonEmpty[1]++
		}
		checkMinimalGrants(t, tab, eps, vis, m)
	}
	if nonEmpty[0] < 500 || nonEmpty[1] < 200 {
		t.Fatalf("too few interesting cases: %v", nonEmpty)
	}
}

// checkMinimalGrants verifies that tokens holding exactly the minimal sets
// may call every available endpoint, and that every reason is an endpoint
// that mentions the permission or a scope it implies.
func checkMinimalGrants(t *testing.T, tab *Table, eps []*Endpoint, vis Visibility, m Minimal) {
	t.Helper()
	perms := map[string]Level{}
	for _, g := range m.FineGrained {
		perms[g.Permission] = g.Level
		if len(g.Endpoints) == 0 {
			t.Fatalf("%s has no reason", g.Grant)
		}
		for _, e := range g.Endpoints {
			if !slices.ContainsFunc(e.FineGrained.AnyOf, func(set []Grant) bool {
				return slices.ContainsFunc(set, func(x Grant) bool { return x.Permission == g.Permission })
			}) {
				t.Fatalf("%s lists %s, which does not mention it", g.Grant, e.Path)
			}
		}
	}
	fg, err := tab.FineGrainedGrants(perms)
	if err != nil {
		t.Fatal(err)
	}
	var scopes []string
	for _, s := range m.Classic {
		scopes = append(scopes, s.Scope)
		if len(s.Endpoints) == 0 {
			t.Fatalf("%s has no reason", s.Scope)
		}
	}
	cl, err := tab.ClassicGrants(scopes...)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range eps {
		if d := tab.Check(fg, e.Method, e.Path, vis); !d.Allowed && !slices.Contains(m.FineGrainedUnavailable, e) {
			t.Fatalf("%s: %s denied to the minimal fine-grained token %s (%v)", e.Path, vis, fg, d.Reason)
		}
		if d := tab.Check(cl, e.Method, e.Path, vis); !d.Allowed && !slices.Contains(m.ClassicUnavailable, e) {
			t.Fatalf("%s: %s denied to the minimal classic token %s (%v)", e.Path, vis, cl, d.Reason)
		}
	}
}

// TestMinimizeFifty: 50 realistic endpoints, and 50 synthetic endpoints
// with three alternatives each, are solved with a small search.
func TestMinimizeFifty(t *testing.T) {
	tab := testTable(t)
	rnd := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		var eps []*Endpoint
		for range 50 {
			eps = append(eps, &tab.Endpoints[rnd.IntN(len(tab.Endpoints))])
		}
		for _, vis := range []Visibility{Private, Public} {
			m, err := tab.Minimize(eps, vis)
			if err != nil {
				t.Fatal(err)
			}
			checkMinimalGrants(t, tab, eps, vis, m)
		}
	}

	// Synthetic: every endpoint accepts any of three pairs over 12
	// permissions and any of three scopes.
	syn := &Table{Version: "synthetic"}
	for i := range 12 {
		syn.Permissions = append(syn.Permissions, Permission{Name: fmt.Sprintf("p%02d", i), Levels: []Level{Read, Write, Admin}})
		syn.Scopes = append(syn.Scopes, Scope{Name: fmt.Sprintf("s%02d", i)})
	}
	for i := range 50 {
		e := Endpoint{Method: "GET", Path: fmt.Sprintf("/e/%d", i)}
		e.FineGrained.Accepted, e.Classic.Accepted = true, true
		for range 3 {
			e.FineGrained.AnyOf = append(e.FineGrained.AnyOf, []Grant{
				{fmt.Sprintf("p%02d", rnd.IntN(12)), Level(1 + rnd.IntN(3))},
				{fmt.Sprintf("p%02d", rnd.IntN(12)), Level(1 + rnd.IntN(3))}})
			e.Classic.Private = append(e.Classic.Private, []string{fmt.Sprintf("s%02d", rnd.IntN(12))})
		}
		syn.Endpoints = append(syn.Endpoints, e)
	}
	var eps []*Endpoint
	for i := range syn.Endpoints {
		eps = append(eps, &syn.Endpoints[i])
	}
	m, err := syn.Minimize(eps, Private)
	if err != nil {
		t.Fatal(err)
	}
	checkMinimalGrants(t, syn, eps, Private, m)
	ix := syn.index()
	var nodes [2]int
	_, _, nodes[0] = ix.minimizeFine(syn, eps, Private)
	_, _, nodes[1] = ix.minimizeClassic(syn, eps, Private)
	if nodes[0] > 100000 || nodes[1] > 100000 {
		t.Errorf("search visited %d fine-grained and %d classic nodes", nodes[0], nodes[1])
	}
	t.Logf("synthetic 50 endpoints: %s / %s; search nodes %v", m.Permissions(), m.Scopes(), nodes)
}
