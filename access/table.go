package access

import (
	"strings"
	"sync"
	"sync/atomic"
)

// Table is the access model of one product version. Generated code fills
// it as a composite literal; all exported fields are plain data and nothing
// is computed until first use (see the package documentation, "Lazy
// indexes"). A Table must not be copied or modified after first use.
type Table struct {
	Version     string // "dotcom", "ghec", "ghes-3.19"
	DocsBaseURL string // documentation_url = DocsBaseURL + Endpoint.DocsPath
	Scopes      []Scope
	Permissions []Permission
	Endpoints   []Endpoint

	once sync.Once
	idx  atomic.Pointer[index]
}

// Scope is a classic OAuth scope. Every parent implies the scope (and so
// everything the scope implies); the parent relation must be acyclic.
type Scope struct {
	Name    string
	Parents []string
}

// Permission is a fine-grained permission and the levels a token can hold
// it at, ascending.
type Permission struct {
	Name   string // GitHub's key, e.g. "pull_requests"
	Group  string // repository, organization, account or enterprise
	Levels []Level
}

// Endpoint is one REST operation and what it requires in the table's version.
type Endpoint struct {
	Operation string // unique id, e.g. "issues/create"
	Method    string // GET HEAD POST PUT PATCH DELETE
	Path      string // template, e.g. "/repos/{owner}/{repo}/issues"
	Category  string
	DocsPath  string // e.g. "/rest/issues#issues-create"

	GitHubApps  bool // GitHub App tokens are accepted (informational)
	FineGrained FineGrained
	Classic     Classic
}

// FineGrained is an endpoint's requirement for fine-grained tokens.
type FineGrained struct {
	// Accepted is false when fine-grained tokens cannot call the endpoint.
	// The zero value therefore denies.
	Accepted bool
	// PublicWithoutPermission: a request for a public resource needs no
	// permission at all.
	PublicWithoutPermission bool
	// AnyOf is an OR of AND-sets: the token must hold every grant of at
	// least one set. An empty list means no permission is needed.
	AnyOf [][]Grant
}

// Grant is one permission at a level.
type Grant struct {
	Permission string
	Level      Level
}

// String returns "permission=level".
func (g Grant) String() string { return g.Permission + "=" + g.Level.String() }

// Classic is an endpoint's requirement for classic tokens and OAuth apps.
type Classic struct {
	// Accepted is false when classic tokens cannot call the endpoint. The
	// source format defaults it to true; generated code must write it out,
	// because the zero value denies.
	Accepted bool
	// Private and Public are each an OR of AND-sets of scope names, for
	// private and public resources. An empty list, or an empty set inside
	// it, means no scope is needed.
	Private, Public [][]string
	// Notes are conditions the data cannot express; Check ignores them.
	Notes []string
}

// Set holds the tables of several product versions.
type Set struct {
	Tables []*Table
}

// Table returns the table of a version. It accepts the version name
// ("dotcom", "ghec", "ghes-3.19") and the documentation URL segments
// "enterprise-cloud@latest" and "enterprise-server@3.19".
func (s *Set) Table(version string) (*Table, bool) {
	if s == nil || version == "" {
		return nil, false
	}
	for _, t := range s.Tables {
		if t != nil && versionMatches(t.Version, version) {
			return t, true
		}
	}
	return nil, false
}

func versionMatches(name, v string) bool {
	if name == v {
		return true
	}
	if v == "enterprise-cloud@latest" {
		return name == "ghec"
	}
	if rel, ok := strings.CutPrefix(v, "enterprise-server@"); ok && rel != "" {
		r, ok := strings.CutPrefix(name, "ghes-")
		return ok && r == rel
	}
	return false
}
