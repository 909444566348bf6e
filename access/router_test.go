package access

import (
	"strings"
	"sync"
	"testing"
)

// routeTable is a small table for routing tests.
func routeTable() *Table {
	eps := []struct{ m, p string }{
		{"GET", "/"},
		{"GET", "/user"},
		{"GET", "/repos/{owner}/{repo}/issues/comments"},
		{"GET", "/repos/{owner}/{repo}/issues/{issue_number}"},
		{"GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments"},
		{"GET", "/repos/{owner}/{repo}/compare/{basehead}"},
		{"GET", "/repos/{owner}/{repo}/compare/{base}...{head}"},
		{"GET", "/a/{x}/c"},
		{"GET", "/a/b/d"},
		{"GET", "/p/b/{y}/d"},
		{"GET", "/p/{x}/c/e"},
		{"HEAD", "/head-only"},
		{"GET", "/head-only"},
		{"POST", "/user"},
		{"GET", "/enterprises/{enterprise}/teams/{enterprise-team}"},
		{"GET", "/dup/{a}"},
		{"GET", "/dup/{b}"},
		// greedy tails
		{"GET", "/repos/{owner}/{repo}"},
		{"GET", "/repos/{owner}/{repo}/contents/{path}"},
		{"GET", "/repos/{owner}/{repo}/contents/.github/dependabot.yml"},
		{"GET", "/repos/{owner}/{repo}/git/ref/{ref}"},
		{"POST", "/repos/{owner}/{repo}/git/refs"},
		{"PATCH", "/repos/{owner}/{repo}/git/refs/{ref}"},
		{"GET", "/repos/{owner}/{repo}/branches/{branch}"},
		{"GET", "/repos/{owner}/{repo}/branches/{branch}/protection"},
		{"GET", "/t/{x}/c/{rest}"},
		{"GET", "/t/{x}/c/z/w"},
		{"GET", "/t/b/{y}/d"},
		{"GET", "/t/b/c/{s}"},
	}
	t := &Table{Version: "test"}
	for _, e := range eps {
		t.Endpoints = append(t.Endpoints, Endpoint{Operation: e.m + " " + e.p, Method: e.m, Path: e.p})
	}
	return t
}

func TestLookup(t *testing.T) {
	tab := routeTable()
	tests := []struct {
		method, path string
		want         string // "METHOD template", "" = not found
		params       map[string]string
	}{
		// a static segment beats a parameter
		{"GET", "/repos/o/r/issues/comments", "GET /repos/{owner}/{repo}/issues/comments", map[string]string{"owner": "o", "repo": "r"}},
		{"GET", "/repos/o/r/issues/42", "GET /repos/{owner}/{repo}/issues/{issue_number}", map[string]string{"issue_number": "42"}},
		{"GET", "/repos/o/r/issues/42/comments", "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", nil},
		// backtracking: the static branch fails, the parameter branch matches
		{"GET", "/a/b/c", "GET /a/{x}/c", map[string]string{"x": "b"}},
		{"GET", "/a/b/d", "GET /a/b/d", nil},
		{"GET", "/p/b/c/e", "GET /p/{x}/c/e", map[string]string{"x": "b"}},
		{"GET", "/p/b/c/d", "GET /p/b/{y}/d", map[string]string{"y": "c"}},
		// HEAD falls back to GET, unless HEAD has its own endpoint
		{"HEAD", "/user", "GET /user", nil},
		{"HEAD", "/head-only", "HEAD /head-only", nil},
		{"POST", "/user", "POST /user", nil},
		// one trailing slash is ignored, two are not
		{"GET", "/user/", "GET /user", nil},
		{"GET", "/user//", "", nil},
		{"GET", "/repos/o/r/issues/42/", "GET /repos/{owner}/{repo}/issues/{issue_number}", nil},
		{"GET", "/", "GET /", nil},
		{"GET", "//", "", nil},
		// percent-encoding: decoded for static segments, parameters stay raw
		{"GET", "/repos/o/r/issues/%63omments", "GET /repos/{owner}/{repo}/issues/comments", nil},
		{"GET", "/%75ser", "GET /user", nil},
		{"GET", "/repos/o%2Fx/r/issues/1", "GET /repos/{owner}/{repo}/issues/{issue_number}", map[string]string{"owner": "o%2Fx"}},
		{"GET", "/repos/o/r/issues/%zz", "GET /repos/{owner}/{repo}/issues/{issue_number}", map[string]string{"issue_number": "%zz"}},
		{"GET", "/%zzser", "", nil},
		// mixed segments beat parameters
		{"GET", "/repos/o/r/compare/main...dev", "GET /repos/{owner}/{repo}/compare/{base}...{head}", map[string]string{"base": "main", "head": "dev"}},
		{"GET", "/repos/o/r/compare/a...b...c", "GET /repos/{owner}/{repo}/compare/{base}...{head}", map[string]string{"base": "a", "head": "b...c"}},
		{"GET", "/repos/o/r/compare/....x", "GET /repos/{owner}/{repo}/compare/{base}...{head}", map[string]string{"base": ".", "head": "x"}},
		{"GET", "/repos/o/r/compare/main", "GET /repos/{owner}/{repo}/compare/{basehead}", map[string]string{"basehead": "main"}},
		{"GET", "/repos/o/r/compare/...x", "GET /repos/{owner}/{repo}/compare/{basehead}", map[string]string{"basehead": "...x"}},
		// parameter names with a hyphen
		{"GET", "/enterprises/e/teams/t", "GET /enterprises/{enterprise}/teams/{enterprise-team}", map[string]string{"enterprise-team": "t"}},
		// of two equivalent templates the first wins
		{"GET", "/dup/z", "GET /dup/{a}", map[string]string{"a": "z"}},
		// templates find themselves
		{"GET", "/repos/{owner}/{repo}/issues/{issue_number}", "GET /repos/{owner}/{repo}/issues/{issue_number}", map[string]string{"owner": "{owner}"}},
		{"GET", "/repos/{owner}/{repo}/compare/{base}...{head}", "GET /repos/{owner}/{repo}/compare/{base}...{head}", nil},
		// greedy tails: a last parameter with no template under it takes
		// the rest of the path, when nothing matches segment by segment
		{"GET", "/repos/o/r/contents/README.md", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"path": "README.md"}},
		{"GET", "/repos/o/r/contents/docs/README.md", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"owner": "o", "repo": "r", "path": "docs/README.md"}},
		{"GET", "/repos/o/r/contents/a/b/c/d.go", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"path": "a/b/c/d.go"}},
		{"GET", "/repos/o/r/contents/docs/", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"path": "docs"}},
		{"GET", "/repos/o/r/contents/docs/guide/", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"path": "docs/guide"}},
		{"GET", "/repos/o/r/contents/docs%2FREADME.md", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"path": "docs%2FREADME.md"}},
		{"GET", "/repos/o/r/contents/a%2Fb/c", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"path": "a%2Fb/c"}},
		{"HEAD", "/repos/o/r/contents/docs/README.md", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"path": "docs/README.md"}},
		{"GET", "/repos/o/r/contents/.github/dependabot.yml", "GET /repos/{owner}/{repo}/contents/.github/dependabot.yml", nil}, // static beats greedy
		{"GET", "/repos/o/r/contents/.github/workflows/ci.yml", "GET /repos/{owner}/{repo}/contents/{path}", map[string]string{"path": ".github/workflows/ci.yml"}},
		{"GET", "/repos/o/r/contents/docs//README.md", "", nil},
		{"GET", "/repos/o/r/contents/docs/README.md//", "", nil},
		{"GET", "/repos/o/r/contents/docs/../README.md", "", nil},
		{"GET", "/repos/o/r/contents/docs/%2E%2e/README.md", "", nil},
		{"GET", "/repos/o/r/contents/docs/./README.md", "", nil},
		{"GET", "/repos/o/r/git/ref/heads/main", "GET /repos/{owner}/{repo}/git/ref/{ref}", map[string]string{"ref": "heads/main"}},
		{"GET", "/repos/o/r/git/ref/heads/feature/x", "GET /repos/{owner}/{repo}/git/ref/{ref}", map[string]string{"ref": "heads/feature/x"}},
		{"PATCH", "/repos/o/r/git/refs/heads/main", "PATCH /repos/{owner}/{repo}/git/refs/{ref}", map[string]string{"ref": "heads/main"}},
		{"PATCH", "/repos/o/r/git/refs/heads", "PATCH /repos/{owner}/{repo}/git/refs/{ref}", map[string]string{"ref": "heads"}},
		{"POST", "/repos/o/r/git/refs", "POST /repos/{owner}/{repo}/git/refs", nil},
		{"POST", "/repos/o/r/git/refs/heads", "", nil},
		// a parameter with templates under it is never greedy: no unknown
		// path below a repository becomes "get a repository"
		{"GET", "/repos/o/r/git/refs/heads", "", nil},
		{"GET", "/repos/o/r/no/such/endpoint", "", nil},
		{"GET", "/repos/o/r", "GET /repos/{owner}/{repo}", map[string]string{"repo": "r"}},
		{"GET", "/repos/o/r/branches/main", "GET /repos/{owner}/{repo}/branches/{branch}", map[string]string{"branch": "main"}},
		{"GET", "/repos/o/r/branches/main/protection", "GET /repos/{owner}/{repo}/branches/{branch}/protection", map[string]string{"branch": "main"}},
		{"GET", "/repos/o/r/branches/feature/x", "", nil},
		{"GET", "/repos/o/r/branches/feature%2Fx", "GET /repos/{owner}/{repo}/branches/{branch}", map[string]string{"branch": "feature%2Fx"}},
		{"GET", "/repos/o/r/branches/feature%2Fx/protection", "GET /repos/{owner}/{repo}/branches/{branch}/protection", map[string]string{"branch": "feature%2Fx"}},
		// segment by segment first; then, among greedy matches, static beats
		// parameter beats greedy tail, with backtracking
		{"GET", "/t/b/c/z/w", "GET /t/{x}/c/z/w", map[string]string{"x": "b"}},
		{"GET", "/t/b/c/z/v", "GET /t/b/c/{s}", map[string]string{"s": "z/v"}},
		{"GET", "/t/a/c/z/v", "GET /t/{x}/c/{rest}", map[string]string{"x": "a", "rest": "z/v"}},
		{"GET", "/t/b/c/d", "GET /t/b/c/{s}", map[string]string{"s": "d"}},
		{"GET", "/t/b/q/d", "GET /t/b/{y}/d", map[string]string{"y": "q"}},
		{"GET", "/t/b/q/d/e", "", nil}, // {y} has a template under it
		{"GET", "/t/a/d/z/w", "", nil},
		// mixed segments take no tail; the greedy {basehead} may
		{"GET", "/repos/o/r/compare/main...feature/x", "GET /repos/{owner}/{repo}/compare/{basehead}", map[string]string{"basehead": "main...feature/x"}},
		// not found
		{"GET", "/repos/o/r/issues", "", nil},
		{"GET", "/repos/o/r/issues/1/comments/2", "", nil},
		{"PUT", "/user", "", nil},
		{"GET", "/users", "", nil},
		{"GET", "user", "", nil},
		{"GET", "", "", nil},
		{"GET", "/repos//r/issues/1", "", nil},
		{"GET", "/repos/./r/issues/1", "", nil},
		{"GET", "/repos/o/../issues/1", "", nil},
		{"GET", "/repos/o/%2e%2E/issues/1", "", nil},
		{"GET", "/repos/o/.%2e/issues/1", "", nil},
		{"GET", "/repos/o/r/issues/1/..", "", nil},
		{"get", "/user", "", nil},
	}
	nr := newNaiveRouter(tab)
	for _, tt := range tests {
		ep, ps, ok := tab.Lookup(tt.method, tt.path)
		got := ""
		if ok {
			got = ep.Method + " " + ep.Path
		}
		if got != tt.want {
			t.Errorf("Lookup(%q, %q) = %q, want %q", tt.method, tt.path, got, tt.want)
			continue
		}
		naive := ""
		if i, _ := nr.lookup(tt.method, tt.path); i >= 0 {
			naive = tab.Endpoints[i].Method + " " + tab.Endpoints[i].Path
		}
		if naive != tt.want {
			t.Errorf("naive lookup(%q, %q) = %q, want %q", tt.method, tt.path, naive, tt.want)
		}
		for k, v := range tt.params {
			if g := ps.Get(k); g != v {
				t.Errorf("Lookup(%q, %q): param %s = %q, want %q", tt.method, tt.path, k, g, v)
			}
		}
		if !ok && ps.Len() != 0 {
			t.Errorf("Lookup(%q, %q) failed but returned %d params", tt.method, tt.path, ps.Len())
		}
	}
}

func TestParamsOrder(t *testing.T) {
	tab := routeTable()
	_, ps, ok := tab.Lookup("GET", "/repos/octo/hello/compare/v1...v2")
	if !ok {
		t.Fatal("not found")
	}
	var got []string
	for i := range ps.Len() {
		got = append(got, ps.Name(i)+"="+ps.Value(i))
	}
	want := "[owner=octo repo=hello base=v1 head=v2]"
	if s := "[" + strings.Join(got, " ") + "]"; s != want {
		t.Errorf("params = %s, want %s", s, want)
	}
	if ps.Get("nope") != "" {
		t.Error("Get of an unknown name is not empty")
	}
}

func TestLookupEveryRoute(t *testing.T) {
	tab := testTable(t)
	for _, r := range dotcomRoutes(t) {
		ep, _, ok := tab.Lookup(r.method, r.path)
		if !ok || ep.Method != r.method || ep.Path != r.path {
			t.Errorf("Lookup(%s %s) = %v, %v; want the template itself", r.method, r.path, ep, ok)
		}
		c := concretePath(r.path)
		want := r.path
		if want == "/repos/{owner}/{repo}/compare/{basehead}" {
			// "main...octo-feature" fits the mixed segment, which beats a parameter.
			want = "/repos/{owner}/{repo}/compare/{base}...{head}"
		}
		ep, _, ok = tab.Lookup(r.method, c)
		if !ok || ep.Method != r.method || ep.Path != want {
			got := "none"
			if ok {
				got = ep.Path
			}
			t.Errorf("Lookup(%s %s) = %s; want %s", r.method, c, got, want)
		}
	}
}

func TestLookupDoesNotAllocate(t *testing.T) {
	tab := testTable(t)
	paths := benchPaths(t)
	tab.Lookup("GET", "/")
	allocs := testing.AllocsPerRun(10, func() {
		for _, r := range paths {
			tab.Lookup(r.method, r.path)
		}
		tab.Lookup("GET", "/repos/o/r/issues/%63omments")
		tab.Lookup("GET", "/repos/o/r/contents/docs/guide/README.md") // greedy tail
		tab.Lookup("HEAD", "/repos/o/r/git/ref/heads/feature/x")      // greedy tail, GET fallback
		tab.Lookup("GET", "/repos/o/r/no/such/endpoint")
	})
	if allocs != 0 {
		t.Errorf("Lookup allocates %.1f times per run", allocs)
	}
}

// TestConcurrentFirstUse builds the lazy index from many goroutines at once
// (run with -race to make it meaningful).
func TestConcurrentFirstUse(t *testing.T) {
	tab := routeTable()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, _ := tab.ClassicGrants()
			if _, _, ok := tab.Lookup("GET", "/user"); !ok {
				t.Error("GET /user not found")
			}
			tab.Check(g, "GET", "/user", Public)
		}()
	}
	wg.Wait()
}

// TestRouterShape checks that every wide node of the realistic table got a
// perfect hash (a node without one still works, linearly, but slowly).
func TestRouterShape(t *testing.T) {
	ix := testTable(t).index()
	if ix.router.unhashed != 0 {
		t.Errorf("%d wide nodes have no perfect hash", ix.router.unhashed)
	}
	hashed := 0
	for _, n := range ix.router.nodes {
		if n.shift != 0 {
			hashed++
		}
	}
	if hashed < 10 {
		t.Errorf("only %d hashed nodes", hashed)
	}
}

// TestSegment compares the word-at-a-time segment scan with a plain one
// for every start position of paths of every length up to 40.
func TestSegment(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for _, slashAt := range []int{-1, 0, 1, 3, 7, 8, 9, 15, 16, 17, 25, 39} {
			b := []byte(strings.Repeat("abcdefgh", 5)[:n])
			if slashAt >= 0 && slashAt < n {
				b[slashAt] = '/'
			}
			p := string(b)
			for s := 0; s <= n; s++ {
				want := strings.IndexByte(p[s:], '/')
				if want < 0 {
					want = n
				} else {
					want += s
				}
				e, head := segment(p, s)
				if e != want || head != segHead(p[s:e]) {
					t.Fatalf("segment(%q, %d) = %d, %#x; want %d, %#x", p, s, e, head, want, segHead(p[s:want]))
				}
			}
		}
	}
}

func TestLongPath(t *testing.T) {
	tab := routeTable()
	long := "/dup/" + strings.Repeat("x", 1<<16)
	if _, _, ok := tab.Lookup("GET", long); ok {
		t.Error("a path longer than 65535 bytes was found")
	}
	if _, _, ok := tab.Lookup("GET", long[:1<<16-1]); !ok {
		t.Error("a path of 65535 bytes was not found")
	}
}
