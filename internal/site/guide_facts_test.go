package site

import (
	"strings"
	"testing"
)

// TestGuideFacts builds the shipped site and asserts, on the rendered HTML of the personal access
// token guide in every version and language, that each version shows exactly its own facts
// (issue 7). Markers are language-independent where the page allows (link targets, heading ids,
// CLDR dates); prose facts use each language's own wording.
func TestGuideFacts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole shipped site")
	}
	opts := loadShipped(t) // build date 2026-11-23
	mem := NewMem()
	if _, err := Build(opts, mem); err != nil {
		t.Fatal(err)
	}
	const guide = "authentication/managing-your-personal-access-tokens"
	const (
		emailLink       = "managing-email-preferences/verifying-your-email-address"
		codespacesLink  = "managing-your-account-specific-secrets-for-github-codespaces"
		fineGrainedID   = `id="creating-a-fine-grained-personal-access-token"`
		typesID         = `id="types-of-personal-access-tokens"`
		classicID       = `id="creating-a-personal-access-token-classic"`
		enterpriseOwner = "enterprise approval"
		unusedYear      = "one-year removal"
		discontinued    = "discontinued banner"
	)
	prose := map[string]map[string]string{
		"en": {unusedYear: "used for a year", enterpriseOwner: "Enterprise owners can require approval", discontinued: "July 26, 2024"},
		"fr": {unusedYear: "depuis un an", enterpriseOwner: "organisation qui appartient à", discontinued: "26 juillet 2024"},
		"ja": {unusedYear: "1 年間使用されていない", enterpriseOwner: "承認を必須にできます", discontinued: "2024年7月26日"},
		"ko": {unusedYear: "1년 동안 사용되지 않은", enterpriseOwner: "승인을 요구할 수 있습니다", discontinued: "2024년 7월 26일"},
	}
	type facts map[string]bool
	want := map[string]facts{
		"":                        facts{emailLink: true, codespacesLink: true, fineGrainedID: true, typesID: true, classicID: true, unusedYear: true, enterpriseOwner: false, discontinued: false},
		"enterprise-cloud@latest": facts{emailLink: true, codespacesLink: true, fineGrainedID: true, typesID: true, classicID: true, unusedYear: true, enterpriseOwner: true, discontinued: false},
		"enterprise-server@3.19":  facts{emailLink: false, codespacesLink: false, fineGrainedID: true, typesID: true, classicID: true, unusedYear: false, enterpriseOwner: true, discontinued: false},
		"enterprise-server@3.9":   facts{emailLink: false, codespacesLink: false, fineGrainedID: false, typesID: false, classicID: true, unusedYear: false, enterpriseOwner: false, discontinued: true},
	}
	for segment, expect := range want {
		for lang, words := range prose {
			path := lang + "/" + guide + "/index.html"
			if segment != "" {
				path = lang + "/" + segment + "/" + guide + "/index.html"
			}
			page := string(mustFile(mem, path))
			for fact, shown := range expect {
				marker := fact
				if w, ok := words[fact]; ok {
					marker = w
				}
				if got := strings.Contains(page, marker); got != shown {
					t.Errorf("%s: %q shown = %v, want %v", path, fact, got, shown)
				}
			}
		}
	}
	// On 3.9 the classic procedure is the only one: its heading drops "(classic)".
	page39 := string(mustFile(mem, "en/enterprise-server@3.9/"+guide+"/index.html"))
	if !strings.Contains(page39, `<h2 id="creating-a-personal-access-token-classic">Creating a personal access token<`) {
		t.Errorf("3.9 guide lacks the single-type heading \"Creating a personal access token\"")
	}
	if strings.Contains(page39, "Creating a personal access token (classic)") {
		t.Errorf("3.9 guide still says \"(classic)\"")
	}
}
