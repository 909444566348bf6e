package reference

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scoperef/scoperef/access"
	"github.com/scoperef/scoperef/internal/codegen"
)

// calcResult is a Minimal in the shape calculator.js returns it: endpoints as indexes into the
// table's endpoints.
type calcResult struct {
	FineGrained            []calcGrant `json:"fine_grained"`
	FineGrainedUnavailable []int       `json:"fine_grained_unavailable"`
	Classic                []calcScope `json:"classic"`
	ClassicUnavailable     []int       `json:"classic_unavailable"`
}

type calcGrant struct {
	Permission string `json:"permission"`
	Level      string `json:"level"`
	Endpoints  []int  `json:"endpoints"`
}

type calcScope struct {
	Scope     string `json:"scope"`
	Endpoints []int  `json:"endpoints"`
}

// goMinimize runs access.Table.Minimize on the endpoints at selected and converts the result.
func goMinimize(t testing.TB, tab *access.Table, selected []int, vis string) calcResult {
	t.Helper()
	at := map[*access.Endpoint]int{}
	eps := make([]*access.Endpoint, len(selected))
	for k, i := range selected {
		eps[k] = &tab.Endpoints[i]
		at[eps[k]] = i
	}
	v := access.Private
	if vis == "public" {
		v = access.Public
	}
	m, err := tab.Minimize(eps, v)
	if err != nil {
		t.Fatal(err)
	}
	idx := func(list []*access.Endpoint) []int {
		out := []int{}
		for _, e := range list {
			out = append(out, at[e])
		}
		return out
	}
	r := calcResult{FineGrained: []calcGrant{}, FineGrainedUnavailable: idx(m.FineGrainedUnavailable),
		Classic: []calcScope{}, ClassicUnavailable: idx(m.ClassicUnavailable)}
	for _, g := range m.FineGrained {
		r.FineGrained = append(r.FineGrained, calcGrant{g.Permission, g.Level.String(), idx(g.Endpoints)})
	}
	for _, s := range m.Classic {
		r.Classic = append(r.Classic, calcScope{s.Scope, idx(s.Endpoints)})
	}
	return r
}

type calcCase struct {
	Data       string     `json:"data"`
	Selected   []int      `json:"selected"`
	Visibility string     `json:"visibility"`
	Want       calcResult `json:"-"`
	// Mutants: the case is also run against the mutants (a sample, to keep the test quick).
	Mutants bool `json:"-"`
}

// calcSuite collects tables and cases for one run of calculator.js under node.
type calcSuite struct {
	dir    string
	cases  []calcCase
	tables map[string]*access.Table
	counts map[string]int // cases per table
}

func (s *calcSuite) addTable(t *testing.T, name string, tab *access.Table, data []byte) {
	t.Helper()
	if err := tab.Validate(); err != nil && !strings.HasPrefix(name, "synthetic") && name != "edge" {
		t.Fatalf("%s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, name+".json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	s.tables[name] = tab
}

func (s *calcSuite) add(t *testing.T, name string, selected []int, vis string, mutants bool) {
	s.cases = append(s.cases, calcCase{Data: name + ".json", Selected: selected, Visibility: vis,
		Want: goMinimize(t, s.tables[name], selected, vis), Mutants: mutants})
	s.counts[name]++
}

// addRandom adds n random endpoint sets of 1 to maxSize distinct endpoints, half of them for
// public resources; the first 50 are also run against the mutants.
func (s *calcSuite) addRandom(t *testing.T, name string, rnd *rand.Rand, n, maxSize int) {
	tab := s.tables[name]
	for k := range n {
		size := 1 + rnd.IntN(min(maxSize, len(tab.Endpoints)))
		sel := rnd.Perm(len(tab.Endpoints))[:size]
		vis := "private"
		if k%2 == 1 {
			vis = "public"
		}
		s.add(t, name, sel, vis, k < 50)
	}
}

const calcNodeScript = `
const fs = require("fs"), path = require("path");
const dir = process.argv[1];
const {prepare} = require(path.join(dir, process.argv[2]));
const cases = JSON.parse(fs.readFileSync(path.join(dir, "cases.json")));
const prepared = {};
const out = cases.map(c => {
  const calc = prepared[c.data] ||= prepare(JSON.parse(fs.readFileSync(path.join(dir, c.data))));
  return calc.minimize(c.selected, c.visibility);
});
process.stdout.write(JSON.stringify(out));
`

// run runs script (a file in s.dir) on cases and returns its answers.
func (s *calcSuite) run(t *testing.T, node, script string, cases []calcCase) []calcResult {
	t.Helper()
	casesJSON, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "cases.json"), casesJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", calcNodeScript, s.dir, script)
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err := cmd.Output()
	t.Logf("node %s: %d cases in %v", script, len(cases), time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("node %s: %v", script, err)
	}
	var got []calcResult
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output: %v\n%.500s", err, out)
	}
	if len(got) != len(cases) {
		t.Fatalf("node answered %d cases, want %d", len(got), len(cases))
	}
	return got
}

// mismatches compares node's answers with Minimize's and returns the indexes that differ.
func mismatches(cases []calcCase, got []calcResult) []int {
	var bad []int
	for i, c := range cases {
		if !reflect.DeepEqual(got[i], c.Want) {
			bad = append(bad, i)
		}
	}
	return bad
}

// TestCalculatorJSMatchesGo runs calculator.js under node and compares its whole answers
// (permissions, levels, scopes, the endpoints behind each, unavailable endpoints) with
// access.Table.Minimize on:
//   - every version of the shipped data (content/data) and of the starter: each endpoint alone,
//     every endpoint at once, and at least 200 random sets of up to 40 endpoints, for private
//     and for public resources;
//   - synthetic tables whose endpoints have several alternative permission sets and scope
//     sets, unknown names, levels a permission does not offer, metadata, empty sets and a
//     scope cycle, so that ties and the search order matter.
//
// It then checks that deliberately wrong ports of the tie-breaks fail on the same cases, so the
// cases are known to tell them apart. Skipped when node is not installed.
func TestCalculatorJSMatchesGo(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: calculator.js is not checked against access.Minimize (install Node.js to run this test)")
	}
	s := &calcSuite{dir: t.TempDir(), tables: map[string]*access.Table{}, counts: map[string]int{}}
	rnd := rand.New(rand.NewPCG(6, 5))
	var names []string
	for mname, m := range models(t) {
		g := New(m, English{}, Options{})
		set := codegen.Build(m, "")
		for _, v := range m.Built() {
			tab, ok := set.Table(v.Name())
			if !ok || len(tab.Endpoints) == 0 {
				continue
			}
			name := mname + "-" + v.Name()
			c := g.ctx(v, "en")
			s.addTable(t, name, tab, c.calculatorJSON())
			names = append(names, name)
			all := make([]int, len(tab.Endpoints))
			for i := range all {
				all[i] = i
				s.add(t, name, []int{i}, "private", false)
				s.add(t, name, []int{i}, "public", false)
			}
			s.add(t, name, all, "private", false)
			s.add(t, name, all, "public", false)
			s.add(t, name, []int{}, "private", true)
			s.add(t, name, []int{0, 0, min(1, len(all)-1)}, "private", true) // duplicates
			s.addRandom(t, name, rnd, 200, 40)
		}
	}
	for k := range 6 {
		name := fmt.Sprintf("synthetic-%d", k)
		tab := syntheticTable(rnd, k)
		s.addTable(t, name, tab, mustCompactJSON(t, NewCalculatorData(tab, nil, nil)))
		names = append(names, name)
		s.addRandom(t, name, rnd, 150, 9)
	}
	// Every set of one to three endpoints of a table made to hit each rule.
	s.addTable(t, "edge", edgeTable(), mustCompactJSON(t, NewCalculatorData(edgeTable(), nil, nil)))
	names = append(names, "edge")
	n := len(s.tables["edge"].Endpoints)
	for i := range n {
		for _, vis := range []string{"private", "public"} {
			s.add(t, "edge", []int{i}, vis, true)
			for j := i + 1; j < n; j++ {
				s.add(t, "edge", []int{j, i}, vis, true)
				for k := j + 1; k < n; k++ {
					s.add(t, "edge", []int{i, k, j}, vis, true)
				}
			}
		}
	}
	slices.Sort(names)

	js := filepath.Join(s.dir, "calculator.js")
	if err := os.WriteFile(js, calculatorJS, 0o644); err != nil {
		t.Fatal(err)
	}
	got := s.run(t, node, "calculator.js", s.cases)
	bad := mismatches(s.cases, got)
	for n, i := range bad {
		if n == 10 {
			t.Errorf("... and %d more", len(bad)-10)
			break
		}
		c := s.cases[i]
		t.Errorf("%s %v %s:\n calculator.js = %+v\n Minimize      = %+v", c.Data, c.Selected, c.Visibility, got[i], c.Want)
	}
	var figures []string
	for _, name := range names {
		figures = append(figures, fmt.Sprintf("%s %d", name, s.counts[name]))
	}
	t.Logf("%d cases, %d mismatches: %s", len(s.cases), len(bad), strings.Join(figures, ", "))

	// Mutants: each breaks one rule of the port; the cases must catch every one.
	var some []calcCase
	for _, c := range s.cases {
		if c.Mutants {
			some = append(some, c)
		}
	}
	for _, m := range []struct{ name, from, to string }{
		{"classic ties keep the last choice", "if (!this.found || c.n < this.best.n || c.n === this.best.n && c.canon < this.best.canon)",
			"if (!this.found || c.n < this.best.n || c.n === this.best.n && c.canon <= this.best.canon)"},
		{"fine-grained ties ignore the canonical order", "return a.canon < b.canon;", "return false;"},
		{"no dominated sets dropped", "(!needsLE(a, b) || j < i)) return false;", "(!needsLE(a, b) || j < i)) return true;"},
		{"metadata not free", "n.perm === ix.metadata && n.level <= READ", "false"},
		{"public resources treated as private", `vis === "public" ? c.public : c.private`, "c.private"},
		{"unoffered levels not raised", "for (var x = l; x <= ADMIN; x++)", "for (var x = l; x <= l; x++)"},
		{"normalisation keeps implied scopes", "if (a !== b && ix.implied[j].has(i)", "if (false && ix.implied[j].has(i)"},
	} {
		src := string(calculatorJS)
		if !strings.Contains(src, m.from) {
			t.Errorf("mutant %q: %q is not in calculator.js", m.name, m.from)
			continue
		}
		file := "mutant.js"
		if err := os.WriteFile(filepath.Join(s.dir, file), []byte(strings.Replace(src, m.from, m.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if n := len(mismatches(some, s.run(t, node, file, some))); n == 0 {
			t.Errorf("mutant %q passes every case: the cases do not test that rule", m.name)
		} else {
			t.Logf("mutant %q: %d cases differ", m.name, n)
		}
	}
}

func mustCompactJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// syntheticTable makes a table whose requirements exercise every rule of Minimize: several
// alternatives per endpoint, names the table lacks, levels not offered, metadata, empty sets,
// a scope DAG with diamonds and (in odd tables) a cycle.
func syntheticTable(rnd *rand.Rand, k int) *access.Table {
	t := &access.Table{Version: fmt.Sprintf("synthetic-%d", k)}
	scopes := []access.Scope{
		{Name: "repo"}, {Name: "public_repo", Parents: []string{"repo"}}, {Name: "repo:status", Parents: []string{"repo"}},
		{Name: "admin:repo_hook", Parents: []string{"repo", "public_repo"}}, {Name: "write:repo_hook", Parents: []string{"admin:repo_hook"}},
		{Name: "read:repo_hook", Parents: []string{"write:repo_hook"}}, {Name: "user"}, {Name: "read:user", Parents: []string{"user"}},
		{Name: "user:email", Parents: []string{"user"}}, {Name: "user:follow", Parents: []string{"user"}}, {Name: "gist"},
		{Name: "admin:org"}, {Name: "write:org", Parents: []string{"admin:org"}}, {Name: "read:org", Parents: []string{"write:org"}},
		{Name: "workflow"}, {Name: "a"}, {Name: "b", Parents: []string{"a"}},
	}
	if k%2 == 1 {
		scopes[15].Parents = []string{"b"} // a and b imply each other
	}
	if k >= 4 { // more than 64 scopes: several bitset words
		for i := range 70 {
			scopes = append(scopes, access.Scope{Name: fmt.Sprintf("extra:%02d", i), Parents: []string{fmt.Sprintf("extra:%02d", (i+1)%72)}})
		}
	}
	t.Scopes = scopes
	t.Permissions = []access.Permission{
		{Name: "actions", Levels: []access.Level{access.Read, access.Write}},
		{Name: "administration", Levels: []access.Level{access.Read, access.Write}},
		{Name: "contents", Levels: []access.Level{access.Read, access.Write}},
		{Name: "issues", Levels: []access.Level{access.Read, access.Write}},
		{Name: "members", Levels: []access.Level{access.Read, access.Admin}}, // write is met by admin
		{Name: "metadata", Levels: []access.Level{access.Read}},
		{Name: "organization_hooks", Levels: []access.Level{access.Read, access.Write}},
		{Name: "pull_requests", Levels: []access.Level{access.Read, access.Write}},
		{Name: "secrets", Levels: []access.Level{access.Write}}, // read is met by write
		{Name: "workflows", Levels: []access.Level{access.Write}},
	}
	permNames := []string{"actions", "administration", "contents", "issues", "members", "metadata", "metadata", "metadata",
		"organization_hooks", "pull_requests", "secrets", "workflows", "unknown_permission"}
	scopeNames := []string{"unknown:scope"}
	for _, s := range scopes[:17] {
		scopeNames = append(scopeNames, s.Name)
	}
	if k >= 4 { // beyond the first word, one implying another
		scopeNames = append(scopeNames, "extra:03", "extra:50", "extra:69")
	}
	levels := []access.Level{access.Read, access.Read, access.Write, access.Write, access.Admin}
	scopeSets := func() [][]string {
		var sets [][]string
		for range rnd.IntN(4) {
			var set []string
			for range rnd.IntN(3) + 1 {
				set = append(set, scopeNames[rnd.IntN(len(scopeNames))])
			}
			if rnd.IntN(25) == 0 {
				set = []string{}
			}
			sets = append(sets, set)
		}
		return sets
	}
	for i := range 50 {
		e := access.Endpoint{Operation: fmt.Sprintf("synthetic/op-%d", i), Method: "GET", Path: fmt.Sprintf("/synthetic/%d", i),
			Category: "synthetic"}
		if rnd.IntN(8) > 0 {
			e.FineGrained.Accepted = true
			e.FineGrained.PublicWithoutPermission = rnd.IntN(4) == 0
			n := rnd.IntN(4) + 1
			if rnd.IntN(12) == 0 {
				n = 0
			}
			for range n {
				var set []access.Grant
				for range rnd.IntN(3) + 1 {
					set = append(set, access.Grant{Permission: permNames[rnd.IntN(len(permNames))], Level: levels[rnd.IntN(len(levels))]})
				}
				if rnd.IntN(30) == 0 {
					set = []access.Grant{}
				}
				e.FineGrained.AnyOf = append(e.FineGrained.AnyOf, set)
			}
		}
		if rnd.IntN(10) > 0 {
			e.Classic = access.Classic{Accepted: true, Private: scopeSets(), Public: scopeSets()}
		}
		t.Endpoints = append(t.Endpoints, e)
	}
	return t
}

// edgeTable has an endpoint for each rule of Minimize; the comments say what each tests.
func edgeTable() *access.Table {
	fg := func(sets ...[]access.Grant) access.FineGrained {
		return access.FineGrained{Accepted: true, AnyOf: sets}
	}
	g := func(perm string, l access.Level) access.Grant { return access.Grant{Permission: perm, Level: l} }
	cl := func(private ...[]string) access.Classic {
		return access.Classic{Accepted: true, Private: private, Public: private}
	}
	repo := cl([]string{"repo"})
	eps := []access.Endpoint{
		// a set implied by a cheaper one is dropped: the reason names issues only
		{FineGrained: fg([]access.Grant{g("issues", access.Read)}, []access.Grant{g("contents", access.Read), g("issues", access.Read)}), Classic: repo},
		{FineGrained: fg([]access.Grant{g("contents", access.Read)}), Classic: repo},
		// a tie in cost: the canonical string decides (issues before pull_requests)
		{FineGrained: fg([]access.Grant{g("pull_requests", access.Write)}, []access.Grant{g("issues", access.Write)}), Classic: repo},
		// metadata: read is free; metadata: write is never offered
		{FineGrained: fg([]access.Grant{g("metadata", access.Read)}), Classic: repo},
		{FineGrained: fg([]access.Grant{g("metadata", access.Write)}), Classic: repo},
		// levels not offered are raised
		{FineGrained: fg([]access.Grant{g("members", access.Write)}), Classic: cl([]string{"read:org"})},
		{FineGrained: fg([]access.Grant{g("secrets", access.Read)}), Classic: cl([]string{"admin:org"})},
		// an unknown permission drops its set only
		{FineGrained: fg([]access.Grant{g("nope", access.Read)}, []access.Grant{g("issues", access.Read)}), Classic: repo},
		// public resources need no permission; private ones do
		{FineGrained: access.FineGrained{Accepted: true, PublicWithoutPermission: true, AnyOf: [][]access.Grant{{g("contents", access.Write)}}},
			Classic: access.Classic{Accepted: true, Private: [][]string{{"repo"}}, Public: [][]string{{"public_repo"}, {"repo"}}}},
		// no token of either kind
		{},
		// nothing needed: no sets, an empty set
		{FineGrained: fg(), Classic: access.Classic{Accepted: true, Private: [][]string{{}}}},
		{FineGrained: fg([]access.Grant{}), Classic: access.Classic{Accepted: true}},
		// identical sets
		{FineGrained: fg([]access.Grant{g("issues", access.Read)}, []access.Grant{g("issues", access.Read)}), Classic: cl([]string{"repo"}, []string{"repo"})},
		// scopes: the first pair in order, or a listed parent absorbing its children
		{FineGrained: fg([]access.Grant{g("emails", access.Read)}), Classic: cl([]string{"user:email"}, []string{"read:user"})},
		{FineGrained: fg([]access.Grant{g("followers", access.Write)}), Classic: cl([]string{"user:follow"})},
		{FineGrained: fg([]access.Grant{g("profile", access.Write)}), Classic: cl([]string{"user"})},
		// an AND-set of scopes; an unknown scope
		{Classic: cl([]string{"repo", "workflow"})},
		{Classic: cl([]string{"nope:scope"})},
		{Classic: cl([]string{"nope:scope"}, []string{"public_repo"})},
		// a and b imply each other: a is kept
		{Classic: cl([]string{"b"}, []string{"a"})},
		{Classic: cl([]string{"a", "b"})},
		// a choice between a scope and its parent's sibling
		{Classic: cl([]string{"read:org"}, []string{"repo"})},
	}
	t := &access.Table{Version: "edge",
		Scopes: []access.Scope{{Name: "a", Parents: []string{"b"}}, {Name: "admin:org"}, {Name: "b", Parents: []string{"a"}},
			{Name: "public_repo", Parents: []string{"repo"}}, {Name: "read:org", Parents: []string{"write:org"}},
			{Name: "read:user", Parents: []string{"user"}}, {Name: "repo"}, {Name: "user"}, {Name: "user:email", Parents: []string{"user"}},
			{Name: "user:follow", Parents: []string{"user"}}, {Name: "workflow"}, {Name: "write:org", Parents: []string{"admin:org"}}},
		Permissions: []access.Permission{
			{Name: "contents", Levels: []access.Level{access.Read, access.Write}},
			{Name: "emails", Levels: []access.Level{access.Read, access.Write}},
			{Name: "followers", Levels: []access.Level{access.Read, access.Write}},
			{Name: "issues", Levels: []access.Level{access.Read, access.Write}},
			{Name: "members", Levels: []access.Level{access.Read, access.Admin}},
			{Name: "metadata", Levels: []access.Level{access.Read}},
			{Name: "profile", Levels: []access.Level{access.Write}},
			{Name: "pull_requests", Levels: []access.Level{access.Read, access.Write}},
			{Name: "secrets", Levels: []access.Level{access.Write}},
		}}
	for i := range eps {
		eps[i].Operation = fmt.Sprintf("edge/%d", i)
		eps[i].Method = "GET"
		eps[i].Path = fmt.Sprintf("/edge/%d", i)
	}
	t.Endpoints = eps
	return t
}

// TestCalculatorData: calculator.json keeps the table's order and names, and the page links of
// each endpoint.
func TestCalculatorData(t *testing.T) {
	m := loadStarter(t)
	g := New(m, English{}, Options{})
	v := version(t, m, "dotcom")
	var d CalculatorData
	if err := json.Unmarshal(g.Downloads(v)["calculator.json"], &d); err != nil {
		t.Fatal(err)
	}
	tab, _ := codegen.Build(m, "").Table("dotcom")
	if d.Version != "dotcom" || !d.FineGrained || d.Metadata != "metadata" || len(d.Endpoints) != len(tab.Endpoints) ||
		len(d.Scopes) != len(tab.Scopes) || len(d.Permissions) != len(tab.Permissions) {
		t.Fatalf("calculator.json = %+v", d)
	}
	for i, e := range d.Endpoints {
		if e.Operation != tab.Endpoints[i].Operation {
			t.Errorf("endpoint %d is %s, want %s", i, e.Operation, tab.Endpoints[i].Operation)
		}
	}
	e, _ := m.Endpoint("issues/create")
	for _, x := range d.Endpoints {
		if x.Operation == "issues/create" && (x.Anchor != g.EndpointAnchor(e) || x.Category != "issues" || x.Summary != e.Summary ||
			!reflect.DeepEqual(x.FineGrained.AnyOf, [][]CalculatorGrant{{{"issues", "write"}}})) {
			t.Errorf("issues/create = %+v", x)
		}
	}
	for _, s := range d.Scopes {
		sc, _ := m.Scope(s.Name)
		if s.Anchor != g.ScopeAnchor(sc) {
			t.Errorf("scope %s anchor %q", s.Name, s.Anchor)
		}
	}
}

// TestCalculatorPages: the page and its files exist exactly where fine-grained tokens do, and
// the page points at them.
func TestCalculatorPages(t *testing.T) {
	m := loadStarter(t)
	g := New(m, English{}, Options{})
	for _, c := range []struct {
		version string
		want    bool
	}{{"dotcom", true}, {"ghec", true}, {"ghes-3.19", true}, {"ghes-3.9", false}} {
		v := version(t, m, c.version)
		var page *Page
		for _, p := range g.Pages(v, "fr") {
			if p.Path == "reference/calculator" {
				page = &p
			}
		}
		files := g.Downloads(v)
		_, hasJSON := files["calculator.json"]
		_, hasJS := files["calculator.js"]
		if (page != nil) != c.want || hasJSON != c.want || hasJS != c.want {
			t.Errorf("%s: page %v, calculator.json %v, calculator.js %v; want %v", c.version, page != nil, hasJSON, hasJS, c.want)
			continue
		}
		if page == nil {
			continue
		}
		body := string(page.Body)
		for _, want := range []string{
			`data-src="` + DefaultURL("fr", v, DownloadsPath+"/calculator.json", "") + `"`,
			`<script src="` + DefaultURL("fr", v, DownloadsPath+"/calculator.js", "") + `" defer></script>`,
			`<label for="calculator-search">`, `<noscript>`, `data-match-count="Matching endpoints: __count__"`,
			`data-remove-label="Remove __endpoint__"`, `<legend>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the page lacks %s", c.version, want)
			}
		}
	}
}
