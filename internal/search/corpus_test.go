package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// corpusRand is a tiny deterministic generator (SplitMix64), so that the synthetic corpus,
// and the golden hashes of its indexes, never depend on the standard library's choices.
type corpusRand uint64

func (r *corpusRand) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n).
func (r *corpusRand) intn(n int) int { return int(r.next() % uint64(n)) }

// pick returns one element of list.
func pick[T any](r *corpusRand, list []T) T { return list[r.intn(len(list))] }

// corpusWords are the vocabularies of the synthetic corpus's prose, by language. The French
// one has elisions with straight and curly apostrophes and accented letters; the Japanese one
// is phrases of kanji, kana and Latin product names, with a few full-width and half-width forms
// and a kana followed by a combining voiced mark.
var corpusWords = map[string][]string{
	"en": strings.Fields(`the a an to of and or in on for with by from your you can use when this that
		is are be it as at not must if personal access token tokens repository repositories organization
		organizations enterprise owner owners member members team teams permission permissions scope scopes
		read write admin create creates update delete list get issue issues pull request requests comment
		comments label labels milestone milestones branch branches commit commits workflow workflows secret
		secrets key keys webhook webhooks app apps OAuth GitHub API REST endpoint endpoints command line
		password authenticate authentication fine-grained classic expiration expire expires security
		policy policies settings account user users public private internal visibility code review
		reviewers merge merged status check checks deployment environment environments package packages
		Actions Codespaces Copilot SSH GPG SAML SSO 2FA v3 2024-11-28 x-github-api-version application/json
		e.g. i.e. etc. default required optional rate limit limits header headers response 200 201 204 404`),
	"fr": strings.Fields(`le la les un une des de du et ou à en pour avec par sur dans vous votre vos
		pouvez utiliser lorsque ce cette est sont être il qu’il qu'elle jusqu’à lorsqu’on puisqu'il l’accès
		d’un d'une l'API s’agit n’est jeton jetons d’accès personnel personnels dépôt dépôts organisation
		organisations entreprise propriétaire membre membres équipe équipes autorisation autorisations
		portée portées lecture écriture créer crée mettre à jour supprimer lister obtenir problème problèmes
		demande demandes commentaire étiquette jalon branche validation flux secret clé clés application
		GitHub API REST point terminaison ligne commande mot passe authentifier authentification précis
		classique expiration sécurité stratégie paramètres compte utilisateur public privé interne visibilité
		révision fusion état vérification déploiement environnement paquet Actions Codespaces Copilot
		SSH GPG SAML réponse en-tête limite débit façon garçon œuvre naïve Noël ÉLÉMENT Contrôle`),
	"ja": strings.Fields(`個人用アクセス トークン を 管理 する リポジトリ の 組織 エンタープライズ 所有者
		メンバー チーム アクセス許可 スコープ 読み取り 書き込み 作成 更新 削除 一覧 取得 イシュー
		プル リクエスト コメント ラベル マイルストーン ブランチ コミット ワークフロー シークレット
		キー Webhook アプリ OAuth GitHub API REST エンドポイント コマンド ライン パスワード 認証
		きめ細かい 有効期限 セキュリティ ポリシー 設定 アカウント ユーザー パブリック プライベート
		コード レビュー マージ 状態 チェック デプロイ 環境 パッケージ Actions Codespaces Copilot
		ＳＳＨ ＧＰＧ ｱｸｾｽ ﾄｰｸﾝ カ゛ ガイド について として により では には から まで です ます
		でき ません 場合 使用 使用中 安全 保護 代わり 必要 可能 ください 〇 々 ヴァ`),
}

// corpusRare are made-up words from syllables, a rarer vocabulary that gives the corpus as many
// distinct terms as a real site's index (a few thousand).
var corpusRare = func() []string {
	syllables := strings.Fields("ka ro mi sen ta lo vex dur pra qui nel bor fa tis gu hem zo wan ric pol")
	r := corpusRand(1)
	words := make([]string, 3000)
	for i := range words {
		var b strings.Builder
		for range 2 + r.intn(3) {
			b.WriteString(pick(&r, syllables))
		}
		words[i] = b.String()
	}
	return words
}()

// corpusPaths are REST paths for the synthetic reference records.
var corpusPaths = []string{
	"/repos/{owner}/{repo}/issues", "/repos/{owner}/{repo}/issues/{issue_number}",
	"/repos/{owner}/{repo}/issues/{issue_number}/comments", "/repos/{owner}/{repo}/pulls",
	"/repos/{owner}/{repo}/pulls/{pull_number}/reviews", "/orgs/{org}/teams/{team_slug}/members",
	"/user/keys", "/enterprises/{enterprise}/actions/runners", "/repos/{owner}/{repo}/git/refs/{ref}",
	"/orgs/{org}/personal-access-tokens/{pat_id}", "/app/installations/{installation_id}/access_tokens",
}

// corpusText returns n sentences of lang's vocabulary. Sentences are separated by a space,
// sometimes by a line break, a tab or two spaces, which snippets collapse.
func corpusText(r *corpusRand, lang string, n int) string {
	words := corpusWords[lang]
	var b strings.Builder
	for s := range n {
		if s > 0 {
			b.WriteString(pick(r, []string{" ", " ", " ", " ", "\n", "  ", "\t"}))
		}
		m := 4 + r.intn(9)
		if lang == "ja" { // Japanese words give several bigrams each
			m = 2 + r.intn(6)
		}
		for w := range m {
			if w > 0 && lang != "ja" || w > 0 && r.intn(4) == 0 {
				b.WriteByte(' ')
			}
			word := pick(r, words)
			if lang != "ja" && r.intn(5) == 0 {
				word = pick(r, corpusRare)
			}
			if w == 0 && lang != "ja" {
				c, n := utf8.DecodeRuneInString(word)
				word = string(unicode.ToUpper(c)) + word[n:]
			}
			b.WriteString(word)
		}
		if lang == "ja" {
			b.WriteString("。")
		} else {
			b.WriteString(".")
		}
	}
	return b.String()
}

// corpusTitle returns a title of 2 to 7 words of lang's vocabulary.
func corpusTitle(r *corpusRand, lang string) string {
	words := corpusWords[lang]
	n := 2 + r.intn(6)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pick(r, words)
	}
	if lang == "ja" {
		return strings.Join(parts, "")
	}
	return strings.Join(parts, " ")
}

// syntheticRecords is a deterministic site of a few thousand records in lang, shaped as the
// site feeds Build: guide pages split into sections, endpoint pages with a record per
// operation, and scope records. version 0 and 1 share most texts (as a site's versions do):
// version 1 changes about one text in ten and adds a few records. The records also hold what
// Build must handle: merged duplicate URLs, records without a URL, sections equal to their
// page's title, over-long words, JSON escapes, invalid UTF-8, and texts that need no
// whitespace collapsing.
func syntheticRecords(lang string, version int) []Record {
	r := corpusRand(len(lang)*7919 + int(lang[0]))
	changed := corpusRand(uint64(version)*104729 + 17)
	base := fmt.Sprintf("/%s/v%d/", lang, version)
	var recs []Record
	text := func(n int) string {
		t := corpusText(&r, lang, n)
		if version > 0 && changed.intn(10) == 0 {
			t += " " + corpusText(&changed, lang, 1)
		}
		return t
	}
	for p := range 130 {
		page := corpusTitle(&r, lang)
		url := fmt.Sprintf("%sguides/page-%d", base, p)
		recs = append(recs, Record{URL: url, Page: page, Text: text(1 + r.intn(4))})
		for s := range 3 + r.intn(10) {
			section := corpusTitle(&r, lang)
			switch r.intn(20) {
			case 0:
				section = page
			case 1:
				section += ` "quoted" \ back` + "\u2028"
			}
			recs = append(recs, Record{URL: fmt.Sprintf("%s#section-%d", url, s), Page: page, Section: section, Text: text(1 + r.intn(5))})
		}
		if p%17 == 0 { // a generated part on a Markdown page: its top again, merged
			recs = append(recs, Record{URL: url, Page: page, Text: text(2)})
		}
		if p%29 == 0 {
			recs = append(recs, Record{Page: page, Text: "no URL: skipped"})
		}
	}
	for c := range 30 {
		page := corpusTitle(&r, lang)
		url := fmt.Sprintf("%sreference/endpoints/category-%d", base, c)
		recs = append(recs, Record{URL: url, Page: page, Text: text(1)})
		for e := range 4 + r.intn(20) {
			method := pick(&r, []string{"GET", "POST", "PATCH", "PUT", "DELETE"})
			path := pick(&r, corpusPaths)
			t := method + " " + path + " " + pick(&r, []string{"issues", "pull_requests", "contents", "metadata"}) + ": " +
				pick(&r, []string{"read", "write", "admin"}) + " repo; public_repo " + text(1+r.intn(3))
			if e%11 == 10 {
				t += " " + strings.Repeat("x", 101) + " " + strings.Repeat("y", 100) + "\x01"
			}
			if e%13 == 12 { // invalid UTF-8, early enough to be in the snippet or late
				t = pick(&r, []string{"\xff", "\xe2\x80", "\xc3"}) + t + "\xed\xa0\x80"
			}
			recs = append(recs, Record{URL: fmt.Sprintf("%s#op-%d-%d", url, c, e), Page: page, Section: corpusTitle(&r, lang), Text: t})
		}
	}
	for s := range 120 {
		name := pick(&r, []string{"repo", "admin:org", "admin:org_hook", "read:packages", "write:discussion", "user:email", "workflow"})
		recs = append(recs, Record{URL: fmt.Sprintf("%sreference/scopes#scope-%d", base, s), Page: "OAuth scopes",
			Section: name + " — " + corpusTitle(&r, lang), Text: name + " " + text(1+r.intn(2))})
	}
	if version > 0 {
		for i := range 25 {
			recs = append(recs, Record{URL: fmt.Sprintf("%snew/page-%d", base, i), Page: corpusTitle(&changed, lang), Text: corpusText(&changed, lang, 3)})
		}
	}
	return recs
}
