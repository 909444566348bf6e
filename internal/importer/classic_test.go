package importer

import (
	"reflect"
	"strings"
	"testing"
)

func testGraph() (*ScopeGraph, func(string) bool) {
	known := map[string]bool{}
	for _, s := range knownScopes {
		known[s.ID] = true
	}
	return NewScopeGraph(knownScopes), func(s string) bool { return known[s] }
}

// Each case is a description (real sentences from GitHub's API descriptions unless marked) and
// the requirement the parser must read from it. Requirements are written as
// "private | public | notes", with sets "a+b" joined by " / ", "-" for nothing stated and
// "none" for the empty set.
var classicCases = []struct {
	rule, desc, want string
}{
	{"need", "Lists things.\n\nOAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.",
		"repo | repo | "},
	{"need, OAuth tokens", "OAuth tokens and personal access tokens (classic) need the`admin:org` scope to use this endpoint.",
		"admin:org | admin:org | "},
	{"need, no purpose", "OAuth app tokens and personal access tokens (classic) need `admin:repo_hook` scope. OAuth apps cannot list, view, or edit webhooks that they did not create.",
		"admin:repo_hook | admin:repo_hook | "},
	{"any of two", "OAuth app tokens and personal access tokens (classic) need the `read:org` or `repo` scope to use this endpoint.",
		"read:org / repo | read:org / repo | "},
	{"either", "OAuth app tokens and personal access tokens (classic) need either the `manage_billing:copilot` or `read:org` scopes to use this endpoint.",
		"manage_billing:copilot / read:org | manage_billing:copilot / read:org | "},
	{"any of three, implied dropped", "OAuth app tokens and personal access tokens (classic) need the `admin:org`, `write:org`, or `repo` scopes to use this endpoint.",
		"repo / write:org | repo / write:org | "},
	{"all of", "OAuth app tokens and personal access tokens (classic) need the `read:packages` and `write:packages` scopes to use this endpoint. For more information, see \"[About permissions for GitHub Packages](https://docs.github.com/packages/learn-github-packages/about-permissions-for-github-packages#permissions-for-repository-scoped-packages).\"",
		"read:packages+write:packages | read:packages+write:packages | "},
	{"both", "OAuth app tokens and personal access tokens (classic) need both the `read:org` and `repo` scopes to use this endpoint.",
		"read:org+repo | read:org+repo | "},
	{"bare scope name", "Lists all issue types for an organization. OAuth app tokens and personal access tokens (classic) need the read:org scope to use this endpoint.",
		"read:org | read:org | "},
	{"private only", "OAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint with a private repository.",
		"repo | none | "},
	{"private only, on", "OAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint on a private repository.",
		"repo | none | "},
	{"if private, need", "If the repository is private, OAuth tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.",
		"repo | none | "},
	{"base, and more if private", "OAuth app tokens and personal access tokens (classic) need the `admin:org` scope to use this endpoint. If the repository is private, the `repo` scope is also required.",
		"admin:org+repo | admin:org | "},
	{"base, and if private need", "OAuth tokens and personal access tokens (classic) need the`admin:org` scope to use this endpoint. If the repository is private, OAuth tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.",
		"admin:org+repo | admin:org | "},
	{"private or public, or public only", "OAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint with private or public repositories, or the `public_repo` scope to use this endpoint with only public repositories.",
		"repo | public_repo | "},
	{"typo s cope", "OAuth app tokens and personal access tokens (classic) need the `repo` or `security_events`s cope to use this endpoint with private or public repositories, or the `public_repo` scope to use this endpoint with only public repositories.",
		"security_events | public_repo / security_events | "},
	{"public instead", "OAuth app tokens and personal access tokens (classic) need the `security_events` scope to use this endpoint. If this endpoint is only used with public repositories, the token can use the `public_repo` scope instead.",
		"security_events | public_repo / security_events | "},
	{"public and private split", "OAuth app tokens and personal access tokens (classic) need the `public_repo` or `repo` scope to create a public repository, and `repo` scope to create a private repository.",
		"repo | public_repo | "},
	{"private with permission", "If the repository is private, you must have at least `read` permission for that repository, and your token must have the `repo` or `admin:org` scope. Otherwise, you will receive a `404 Not Found` response status.",
		"admin:org / repo | none | "},
	{"pats only", "This endpoint only works for PATs (classic) with the `repo` scope.",
		"repo | repo | "},
	{"authenticate with", "You must authenticate using an access token with the `admin:org` scope to use this endpoint. GitHub Apps must have the `secrets` organization\npermission to use this endpoint.",
		"admin:org | admin:org | "},
	{"member and token", "To use this endpoint, you must be a member of the enterprise, and you must use an access token with the `repo` scope or `security_events` scope. Alerts are only returned for organizations in the enterprise.",
		"security_events | security_events | "},
	{"access requirements list", "Access requirements:\n- Enterprise admins\n- OAuth tokens and personal access tokens (classic) with the `read:enterprise` scope\n- Actors with the enterprise-level permission",
		"read:enterprise | read:enterprise | "},
	{"requires at least", "For OAuth app tokens and personal access tokens (classic), this endpoint only lists organizations that your authorization allows you to operate on in some way (e.g., you can list teams with `read:org` scope, you can publicize your organization membership with `user` scope, etc.). Therefore, this API requires at least `user` or `read:org` scope for OAuth app tokens and personal access tokens (classic). Requests with insufficient scope will receive a `403 Forbidden` response.",
		"read:org / user | read:org / user | For OAuth app tokens and personal access tokens (classic), this endpoint only lists organizations that your authorization allows you to operate on in some way (e.g., you can list teams with `read:org` scope, you can publicize your organization membership with `user` scope, etc.)."},
	{"conditional", "OAuth app tokens and personal access tokens (classic) need the `workflow` scope when the resolved target commit modifies workflow files.",
		"- | - | OAuth app tokens and personal access tokens (classic) need the `workflow` scope when the resolved target commit modifies workflow files."},
	{"base and conditional", "OAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint. The `workflow` scope is also required in order to modify files in the `.github/workflows` directory.",
		"repo | repo | The `workflow` scope is also required in order to modify files in the `.github/workflows` directory."},
	{"list of conditions, versioned link", "OAuth app tokens and personal access tokens (classic) need:\n  - the `read:enterprise` scope if you connected your GitHub Enterprise Server to an [enterprise account](https://docs.github.com/enterprise-server@3.19/admin) and enabled Server Statistics",
		"- | - | the `read:enterprise` scope if you connected your GitHub Enterprise Server to an [enterprise account](https://docs.github.com/admin) and enabled Server Statistics"},
	{"example, no requirement", "The `scopes` returned are the union of scopes authorized for the application. For example, if an application has one token with `user` scope and another token with `repo` scope, the grant will return `[\"repo\", \"user\"]`.",
		"- | - | "},
	{"no scope named", "Requests with insufficient scope will receive a `403 Forbidden` response. You can only send one of these scope keys at a time.",
		"- | - | "},
}

func describe(c Classic) string {
	alts := func(a [][]string) string {
		if a == nil {
			return "-"
		}
		var parts []string
		for _, set := range a {
			if len(set) == 0 {
				parts = append(parts, "none")
			} else {
				parts = append(parts, strings.Join(set, "+"))
			}
		}
		return strings.Join(parts, " / ")
	}
	refused := ""
	if c.Refused {
		refused = "refused | "
	}
	return refused + alts(c.Private) + " | " + alts(c.Public) + " | " + strings.Join(c.Notes, " // ")
}

func TestParseClassicForms(t *testing.T) {
	g, known := testGraph()
	for _, c := range classicCases {
		r := ParseClassic(c.desc, known, g)
		if got := describe(r.Classic); got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.rule, got, c.want)
		}
		if !r.Parsed() {
			t.Errorf("%s: not parsed: %+v", c.rule, r.Sentences)
		}
	}
}

func TestParseClassicUnparsed(t *testing.T) {
	g, known := testGraph()
	// Constructed: a shape no rule knows is kept as a note and reported, never guessed.
	desc := "Tokens with the `repo` scope may call this endpoint on Tuesdays."
	r := ParseClassic(desc, known, g)
	if r.Parsed() || !r.Mentions() || describe(r.Classic) != "- | - | "+desc {
		t.Errorf("got %s, parsed %t", describe(r.Classic), r.Parsed())
	}
	if len(r.Sentences) != 1 || r.Sentences[0].Shape != "Tokens with the `X` scope may call this endpoint on Tuesdays." ||
		!reflect.DeepEqual(r.Sentences[0].Tokens, []string{"repo"}) {
		t.Errorf("sentences: %+v", r.Sentences)
	}
	// Constructed: a scope-like token that is not a scope name makes the sentence unparsed.
	r = ParseClassic("OAuth app tokens and personal access tokens (classic) need the `.github/workflows` scope to use this endpoint.", known, g)
	if r.Parsed() || r.Classic.Private != nil {
		t.Errorf("bad token: got %s", describe(r.Classic))
	}
}

func TestParseClassicConflict(t *testing.T) {
	g, known := testGraph()
	// Constructed: two different requirements cannot both hold; both are kept as notes.
	desc := "OAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint. " +
		"OAuth app tokens and personal access tokens (classic) need the `gist` scope to use this endpoint."
	r := ParseClassic(desc, known, g)
	if !r.Conflict || r.Parsed() || r.Classic.Private != nil || len(r.Classic.Notes) != 2 {
		t.Errorf("got %+v", r)
	}
	// The same requirement twice is no conflict.
	r = ParseClassic("Personal access tokens (classic) need the `repo` scope to use this endpoint. "+
		"OAuth tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.", known, g)
	if r.Conflict || describe(r.Classic) != "repo | repo | " {
		t.Errorf("got %+v", r)
	}
	// A public alternative without a base.
	r = ParseClassic("If this endpoint is only used with public repositories, the token can use the `public_repo` scope instead.", known, g)
	if !r.Conflict {
		t.Errorf("got %+v", r)
	}
}

func TestNormalize(t *testing.T) {
	g, _ := testGraph()
	// Within a set, implied scopes go; an alternative that grants another one goes.
	got := g.normalizeAlts([][]string{{"user", "gist", "user:email"}, {"repo"}, {"public_repo"}})
	want := [][]string{{"public_repo"}, {"gist", "user"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// The DAG: repo and public_repo both grant admin:repo_hook, so it is the weakest choice.
	got = g.normalizeAlts([][]string{{"repo"}, {"public_repo"}, {"admin:repo_hook"}})
	if !reflect.DeepEqual(got, [][]string{{"admin:repo_hook"}}) {
		t.Errorf("hooks: got %v", got)
	}
	// write:packages does not imply read:packages: both stay.
	got = g.normalizeAlts([][]string{{"write:packages", "read:packages"}})
	if !reflect.DeepEqual(got, [][]string{{"read:packages", "write:packages"}}) {
		t.Errorf("packages: got %v", got)
	}
	if !g.Implies("repo", "read:repo_hook") || !g.Implies("public_repo", "write:repo_hook") || g.Implies("read:org", "admin:org") {
		t.Error("Implies")
	}
}

func TestSentences(t *testing.T) {
	desc := "First line\nwraps here. Second (see e.g. `a. b`) ends.\n\n" +
		"- item one. item two\n* star item\n```\ncode. here\n```\n" +
		"See \"[Docs](https://x.test/a.b).\" Then e.g. this. Done"
	want := []string{"First line wraps here.", "Second (see e.g. `a. b`) ends.", "item one.", "item two",
		"star item", `See "[Docs](https://x.test/a.b)."`, "Then e.g. this.", "Done"}
	if got := Sentences(desc); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
