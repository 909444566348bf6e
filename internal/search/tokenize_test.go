package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		want       []string
	}{
		{"en", "Issues: write and Metadata: read.", []string{"issues", "write", "and", "metadata", "read"}},
		{"en", "GET /repos/{owner}/{repo}/issues", []string{"get", "/repos/{owner}/{repo}/issues", "repos", "issues"}},
		{"en", "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues.", []string{"/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", "repos", "issues", "sub", "issues"}},
		{"en", "admin:org, pull_requests and e-mail", []string{"admin:org", "admin", "org", "pull_requests", "pull", "requests", "and", "e-mail", "mail"}},
		{"en", "A token (classic) in 2 minutes: v3.19", []string{"token", "classic", "in", "2", "minutes", "v3.19", "v3", "19"}},
		{"en", "--- ... {} / :", nil},
		{"en", "{owner}", []string{"{owner}"}},
		{"fr", "Qu’il s’agisse de l’authentification jusqu'à l'accès", []string{"il", "agisse", "de", "authentification", "acces"}},
		{"en", "Qu’il", []string{"qu", "il"}}, // elision is French only
		{"fr", "Sécurité ÉLEVÉE, garçon, naïve, Ærø", []string{"securite", "elevee", "garcon", "naive", "ærø"}},
		{"ja", "トークン", []string{"トー", "ーク", "クン"}},
		{"ja", "個人用アクセス トークンを管理する", []string{"個人", "人用", "用ア", "アク", "クセ", "セス", "トー", "ーク", "クン", "ンを", "を管", "管理", "理す", "する"}},
		{"ja", "鍵、「スコープ」・API", []string{"鍵", "スコ", "コー", "ープ", "api"}},
		{"ja", "ＧｉｔＨｕｂ　ﾄｰｸﾝ ｶﾞｲﾄﾞ ﾊﾟｽ", []string{"github", "トー", "ーク", "クン", "ガイ", "イド", "パス"}},
		{"ja", "か\u3099ウ\u3099", []string{"がヴ"}},
		{"ko", "토큰을 만들기 (클래식)", []string{"토큰", "큰을", "만들", "들기", "클래", "래식"}},
		{"ko", "GitHub에서 토큰", []string{"github", "에서", "토큰"}},
	} {
		if got := Tokens(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q, %q)\n got %q\nwant %q", c.lang, c.text, got, c.want)
		}
	}
}

func TestPhrase(t *testing.T) {
	for _, c := range [][2]string{
		{"  Create an  Issue! ", "create an issue"},
		{"個人用アクセス トークン（classic）", "個人用アクセス トークン classic"},
		{"GET /repos/{owner}/{repo}/issues", "get /repos/{owner}/{repo}/issues"},
		{"", ""},
	} {
		if got := phrase(c[0]); got != c[1] {
			t.Errorf("phrase(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	for _, c := range []struct {
		p, q string
		want bool
	}{
		{"get /repos/{owner}/{repo}/issues list-for-repo", "/repos/{owner}/{repo}/issues", true},
		{"get /repos/{owner}/{repo}/issues/{issue_number}", "/repos/{owner}/{repo}/issues", false},
		{"get /repos/{owner}/{repo}/issues/{issue_number} /repos/{owner}/{repo}/issues", "/repos/{owner}/{repo}/issues", true},
		{"admin:org_hook full control", "admin:org", false},
		{"個人用アクセス トークンを管理する", "トークン", true},
		{"create an issue", "an issue", true},
		{"create an issues", "an issue", false},
		{"x", "", false},
	} {
		if got := containsPhrase(c.p, c.q); got != c.want {
			t.Errorf("containsPhrase(%q, %q) = %v, want %v", c.p, c.q, got, c.want)
		}
	}
}

// TestASCIIClass checks the table against the general rules for every ASCII code point.
func TestASCIIClass(t *testing.T) {
	for c := range rune(0x80) {
		want := sep
		switch {
		case strings.ContainsRune("_-:./{}@", c):
			want = join
		case unicode.IsLetter(c) || unicode.IsNumber(c) || unicode.IsMark(c):
			want = word
		}
		if got := class(c); got != want {
			t.Errorf("class(%q) = %d, want %d", c, got, want)
		}
	}
}
