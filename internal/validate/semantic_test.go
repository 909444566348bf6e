package validate

import (
	"testing"
)

// TestSemantic runs each semantic check on the starter dataset with one problem edited in, and
// asserts the exact diagnostics, positions included.
func TestSemantic(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		{
			name:  "duplicate product",
			edits: []edit{{"versions.yaml", "  - id: ghes\n", "  - id: ghec\n    name: Again\n    segment: ghec-again\n  - id: ghes\n"}},
			want: []string{
				"content/data/versions.yaml:11:9: products[2].id: duplicate product id \"ghec\" (first defined at content/data/versions.yaml:8:9)",
			},
		},
		{
			name:  "duplicate release",
			edits: []edit{{"versions.yaml", `release: "3.18"`, `release: "3.17"`}},
			want: []string{
				"content/data/versions.yaml:23:18: products[2].releases[2].release: duplicate release id \"3.17\" (first defined at content/data/versions.yaml:19:18)",
			},
		},
		{
			name:  "release with a leading zero",
			edits: []edit{{"versions.yaml", `release: "3.9"`, `release: "3.09"`}},
			want: []string{
				"content/data/versions.yaml:15:18: products[2].releases[0].release: invalid release \"3.09\": \"09\" has a leading zero",
			},
		},
		{
			name:  "duplicate URL segment",
			edits: []edit{{"versions.yaml", "segment: enterprise-cloud@latest", "segment: enterprise-server@3.19"}},
			want: []string{
				"content/data/versions.yaml:27:18: products[2].releases[3]: URL segment \"enterprise-server@3.19\" is already used at content/data/versions.yaml:10:14",
			},
		},
		{
			name:  "segment with {release} but no releases",
			edits: []edit{{"versions.yaml", "segment: enterprise-cloud@latest", "segment: enterprise-cloud@{release}"}},
			want: []string{
				"content/data/versions.yaml:10:14: products[1].segment: segment uses {release} but product \"ghec\" has no releases",
			},
		},
		{
			name:  "releases but no {release} in the segment",
			edits: []edit{{"versions.yaml", "segment: enterprise-server@{release}", "segment: enterprise-server"}},
			want: []string{
				"content/data/versions.yaml:13:14: products[2].segment: product \"ghes\" has releases, so its segment must contain {release}",
			},
		},
		{
			name:  "general availability before release candidate",
			edits: []edit{{"versions.yaml", "general_availability: 2025-06-03", "general_availability: 2025-05-12"}},
			want: []string{
				"content/data/versions.yaml:19:9: products[2].releases[1]: dates out of order: need release_candidate <= general_availability < deprecation",
			},
		},
		{
			name:  "deprecation on the day of general availability",
			edits: []edit{{"versions.yaml", "deprecation: 2026-12-09", "deprecation: 2025-12-09"}},
			want: []string{
				"content/data/versions.yaml:27:9: products[2].releases[3]: dates out of order: need release_candidate <= general_availability < deprecation",
			},
		},
		{
			name:  "release candidate on the day of general availability is fine",
			edits: []edit{{"versions.yaml", "release_candidate: 2025-12-02", "release_candidate: 2025-12-09"}},
		},
		{
			name:  "duplicate feature",
			edits: []edit{{"features.yaml", "  - id: enterprise\n", "  - id: pat-v2\n"}},
			want: []string{
				"content/data/features.yaml:7:9: features[1].id: duplicate feature id \"pat-v2\" (first defined at content/data/features.yaml:4:9)",
			},
		},
		{
			name:  "feature named like a product",
			edits: []edit{{"features.yaml", "  - id: enterprise\n", "  - id: ghec\n"}},
			want: []string{
				"content/data/features.yaml:7:9: features[1].id: feature \"ghec\" has the name of a product",
			},
		},
		{
			name:  "feature range syntax error",
			edits: []edit{{"features.yaml", "versions: ghec or ghes", "versions: ghec or or ghes"}},
			want: []string{
				"content/data/features.yaml:9:23: features[1].versions: in version range \"ghec or or ghes\": expected a version name after \"or\", found \"or\"",
			},
		},
		{
			name:  "feature referring to itself",
			edits: []edit{{"features.yaml", "versions: ghec or ghes", "versions: ghec or enterprise"}},
			want: []string{
				"content/data/features.yaml:9:23: features[1].versions: in version range \"ghec or enterprise\": feature \"enterprise\" refers to itself: enterprise -> enterprise",
			},
		},
		{
			name:  "feature with an unknown name",
			edits: []edit{{"features.yaml", "versions: ghec or ghes", "versions: ghec or gehs"}},
			want: []string{
				"content/data/features.yaml:9:23: features[1].versions: in version range \"ghec or gehs\": unknown version name \"gehs\" (did you mean \"ghes\"?)",
			},
		},
		{
			name:  "duplicate variable",
			edits: []edit{{"variables.yaml", "  - id: product.api_url\n", "  - id: product.name\n"}},
			want: []string{
				"content/data/variables.yaml:30:9: variables[3].id: duplicate variable id \"product.name\" (first defined at content/data/variables.yaml:4:9)",
			},
		},
		{
			name:  "variable values overlap",
			edits: []edit{{"variables.yaml", "      - versions: ghes = 3.17\n        value: https://docs.github.com/en/enterprise-server@3.17", "      - versions: ghes >= 3.17\n        value: https://docs.github.com/en/enterprise-server@3.17"}},
			want: []string{
				"content/data/variables.yaml:26:19: variables[2].values[4].versions: values overlap in ghes-3.18",
				"content/data/variables.yaml:28:19: variables[2].values[5].versions: values overlap in ghes-3.19",
			},
		},
		{
			name:  "variable without a value for some versions is a warning",
			edits: []edit{{"variables.yaml", "      - versions: ghes = 3.9\n        value: GitHub Enterprise Server 3.9\n", ""}},
			want: []string{
				"content/data/variables.yaml:36:9: warning: variables[4]: variable \"product.version_name\" has no value for ghes-3.9",
			},
		},
		{
			name:  "duplicate scope",
			edits: []edit{{"scopes.yaml", "  - id: gist\n", "  - id: repo\n"}},
			want: []string{
				"content/data/scopes.yaml:33:9: scopes[11].id: duplicate scope id \"repo\" (first defined at content/data/scopes.yaml:4:9)",
			},
		},
		{
			name:  "unknown scope parent",
			edits: []edit{{"scopes.yaml", "parents: [admin:org]", "parents: [admn:org]"}},
			want: []string{
				"content/data/scopes.yaml:24:15: scopes[7].parents[0]: unknown scope \"admn:org\" (did you mean \"admin:org\"?)",
			},
		},
		{
			name:  "unknown scope parent without a near name",
			edits: []edit{{"scopes.yaml", "parents: [admin:org]", "parents: [organization]"}},
			want: []string{
				"content/data/scopes.yaml:24:15: scopes[7].parents[0]: unknown scope \"organization\"",
			},
		},
		{
			name:  "scope its own parent",
			edits: []edit{{"scopes.yaml", "parents: [write:repo_hook]", "parents: [read:repo_hook]"}},
			want: []string{
				"content/data/scopes.yaml:19:15: scopes[5].parents[0]: scope \"read:repo_hook\" cannot be its own parent",
			},
		},
		{
			name:  "scope cycle",
			edits: []edit{{"scopes.yaml", "  - id: repo\n    title: Full control of private repositories\n", "  - id: repo\n    title: Full control of private repositories\n    parents: [read:repo_hook]\n"}},
			want: []string{
				"content/data/scopes.yaml:7:9: cycle in scope parents: repo -> read:repo_hook -> write:repo_hook -> public_repo -> repo",
				"content/data/scopes.yaml:15:9: cycle in scope parents: repo -> read:repo_hook -> write:repo_hook -> repo",
			},
		},
		{
			name:  "scope versions with an unknown name",
			edits: []edit{{"scopes.yaml", "    versions: ghes\n", "    versions: gher\n"}},
			want: []string{
				"content/data/scopes.yaml:37:15: scopes[12].versions: in version range \"gher\": unknown version name \"gher\" (did you mean \"ghec\"?)",
			},
		},
		{
			name:  "duplicate permission",
			edits: []edit{{"permissions.yaml", "  - id: members\n", "  - id: metadata\n"}},
			want: []string{
				"content/data/permissions.yaml:29:9: permissions[5].id: duplicate permission id \"metadata\" (first defined at content/data/permissions.yaml:4:9)",
			},
		},
		{
			name:  "permission versions matching nothing",
			edits: []edit{{"permissions.yaml", "    levels: [read]\n    versions: pat-v2\n", "    levels: [read]\n    versions: pat-v2 and not pat-v2\n"}},
			want: []string{
				"content/data/permissions.yaml:8:15: permissions[0].versions: version range \"pat-v2 and not pat-v2\" matches no version",
			},
		},
		{
			name:  "duplicate operation across files",
			edits: []edit{{"endpoints/repos.yaml", "operation: repos/merge", "operation: issues/get"}},
			want: []string{
				"content/data/endpoints/repos.yaml:20:16: endpoints[1].operation: duplicate operation id \"issues/get\" (first defined at content/data/endpoints/issues.yaml:66:16)",
			},
		},
		{
			name:  "category named unlike its file",
			edits: []edit{{"endpoints/repos.yaml", "category: repos", "category: repositories"}},
			want: []string{
				"content/data/endpoints/repos.yaml:2:11: category: category \"repositories\" is in file repos.yaml; name the file repositories.yaml",
			},
		},
		{
			name: "category in two files",
			edits: []edit{{"endpoints/issues2.yaml", "", "category: issues\nendpoints:\n  - operation: issues/lock\n    method: PUT\n" +
				"    path: /repos/{owner}/{repo}/issues/{issue_number}/lock\n    versions: dotcom\n    requirements:\n      - classic: {any_of: [[repo]]}\n"}},
			want: []string{
				"content/data/endpoints/issues2.yaml:1:11: category: category \"issues\" is in file issues2.yaml; name the file issues.yaml",
				"content/data/endpoints/issues2.yaml:1:11: category: duplicate category \"issues\" (also in content/data/endpoints/issues.yaml)",
			},
		},
		{
			name:  "unknown permission",
			edits: []edit{{"endpoints/issues.yaml", "{issues: write}", "{isues: write}"}},
			want: []string{
				"content/data/endpoints/issues.yaml:34:16: endpoints[1].requirements[0].fine_grained.any_of[0].isues: unknown permission \"isues\" (did you mean \"issues\"?)",
			},
		},
		{
			name:  "level not offered",
			edits: []edit{{"endpoints/repos.yaml", "{email_addresses: read}", "{email_addresses: admin}"}},
			want: []string{
				"content/data/endpoints/repos.yaml:49:33: endpoints[2].requirements[0].fine_grained.any_of[0].email_addresses: permission \"email_addresses\" offers read, write, not \"admin\"",
			},
		},
		{
			name:  "permission missing in some of the variant's versions",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n    requirements:\n      - fine_grained: {accepted: false}", "    versions: ghes\n    requirements:\n      - fine_grained: {accepted: true, any_of: [{members: read}]}"}},
			want: []string{
				"content/data/endpoints/repos.yaml:60:50: endpoints[3].requirements[0].fine_grained.any_of[0].members: permission \"members\" does not exist in ghes-3.9",
			},
		},
		{
			name:  "unknown classic scope",
			edits: []edit{{"endpoints/repos.yaml", "any_of: [[user:email]]", "any_of: [[user:emial]]"}},
			want: []string{
				"content/data/endpoints/repos.yaml:51:21: endpoints[2].requirements[0].classic.any_of[0][0]: unknown scope \"user:emial\" (did you mean \"user:email\"?)",
			},
		},
		{
			name:  "classic scope missing in some of the variant's versions",
			edits: []edit{{"endpoints/repos.yaml", "any_of: [[user:email]]", "any_of: [[user:email, site_admin]]"}},
			want: []string{
				"content/data/endpoints/repos.yaml:51:33: endpoints[2].requirements[0].classic.any_of[0][1]: scope \"site_admin\" does not exist in dotcom, ghec",
			},
		},
		{
			name:  "variants overlap",
			edits: []edit{{"endpoints/issues.yaml", "      - versions: ghes >= 3.17\n", "      - versions: ghec or ghes >= 3.17\n"}},
			want: []string{
				"content/data/endpoints/issues.yaml:57:19: endpoints[2].requirements[1].versions: variant overlaps an earlier variant in ghec",
			},
		},
		{
			name:  "variant outside the endpoint's versions",
			edits: []edit{{"endpoints/issues.yaml", "      - versions: dotcom or ghec\n", "      - versions: dotcom or ghec or ghes = 3.9\n"}},
			want: []string{
				"content/data/endpoints/issues.yaml:46:19: endpoints[2].requirements[0].versions: variant reaches versions where the endpoint does not exist: ghes-3.9",
				"content/data/endpoints/issues.yaml:52:16: endpoints[2].requirements[0].fine_grained.any_of[0].issues: permission \"issues\" does not exist in ghes-3.9",
				"content/data/endpoints/issues.yaml:53:16: endpoints[2].requirements[0].fine_grained.any_of[1].pull_requests: permission \"pull_requests\" does not exist in ghes-3.9",
			},
		},
		{
			name:  "versions no variant covers",
			edits: []edit{{"endpoints/issues.yaml", "      - versions: ghes >= 3.17\n", "      - versions: ghes >= 3.18\n"}},
			want: []string{
				"content/data/endpoints/issues.yaml:46:7: endpoints[2].requirements: no requirement for ghes-3.17",
			},
		},
		{
			name:  "several variants, one without versions",
			edits: []edit{{"endpoints/issues.yaml", "      - versions: ghes >= 3.17\n        github_apps: true\n", "      - github_apps: true\n"}},
			want: []string{
				"content/data/endpoints/issues.yaml:57:9: endpoints[2].requirements[1]: an endpoint with several requirement variants needs versions on each",
			},
		},
		{
			name:  "same method and route in overlapping versions",
			edits: []edit{{"endpoints/repos.yaml", "path: /repos/{owner}/{repo}/merges", "path: /repos/{o}/{r}/issues"}},
			want: []string{
				"content/data/endpoints/repos.yaml:20:16: POST /repos/{o}/{r}/issues is also operation \"issues/create\" (content/data/endpoints/issues.yaml:22:16) in overlapping versions",
			},
		},
		{
			name: "same method and route in disjoint versions is fine",
			edits: []edit{{"endpoints/repos.yaml", "    path: /repos/{owner}/{repo}/merges\n    summary: Merge a branch\n" +
				"    docs: https://docs.github.com/rest/branches/branches#merge-a-branch\n    subcategory: branches\n" +
				"    versions: dotcom or ghec or ghes >= 3.17\n    deprecated: 2026-01-15\n    removal: 2027-01-15\n" +
				"    requirements:\n      - github_apps: true\n        fine_grained:\n          accepted: true\n" +
				"          any_of:\n            - {contents: write, pull_requests: write}\n",
				"    path: /repos/{o}/{r}/issues\n    versions: ghes = 3.9\n    requirements:\n" +
					"      - fine_grained: {accepted: false}\n"}},
		},
		{
			name:  "same path, another method is fine",
			edits: []edit{{"endpoints/repos.yaml", "method: POST\n    path: /repos/{owner}/{repo}/merges", "method: PUT\n    path: /repos/{o}/{r}/issues"}},
		},
		{
			name:  "path template: empty segment",
			edits: []edit{{"endpoints/repos.yaml", "path: /repos/{owner}/{repo}/merges", "path: /repos/{owner}//{repo}/merges"}},
			want: []string{
				"content/data/endpoints/repos.yaml:22:26: endpoints[1].path: path template \"/repos/{owner}//{repo}/merges\": empty segment",
			},
		},
		{
			name:  "path template: unbalanced braces",
			edits: []edit{{"endpoints/repos.yaml", "path: /repos/{owner}/{repo}/merges", "path: /repos/{owner/{repo}/merges"}},
			want: []string{
				"content/data/endpoints/repos.yaml:22:18: endpoints[1].path: path template \"/repos/{owner/{repo}/merges\": unbalanced braces in segment {owner",
			},
		},
		{
			name:  "path template: repeated parameter",
			edits: []edit{{"endpoints/repos.yaml", "path: /repos/{owner}/{repo}/merges", "path: /repos/{repo}/{repo}/merges"}},
			want: []string{
				"content/data/endpoints/repos.yaml:22:25: endpoints[1].path: path template \"/repos/{repo}/{repo}/merges\": parameter {repo} appears twice",
			},
		},
		{
			name:  "path template: two parameters with nothing between them",
			edits: []edit{{"endpoints/repos.yaml", "path: /repos/{owner}/{repo}/merges", "path: /repos/{owner}/{repo}/merges/x{id}{n}"}},
			want: []string{
				"content/data/endpoints/repos.yaml:22:45: endpoints[1].path: path template \"/repos/{owner}/{repo}/merges/x{id}{n}\": parameters {…}{n} need literal text between them",
			},
		},
		{
			name:  "path template: bad parameter names",
			edits: []edit{{"endpoints/repos.yaml", "path: /repos/{owner}/{repo}/merges", "path: /repos/{}/{1st}/{a.b}"}},
			want: []string{
				"content/data/endpoints/repos.yaml:22:18: endpoints[1].path: path template \"/repos/{}/{1st}/{a.b}\": bad parameter name {}",
				"content/data/endpoints/repos.yaml:22:21: endpoints[1].path: path template \"/repos/{}/{1st}/{a.b}\": bad parameter name {1st}",
				"content/data/endpoints/repos.yaml:22:27: endpoints[1].path: path template \"/repos/{}/{1st}/{a.b}\": bad parameter name {a.b}",
			},
		},
		{
			name:  "path template: malformed routes do not also conflict",
			edits: []edit{{"endpoints/repos.yaml", "path: /repos/{owner}/{repo}/merges", "path: /repos/{owner}/{repo/issues"}},
			want: []string{
				"content/data/endpoints/repos.yaml:22:26: endpoints[1].path: path template \"/repos/{owner}/{repo/issues\": unbalanced braces in segment {repo",
			},
		},
		{
			name:  "removal without deprecated",
			edits: []edit{{"endpoints/repos.yaml", "    deprecated: 2026-01-15\n", ""}},
			want: []string{
				"content/data/endpoints/repos.yaml:27:14: endpoints[1].removal: a removal date needs a deprecated date",
			},
		},
		{
			name:  "removal before deprecation",
			edits: []edit{{"endpoints/repos.yaml", "removal: 2027-01-15", "removal: 2025-12-31"}},
			want: []string{
				"content/data/endpoints/repos.yaml:28:14: endpoints[1].removal: removal date 2025-12-31 is not after the deprecation date 2026-01-15",
			},
		},
		{
			name:  "fine-grained accepted without permission sets",
			edits: []edit{{"endpoints/repos.yaml", "          any_of:\n            - {email_addresses: read}\n", ""}},
			want: []string{
				"content/data/endpoints/repos.yaml:47:11: endpoints[2].requirements[0].fine_grained: fine-grained tokens are accepted but any_of names no permission set",
			},
		},
		{
			name:  "permission sets although fine-grained is not accepted",
			edits: []edit{{"endpoints/repos.yaml", "fine_grained: {accepted: false}", "fine_grained: {accepted: false, any_of: [{members: read}]}"}},
			want: []string{
				"content/data/endpoints/repos.yaml:60:49: endpoints[3].requirements[0].fine_grained.any_of: permission sets given although fine-grained tokens are not accepted",
			},
		},
		{
			name:  "range syntax error, plain",
			edits: []edit{{"endpoints/issues.yaml", "    versions: dotcom or ghec or ghes >= 3.17\n    requirements:\n      - github_apps: true\n        fine_grained:\n          accepted: true\n          public_without_permission: true\n          any_of:\n            - {issues: read}\n        classic:\n          private: [[repo]]\n          public: [[]]\n  - operation: issues/create", "    versions: dotcom or ghec or ghes >= 3.17)\n    requirements:\n      - github_apps: true\n        fine_grained:\n          accepted: true\n          public_without_permission: true\n          any_of:\n            - {issues: read}\n        classic:\n          private: [[repo]]\n          public: [[]]\n  - operation: issues/create"}},
			want: []string{
				"content/data/endpoints/issues.yaml:11:45: endpoints[0].versions: in version range \"dotcom or ghec or ghes >= 3.17)\": unmatched \")\"",
			},
		},
		{
			name:  "range syntax error, double-quoted",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: \"ghes >= 3.17 or\"\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:29: endpoints[3].versions: in version range \"ghes >= 3.17 or\": expected a version name after \"or\"",
			},
		},
		{
			name:  "range syntax error, single-quoted with a doubled quote before it",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: 'ghes >= 3.17 or ''x'' or ('\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:32: endpoints[3].versions: in version range \"ghes >= 3.17 or 'x' or (\": invalid character \"'\" in name \"'x'\"",
			},
		},
		{
			name:  "range error on the second line of a folded value",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: ghes >= 3.17\n      or ghes > 4.0\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:59:10: endpoints[3].versions: in version range \"ghes >= 3.17 or ghes > 4.0\": \"ghes > 4.0\" matches no known release (known ghes releases are 3.9 to 3.19)",
			},
		},
		{
			name:  "range error inside a block scalar points at the value",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: >-\n      ghes >= 3.17 or gehs\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:15: endpoints[3].versions: in version range \"ghes >= 3.17 or gehs\": unknown version name \"gehs\" (did you mean \"ghes\"?)",
			},
		},
		{
			name:  "range error after an escape points at the value",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: \"\\x67hes >= 3.17 or gehs\"\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:15: endpoints[3].versions: in version range \"ghes >= 3.17 or gehs\": unknown version name \"gehs\" (did you mean \"ghes\"?)",
			},
		},
		{
			name:  "range comparing a product without releases",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: ghec >= 3.17\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:15: endpoints[3].versions: in version range \"ghec >= 3.17\": product \"ghec\" has no releases to compare with (write \"ghec\" alone)",
			},
		},
		{
			name:  "range comparing a feature",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: enterprise >= 3.17\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:15: endpoints[3].versions: in version range \"enterprise >= 3.17\": \"enterprise\" is a feature; only a product with releases can be compared with a release",
			},
		},
		{
			name:  "range with a release that matches nothing",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: ghes > 3.19\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:15: endpoints[3].versions: in version range \"ghes > 3.19\": \"ghes > 3.19\" matches no known release (known ghes releases are 3.9 to 3.19)",
			},
		},
		{
			name:  "range matching no version",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: ghes >= 3.17 and dotcom\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:15: endpoints[3].versions: version range \"ghes >= 3.17 and dotcom\" matches no version",
			},
		},
		{
			name:  "range with a version name instead of an expression",
			edits: []edit{{"endpoints/repos.yaml", "    versions: ghes >= 3.17\n", "    versions: ghes-3.17\n"}},
			want: []string{
				"content/data/endpoints/repos.yaml:58:15: endpoints[3].versions: in version range \"ghes-3.17\": unknown version name \"ghes-3.17\" (write \"ghes = 3.17\")",
			},
		},
		{
			name: "every problem of the run at once",
			edits: []edit{
				{"scopes.yaml", "parents: [admin:org]", "parents: [admn:org]"},
				{"permissions.yaml", "  - id: members\n", "  - id: metadata\n"},
				{"endpoints/issues.yaml", "{issues: write}", "{isues: write}"},
				{"endpoints/repos.yaml", "removal: 2027-01-15", "removal: 2025-12-31"},
			},
			want: []string{
				"content/data/endpoints/issues.yaml:34:16: endpoints[1].requirements[0].fine_grained.any_of[0].isues: unknown permission \"isues\" (did you mean \"issues\"?)",
				"content/data/endpoints/repos.yaml:28:14: endpoints[1].removal: removal date 2025-12-31 is not after the deprecation date 2026-01-15",
				"content/data/permissions.yaml:29:9: permissions[5].id: duplicate permission id \"metadata\" (first defined at content/data/permissions.yaml:4:9)",
				"content/data/scopes.yaml:24:15: scopes[7].parents[0]: unknown scope \"admn:org\" (did you mean \"admin:org\"?)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, apply(t, starter(t), tt.edits...))
			got := lines(diags.Sorted())
			if d := diffLines(tt.want, got); d != "" {
				t.Errorf("diagnostics %s", d)
			}
		})
	}
}
