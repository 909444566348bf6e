package importer

import (
	"slices"
	"strings"
	"testing"
)

// Each case is an operation whose description names no scope (the descriptions are real ones
// from GitHub's dotcom description unless marked) and the requirement and rule it gets, written
// as in classicCases: "private | public | notes".
var defaultCases = []struct {
	method, path, desc string
	rule, want         string
}{
	// Repository endpoints: private needs repo; public reads need nothing, public writes public_repo.
	{"POST", "/repos/{owner}/{repo}/issues", "Any user with pull access to a repository can create an issue. If [issues are disabled in the repository](https://docs.github.com/articles/disabling-issues/), the API returns a `410 Gone` status.",
		DefaultRepository, "repo | public_repo | " + noteRepository},
	{"GET", "/repos/{owner}/{repo}/issues/{issue_number}", "The API returns a [`301 Moved Permanently` status](https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects) if the issue was transferred.",
		DefaultRepository, "repo | none | " + noteRepository},
	{"HEAD", "/repos/{owner}/{repo}/contents/{path}", "Constructed: a HEAD request reads.",
		DefaultRepository, "repo | none | " + noteRepository},
	{"DELETE", "/repos/{owner}/{repo}/labels/{name}", "Deletes a label using the given label name.",
		DefaultRepository, "repo | public_repo | " + noteRepository},
	{"PATCH", "/repos/{owner}/{repo}", "Constructed: the repository itself is covered.",
		DefaultRepository, "repo | public_repo | " + noteRepository},
	{"POST", "/repos/{template_owner}/{template_repo}/generate", "Constructed: any parameter names.",
		DefaultRepository, "repo | public_repo | " + noteRepository},
	{"GET", "/repositories/{repository_id}/environments", "Constructed: repositories by id.",
		DefaultRepository, "repo | none | " + noteRepository},
	{"PUT", "/user/starred/{owner}/{repo}", "Note that you'll need to set `Content-Length` to zero when calling out to this endpoint.",
		DefaultRepository, "repo | public_repo | " + noteRepository},
	{"GET", "/user/starred/{owner}/{repo}", "Whether the authenticated user has starred the repository.",
		DefaultRepository, "repo | none | " + noteRepository},
	// Notifications, the repository's ones included: notifications, for reads and writes.
	{"GET", "/notifications", "List all notifications for the current user, sorted by most recently updated.",
		DefaultNotifications, "notifications | notifications | " + noteNotification},
	{"PUT", "/notifications/threads/{thread_id}/subscription", "If you are watching a repository, you receive notifications for all threads by default.",
		DefaultNotifications, "notifications | notifications | " + noteNotification},
	{"GET", "/repos/{owner}/{repo}/notifications", "Lists all notifications for the current user in the specified repository.",
		DefaultNotifications, "notifications | notifications | " + noteNotification},
	{"PUT", "/repos/{owner}/{repo}/notifications", "Marks all notifications in a repository as \"read\" for the current user.",
		DefaultNotifications, "notifications | notifications | " + noteNotification},
	// Gists: writes need gist; reads stay without a scope.
	{"POST", "/gists", "Allows you to add a new gist with one or more files.",
		DefaultGists, "gist | gist | " + noteGist},
	{"PATCH", "/gists/{gist_id}/comments/{comment_id}", "Updates a comment on a gist.",
		DefaultGists, "gist | gist | " + noteGist},
	{"PUT", "/gists/{gist_id}/star", "Note that you'll need to set `Content-Length` to zero when calling out to this endpoint.",
		DefaultGists, "gist | gist | " + noteGist},
	{"DELETE", "/gists/{gist_id}", "Constructed.",
		DefaultGists, "gist | gist | " + noteGist},
	{"GET", "/gists/{gist_id}", "Gets a specified gist.",
		DefaultNone, "- | - | " + noteNoScope},
	// Repository invitations: accepting and declining needs repo:invite (repo grants it).
	{"PATCH", "/user/repository_invitations/{invitation_id}", "Constructed: accept.",
		DefaultInvitations, "repo:invite | repo:invite | " + noteInvitation},
	{"DELETE", "/user/repository_invitations/{invitation_id}", "Constructed: decline.",
		DefaultInvitations, "repo:invite | repo:invite | " + noteInvitation},
	{"GET", "/user/repository_invitations", "When authenticating as a user, this endpoint will list all currently open repository invitations for that user.",
		DefaultNone, "- | - | " + noteNoScope},
	// The authenticated user's data: writes need user; reads stay without a scope.
	{"PATCH", "/user", "**Note:** If your email is set to private and you send an `email` parameter as part of this request to update your profile, your privacy settings are still enforced: the email address will not be displayed on your public profile or via the API.",
		DefaultUser, "user | user | " + noteUser},
	{"PATCH", "/user/email/visibility", "Sets the visibility for your primary email addresses.",
		DefaultUser, "user | user | " + noteUser},
	{"PUT", "/user/blocks/{username}", "Blocks the given user and returns a 204. If the authenticated user cannot block the given user a 422 is returned.",
		DefaultUser, "user | user | " + noteUser},
	{"GET", "/user/blocks", "List the users you've blocked on your personal account.",
		DefaultNone, "- | - | " + noteNoScope},
	{"POST", "/user/{user_id}/projectsV2/{project_number}/drafts", "Create draft issue item for the specified user owned project.",
		DefaultNone, "- | - | " + noteNoScope},
	// Only a GitHub App's JWT: no classic token, wherever the path is (here a repository's).
	{"GET", "/repos/{owner}/{repo}/installation", "Enables an authenticated GitHub App to find the repository's installation information. The installation's account type will be either an organization or a user account, depending which account the repository belongs to.\n\nYou must use a [JWT](https://docs.github.com/apps/building-github-apps/authenticating-with-github-apps/#authenticating-as-a-github-app) to access this endpoint.",
		DefaultAppJWT, "refused | - | - | " + noteAppJWT},
	{"GET", "/marketplace_listing/plans", "Lists all plans that are part of your GitHub Marketplace listing.\n\nGitHub Apps must use a [JWT](https://docs.github.com/apps/building-github-apps/authenticating-with-github-apps/#authenticating-as-a-github-app) to access this endpoint. OAuth apps must use [basic authentication](https://docs.github.com/rest/authentication/authenticating-to-the-rest-api#using-basic-authentication) with their client ID and client secret to access this endpoint.",
		DefaultAppJWT, "refused | - | - | " + noteAppJWT},
	// Everything else: no requirement, and a note that says so.
	{"PUT", "/orgs/{org}/actions/permissions", "Constructed: an organization write without a sentence.",
		DefaultNone, "- | - | " + noteNoScope},
	{"GET", "/", "Get Hypermedia links to resources accessible in GitHub's REST API",
		DefaultNone, "- | - | " + noteNoScope},
	{"GET", "/repositories", "Lists all public repositories in the order that they were created.",
		DefaultNone, "- | - | " + noteNoScope},
	{"POST", "/users/{username}/projectsV2/{project_number}/items", "Add an issue or pull request item to the specified user owned project.",
		DefaultNone, "- | - | " + noteNoScope},
}

func TestDefaultRules(t *testing.T) {
	g, known := testGraph()
	seen := map[string]bool{}
	for _, c := range defaultCases {
		op := Operation{Method: c.method, Path: c.path, Description: c.desc}
		r, rule := classicOf(op, known, g)
		if r.Mentions() {
			t.Fatalf("%s %s: the case's description names a scope", c.method, c.path)
		}
		if rule != c.rule {
			t.Errorf("%s %s: rule %q, want %q", c.method, c.path, rule, c.rule)
		}
		if got := describe(r.Classic); got != c.want {
			t.Errorf("%s %s:\n got  %s\n want %s", c.method, c.path, got, c.want)
		}
		seen[rule] = true
	}
	for _, name := range DefaultRuleNames() {
		if !seen[name] {
			t.Errorf("rule %q has no case", name)
		}
	}
}

// A scope sentence always wins over a default rule, whether parsed or not.
func TestSentenceWinsOverDefault(t *testing.T) {
	g, known := testGraph()
	for _, c := range []struct {
		method, path, desc, want string
	}{
		// Parsed: GitHub's sentence, not the repository rule (which would say public_repo).
		{"PUT", "/repos/{owner}/{repo}/actions/permissions", "Sets the GitHub Actions permissions policy.\n\nOAuth tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.",
			"repo | repo | "},
		// Parsed: a gist write whose description asked for something else (constructed).
		{"POST", "/gists", "OAuth app tokens and personal access tokens (classic) need the `user` scope to use this endpoint.",
			"user | user | "},
		// Parsed: a /user write with its own scope.
		{"POST", "/user/emails", "OAuth app tokens and personal access tokens (classic) need the `user` scope to use this endpoint.",
			"user | user | "},
		// Parsed: a notifications path with a sentence (constructed).
		{"GET", "/notifications", "OAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.",
			"repo | repo | "},
		// Unparsed: kept as a note, never replaced by a general rule (constructed).
		{"PATCH", "/user", "Tokens with the `user` scope may call this endpoint on Tuesdays.",
			"- | - | Tokens with the `user` scope may call this endpoint on Tuesdays."},
	} {
		r, rule := classicOf(Operation{Method: c.method, Path: c.path, Description: c.desc}, known, g)
		if rule != "" {
			t.Errorf("%s %s: default rule %q applied next to a sentence", c.method, c.path, rule)
		}
		if got := describe(r.Classic); got != c.want {
			t.Errorf("%s %s:\n got  %s\n want %s", c.method, c.path, got, c.want)
		}
	}
}

// A description whose only scope sentence is a condition states no base requirement: the
// general rule gives the base, and the condition stays as a note beside the rule's note.
func TestConditionGetsDefaultBase(t *testing.T) {
	g, known := testGraph()
	desc := "Users with push access to the repository can create a release.\n\nOAuth app tokens and personal access tokens (classic) need the `workflow` scope when the resolved target commit modifies workflow files."
	r, rule := classicOf(Operation{Method: "POST", Path: "/repos/{owner}/{repo}/releases", Description: desc}, known, g)
	if rule == "" {
		t.Fatal("no default rule applied beside a condition-only sentence")
	}
	got := describe(r.Classic)
	for _, want := range []string{"repo | public_repo | ", "need the `workflow` scope when the resolved target commit modifies workflow files."} {
		if !strings.Contains(got, want) {
			t.Errorf("got %s, want it to contain %q", got, want)
		}
	}
}

// Every default rule has its own note, short and distinct, and none is a sentence the parser
// would take for a scope sentence.
func TestDefaultNotes(t *testing.T) {
	_, known := testGraph()
	notes := defaultNotes()
	if len(notes) != len(DefaultRuleNames()) {
		t.Fatalf("%d notes for %d rules", len(notes), len(DefaultRuleNames()))
	}
	for i, n := range notes {
		if slices.Contains(notes[i+1:], n) {
			t.Errorf("note used by two rules: %s", n)
		}
		if len(n) > 120 || !strings.HasSuffix(n, ".") {
			t.Errorf("note too long or unfinished: %s", n)
		}
		shape, tokens := shapeOf(n)
		if isScopeSentence(shape, tokens, known) {
			t.Errorf("note reads as a scope sentence: %s", n)
		}
	}
}
