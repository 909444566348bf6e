package access_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/scoperef/scoperef/access"
	"github.com/scoperef/scoperef/access/github"
)

// small is a table written the way generated code (package access/github,
// or `scoperef gen` for your own YAML) writes one: a composite literal of
// plain data, no code run at package initialisation.
var small = &access.Table{
	Version:     "dotcom",
	DocsBaseURL: "https://scoperef.example/en",
	Scopes: []access.Scope{
		{Name: "repo"},
		{Name: "public_repo", Parents: []string{"repo"}},
		{Name: "admin:repo_hook", Parents: []string{"repo", "public_repo"}},
		{Name: "write:repo_hook", Parents: []string{"admin:repo_hook"}},
		{Name: "read:repo_hook", Parents: []string{"write:repo_hook"}},
		{Name: "user"},
		{Name: "user:email", Parents: []string{"user"}},
	},
	Permissions: []access.Permission{
		{Name: "contents", Group: "repository", Levels: []access.Level{access.Read, access.Write}},
		{Name: "issues", Group: "repository", Levels: []access.Level{access.Read, access.Write}},
		{Name: "metadata", Group: "repository", Levels: []access.Level{access.Read}},
		{Name: "pull_requests", Group: "repository", Levels: []access.Level{access.Read, access.Write}},
		{Name: "repository_hooks", Group: "repository", Levels: []access.Level{access.Read, access.Write}},
		{Name: "emails", Group: "account", Levels: []access.Level{access.Read, access.Write}},
	},
	Endpoints: []access.Endpoint{
		{
			Operation: "issues/get", Method: "GET", Path: "/repos/{owner}/{repo}/issues/{issue_number}",
			Category: "issues", DocsPath: "/rest/issues/issues#get-an-issue", GitHubApps: true,
			FineGrained: access.FineGrained{Accepted: true, PublicWithoutPermission: true,
				AnyOf: [][]access.Grant{{{"issues", access.Read}}, {{"pull_requests", access.Read}}}},
			Classic: access.Classic{Accepted: true, Private: [][]string{{"repo"}}},
		},
		{
			Operation: "issues/list-comments-for-repo", Method: "GET", Path: "/repos/{owner}/{repo}/issues/comments",
			Category: "issues", DocsPath: "/rest/issues/comments#list-issue-comments-for-a-repository", GitHubApps: true,
			FineGrained: access.FineGrained{Accepted: true, PublicWithoutPermission: true,
				AnyOf: [][]access.Grant{{{"issues", access.Read}}, {{"pull_requests", access.Read}}}},
			Classic: access.Classic{Accepted: true, Private: [][]string{{"repo"}}},
		},
		{
			Operation: "issues/create", Method: "POST", Path: "/repos/{owner}/{repo}/issues",
			Category: "issues", DocsPath: "/rest/issues/issues#create-an-issue", GitHubApps: true,
			FineGrained: access.FineGrained{Accepted: true, AnyOf: [][]access.Grant{{{"issues", access.Write}}}},
			Classic:     access.Classic{Accepted: true, Private: [][]string{{"repo"}}, Public: [][]string{{"public_repo"}}},
		},
		{
			Operation: "pulls/create", Method: "POST", Path: "/repos/{owner}/{repo}/pulls",
			Category: "pulls", DocsPath: "/rest/pulls/pulls#create-a-pull-request", GitHubApps: true,
			FineGrained: access.FineGrained{Accepted: true,
				AnyOf: [][]access.Grant{{{"pull_requests", access.Write}, {"contents", access.Read}}}},
			Classic: access.Classic{Accepted: true, Private: [][]string{{"repo"}}, Public: [][]string{{"public_repo"}}},
		},
		{
			Operation: "repos/list-webhooks", Method: "GET", Path: "/repos/{owner}/{repo}/hooks",
			Category: "repos", DocsPath: "/rest/repos/webhooks#list-repository-webhooks", GitHubApps: true,
			FineGrained: access.FineGrained{Accepted: true, AnyOf: [][]access.Grant{{{"repository_hooks", access.Read}}}},
			Classic: access.Classic{Accepted: true,
				Private: [][]string{{"read:repo_hook"}}, Public: [][]string{{"read:repo_hook"}}},
		},
		{
			Operation: "users/list-emails-for-authenticated-user", Method: "GET", Path: "/user/emails",
			Category: "users", DocsPath: "/rest/users/emails#list-email-addresses-for-the-authenticated-user",
			FineGrained: access.FineGrained{Accepted: true, AnyOf: [][]access.Grant{{{"emails", access.Read}}}},
			Classic: access.Classic{Accepted: true,
				Private: [][]string{{"user:email"}}, Public: [][]string{{"user:email"}}},
		},
	},
}

func ExampleTable_Lookup() {
	for _, req := range []string{
		"GET /repos/octo/hello/issues/42",
		"GET /repos/octo/hello/issues/comments",         // a static segment beats {issue_number}
		"HEAD /repos/octo/hello/issues/42/",             // HEAD falls back to GET; one trailing slash is ignored
		"GET /repos/octo/hello/issues/%63omments",       // decoded before it is compared with "comments"
		"GET /repos/octo/hello/contents/docs/README.md", // a greedy tail: {path} takes the rest
		"GET /repos/octo/hello/git/ref/heads/feature/x", // so does {ref}
		"GET /repos/octo/hello/branches/feature%2Fx",    // {branch} has templates under it: encode the slash
		"GET /repos/octo/hello/no/such/endpoint",        // {repo} is not greedy
		"DELETE /repos/octo/hello/issues/42",            // no such endpoint
	} {
		method, path, _ := strings.Cut(req, " ")
		ep, params, ok := github.Dotcom.Lookup(method, path)
		if !ok {
			fmt.Printf("%s: not found\n", req)
			continue
		}
		fmt.Printf("%s: %s", req, ep.Operation)
		for i := range params.Len() {
			fmt.Printf(" %s=%s", params.Name(i), params.Value(i))
		}
		fmt.Println()
	}
	// Output:
	// GET /repos/octo/hello/issues/42: issues/get owner=octo repo=hello issue_number=42
	// GET /repos/octo/hello/issues/comments: issues/list-comments-for-repo owner=octo repo=hello
	// HEAD /repos/octo/hello/issues/42/: issues/get owner=octo repo=hello issue_number=42
	// GET /repos/octo/hello/issues/%63omments: issues/list-comments-for-repo owner=octo repo=hello
	// GET /repos/octo/hello/contents/docs/README.md: repos/get-content owner=octo repo=hello path=docs/README.md
	// GET /repos/octo/hello/git/ref/heads/feature/x: git/get-ref owner=octo repo=hello ref=heads/feature/x
	// GET /repos/octo/hello/branches/feature%2Fx: repos/get-branch owner=octo repo=hello branch=feature%2Fx
	// GET /repos/octo/hello/no/such/endpoint: not found
	// DELETE /repos/octo/hello/issues/42: not found
}

func ExampleTable_Check() {
	// Resolve each token once; checking allocates nothing.
	classic, err := small.ClassicGrants("public_repo", "user:email")
	if err != nil {
		panic(err)
	}
	fine, err := small.FineGrainedGrants(map[string]access.Level{"issues": access.Write})
	if err != nil {
		panic(err)
	}
	show := func(g access.Grants, method, path string, vis access.Visibility) {
		d := small.Check(g, method, path, vis)
		fmt.Printf("%-12s %-5s %s (%v): %v\n", g.Kind(), method, path, vis, d.Reason)
		if !d.Allowed && d.Endpoint != nil {
			fmt.Printf("    X-Accepted-OAuth-Scopes: %s\n", d.AcceptedOAuthScopes)
			fmt.Printf("    X-Accepted-GitHub-Permissions: %s\n", d.AcceptedGitHubPermissions)
			fmt.Printf("    missing scopes %v, missing permissions %v\n", d.MissingScopes(), d.MissingPermissions())
		}
	}
	show(classic, "POST", "/repos/octo/hello/issues", access.Public)
	show(classic, "POST", "/repos/octo/hello/issues", access.Private)
	show(classic, "GET", "/repos/octo/hello/hooks", access.Private) // public_repo implies the hook scopes
	show(fine, "GET", "/repos/octo/hello/issues/1", access.Private)
	show(fine, "POST", "/repos/octo/hello/pulls", access.Private)
	show(fine, "GET", "/repos/octo/hello/nope", access.Private)
	// Output:
	// classic      POST  /repos/octo/hello/issues (public): allowed
	// classic      POST  /repos/octo/hello/issues (private): missing scope
	//     X-Accepted-OAuth-Scopes: repo
	//     X-Accepted-GitHub-Permissions: issues=write
	//     missing scopes [[repo]], missing permissions []
	// classic      GET   /repos/octo/hello/hooks (private): allowed
	// fine-grained GET   /repos/octo/hello/issues/1 (private): allowed
	// fine-grained POST  /repos/octo/hello/pulls (private): missing permission
	//     X-Accepted-OAuth-Scopes: repo
	//     X-Accepted-GitHub-Permissions: pull_requests=write,contents=read
	//     missing scopes [], missing permissions [[pull_requests=write contents=read]]
	// fine-grained GET   /repos/octo/hello/nope (private): unknown endpoint
}

func ExampleMiddleware() {
	tokens := map[string]access.Grants{}
	tokens["ghp_classic"], _ = small.ClassicGrants("repo")
	tokens["github_pat_issues"], _ = small.FineGrainedGrants(map[string]access.Level{"issues": access.Read})

	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d, _ := access.DecisionFromContext(r.Context())
		fmt.Fprintf(w, "handled %s for %s\n", d.Endpoint.Operation, d.Params.Get("owner"))
	})
	enforce := access.Middleware(&access.Set{Tables: []*access.Table{small}}, access.MiddlewareOptions{
		Version: func(*http.Request) string { return "dotcom" },
		Grants: func(r *http.Request, route access.Route) (access.Grants, access.Visibility, error) {
			vis := access.Private // a real resolver asks where route.Params.Get("repo") lives
			token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok {
				return access.Grants{}, vis, nil // no token
			}
			g, ok := tokens[token]
			if !ok {
				return access.Grants{}, vis, access.ErrBadCredentials
			}
			return g, vis, nil
		},
		NotFoundForPrivate: true,
	})
	srv := enforce(api)

	for _, c := range []struct{ token, method, path string }{
		{"ghp_classic", "POST", "/repos/octo/hello/pulls"},
		{"github_pat_issues", "GET", "/repos/octo/hello/issues/7"},
		{"github_pat_issues", "POST", "/repos/octo/hello/pulls"},
		{"github_pat_issues", "GET", "/repos/octo/hello/branches"},
		{"", "GET", "/user/emails"},
	} {
		r := httptest.NewRequest(c.method, c.path, nil)
		if c.token != "" {
			r.Header.Set("Authorization", "Bearer "+c.token)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		fmt.Printf("%s %s -> %d %s", c.method, c.path, w.Code, w.Body)
		if p := w.Header().Get("X-Accepted-GitHub-Permissions"); p != "" {
			fmt.Printf("    X-Accepted-GitHub-Permissions: %s\n", p)
		}
	}
	// Output:
	// POST /repos/octo/hello/pulls -> 200 handled pulls/create for octo
	//     X-Accepted-GitHub-Permissions: pull_requests=write,contents=read
	// GET /repos/octo/hello/issues/7 -> 200 handled issues/get for octo
	//     X-Accepted-GitHub-Permissions: issues=read; pull_requests=read
	// POST /repos/octo/hello/pulls -> 404 {"message":"Not Found","documentation_url":"https://scoperef.example/en/rest/pulls/pulls#create-a-pull-request","status":"404"}
	//     X-Accepted-GitHub-Permissions: pull_requests=write,contents=read
	// GET /repos/octo/hello/branches -> 404 {"message":"Not Found","documentation_url":"https://scoperef.example/en/rest","status":"404"}
	// GET /user/emails -> 401 {"message":"Requires authentication","documentation_url":"https://scoperef.example/en/rest/users/emails#list-email-addresses-for-the-authenticated-user","status":"401"}
	//     X-Accepted-GitHub-Permissions: emails=read
}

func ExampleTable_Minimize() {
	// The requests an integration makes, as templates (a template finds itself).
	var eps []*access.Endpoint
	for _, req := range []string{
		"GET /repos/{owner}/{repo}/issues/{issue_number}",
		"POST /repos/{owner}/{repo}/pulls",
		"GET /repos/{owner}/{repo}/contents/{path}",
		"PUT /repos/{owner}/{repo}/contents/{path}",
	} {
		method, path, _ := strings.Cut(req, " ")
		ep, _, ok := github.Dotcom.Lookup(method, path)
		if !ok {
			panic(req)
		}
		eps = append(eps, ep)
	}
	m, err := github.Dotcom.Minimize(eps, access.Private)
	if err != nil {
		panic(err)
	}
	fmt.Println("fine-grained:", m.Permissions())
	for _, g := range m.FineGrained {
		fmt.Printf("  %s for", g.Grant)
		for _, ep := range g.Endpoints {
			fmt.Printf(" %s", ep.Operation)
		}
		fmt.Println()
	}
	fmt.Println("classic:", m.Scopes())
	for _, s := range m.Classic {
		fmt.Printf("  %s for %d endpoints\n", s.Scope, len(s.Endpoints))
	}
	// Output:
	// fine-grained: contents=write,issues=read,pull_requests=write
	//   contents=write for repos/get-content repos/create-or-update-file-contents
	//   issues=read for issues/get
	//   pull_requests=write for pulls/create
	// classic: repo
	//   repo for 4 endpoints
}
