package access

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"testing"
)

// route is one line of testdata/dotcom-routes.txt.
type route struct{ method, path string }

var (
	routesOnce sync.Once
	routesList []route
	routesErr  error
)

// dotcomRoutes returns every operation of api.github.com, from the fixture.
func dotcomRoutes(tb testing.TB) []route {
	tb.Helper()
	routesOnce.Do(func() {
		f, err := os.Open("testdata/dotcom-routes.txt")
		if err != nil {
			routesErr = err
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			m, p, ok := strings.Cut(line, " ")
			if !ok {
				continue
			}
			routesList = append(routesList, route{m, p})
		}
		routesErr = sc.Err()
	})
	if routesErr != nil {
		tb.Fatal(routesErr)
	}
	if len(routesList) < 1000 {
		tb.Fatalf("fixture has %d routes, want more than 1000", len(routesList))
	}
	return routesList
}

// testScopes is GitHub's classic scope DAG (dotcom).
var testScopes = []Scope{
	{Name: "repo"},
	{Name: "repo:status", Parents: []string{"repo"}},
	{Name: "repo_deployment", Parents: []string{"repo"}},
	{Name: "public_repo", Parents: []string{"repo"}},
	{Name: "repo:invite", Parents: []string{"repo"}},
	{Name: "security_events", Parents: []string{"repo"}},
	{Name: "admin:repo_hook", Parents: []string{"repo", "public_repo"}},
	{Name: "write:repo_hook", Parents: []string{"admin:repo_hook"}},
	{Name: "read:repo_hook", Parents: []string{"write:repo_hook"}},
	{Name: "admin:org"},
	{Name: "write:org", Parents: []string{"admin:org"}},
	{Name: "read:org", Parents: []string{"write:org"}},
	{Name: "admin:public_key"},
	{Name: "write:public_key", Parents: []string{"admin:public_key"}},
	{Name: "read:public_key", Parents: []string{"write:public_key"}},
	{Name: "admin:org_hook"},
	{Name: "gist"},
	{Name: "notifications"},
	{Name: "user"},
	{Name: "read:user", Parents: []string{"user"}},
	{Name: "user:email", Parents: []string{"user"}},
	{Name: "user:follow", Parents: []string{"user"}},
	{Name: "project"},
	{Name: "read:project", Parents: []string{"project"}},
	{Name: "delete_repo"},
	{Name: "write:packages"},
	{Name: "read:packages", Parents: []string{"write:packages"}},
	{Name: "delete:packages"},
	{Name: "admin:gpg_key"},
	{Name: "write:gpg_key", Parents: []string{"admin:gpg_key"}},
	{Name: "read:gpg_key", Parents: []string{"write:gpg_key"}},
	{Name: "codespace"},
	{Name: "workflow"},
	{Name: "read:audit_log"},
	{Name: "copilot"},
}

var rw = []Level{Read, Write}

// testPermissions is a realistic subset of GitHub's fine-grained permissions.
var testPermissions = []Permission{
	{Name: "actions", Group: "repository", Levels: rw},
	{Name: "administration", Group: "repository", Levels: rw},
	{Name: "checks", Group: "repository", Levels: rw},
	{Name: "contents", Group: "repository", Levels: rw},
	{Name: "deployments", Group: "repository", Levels: rw},
	{Name: "issues", Group: "repository", Levels: rw},
	{Name: "metadata", Group: "repository", Levels: []Level{Read}},
	{Name: "pages", Group: "repository", Levels: rw},
	{Name: "pull_requests", Group: "repository", Levels: rw},
	{Name: "repository_hooks", Group: "repository", Levels: rw},
	{Name: "secrets", Group: "repository", Levels: rw},
	{Name: "statuses", Group: "repository", Levels: rw},
	{Name: "workflows", Group: "repository", Levels: []Level{Write}},
	{Name: "members", Group: "organization", Levels: rw},
	{Name: "organization_administration", Group: "organization", Levels: rw},
	{Name: "organization_hooks", Group: "organization", Levels: rw},
	{Name: "emails", Group: "account", Levels: rw},
	{Name: "followers", Group: "account", Levels: rw},
	{Name: "gists", Group: "account", Levels: []Level{Write}},
	{Name: "gpg_keys", Group: "account", Levels: rw},
	{Name: "enterprise_administration", Group: "enterprise", Levels: []Level{Read, Write, Admin}},
}

var (
	testTableOnce sync.Once
	testTableVal  *Table
)

// testTable returns a realistic dotcom table: every route of the fixture,
// with requirements assigned by rules modelled on GitHub's data.
func testTable(tb testing.TB) *Table {
	routes := dotcomRoutes(tb)
	testTableOnce.Do(func() {
		t := &Table{
			Version:     "dotcom",
			DocsBaseURL: "https://scoperef.example/en",
			Scopes:      testScopes,
			Permissions: testPermissions,
		}
		for _, r := range routes {
			t.Endpoints = append(t.Endpoints, testEndpoint(r.method, r.path))
		}
		testTableVal = t
	})
	return testTableVal
}

func g(p string, l Level) Grant { return Grant{p, l} }

func testEndpoint(method, path string) Endpoint {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	cat := segs[0]
	if cat == "repos" && len(segs) > 3 {
		cat = segs[3]
	}
	if cat == "" {
		cat = "meta"
	}
	ep := Endpoint{
		Operation:  cat + "/" + strings.ToLower(method) + strings.NewReplacer("/", "-", "{", "", "}", "").Replace(path),
		Method:     method,
		Path:       path,
		Category:   cat,
		DocsPath:   "/rest/" + cat,
		GitHubApps: true,
	}
	write := method != "GET" && method != "HEAD"
	lvl, wscope := Read, ""
	if write {
		lvl = Write
	}
	fg := func(sets ...[]Grant) FineGrained { return FineGrained{Accepted: true, AnyOf: sets} }
	cl := func(private, public [][]string) Classic {
		return Classic{Accepted: true, Private: private, Public: public}
	}
	repoPublic := [][]string(nil) // reading public repositories needs no scope
	if write {
		repoPublic = [][]string{{"public_repo"}}
	}
	switch {
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/hooks"):
		hook := map[string]string{"GET": "read:repo_hook", "DELETE": "admin:repo_hook"}[method]
		if hook == "" {
			hook = "write:repo_hook"
		}
		ep.FineGrained = fg([]Grant{g("repository_hooks", lvl)})
		ep.Classic = cl([][]string{{hook}}, [][]string{{hook}})
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/issues/{issue_number}"):
		ep.FineGrained = fg([]Grant{g("issues", lvl)}, []Grant{g("pull_requests", lvl)})
		ep.FineGrained.PublicWithoutPermission = !write
		ep.Classic = cl([][]string{{"repo"}}, repoPublic)
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/issues"):
		ep.FineGrained = fg([]Grant{g("issues", lvl)})
		ep.FineGrained.PublicWithoutPermission = !write
		ep.Classic = cl([][]string{{"repo"}}, repoPublic)
	case path == "/repos/{owner}/{repo}/pulls" && write:
		ep.FineGrained = fg([]Grant{g("pull_requests", Write), g("contents", Read)})
		ep.Classic = cl([][]string{{"repo"}}, repoPublic)
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/pulls"):
		ep.FineGrained = fg([]Grant{g("pull_requests", lvl)})
		ep.FineGrained.PublicWithoutPermission = !write
		ep.Classic = cl([][]string{{"repo"}}, repoPublic)
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/contents"):
		ep.FineGrained = fg([]Grant{g("contents", lvl)})
		ep.FineGrained.PublicWithoutPermission = !write
		ep.Classic = cl([][]string{{"repo"}}, repoPublic)
		if write {
			ep.Classic.Notes = []string{"Needs the `workflow` scope when the change touches workflow files."}
		}
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/actions/workflows") && write:
		ep.FineGrained = fg([]Grant{g("actions", Write)})
		ep.Classic = cl([][]string{{"repo", "workflow"}}, [][]string{{"public_repo", "workflow"}})
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/actions"):
		ep.FineGrained = fg([]Grant{g("actions", lvl)})
		ep.Classic = cl([][]string{{"repo"}}, repoPublic)
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/statuses"), strings.HasPrefix(path, "/repos/{owner}/{repo}/commits/{ref}/status"):
		ep.FineGrained = fg([]Grant{g("statuses", lvl)})
		ep.Classic = cl([][]string{{"repo:status"}}, [][]string{{"repo:status"}})
	case strings.HasPrefix(path, "/repos/{owner}/{repo}/deployments"):
		ep.FineGrained = fg([]Grant{g("deployments", lvl)})
		ep.Classic = cl([][]string{{"repo_deployment"}}, [][]string{{"repo_deployment"}})
	case path == "/repos/{owner}/{repo}" && method == "DELETE":
		ep.FineGrained = fg([]Grant{g("administration", Write)})
		ep.Classic = cl([][]string{{"delete_repo"}}, [][]string{{"delete_repo"}})
	case strings.HasPrefix(path, "/repos/{owner}/{repo}"):
		ep.FineGrained = fg([]Grant{g("metadata", Read)})
		if write {
			ep.FineGrained = fg([]Grant{g("administration", Write)})
		}
		ep.Classic = cl([][]string{{"repo"}}, repoPublic)
	case strings.HasPrefix(path, "/orgs/{org}/hooks"):
		ep.FineGrained = fg([]Grant{g("organization_hooks", lvl)})
		ep.Classic = cl([][]string{{"admin:org_hook"}}, [][]string{{"admin:org_hook"}})
	case strings.HasPrefix(path, "/orgs/{org}/members"), strings.HasPrefix(path, "/orgs/{org}/teams"):
		ep.FineGrained = fg([]Grant{g("members", lvl)})
		wscope = "read:org"
		if write {
			wscope = "write:org"
		}
		ep.Classic = cl([][]string{{wscope}}, [][]string{{wscope}})
	case strings.HasPrefix(path, "/orgs/"):
		ep.FineGrained = fg([]Grant{g("organization_administration", lvl)})
		wscope = "read:org"
		if write {
			wscope = "admin:org"
		}
		ep.Classic = cl([][]string{{wscope}}, [][]string{{wscope}})
	case strings.HasPrefix(path, "/user/emails"), strings.HasPrefix(path, "/user/public_emails"):
		ep.FineGrained = fg([]Grant{g("emails", lvl)})
		ep.Classic = cl([][]string{{"user:email"}, {"read:user"}}, [][]string{{"user:email"}, {"read:user"}})
	case strings.HasPrefix(path, "/user/following"):
		ep.FineGrained = fg([]Grant{g("followers", lvl)})
		if write {
			ep.Classic = cl([][]string{{"user:follow"}}, [][]string{{"user:follow"}})
		} else {
			ep.Classic = cl(nil, nil)
		}
	case strings.HasPrefix(path, "/user/gpg_keys"):
		ep.FineGrained = fg([]Grant{g("gpg_keys", lvl)})
		sc := "read:gpg_key"
		if write {
			sc = "write:gpg_key"
		}
		ep.Classic = cl([][]string{{sc}}, [][]string{{sc}})
	case strings.HasPrefix(path, "/gists"):
		if write {
			ep.FineGrained = fg([]Grant{g("gists", Write)})
			ep.Classic = cl([][]string{{"gist"}}, [][]string{{"gist"}})
		} else {
			ep.FineGrained = fg()
			ep.Classic = cl(nil, nil)
		}
	case path == "/user":
		ep.FineGrained = fg()
		ep.Classic = cl(nil, nil)
		if write {
			ep.Classic = cl([][]string{{"user"}}, [][]string{{"user"}})
		}
	case strings.HasPrefix(path, "/app"), strings.HasPrefix(path, "/installation"):
		// GitHub App JWT and installation-token endpoints: no user tokens.
		ep.Classic = Classic{Accepted: false}
		ep.FineGrained = FineGrained{Accepted: false}
	case strings.HasPrefix(path, "/enterprises/"):
		ep.FineGrained = FineGrained{Accepted: false}
		ep.Classic = cl([][]string{{"admin:org"}}, [][]string{{"admin:org"}})
		ep.GitHubApps = false
	case strings.HasPrefix(path, "/notifications"):
		ep.FineGrained = FineGrained{Accepted: false}
		ep.Classic = cl([][]string{{"notifications"}, {"repo"}}, [][]string{{"notifications"}, {"repo"}})
	default:
		ep.FineGrained = fg()
		ep.FineGrained.PublicWithoutPermission = true
		ep.Classic = cl(nil, nil)
	}
	return ep
}

// plausible parameter values for concrete request paths.
var plausible = map[string]string{
	"owner": "octo-org", "repo": "hello-world", "org": "octo-org", "username": "monalisa",
	"enterprise": "octo-corp", "issue_number": "1347", "pull_number": "42", "ref": "main",
	"sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e", "path": "README.md", "branch": "main",
	"team_slug": "justice-league", "gist_id": "aa5a315d61ae9438b18d", "name": "bug",
	"tag": "v1.0.0", "basehead": "main...octo-feature", "base": "main", "head": "octo-feature",
	"environment_name": "production", "secret_name": "GH_TOKEN", "package_type": "container",
	"package_name": "hello-world", "archive_format": "tarball", "key": "ghp-key",
	"file_sha": "3d21ec53a331a6f037a91c368710b99387d012c1", "commit_sha": "7638417db6d59f3c431d3e1f261cc637155684cd",
	"tree_sha": "9fb037999f264ba9a7fc6274d15fa3ae2ab98312", "tag_sha": "940bd336248efae0f9ee5bc7b2d5c985887b16ac",
	"client_id": "Iv1.8a61f9b3a7aba766", "app_slug": "octoapp", "code": "a2b3c4d5", "language": "go",
	"license": "mit", "dir": "configs", "version": "1", "workflow_id": "161335", "job_id": "399444496",
	"security_product": "dependabot", "enablement": "enable_all", "uuid": "e6a2a0c9-6e4f-4fd0-a8f1-3a8f1e6b9c2d",
	"sbom_uuid": "a5e9f1c2-7d3b-4e8a-9c1f-2b6d8e0a4f3c", "cluster": "west", "codespace_name": "monalisa-octocat-hello-world-g4wpq6h95q",
	"concurrency_group_name": "deploy-prod", "custom_property_name": "environment", "actor_type": "User",
	"actor_identifier": "monalisa", "subject_digest": "sha256:abc123", "template_owner": "octo-org",
	"template_repo": "template", "repo_owner": "octo-org", "repo_name": "hello-world", "target_user": "octocat",
	"assignee": "octocat", "enterprise-team": "octo-team", "status_id": "12",
}

// concretePath replaces every {param} of a template with a plausible value.
func concretePath(template string) string {
	var b strings.Builder
	rest := template
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		j := strings.IndexByte(rest[i:], '}') + i
		name := rest[i+1 : j]
		v, ok := plausible[name]
		if !ok {
			v = "1296269" // ids and numbers
		}
		b.WriteString(rest[:i])
		b.WriteString(v)
		rest = rest[j+1:]
	}
}

func TestSetTable(t *testing.T) {
	a, b, c := &Table{Version: "dotcom"}, &Table{Version: "ghec"}, &Table{Version: "ghes-3.19"}
	set := &Set{Tables: []*Table{a, b, nil, c}}
	tests := []struct {
		v    string
		want *Table
	}{
		{"dotcom", a}, {"ghec", b}, {"enterprise-cloud@latest", b}, {"ghes-3.19", c},
		{"enterprise-server@3.19", c}, {"enterprise-server@3.18", nil}, {"enterprise-server@", nil},
		{"ghes-3.1", nil}, {"", nil}, {"free-pro-team@latest", nil},
	}
	for _, tt := range tests {
		got, ok := set.Table(tt.v)
		if got != tt.want || ok != (tt.want != nil) {
			t.Errorf("Table(%q) = %v, %v", tt.v, got, ok)
		}
	}
	var nilSet *Set
	if _, ok := nilSet.Table("dotcom"); ok {
		t.Error("nil Set found a table")
	}
}

func TestLevel(t *testing.T) {
	for _, l := range []Level{None, Read, Write, Admin} {
		got, err := ParseLevel(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLevel(%q) = %v, %v", l.String(), got, err)
		}
	}
	if _, err := ParseLevel("Read"); err == nil {
		t.Error(`ParseLevel("Read") succeeded`)
	}
	if !(None < Read && Read < Write && Write < Admin) || Level(9).String() != "Level(9)" {
		t.Error("levels are not ordered or print wrongly")
	}
}
