package access_test

// Conformance of GitHub's real access model (access/github) with the rules
// of package access, for every endpoint of every version (issue 5,
// "Correctness"). Each Check decision is compared with oracle, a plain
// re-statement of the package documentation that shares no code with the
// package; each Lookup with the naive matcher of FuzzLookup. With -short,
// a deterministic sample of one endpoint in seven per version.

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/access"
	"github.com/scoperef/scoperef/access/github"
)

// oracle decides requests the way the package documentation says, from
// the table's plain data.
type oracle struct {
	t       *access.Table
	parents map[string][]string
	offered map[string][]access.Level
}

func newOracle(t *access.Table) *oracle {
	o := &oracle{t: t, parents: map[string][]string{}, offered: map[string][]access.Level{}}
	for _, s := range t.Scopes {
		o.parents[s.Name] = s.Parents
	}
	for _, p := range t.Permissions {
		o.offered[p.Name] = p.Levels
	}
	return o
}

// holdsScope reports whether a token with scopes holds s: it or a parent
// of s, transitively, is among them.
func (o *oracle) holdsScope(scopes []string, s string, depth int) bool {
	if _, known := o.parents[s]; !known || depth > 64 {
		return false
	}
	if slices.Contains(scopes, s) {
		return true
	}
	for _, p := range o.parents[s] {
		if o.holdsScope(scopes, p, depth+1) {
			return true
		}
	}
	return false
}

func (o *oracle) classicAllowed(ep *access.Endpoint, vis access.Visibility, scopes []string) bool {
	if !ep.Classic.Accepted {
		return false
	}
	sets := ep.Classic.Private
	if vis == access.Public {
		sets = ep.Classic.Public
	}
	if len(sets) == 0 {
		return true
	}
	for _, set := range sets {
		if !slices.ContainsFunc(set, func(s string) bool { return !o.holdsScope(scopes, s, 0) }) {
			return true
		}
	}
	return false
}

// holdsGrant reports whether levels satisfy g: the token holds g's
// permission at the lowest offered level at or above g.Level, or higher;
// metadata=read is always held.
func (o *oracle) holdsGrant(levels map[string]access.Level, g access.Grant) bool {
	if g.Level == access.None {
		return true
	}
	offered, known := o.offered[g.Permission]
	if !known {
		return false
	}
	need := access.None
	for _, l := range offered {
		if l >= g.Level && (need == access.None || l < need) {
			need = l
		}
	}
	if need == access.None {
		return false // no offered level reaches it
	}
	have := levels[g.Permission]
	if g.Permission == access.MetadataPermission {
		have = max(have, access.Read)
	}
	return have >= need
}

func (o *oracle) fineAllowed(ep *access.Endpoint, vis access.Visibility, levels map[string]access.Level) bool {
	fg := &ep.FineGrained
	switch {
	case !fg.Accepted:
		return false
	case vis == access.Public && fg.PublicWithoutPermission, len(fg.AnyOf) == 0:
		return true
	}
	for _, set := range fg.AnyOf {
		if !slices.ContainsFunc(set, func(g access.Grant) bool { return !o.holdsGrant(levels, g) }) {
			return true
		}
	}
	return false
}

// maxLevels holds every permission at its highest offered level.
func maxLevels(t *access.Table) map[string]access.Level {
	m := map[string]access.Level{}
	for _, p := range t.Permissions {
		if len(p.Levels) > 0 {
			m[p.Name] = slices.Max(p.Levels)
		}
	}
	return m
}

func allScopes(t *access.Table) []string {
	var s []string
	for _, sc := range t.Scopes {
		s = append(s, sc.Name)
	}
	return s
}

// counts are the conformance figures of one version.
type counts struct {
	endpoints, skipped                                 int
	fineMinimal, fineFree, fineUnavailable             int
	fineDropDenied, fineDropCovered, fineRaised        int
	classicMinimal, classicFree, classicUnavailable    int
	classicDropDenied, classicDropCovered, classicWide int
	lookupExact, lookupSpecific                        int
	greedyOwn, greedyOther, greedyNone                 int
}

func TestConformance(t *testing.T) {
	var total counts
	for _, tab := range github.Tables.Tables {
		t.Run(tab.Version, func(t *testing.T) {
			if err := tab.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			c := conformTable(t, tab)
			t.Logf("%+v", c)
			total.add(c)
		})
	}
	t.Logf("all versions: %+v", total)
	if total.endpoints == 0 || total.fineMinimal == 0 || total.classicMinimal == 0 || total.fineDropDenied == 0 ||
		total.classicDropDenied == 0 || total.lookupExact == 0 || total.lookupSpecific == 0 || total.greedyOwn == 0 {
		t.Errorf("the conformance checks were not exercised: %+v", total)
	}
}

func (c *counts) add(d counts) {
	c.endpoints += d.endpoints
	c.skipped += d.skipped
	c.fineMinimal += d.fineMinimal
	c.fineFree += d.fineFree
	c.fineUnavailable += d.fineUnavailable
	c.fineDropDenied += d.fineDropDenied
	c.fineDropCovered += d.fineDropCovered
	c.fineRaised += d.fineRaised
	c.classicMinimal += d.classicMinimal
	c.classicFree += d.classicFree
	c.classicUnavailable += d.classicUnavailable
	c.classicDropDenied += d.classicDropDenied
	c.classicDropCovered += d.classicDropCovered
	c.classicWide += d.classicWide
	c.lookupExact += d.lookupExact
	c.lookupSpecific += d.lookupSpecific
	c.greedyOwn += d.greedyOwn
	c.greedyOther += d.greedyOther
	c.greedyNone += d.greedyNone
}

func conformTable(t *testing.T, tab *access.Table) counts {
	o := newOracle(tab)
	naive := access.NaiveLookup(tab)
	shapes := make([][]shapeSeg, len(tab.Endpoints))
	for i, ep := range tab.Endpoints {
		shapes[i] = shape(ep.Path)
	}
	var c counts
	for i := range tab.Endpoints {
		ep := &tab.Endpoints[i]
		if testing.Short() && i%7 != 0 {
			c.skipped++
			continue
		}
		c.endpoints++
		// A template finds itself (no two templates of a version are
		// equivalent), so Check on the template decides for ep.
		if got, _, ok := tab.Lookup(ep.Method, ep.Path); !ok || got != ep {
			t.Errorf("%s %s: Lookup of the template itself = %v, %v", ep.Method, ep.Path, got, ok)
			continue
		}
		for _, vis := range []access.Visibility{access.Private, access.Public} {
			m, err := tab.Minimize([]*access.Endpoint{ep}, vis)
			if err != nil {
				t.Fatalf("Minimize(%s): %v", ep.Operation, err)
			}
			conformFine(t, tab, o, ep, vis, &m, &c)
			conformClassic(t, tab, o, ep, vis, &m, &c)
		}
		conformLookup(t, tab, naive, ep, &c)
		conformStaticWins(t, tab, naive, shapes, i, &c)
	}
	return c
}

// conformStaticWins fills each parameter segment of endpoint i with the
// static text of a sibling template (same method, same shape but for a
// static segment there): Lookup must then leave endpoint i for a template
// that beats it, the sibling or one more specific still.
func conformStaticWins(t *testing.T, tab *access.Table, naive func(string, string) (*access.Endpoint, []string), shapes [][]shapeSeg, i int, c *counts) {
	ep := &tab.Endpoints[i]
	si := shapes[i]
	for u := range tab.Endpoints {
		su := shapes[u]
		if u == i || tab.Endpoints[u].Method != ep.Method || len(su) != len(si) {
			continue
		}
		j := -1 // the one segment where u is static and ep a parameter
		for k := range si {
			if si[k] == su[k] {
				continue
			}
			if j >= 0 || si[k].rank != 2 || su[k].rank != 0 {
				j = -2
				break
			}
			j = k
		}
		if j < 0 {
			continue
		}
		path, _ := concrete(ep.Path, "")
		segs := strings.Split(path, "/")
		segs[j+1] = su[j].text
		path = strings.Join(segs, "/")
		got, _, ok := tab.Lookup(ep.Method, path)
		want, _ := naive(ep.Method, path)
		switch {
		case !ok || got != want:
			t.Errorf("Lookup(%s %s) = %v; naive matcher %v", ep.Method, path, endpointName(got), endpointName(want))
		case got == ep || !moreSpecific(got.Path, ep.Path):
			t.Errorf("Lookup(%s %s) = %s; want %s or a template more specific than %s", ep.Method, path, got.Path, tab.Endpoints[u].Path, ep.Path)
		default:
			c.lookupSpecific++
		}
	}
}

// conformFine checks the fine-grained minimum for one endpoint: it is
// allowed; without any one of its permissions it is denied unless another
// AnyOf set is still met; raising any one of them keeps it allowed.
func conformFine(t *testing.T, tab *access.Table, o *oracle, ep *access.Endpoint, vis access.Visibility, m *access.Minimal, c *counts) {
	check := func(levels map[string]access.Level) access.Decision {
		t.Helper()
		g, err := tab.FineGrainedGrants(levels)
		if err != nil {
			t.Fatalf("%s: FineGrainedGrants(%v): %v", ep.Operation, levels, err)
		}
		return tab.Check(g, ep.Method, ep.Path, vis)
	}
	if slices.Contains(m.FineGrainedUnavailable, ep) {
		c.fineUnavailable++
		if d := check(maxLevels(tab)); d.Allowed || o.fineAllowed(ep, vis, maxLevels(tab)) {
			t.Errorf("%s (%v): unavailable to fine-grained tokens, but every permission at its highest level: allowed=%v oracle=%v",
				ep.Operation, vis, d.Allowed, o.fineAllowed(ep, vis, maxLevels(tab)))
		}
		return
	}
	min := map[string]access.Level{}
	for _, g := range m.FineGrained {
		min[g.Permission] = g.Level
	}
	if len(min) == 0 {
		c.fineFree++
	} else {
		c.fineMinimal++
	}
	if d := check(min); !d.Allowed {
		t.Errorf("%s (%v): minimal permissions %s denied: %v", ep.Operation, vis, m.Permissions(), d.Reason)
	}
	for _, g := range m.FineGrained {
		less := maps(min)
		delete(less, g.Permission)
		want := o.fineAllowed(ep, vis, less)
		if d := check(less); d.Allowed != want {
			t.Errorf("%s (%v): minimal %s without %s: allowed=%v, oracle %v", ep.Operation, vis, m.Permissions(), g.Permission, d.Allowed, want)
		}
		if want {
			c.fineDropCovered++
		} else {
			c.fineDropDenied++
		}
		for _, l := range o.offered[g.Permission] {
			if l <= g.Level {
				continue
			}
			more := maps(min)
			more[g.Permission] = l
			c.fineRaised++
			if d := check(more); !d.Allowed {
				t.Errorf("%s (%v): minimal %s with %s raised to %v denied: %v", ep.Operation, vis, m.Permissions(), g.Permission, l, d.Reason)
			}
		}
	}
	if d := check(maxLevels(tab)); !d.Allowed {
		t.Errorf("%s (%v): every permission at its highest level denied: %v", ep.Operation, vis, d.Reason)
	}
}

// conformClassic checks the classic minimum the same way; "higher" means
// a scope that implies the chosen one (a parent, transitively) and the
// token holding every scope.
func conformClassic(t *testing.T, tab *access.Table, o *oracle, ep *access.Endpoint, vis access.Visibility, m *access.Minimal, c *counts) {
	check := func(scopes []string) access.Decision {
		t.Helper()
		g, err := tab.ClassicGrants(scopes...)
		if err != nil {
			t.Fatalf("%s: ClassicGrants(%v): %v", ep.Operation, scopes, err)
		}
		return tab.Check(g, ep.Method, ep.Path, vis)
	}
	if slices.Contains(m.ClassicUnavailable, ep) {
		c.classicUnavailable++
		if d := check(allScopes(tab)); d.Allowed || o.classicAllowed(ep, vis, allScopes(tab)) {
			t.Errorf("%s (%v): unavailable to classic tokens, but every scope: allowed=%v", ep.Operation, vis, d.Allowed)
		}
		return
	}
	var min []string
	for _, s := range m.Classic {
		min = append(min, s.Scope)
	}
	if len(min) == 0 {
		c.classicFree++
	} else {
		c.classicMinimal++
	}
	if d := check(min); !d.Allowed {
		t.Errorf("%s (%v): minimal scopes %q denied: %v", ep.Operation, vis, m.Scopes(), d.Reason)
	}
	for i, s := range min {
		less := slices.Delete(slices.Clone(min), i, i+1)
		want := o.classicAllowed(ep, vis, less)
		if d := check(less); d.Allowed != want {
			t.Errorf("%s (%v): minimal %q without %s: allowed=%v, oracle %v", ep.Operation, vis, m.Scopes(), s, d.Allowed, want)
		}
		if want {
			c.classicDropCovered++
		} else {
			c.classicDropDenied++
		}
		for _, a := range ancestors(o, s) {
			wider := slices.Clone(min)
			wider[i] = a
			c.classicWide++
			if d := check(wider); !d.Allowed {
				t.Errorf("%s (%v): minimal %q with %s widened to %s denied: %v", ep.Operation, vis, m.Scopes(), s, a, d.Reason)
			}
		}
	}
	if d := check(allScopes(tab)); !d.Allowed {
		t.Errorf("%s (%v): every scope denied: %v", ep.Operation, vis, d.Reason)
	}
}

// ancestors returns the scopes that imply s (its parents, transitively).
func ancestors(o *oracle, s string) []string {
	var out []string
	var walk func(string)
	walk = func(x string) {
		for _, p := range o.parents[x] {
			if !slices.Contains(out, p) {
				out = append(out, p)
				walk(p)
			}
		}
	}
	walk(s)
	return out
}

func maps(m map[string]access.Level) map[string]access.Level {
	c := make(map[string]access.Level, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

var paramRE = regexp.MustCompile(`\{([^{}]+)\}`)

// sampleValue is a realistic value for a parameter: such values may equal
// a static segment, which must then win.
func sampleValue(name string) string {
	switch {
	case strings.HasSuffix(name, "_id"), strings.HasSuffix(name, "_number"), name == "id":
		return "42"
	case name == "owner", name == "org", name == "username", name == "enterprise":
		return "octo"
	case name == "repo":
		return "hello-world"
	case name == "path":
		return "README.md"
	case name == "ref", name == "branch", name == "base", name == "head":
		return "main"
	case name == "sha", strings.HasSuffix(name, "_sha"):
		return "6dcb09b5b57875f334f61aebed695e2e4193db5e"
	}
	return "sample-" + strings.ReplaceAll(name, "_", "-")
}

// concrete fills the template's parameters with sample values; lastValue,
// when not empty, is used for the last parameter instead.
func concrete(template, lastValue string) (string, []string) {
	names := paramRE.FindAllStringSubmatch(template, -1)
	var vals []string
	i := 0
	p := paramRE.ReplaceAllStringFunc(template, func(string) string {
		v := sampleValue(names[i][1])
		if lastValue != "" && i == len(names)-1 {
			v = lastValue
		}
		i++
		vals = append(vals, v)
		return v
	})
	return p, vals
}

// shapeSeg is a template segment's kind and shape: 0 static (text), 1
// mixed (text with names removed), 2 parameter.
type shapeSeg struct {
	rank int
	text string
}

func shape(template string) []shapeSeg {
	var out []shapeSeg
	for _, s := range strings.Split(strings.TrimPrefix(template, "/"), "/") {
		switch vars := paramRE.FindAllString(s, -1); {
		case len(vars) == 0:
			out = append(out, shapeSeg{0, s})
		case len(vars) == 1 && vars[0] == s:
			out = append(out, shapeSeg{2, ""})
		default:
			out = append(out, shapeSeg{1, paramRE.ReplaceAllString(s, "{}")})
		}
	}
	return out
}

// moreSpecific reports whether template a beats template b: at the first
// segment where their shapes differ, a has the lower rank (static beats
// mixed beats parameter) or the smaller mixed shape.
func moreSpecific(a, b string) bool {
	sa, sb := shape(a), shape(b)
	for j := range min(len(sa), len(sb)) {
		if sa[j] == sb[j] {
			continue
		}
		if sa[j].rank != sb[j].rank {
			return sa[j].rank < sb[j].rank
		}
		return sa[j].rank == 1 && sa[j].text < sb[j].text
	}
	return false
}

// conformLookup routes concrete paths built from ep's template: with
// sample values Lookup returns ep, or a template that beats it (a static
// segment where ep has a parameter); with a last value holding a '/', the
// greedy-tail rules decide. Every answer must agree with the naive
// matcher.
func conformLookup(t *testing.T, tab *access.Table, naive func(string, string) (*access.Endpoint, []string), ep *access.Endpoint, c *counts) {
	path, vals := concrete(ep.Path, "")
	got, ps, ok := tab.Lookup(ep.Method, path)
	want, _ := naive(ep.Method, path)
	switch {
	case !ok || got != want:
		t.Errorf("Lookup(%s %s) = %v; naive matcher %v", ep.Method, path, endpointName(got), endpointName(want))
	case got == ep:
		c.lookupExact++
		for i, v := range vals {
			if ps.Value(i) != v {
				t.Errorf("Lookup(%s %s): parameter %s = %q, want %q", ep.Method, path, ps.Name(i), ps.Value(i), v)
			}
		}
	case got.Method == ep.Method && moreSpecific(got.Path, ep.Path):
		c.lookupSpecific++ // a sample value equals a static segment
	default:
		t.Errorf("Lookup(%s %s) = %s, which does not beat %s", ep.Method, path, got.Path, ep.Path)
	}

	if !strings.HasSuffix(ep.Path, "}") || shape(ep.Path)[len(shape(ep.Path))-1].rank != 2 {
		return // no trailing parameter
	}
	path, _ = concrete(ep.Path, "docs/README.md")
	got, ps, ok = tab.Lookup(ep.Method, path)
	want, _ = naive(ep.Method, path)
	switch {
	case ok != (want != nil) || ok && got != want:
		t.Errorf("Lookup(%s %s) = %v; naive matcher %v", ep.Method, path, endpointName(got), endpointName(want))
	case got == ep:
		c.greedyOwn++
		if v := ps.Value(ps.Len() - 1); v != "docs/README.md" {
			t.Errorf("Lookup(%s %s): greedy tail %q", ep.Method, path, v)
		}
	case ok:
		c.greedyOther++
	default:
		c.greedyNone++
	}
	if ep.Method == "GET" && (strings.HasSuffix(ep.Path, "/contents/{path}") || strings.HasSuffix(ep.Path, "/git/ref/{ref}")) && got != ep {
		t.Errorf("Lookup(%s %s) = %v, want the greedy tail of %s", ep.Method, path, endpointName(got), ep.Path)
	}
}

func endpointName(ep *access.Endpoint) string {
	if ep == nil {
		return "nothing"
	}
	return ep.Method + " " + ep.Path
}

// TestConformanceMoreGrantsNeverDeny: over random tokens and endpoints of
// the real tables, Check agrees with the oracle, and adding a scope or
// raising a permission never turns allowed into denied.
func TestConformanceMoreGrantsNeverDeny(t *testing.T) {
	rounds := 4000
	if testing.Short() {
		rounds = 400
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	allowed, denied := 0, 0
	for _, tab := range github.Tables.Tables {
		if len(tab.Endpoints) == 0 {
			continue
		}
		o := newOracle(tab)
		scopes := allScopes(tab)
		for range rounds {
			ep := &tab.Endpoints[rnd.IntN(len(tab.Endpoints))]
			vis := access.Visibility(rnd.IntN(2))

			levels := map[string]access.Level{}
			for range rnd.IntN(5) {
				p := tab.Permissions[rnd.IntN(len(tab.Permissions))]
				levels[p.Name] = p.Levels[rnd.IntN(len(p.Levels))]
			}
			more := maps(levels)
			p := tab.Permissions[rnd.IntN(len(tab.Permissions))]
			more[p.Name] = max(more[p.Name], p.Levels[rnd.IntN(len(p.Levels))])

			var few []string
			for range rnd.IntN(4) {
				few = append(few, scopes[rnd.IntN(len(scopes))])
			}
			wider := append(slices.Clone(few), scopes[rnd.IntN(len(scopes))])

			for _, pair := range [][2]access.Grants{
				{mustGrants(tab.FineGrainedGrants(levels)), mustGrants(tab.FineGrainedGrants(more))},
				{mustGrants(tab.ClassicGrants(few...)), mustGrants(tab.ClassicGrants(wider...))},
			} {
				a := tab.Check(pair[0], ep.Method, ep.Path, vis)
				b := tab.Check(pair[1], ep.Method, ep.Path, vis)
				if a.Allowed && !b.Allowed {
					t.Fatalf("%s %s (%v): %v allowed, %v denied (%v)", tab.Version, ep.Operation, vis, pair[0], pair[1], b.Reason)
				}
				if a.Allowed {
					allowed++
				} else {
					denied++
				}
			}
			if a, want := tab.Check(mustGrants(tab.FineGrainedGrants(levels)), ep.Method, ep.Path, vis).Allowed, o.fineAllowed(ep, vis, levels); a != want {
				t.Fatalf("%s %s (%v): %v: allowed=%v, oracle %v", tab.Version, ep.Operation, vis, levels, a, want)
			}
			if a, want := tab.Check(mustGrants(tab.ClassicGrants(few...)), ep.Method, ep.Path, vis).Allowed, o.classicAllowed(ep, vis, few); a != want {
				t.Fatalf("%s %s (%v): %v: allowed=%v, oracle %v", tab.Version, ep.Operation, vis, few, a, want)
			}
		}
	}
	t.Logf("%d allowed, %d denied", allowed, denied)
	if allowed == 0 || denied == 0 {
		t.Fatalf("%d allowed, %d denied: both outcomes must be exercised", allowed, denied)
	}
}

func mustGrants(g access.Grants, err error) access.Grants {
	if err != nil {
		panic(err)
	}
	return g
}

// TestConformanceUnknownDenied: paths near the real templates that match
// no endpoint (the naive matcher agrees) are denied to a token holding
// everything, of either kind, and the middleware answers 404.
func TestConformanceUnknownDenied(t *testing.T) {
	rounds := 3000
	if testing.Short() {
		rounds = 300
	}
	rnd := rand.New(rand.NewPCG(7, 8))
	mutate := []func(string) string{
		func(p string) string { return p + "/no-such-thing" },
		func(p string) string { return "/api/v3" + p },
		func(p string) string { return strings.Replace(p, "/", "//", 1) },
		func(p string) string { return p[:strings.LastIndexByte(p, '/')] + "/%2e%2e" },
		func(p string) string { // a static segment replaced
			segs := strings.Split(p, "/")
			segs[1+rnd.IntN(len(segs)-1)] = "zz-unknown"
			return strings.Join(segs, "/")
		},
	}
	methods := []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
	unknown := 0
	for _, tab := range github.Tables.Tables {
		if len(tab.Endpoints) == 0 {
			continue
		}
		naive := access.NaiveLookup(tab)
		all := []access.Grants{mustGrants(tab.ClassicGrants(allScopes(tab)...)), mustGrants(tab.FineGrainedGrants(maxLevels(tab)))}
		srv := access.Middleware(&access.Set{Tables: []*access.Table{tab}}, access.MiddlewareOptions{
			Version: func(*http.Request) string { return tab.Version },
			Grants: func(*http.Request, access.Route) (access.Grants, access.Visibility, error) {
				return all[0], access.Public, nil
			},
		})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.Errorf("%s %s reached the handler", r.Method, r.URL.Path)
		}))
		for j := range rounds {
			ep := &tab.Endpoints[rnd.IntN(len(tab.Endpoints))]
			path, _ := concrete(ep.Path, "")
			method := ep.Method
			if rnd.IntN(4) == 0 {
				method = methods[rnd.IntN(len(methods))]
			} else {
				path = mutate[rnd.IntN(len(mutate))](path)
			}
			if _, _, ok := tab.Lookup(method, path); ok {
				continue
			}
			if ep, _ := naive(method, path); ep != nil {
				t.Fatalf("%s %s: Lookup finds nothing, the naive matcher %s", method, path, ep.Path)
			}
			unknown++
			for _, vis := range []access.Visibility{access.Private, access.Public} {
				for _, g := range all {
					if d := tab.Check(g, method, path, vis); d.Allowed || d.Reason != access.ReasonUnknownEndpoint || d.Endpoint != nil {
						t.Fatalf("%s %s %s (%v, %v): allowed=%v reason=%v", tab.Version, method, path, g.Kind(), vis, d.Allowed, d.Reason)
					}
				}
			}
			if j%10 == 0 && !strings.Contains(path, "//") {
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, httptest.NewRequest(method, "http://api.github.com"+path, nil))
				if w.Code != http.StatusNotFound {
					t.Fatalf("%s %s %s: middleware answered %d", tab.Version, method, path, w.Code)
				}
			}
		}
	}
	t.Logf("%d unknown requests denied", unknown)
	if unknown < rounds {
		t.Fatalf("only %d unknown paths generated", unknown)
	}
}
