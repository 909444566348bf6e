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
	return nr
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

func (nr *naiveRouter) best(method string, segs []string) (int, []string) {
	best := -1
	var bestVals []string
	for i, nt := range nr.templates {
		if nt.method != method || len(nt.segs) != len(segs) {
			continue
		}
		vals, ok := nt.match(segs)
		if !ok {
			continue
		}
		if best < 0 || nr.beats(i, best) {
			best, bestVals = i, vals
		}
	}
	return best, bestVals
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

// beats reports whether template a takes precedence over b (both match):
// at the first segment where their kinds differ, static beats mixed beats
// parameter, and of two different mixed segments the smaller shape wins;
// if there is no such segment, the earlier template wins.
func (nr *naiveRouter) beats(a, b int) bool {
	sa, sb := nr.templates[a].segs, nr.templates[b].segs
	for j := range sa {
		if sa[j].rank != sb[j].rank {
			return sa[j].rank < sb[j].rank
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
		"/repos/o/../x", "/repos/o/%2e/x", "/repos/o/r/compare/....", "/orgs/%zz/hooks"} {
		f.Add(uint8(0), p)
	}
	f.Fuzz(func(t *testing.T, m uint8, path string) {
		method := fuzzMethods[int(m)%len(fuzzMethods)]
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
	})
}
