package access

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testMiddleware serves two versions. Tokens come from "Authorization:
// token NAME"; repositories whose name starts with "public" are public.
func testMiddleware(t *testing.T, opts MiddlewareOptions) (http.Handler, *int) {
	tab := testTable(t)
	other := routeTable()
	set := &Set{Tables: []*Table{tab, other}}
	tokens := map[string]Grants{
		"classic-repo": mustClassic(t, tab, "repo", "user:email", "user"),
		"classic-none": mustClassic(t, tab),
		"fg-issues":    mustFine(t, tab, map[string]Level{"issues": Write}),
		"fg-none":      mustFine(t, tab, nil),
		"foreign":      mustClassic(t, other),
	}
	opts.Version = func(r *http.Request) string {
		if v := r.Header.Get("X-Version"); v != "" {
			return v
		}
		return "dotcom"
	}
	opts.Grants = func(r *http.Request, route Route) (Grants, Visibility, error) {
		if route.Table == nil || route.Endpoint == nil {
			return Grants{}, Private, errors.New("route not filled in")
		}
		vis := Private
		if strings.HasPrefix(route.Params.Get("repo"), "public") {
			vis = Public
		}
		auth := r.Header.Get("Authorization")
		if auth == "" {
			return Grants{}, vis, nil
		}
		name, _ := strings.CutPrefix(auth, "token ")
		switch name {
		case "broken-store":
			return Grants{}, vis, errors.New("token store unreachable")
		case "revoked":
			return Grants{}, vis, fmt.Errorf("token %q: %w", name, ErrBadCredentials)
		}
		g, ok := tokens[name]
		if !ok {
			return Grants{}, vis, ErrBadCredentials
		}
		return g, vis, nil
	}
	calls := new(int)
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*calls++
		d, ok := DecisionFromContext(r.Context())
		if !ok || !d.Allowed {
			t.Errorf("handler reached without an allowing decision: %v %v", ok, d.Reason)
		}
		fmt.Fprintf(w, "%s %s owner=%s", d.Endpoint.Method, d.Endpoint.Path, d.Params.Get("owner"))
	})
	return Middleware(set, opts)(next), calls
}

type mwResult struct {
	Status  int
	Body    string
	Headers map[string]string
}

func serve(h http.Handler, method, target, token, version string) mwResult {
	r := httptest.NewRequest(method, target, nil)
	if token != "" {
		r.Header.Set("Authorization", "token "+token)
	}
	if version != "" {
		r.Header.Set("X-Version", version)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := mwResult{Status: w.Code, Body: strings.TrimSpace(w.Body.String()), Headers: map[string]string{}}
	keys := []string{"X-Accepted-OAuth-Scopes", "X-Accepted-GitHub-Permissions", "X-OAuth-Scopes"}
	if w.Code != http.StatusOK {
		keys = append(keys, "Content-Type")
	}
	for _, k := range keys {
		if v := w.Header().Values(k); len(v) > 0 {
			res.Headers[k] = strings.Join(v, "|")
		}
	}
	return res
}

func errJSON(msg, url string, status int) string {
	b, _ := json.Marshal(errorBody{Message: msg, DocumentationURL: url, Status: fmt.Sprint(status)})
	return string(b)
}

const jsonType = "application/json; charset=utf-8"

func TestMiddleware(t *testing.T) {
	h, calls := testMiddleware(t, MiddlewareOptions{})
	h404, calls404 := testMiddleware(t, MiddlewareOptions{NotFoundForPrivate: true})
	const docs = "https://scoperef.example/en"
	tests := []struct {
		name                  string
		notFoundForPrivate    bool
		method, target, token string
		version               string
		want                  mwResult
		reachesHandler        bool
	}{
		{"allowed", false, "GET", "/repos/octo/hello/issues/42", "classic-repo", "", mwResult{200, "GET /repos/{owner}/{repo}/issues/{issue_number} owner=octo",
			map[string]string{"X-Accepted-OAuth-Scopes": "repo", "X-Accepted-GitHub-Permissions": "issues=read; pull_requests=read", "X-OAuth-Scopes": "repo, user"}}, true},
		{"the docs segment of dotcom is no version name", false, "GET", "/user", "classic-none", "free-pro-team@latest", mwResult{404, errJSON("Not Found: no access table for this API version", "", 404),
			map[string]string{"Content-Type": jsonType}}, false},
		{"fine-grained public write denied", false, "POST", "/repos/octo/public-site/pulls", "fg-issues", "", mwResult{403,
			errJSON("Resource not accessible by personal access token", docs+"/rest/pulls", 403),
			map[string]string{"X-Accepted-OAuth-Scopes": "public_repo, repo", "X-Accepted-GitHub-Permissions": "pull_requests=write,contents=read", "Content-Type": jsonType}}, false},
		{"private denied: 403 by default", false, "GET", "/repos/octo/secret/hooks", "fg-issues", "", mwResult{403,
			errJSON("Resource not accessible by personal access token", docs+"/rest/hooks", 403),
			map[string]string{"X-Accepted-OAuth-Scopes": "admin:repo_hook, public_repo, read:repo_hook, repo, write:repo_hook", "X-Accepted-GitHub-Permissions": "repository_hooks=read", "Content-Type": jsonType}}, false},
		{"private denied: 404 when configured", true, "GET", "/repos/octo/secret/hooks", "fg-issues", "", mwResult{404,
			errJSON("Not Found", docs+"/rest/hooks", 404),
			map[string]string{"X-Accepted-OAuth-Scopes": "admin:repo_hook, public_repo, read:repo_hook, repo, write:repo_hook", "X-Accepted-GitHub-Permissions": "repository_hooks=read", "Content-Type": jsonType}}, false},
		{"public denied stays 403 when configured", true, "POST", "/repos/octo/public-site/issues", "fg-none", "", mwResult{403,
			errJSON("Resource not accessible by personal access token", docs+"/rest/issues", 403),
			map[string]string{"X-Accepted-OAuth-Scopes": "public_repo, repo", "X-Accepted-GitHub-Permissions": "issues=write", "Content-Type": jsonType}}, false},
		{"classic missing scope", false, "GET", "/repos/octo/secret/issues", "classic-none", "", mwResult{403,
			errJSON("Resource not accessible by personal access token", docs+"/rest/issues", 403),
			map[string]string{"X-Accepted-OAuth-Scopes": "repo", "X-Accepted-GitHub-Permissions": "issues=read", "X-OAuth-Scopes": "", "Content-Type": jsonType}}, false},
		{"fine-grained allowed on public without permission", false, "GET", "/repos/octo/public-site/pulls/1", "fg-none", "", mwResult{200,
			"GET /repos/{owner}/{repo}/pulls/{pull_number} owner=octo",
			map[string]string{"X-Accepted-OAuth-Scopes": "", "X-Accepted-GitHub-Permissions": "pull_requests=read"}}, true},
		{"unknown endpoint fails closed", false, "GET", "/repos/octo/hello/nope", "classic-repo", "", mwResult{404,
			errJSON("Not Found", docs+"/rest", 404), map[string]string{"Content-Type": jsonType}}, false},
		{"unknown version fails closed", false, "GET", "/user", "classic-repo", "ghes-2.0", mwResult{404,
			errJSON("Not Found: no access table for this API version", "", 404), map[string]string{"Content-Type": jsonType}}, false},
		{"no token", false, "GET", "/user", "", "", mwResult{401,
			errJSON("Requires authentication", docs+"/rest/user", 401),
			map[string]string{"X-Accepted-OAuth-Scopes": "", "X-Accepted-GitHub-Permissions": "", "Content-Type": jsonType}}, false},
		{"revoked token", false, "GET", "/user", "revoked", "", mwResult{401,
			errJSON("Bad credentials", docs+"/rest/user", 401),
			map[string]string{"X-Accepted-OAuth-Scopes": "", "X-Accepted-GitHub-Permissions": "", "Content-Type": jsonType}}, false},
		{"resolver failure", false, "GET", "/user", "broken-store", "", mwResult{500,
			errJSON("Could not resolve credentials", docs+"/rest/user", 500),
			map[string]string{"X-Accepted-OAuth-Scopes": "", "X-Accepted-GitHub-Permissions": "", "Content-Type": jsonType}}, false},
		{"grants of another version", false, "GET", "/user", "foreign", "", mwResult{500,
			errJSON("Credentials were resolved for another API version", docs+"/rest/user", 500),
			map[string]string{"X-Accepted-OAuth-Scopes": "", "X-Accepted-GitHub-Permissions": "", "Content-Type": jsonType}}, false},
		{"escaped path", false, "GET", "/repos/octo/hello/issues/%63omments", "classic-repo", "", mwResult{200,
			"GET /repos/{owner}/{repo}/issues/comments owner=octo",
			map[string]string{"X-Accepted-OAuth-Scopes": "repo", "X-Accepted-GitHub-Permissions": "issues=read", "X-OAuth-Scopes": "repo, user"}}, true},
		{"HEAD uses GET", false, "HEAD", "/user/emails", "classic-repo", "", mwResult{200, "",
			map[string]string{"X-Accepted-OAuth-Scopes": "read:user, user, user:email", "X-Accepted-GitHub-Permissions": "emails=read", "X-OAuth-Scopes": "repo, user"}}, true},
	}
	for _, tt := range tests {
		hh, c := h, calls
		if tt.notFoundForPrivate {
			hh, c = h404, calls404
		}
		before := *c
		got := serve(hh, tt.method, tt.target, tt.token, tt.version)
		if tt.method == "HEAD" {
			got.Body = ""
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: %s %s (-want +got):\n%s", tt.name, tt.method, tt.target, diff)
		}
		if (*c > before) != tt.reachesHandler {
			t.Errorf("%s: handler reached = %v, want %v", tt.name, *c > before, tt.reachesHandler)
		}
	}
}

func TestMiddlewareRequiresOptions(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Middleware accepted options without Version and Grants")
		}
	}()
	Middleware(&Set{}, MiddlewareOptions{})
}

func TestDecisionFromContextWithout(t *testing.T) {
	if _, ok := DecisionFromContext(httptest.NewRequest("GET", "/", nil).Context()); ok {
		t.Error("decision found in a plain context")
	}
}
