package importer

import (
	"slices"
	"strings"
)

// ScopeDef is one classic OAuth scope as the importer knows it.
type ScopeDef struct {
	ID       string
	Title    string
	Parents  []string // scopes that imply this one
	Versions string   // range expression; "" = every version
}

// knownScopes is GitHub's classic scope hierarchy (access-model brief) with GitHub's own
// one-line titles (the token settings page), plus scopes that the API descriptions name.
// Parents form a DAG: repo and public_repo also grant repository hooks. Only the hierarchy the
// brief documents is recorded; newer scopes it does not place (copilot,
// manage_billing:copilot, audit_log, read:audit_log, manage_runners:org and the
// network_configurations pair) stay flat, which never grants more than
// documented.
//
// write:packages, read:packages and delete:packages are kept flat: the descriptions always ask
// for read:packages explicitly next to write:packages or delete:packages ("need the
// `read:packages` and `write:packages` scopes"), so nothing in the data says that one implies
// another, and treating them as independent never grants more than GitHub documents.
var knownScopes = []ScopeDef{
	{ID: "site_admin", Title: "Site administrator API endpoints", Versions: "ghes"},
	{ID: "repo", Title: "Full control of private repositories"},
	{ID: "repo:status", Title: "Access commit status", Parents: []string{"repo"}},
	{ID: "repo_deployment", Title: "Access deployment status", Parents: []string{"repo"}},
	{ID: "public_repo", Title: "Access public repositories", Parents: []string{"repo"}},
	{ID: "repo:invite", Title: "Access repository invitations", Parents: []string{"repo"}},
	{ID: "security_events", Title: "Read and write security events", Parents: []string{"repo"}},
	{ID: "admin:repo_hook", Title: "Full control of repository hooks", Parents: []string{"repo", "public_repo"}},
	{ID: "write:repo_hook", Title: "Write repository hooks", Parents: []string{"admin:repo_hook"}},
	{ID: "read:repo_hook", Title: "Read repository hooks", Parents: []string{"write:repo_hook"}},
	{ID: "admin:org", Title: "Full control of orgs and teams, read and write org projects"},
	{ID: "write:org", Title: "Read and write org and team membership, read and write org projects", Parents: []string{"admin:org"}},
	{ID: "read:org", Title: "Read org and team membership, read org projects", Parents: []string{"write:org"}},
	{ID: "admin:public_key", Title: "Full control of user public keys"},
	{ID: "write:public_key", Title: "Write user public keys", Parents: []string{"admin:public_key"}},
	{ID: "read:public_key", Title: "Read user public keys", Parents: []string{"write:public_key"}},
	{ID: "admin:org_hook", Title: "Full control of organization hooks"},
	{ID: "gist", Title: "Create gists"},
	{ID: "notifications", Title: "Access notifications"},
	{ID: "user", Title: "Update all user data"},
	{ID: "read:user", Title: "Read all user profile data", Parents: []string{"user"}},
	{ID: "user:email", Title: "Access user email addresses (read-only)", Parents: []string{"user"}},
	{ID: "user:follow", Title: "Follow and unfollow users", Parents: []string{"user"}},
	{ID: "project", Title: "Full control of projects", Versions: "dotcom or ghec"},
	{ID: "read:project", Title: "Read access of projects", Parents: []string{"project"}, Versions: "dotcom or ghec"},
	{ID: "delete_repo", Title: "Delete repositories"},
	{ID: "write:packages", Title: "Upload packages to GitHub Package Registry"},
	{ID: "read:packages", Title: "Download packages from GitHub Package Registry"},
	{ID: "delete:packages", Title: "Delete packages from GitHub Package Registry"},
	{ID: "admin:gpg_key", Title: "Full control of public user GPG keys"},
	{ID: "write:gpg_key", Title: "Write public user GPG keys", Parents: []string{"admin:gpg_key"}},
	{ID: "read:gpg_key", Title: "Read public user GPG keys", Parents: []string{"write:gpg_key"}},
	{ID: "codespace", Title: "Full control of codespaces", Versions: "dotcom or ghec"},
	{ID: "codespace:secrets", Title: "Ability to create, read, update, and delete codespace secrets", Parents: []string{"codespace"}, Versions: "dotcom or ghec"},
	{ID: "workflow", Title: "Update GitHub Action workflows"},
	{ID: "admin:enterprise", Title: "Full control of enterprises", Versions: "ghec or ghes"},
	{ID: "manage_runners:enterprise", Title: "Manage enterprise runners and runner groups", Parents: []string{"admin:enterprise"}, Versions: "ghec or ghes"},
	{ID: "manage_billing:enterprise", Title: "Read and write enterprise billing data", Parents: []string{"admin:enterprise"}, Versions: "ghec or ghes"},
	{ID: "read:enterprise", Title: "Read enterprise profile data", Parents: []string{"admin:enterprise"}, Versions: "ghec or ghes"},
	{ID: "audit_log", Title: "Full control of audit log"},
	{ID: "read:audit_log", Title: "Read access of audit log"},
	{ID: "copilot", Title: "Full control of GitHub Copilot settings and seat assignments"},
	{ID: "manage_billing:copilot", Title: "View and edit Copilot Business seat assignments"},
	{ID: "manage_runners:org", Title: "Manage org runners and runner groups"},
	{ID: "write:network_configurations", Title: "Write org hosted compute network configurations"},
	{ID: "read:network_configurations", Title: "Read org hosted compute network configurations"},
	{ID: "admin:ssh_signing_key", Title: "Full control of public user SSH signing keys"},
	{ID: "write:ssh_signing_key", Title: "Write public user SSH signing keys", Parents: []string{"admin:ssh_signing_key"}},
	{ID: "read:ssh_signing_key", Title: "Read public user SSH signing keys", Parents: []string{"write:ssh_signing_key"}},
}

// ScopeGraph answers "does holding scope a grant scope b" over a parent DAG.
type ScopeGraph struct {
	parents map[string][]string
}

// NewScopeGraph builds the graph of defs.
func NewScopeGraph(defs []ScopeDef) *ScopeGraph {
	g := &ScopeGraph{parents: map[string][]string{}}
	for _, d := range defs {
		g.parents[d.ID] = d.Parents
	}
	return g
}

// Implies reports whether holding a grants b: a == b, or a is an ancestor of b.
func (g *ScopeGraph) Implies(a, b string) bool {
	if a == b {
		return true
	}
	for _, p := range g.parents[b] {
		if g.Implies(a, p) {
			return true
		}
	}
	return false
}

// grantsAll reports whether a token holding the scopes of have meets every scope of need.
func (g *ScopeGraph) grantsAll(have, need []string) bool {
	for _, n := range need {
		if !slices.ContainsFunc(have, func(h string) bool { return g.Implies(h, n) }) {
			return false
		}
	}
	return true
}

// normalizeSet drops scopes implied by others in the same AND-set and sorts the rest
// (user, gist, user:email -> gist, user).
func (g *ScopeGraph) normalizeSet(set []string) []string {
	var out []string
	for i, s := range set {
		implied := false
		for j, t := range set {
			if i != j && t != s && g.Implies(t, s) {
				implied = true
				break
			}
		}
		if !implied && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out
}

// normalizeAlts normalizes each set, then drops every alternative that grants another one (it
// asks for more), and sorts: fewer scopes first, then by text. nil stays nil.
func (g *ScopeGraph) normalizeAlts(alts [][]string) [][]string {
	if alts == nil {
		return nil
	}
	sets := make([][]string, len(alts))
	for i, a := range alts {
		sets[i] = g.normalizeSet(a)
	}
	out := [][]string{}
	for i, s := range sets {
		redundant := false
		for j, t := range sets {
			if i == j {
				continue
			}
			if g.grantsAll(s, t) && (!g.grantsAll(t, s) || j < i) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b []string) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(strings.Join(a, ","), strings.Join(b, ","))
	})
	return out
}
