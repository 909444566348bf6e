package importer

import (
	"regexp"
	"strings"
)

// A default rule gives the classic requirement of an operation whose description names no
// scope at all (ClassicResult.Mentions is false), from GitHub's general scope semantics (the
// access-model brief's scope list). It never applies when a description has a scope sentence,
// parsed or not: what GitHub says about an endpoint always wins over a general rule.
type defaultRule struct {
	// Name labels the rule in the import report.
	Name string
	// Note is written on every requirement the rule gives, so that readers (pages, scoperef
	// lookup) see that the scopes follow a general rule. Short, and the same for every
	// endpoint of the rule, so that variants and pages group by it.
	Note string
	// apply returns the private and public requirement for method and path, or ok false when
	// the rule does not cover the operation.
	apply func(method string, segs []string) (private, public [][]string, ok bool)
}

// Notes of the default rules. Changing one rewrites every endpoint that carries it.
const (
	noteRepository   = "Classic scopes follow GitHub's general rule for repository endpoints; the endpoint's description names none."
	noteNotification = "Classic scopes follow GitHub's general rule for notifications; the endpoint's description names none."
	noteGist         = "Classic scopes follow GitHub's general rule for gists; the endpoint's description names none."
	noteInvitation   = "Classic scopes follow GitHub's general rule for repository invitations; the endpoint's description names none."
	noteUser         = "Classic scopes follow GitHub's general rule for the authenticated user's data; the endpoint's description names none."
	noteNoScope      = "GitHub's description names no classic scope."
	noteAppJWT       = "Takes a GitHub App's JSON Web Token (JWT), as GitHub's description says; a user's token cannot call it."
)

// appJWT matches the sentence of an operation that only a GitHub App's JWT may call: "You must
// use a [JWT](…) to access this endpoint." and "GitHub Apps must use a [JWT](…) to access this
// endpoint. OAuth apps must use basic authentication with their client ID and client secret".
var appJWT = regexp.MustCompile(`(?:You|GitHub Apps) must use a \[?JWT\]?`)

// AppOnly reports whether an operation's description says that only a GitHub App's JWT (or, for
// OAuth apps, their client ID and secret) may call it: then no classic token can.
func AppOnly(description string) bool { return appJWT.MatchString(description) }

// Names of the default rules in the report.
const (
	DefaultNotifications = "notifications"
	DefaultRepository    = "repository"
	DefaultGists         = "gists"
	DefaultInvitations   = "repository invitations"
	DefaultUser          = "user"
	DefaultNone          = "no scope named"
	DefaultAppJWT        = "GitHub App JWT only"
)

// defaultRules, in the order they are tried; the first that covers an operation gives its
// requirement, and DefaultNone covers every operation left. See the package documentation
// for the source of each.
var defaultRules = []defaultRule{
	{DefaultNotifications, noteNotification, func(method string, segs []string) ([][]string, [][]string, bool) {
		if segs[0] == "notifications" || (isRepoPath(segs) && len(segs) == 4 && segs[3] == "notifications") {
			return [][]string{{"notifications"}}, [][]string{{"notifications"}}, true
		}
		return nil, nil, false
	}},
	{DefaultRepository, noteRepository, func(method string, segs []string) ([][]string, [][]string, bool) {
		starred := len(segs) >= 4 && segs[0] == "user" && segs[1] == "starred" && isParam(segs[2]) && isParam(segs[3])
		if !isRepoPath(segs) && !starred {
			return nil, nil, false
		}
		if isRead(method) {
			return [][]string{{"repo"}}, [][]string{{}}, true
		}
		return [][]string{{"repo"}}, [][]string{{"public_repo"}}, true
	}},
	{DefaultGists, noteGist, func(method string, segs []string) ([][]string, [][]string, bool) {
		if segs[0] == "gists" && !isRead(method) {
			return [][]string{{"gist"}}, [][]string{{"gist"}}, true
		}
		return nil, nil, false
	}},
	{DefaultInvitations, noteInvitation, func(method string, segs []string) ([][]string, [][]string, bool) {
		if segs[0] == "user" && len(segs) >= 2 && segs[1] == "repository_invitations" && !isRead(method) {
			return [][]string{{"repo:invite"}}, [][]string{{"repo:invite"}}, true
		}
		return nil, nil, false
	}},
	{DefaultUser, noteUser, func(method string, segs []string) ([][]string, [][]string, bool) {
		// /user itself and its literal subtrees (/user/blocks, ...); not /user/{account_id}...,
		// which is about another account.
		if segs[0] == "user" && (len(segs) == 1 || !isParam(segs[1])) && !isRead(method) {
			return [][]string{{"user"}}, [][]string{{"user"}}, true
		}
		return nil, nil, false
	}},
}

// isRepoPath: /repos/{owner}/{repo}[/...] (whatever the parameters are called, e.g.
// {template_owner}/{template_repo}) or /repositories/{repository_id}[/...].
func isRepoPath(segs []string) bool {
	switch segs[0] {
	case "repos":
		return len(segs) >= 3 && isParam(segs[1]) && isParam(segs[2])
	case "repositories":
		return len(segs) >= 2 && isParam(segs[1])
	}
	return false
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

func isRead(method string) bool { return method == "GET" || method == "HEAD" }

// defaultNotes are the notes the default rules write: the importer's own, never hand-written.
func defaultNotes() []string {
	out := []string{noteNoScope, noteAppJWT}
	for _, r := range defaultRules {
		out = append(out, r.Note)
	}
	return out
}

// DefaultClassic returns the classic requirement of an operation whose description names no
// scope, and the name of the rule that gave it: a general rule's requirement with its note,
// or, when none covers the operation, no requirement with the note that the description names
// no scope (DefaultNone). g normalizes the scope sets.
func DefaultClassic(method, path string, g *ScopeGraph) (Classic, string) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, r := range defaultRules {
		if priv, pub, ok := r.apply(method, segs); ok {
			return Classic{Private: g.normalizeAlts(priv), Public: g.normalizeAlts(pub), Notes: []string{r.Note}}, r.Name
		}
	}
	return Classic{Notes: []string{noteNoScope}}, DefaultNone
}

// DefaultRuleNames lists the default rules in report order, then DefaultAppJWT and DefaultNone.
func DefaultRuleNames() []string {
	var out []string
	for _, r := range defaultRules {
		out = append(out, r.Name)
	}
	return append(out, DefaultAppJWT, DefaultNone)
}
