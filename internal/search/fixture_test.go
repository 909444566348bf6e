package search

// fixtureRecords is a small site in one language: the token guide (translated into ja and ko),
// the Issues permission page, part of the Issues endpoint category and three scopes, shaped as
// the site feeds them to Build.
func fixtureRecords(lang string) []Record {
	base := "/" + lang + "/enterprise-server@3.19/"
	guide := map[string][5]string{
		"en": {"Managing your personal access tokens", "About personal access tokens", "Creating a fine-grained personal access token", "Deleting a personal access token",
			"You can use a personal access token in place of a password when you authenticate to GitHub in the command line or with the API."},
		"fr": {"Gestion de vos jetons d’accès personnels", "À propos des jetons d’accès personnels", "Création d’un jeton d’accès personnel précis", "Suppression d’un jeton d’accès personnel",
			"Vous pouvez utiliser un jeton d’accès personnel à la place d’un mot de passe lorsque vous vous authentifiez auprès de GitHub. Qu’il s’agisse de l’API…"},
		"ja": {"個人用アクセス トークンを管理する", "個人用アクセス トークンについて", "きめ細かい個人用アクセス トークンの作成", "個人用アクセス トークンの削除",
			"API やコマンド ラインの Git でパスワードの代わりに使用する個人用アクセス トークンを作成し、使用中も安全に管理します。"},
		"ko": {"개인용 액세스 토큰 관리", "개인용 액세스 토큰 정보", "세분화된 개인용 액세스 토큰 만들기", "개인용 액세스 토큰 삭제",
			"API를 사용하거나 명령줄에서 Git을 사용할 때 암호 대신 쓸 개인용 액세스 토큰을 만들고, 사용하는 동안 안전하게 보호합니다."},
	}[lang]
	g := base + "authentication/managing-your-personal-access-tokens"
	recs := []Record{
		{URL: g, Page: guide[0], Text: guide[4]},
		{URL: g + "#about-personal-access-tokens", Page: guide[0], Section: guide[1], Text: guide[4] + " " + guide[4]},
		{URL: g + "#creating-a-fine-grained-personal-access-token", Page: guide[0], Section: guide[2], Text: guide[2] + " " + guide[4]},
		{URL: g + "#deleting-a-personal-access-token", Page: guide[0], Section: guide[3], Text: guide[3]},
		{URL: base + "reference/permissions/issues", Page: "Issues", Section: "Issues",
			Text: "issues Issues repository read write Issues and related comments, assignees, labels, and milestones."},
		{URL: base + "reference/permissions/pull_requests", Page: "Pull requests", Section: "Pull requests",
			Text: "pull_requests Pull requests repository read write Pull requests and related comments, assignees, labels, milestones, and merges."},
		{URL: base + "reference/permissions/metadata", Page: "Metadata", Section: "Metadata",
			Text: "metadata Metadata repository read Search repositories, list collaborators, and access repository metadata."},
	}
	endpoints := [][4]string{
		{"issues-list-for-repo", "List repository issues", "GET /repos/{owner}/{repo}/issues", "issues/list-for-repo issues: read repo; public_repo"},
		{"issues-create", "Create an issue", "POST /repos/{owner}/{repo}/issues", "issues/create issues: write repo; public_repo"},
		{"issues-get", "Get an issue", "GET /repos/{owner}/{repo}/issues/{issue_number}", "issues/get issues: read repo; public_repo"},
		{"issues-list-sub-issues", "List sub-issues", "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", "issues/list-sub-issues issues: read repo"},
		{"issues-update", "Update an issue", "PATCH /repos/{owner}/{repo}/issues/{issue_number}", "issues/update issues: write; or pull_requests: write repo"},
		{"issues-list-labels-for-repo", "List labels for a repository", "GET /repos/{owner}/{repo}/labels", "issues/list-labels-for-repo issues: read; or pull_requests: read"},
	}
	for _, e := range endpoints {
		recs = append(recs, Record{URL: base + "reference/endpoints/issues#" + e[0], Page: "Issues", Section: e[1], Text: e[2] + " " + e[3]})
	}
	scopes := [][3]string{
		{"scope-admin-org", "admin:org — Full control of orgs and teams, read and write org projects", "Fully manage the organization and its teams, projects, and memberships."},
		{"scope-admin-org_hook", "admin:org_hook — Full control of organization hooks", "Grants read, write, ping, and delete access to organization hooks."},
		{"scope-repo", "repo — Full control of private repositories", "Grants full access to public and private repositories including read and write access to code."},
	}
	for _, s := range scopes {
		recs = append(recs, Record{URL: base + "reference/scopes#" + s[0], Page: "Scopes for OAuth apps and personal access tokens", Section: s[1], Text: s[2]})
	}
	return recs
}
