package access

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// naiveRouter is the reference for FuzzLookup: it tries every template in
// turn and picks the winner by the documented precedence rule, sharing no
// code with the real router.
type naiveRouter struct {
	templates []naiveTemplate
}

type naiveTemplate struct {
	method string
	segs   []naiveSeg
	names  []string
	greedy bool // ends with a parameter and no template of its method extends its shape
}

type naiveSeg struct {
	rank  int            // 0 static, 1 mixed, 2 parameter
	text  string         // static text, or the mixed shape
	re    *regexp.Regexp // mixed
	nvars int
}

var naiveParam = regexp.MustCompile(`\{([^{}]+)\}`)

func newNaiveRouter(t *Table) *naiveRouter {
	nr := &naiveRouter{}
	for _, ep := range t.Endpoints {
		nt := naiveTemplate{method: ep.Method}
		if ep.Path != "/" {
			for _, s := range strings.Split(ep.Path[1:], "/") {
				vars := naiveParam.FindAllStringSubmatch(s, -1)
				for _, v := range vars {
					nt.names = append(nt.names, v[1])
				}
				switch {
				case len(vars) == 0:
					nt.segs = append(nt.segs, naiveSeg{rank: 0, text: s})
				case len(vars) == 1 && vars[0][0] == s:
					nt.segs = append(nt.segs, naiveSeg{rank: 2, nvars: 1})
				default:
					lits := naiveParam.Split(s, -1)
					re := "(?s)^" + regexp.QuoteMeta(lits[0])
					for _, l := range lits[1:] {
						re += "(.+?)" + regexp.QuoteMeta(l)
					}
					nt.segs = append(nt.segs, naiveSeg{rank: 1, text: naiveParam.ReplaceAllString(s, "{}"),
						re: regexp.MustCompile(re + "$"), nvars: len(vars)})
				}
			}
		}
		nr.templates = append(nr.templates, nt)
	}
	// A template whose shape is a proper prefix of another's (same method)
	// has a template continuing under it: its last parameter is not greedy.
	prefixes := map[string]bool{}
	for _, nt := range nr.templates {
		for j := range nt.segs {
			prefixes[nt.shapeOf(j)] = true
		}
	}
	for i := range nr.templates {
		nt := &nr.templates[i]
		n := len(nt.segs)
		nt.greedy = n > 0 && nt.segs[n-1].rank == 2 && !prefixes[nt.shapeOf(n)]
	}
	return nr
}

// shapeOf returns the method and the shape of the first n segments, with
// parameter names removed.
func (nt *naiveTemplate) shapeOf(n int) string {
	s := nt.method
	for _, sg := range nt.segs[:n] {
		s += "/" + []string{"s:", "m:", "p:"}[sg.rank] + sg.text
	}
	return s
}

// lookup returns the index of the winning template and its parameter
// values, or -1.
func (nr *naiveRouter) lookup(method, path string) (int, []string) {
	if path == "" || path[0] != '/' {
		return -1, nil
	}
	if len(path) > 1 && strings.HasSuffix(path, "/") && !strings.HasSuffix(path, "//") {
		path = path[:len(path)-1]
	}
	var segs []string
	if path != "/" {
		segs = strings.Split(path[1:], "/")
	}
	for _, s := range segs {
		if s == "" {
			return -1, nil
		}
		d, err := url.PathUnescape(s)
		if s == "." || s == ".." || err == nil && (d == "." || d == "..") {
			return -1, nil
		}
	}
	best, bestVals := nr.best(method, segs)
	if best < 0 && method == "HEAD" {
		best, bestVals = nr.best("GET", segs)
	}
	return best, bestVals
}

// best finds the winning template segment by segment, and only when none
// matches so, the winning template whose greedy last parameter takes the
// rest of the path.
func (nr *naiveRouter) best(method string, segs []string) (int, []string) {
	for _, greedy := range []bool{false, true} {
		best := -1
		var bestVals []string
		for i, nt := range nr.templates {
			n := len(nt.segs)
			if nt.method != method || n != len(segs) && !(greedy && nt.greedy && n < len(segs)) {
				continue
			}
			s := segs
			if n < len(segs) {
				s = append(segs[:n-1:n-1], strings.Join(segs[n-1:], "/"))
			}
			vals, ok := nt.match(s)
			if !ok {
				continue
			}
			if best < 0 || nr.beats(i, best, len(segs)) {
				best, bestVals = i, vals
			}
		}
		if best >= 0 {
			return best, bestVals
		}
	}
	return -1, nil
}

func (nt naiveTemplate) match(segs []string) ([]string, bool) {
	var vals []string
	for j, ts := range nt.segs {
		s := segs[j]
		switch ts.rank {
		case 0:
			d, err := url.PathUnescape(s)
			if s != ts.text && (!strings.Contains(s, "%") || err != nil || d != ts.text) {
				return nil, false
			}
		case 1:
			m := ts.re.FindStringSubmatch(s)
			if m == nil {
				return nil, false
			}
			vals = append(vals, m[1:]...)
		case 2:
			vals = append(vals, s)
		}
	}
	return vals, true
}

// beats reports whether template a takes precedence over b (both match a
// path of n segments): at the first segment where their kinds differ,
// static beats mixed beats parameter beats a greedy tail (a last
// parameter taking more than one segment), and of two different mixed
// segments the smaller shape wins; if there is no such segment, the
// earlier template wins.
func (nr *naiveRouter) beats(a, b, n int) bool {
	sa, sb := nr.templates[a].segs, nr.templates[b].segs
	rank := func(s []naiveSeg, j int) int {
		if j == len(s)-1 && len(s) < n {
			return 3
		}
		return s[j].rank
	}
	for j := range min(len(sa), len(sb)) {
		if ra, rb := rank(sa, j), rank(sb, j); ra != rb {
			return ra < rb
		}
		if sa[j].rank == 1 && sa[j].text != sb[j].text {
			return sa[j].text < sb[j].text
		}
	}
	return a < b
}

var fuzzMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

func FuzzLookup(f *testing.F) {
	tab := testTable(f)
	nr := newNaiveRouter(tab)
	for i, r := range dotcomRoutes(f) {
		if i%40 == 0 {
			f.Add(uint8(i), concretePath(r.path))
			f.Add(uint8(i), r.path+"/")
		}
	}
	for _, p := range []string{"/", "//", "/user/", "/repos/o/r/compare/a...b...c", "/repos/o/r/issues/%63omments",
		"/repos/o/../x", "/repos/o/%2e/x", "/repos/o/r/compare/....", "/orgs/%zz/hooks",
		"/repos/o/r/contents/docs/README.md", "/repos/o/r/contents/a//b", "/repos/o/r/contents/a/%2e/b",
		"/repos/o/r/git/ref/heads/feature/x/", "/repos/o/r/git/refs/heads", "/repos/o/r/branches/a/b/protection",
		"/repos/o/r/compare/main...feature/x"} {
		f.Add(uint8(0), p)
	}
	small := routeTable() // hand-made corner cases: greedy tails, backtracking, mixed segments
	nrSmall := newNaiveRouter(small)
	for _, p := range []string{"/t/b/c/z/w", "/t/b/c/z/v", "/t/b/q/d/e", "/p/b/c/e"} {
		f.Add(uint8(0), p)
	}
	f.Fuzz(func(t *testing.T, m uint8, path string) {
		method := fuzzMethods[int(m)%len(fuzzMethods)]
		compareLookup(t, tab, nr, method, path)
		compareLookup(t, small, nrSmall, method, path)
	})
}

// compareLookup checks tab.Lookup against the naive matcher.
func compareLookup(t *testing.T, tab *Table, nr *naiveRouter, method, path string) {
	ep, ps, ok := tab.Lookup(method, path)
	want, vals := nr.lookup(method, path)
	if !ok {
		if want >= 0 {
			t.Fatalf("Lookup(%s %q) not found; naive matcher found %s", method, path, tab.Endpoints[want].Path)
		}
		return
	}
	if want < 0 || ep != &tab.Endpoints[want] {
		w := "nothing"
		if want >= 0 {
			w = tab.Endpoints[want].Method + " " + tab.Endpoints[want].Path
		}
		t.Fatalf("Lookup(%s %q) = %s %s; naive matcher found %s", method, path, ep.Method, ep.Path, w)
	}
	if ps.Len() != len(vals) {
		t.Fatalf("Lookup(%s %q): %d params, naive matcher %d", method, path, ps.Len(), len(vals))
	}
	for i, v := range vals {
		if ps.Value(i) != v || ps.Name(i) != nr.templates[want].names[i] {
			t.Fatalf("Lookup(%s %q): param %d = %s=%q, naive matcher %s=%q", method, path, i,
				ps.Name(i), ps.Value(i), nr.templates[want].names[i], v)
		}
	}
}
