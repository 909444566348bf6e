// Package importer turns GitHub's published access model into scoperef's source data: it reads
// one REST API description (OpenAPI 3) and one fine-grained permission table per product
// version and writes content/data/endpoints/<category>.yaml, content/data/scopes.yaml and
// content/data/permissions.yaml in the format of docs/format.md. It is the engine of
// `scoperef import`.
//
// # Inputs
//
// Each input file names its version: api.github.com or fpt for dotcom, ghec, ghes-X.Y
// (extensions .json, .txt and .gz ignored; .gz is decompressed). See ResolveInputs.
//
//   - OpenAPI descriptions: for every operation, its operationId (the endpoint's id), method,
//     path, summary, description, externalDocs.url and x-github (category, subcategory,
//     githubCloudOnly, enabledForGitHubApps, deprecationDate, removalDate).
//   - Fine-grained permission tables, a line format: "# source ..." names the origin;
//     "P|key|title|display title" introduces a permission (the display title's first words
//     give its group: Repository, Organization, User -> account, Enterprise);
//     "E|key|access|METHOD|path|additional|category|subcategory|slug" says that permission key
//     at level access (read, write, admin) lets a token call METHOD path.
//   - Optionally an older dotcom table in the list format (the oracle, see below).
//   - From the output directory: versions.yaml (the versions the range language can name) and
//     features.yaml (to read the versions of hand-written notes), and the files an earlier
//     import wrote (to keep what maintainers added).
//
// The importer never reads anything else: tests use the fixtures in testdata.
//
// # Endpoints
//
// One entry per operationId across all versions, in the file of its x-github category, sorted
// by path then method (GET HEAD POST PUT PATCH DELETE). Summary, docs URL and subcategory come
// from the first version that has them in the order dotcom, ghec, newest ghes. Operations
// match across versions by operationId (method and path agree in GitHub's descriptions).
//
//   - versions: where the operation exists, as the shortest expression built by Universe.Expr
//     over the versions of versions.yaml. A release there without imported data (ghes 3.9) is
//     outside every imported set, so an endpoint in all five imported versions reads
//     "dotcom or ghec or ghes >= 3.17", never "ghes".
//   - cloud_only: written (true) only when every version sets githubCloudOnly.
//   - deprecated, removal: from the first version (same order) that gives a deprecation date; a
//     removal date not after the deprecation date is dropped. Disagreements between versions
//     are reported, never hidden.
//   - requirements: the requirement of each version (below); versions with equal requirements
//     share a variant, so variants are disjoint and cover the endpoint's versions. A single
//     variant has no versions key.
//
// # Fine-grained requirement: rebuilding OR-of-AND sets
//
// An operation the version's table does not list does not accept fine-grained tokens there:
// fine_grained: {accepted: false}. For a listed operation, its rows (exact duplicate rows
// counted once and reported) give the alternatives (SetsFromFlags):
//
//  1. a row with additional=false is an alternative by itself: {perm: level};
//  2. the rows with additional=true together form one AND-set;
//  3. if that AND-set holds one permission other than metadata, metadata=read joins it:
//     GitHub's tables leave metadata out when it is combined with another permission, so a
//     lone "true" means "and metadata";
//  4. the list is minimized: an alternative that asks for at least what another asks for is
//     dropped (a level satisfies every lower one), and alternatives are sorted.
//
// The older list format states each row's companions ("-" for none): a row gives the set of its
// permission and the listed ones, each at the level of its own row (SetsFromLists). Comparing
// the two on GitHub's dotcom tables (-oracle): every endpoint whose rows are the same in both
// tables gets the same sets; the endpoints that differ are those whose rows GitHub changed
// between the two table versions, which the report tells apart.
//
// public_without_permission is true when the method only reads (GET, HEAD) and an alternative
// asks only for read access to metadata, contents, issues or pull_requests: a fine-grained
// token can always read public repositories, and those permissions guard only what anyone can
// read on one. Everything else (security alerts, secrets, settings, webhooks, ...) stays
// false, which fails closed.
//
// # Classic requirement: parsing scope sentences
//
// Descriptions are split into sentences (Sentences). A scope sentence says "scope(s)" and names
// a known scope, or writes a token right before the word scope. Its shape replaces every
// `code` span and bare a:b word with `X`; an ordered table of shapes (rules in classic.go)
// reads it. The rules cover: need X; need X or Y / either / X, Y, or Z; need X and Y / both;
// private only (with/on a private repository, if the repository is private, ...); X and, if
// private, also Y; private-or-public X or public-only Y; public X and private Y (repository
// creation); public repositories may use Y instead; "with the X scope" access-requirement
// items; and conditions (when ..., in order to ..., if you connected ...) that become notes.
// ParseClassic combines the sentences of one description into private and public OR-lists of
// AND-sets; with no base requirement, public resources need no scope ([[]]). Sets are
// normalized over the scope DAG: implied scopes leave a set, and an alternative that grants
// another is dropped. Equal private and public lists are written as any_of.
//
// A sentence no rule reads is never guessed: it becomes a note, and its shape is counted in the
// report. Sentences that contradict each other (two different requirements) become notes too
// and the operation counts as unparsed. Notes are written with docs.github.com links made
// version-neutral, so that the same sentence does not split variants.
//
// # Classic requirement: default rules
//
// About half of GitHub's operations have no scope sentence at all. Without a requirement the
// data would say "no scope needed", and enforcement would let a token without scopes create
// issues in a private repository: fail-open. So an operation whose description names no scope
// (no scope sentence, parsed or not; DefaultClassic) takes its requirement from GitHub's
// general scope semantics, as listed in the access-model brief. The first rule that covers the
// operation applies; each writes its own note, one short sentence shared by all its endpoints
// ("Classic scopes follow GitHub's general rule for repository endpoints; the endpoint's
// description names none."), and the report counts each rule's operations per version. A
// description with any scope sentence never gets a default, even when the sentence only
// states a condition (the `workflow` scope when a release's target commit changes workflow
// files) or is not understood: what GitHub says about an endpoint wins over a general rule.
//
// Before the rules: an operation whose description says that only a GitHub App's JWT may call
// it ("You must use a [JWT](…) to access this endpoint", or "GitHub Apps must use a [JWT](…)"
// with OAuth apps sent to their client ID and secret: /app/..., /marketplace_listing/...,
// /repos/{owner}/{repo}/installation, ...) gets classic `accepted: false` with its own note
// (DefaultAppJWT in the report): no scope makes a user's token fit, whatever the path.
//
//  1. Notifications: /notifications/... and /repos/{owner}/{repo}/notifications, every
//     method: [[notifications]] for private and public resources. The brief lists
//     notifications as its own scope, and repo's grants (code, commit statuses, invitations,
//     collaborators, deployment statuses, webhooks, projects) do not name notifications, so
//     repo is not added as an alternative: a repo-only token is refused (fails closed).
//  2. Repository endpoints: /repos/{owner}/{repo}[/...] (any parameter names, so
//     /repos/{template_owner}/{template_repo}/generate too), /repositories/{repository_id}[/...]
//     and /user/starred/{owner}/{repo} (starring names a repository; GitHub's scope list says
//     public_repo is what starring public repositories needs). Brief: "repo: full control of
//     private repositories", public_repo a child of repo for public ones, "(no scope):
//     read-only access to public information". Private: [[repo]]; public: GET and HEAD need
//     no scope ([[]]), other methods [[public_repo]] (repo grants it through the DAG).
//  3. Gists: POST, PUT, PATCH, DELETE under /gists (creating, editing, starring, commenting,
//     forking): [[gist]] for both. Brief: "gist: create gists". Reads are left to rule 6.
//  4. Repository invitations: PATCH and DELETE under /user/repository_invitations (accept,
//     decline): [[repo:invite]] for both. Brief: repo covers invitations, and repo:invite is
//     its child for them alone; user data (rule 5) does not include them. Reads: rule 6.
//  5. The authenticated user's data: POST, PUT, PATCH, DELETE on /user and its literal
//     subtrees (/user/blocks/..., /user/email/visibility, /user/interaction-limits, ...):
//     [[user]] for both. Brief: "user" (GitHub: "update all user data"). Not /user/{user_id}/...
//     (another account's resources, e.g. its projects): rule 6. Reads: rule 6.
//  6. Everything else: no requirement, written explicitly with the note "GitHub's description
//     names no classic scope." so that pages and `scoperef lookup` show it; no scope is
//     invented.
//
// The default notes are the importer's own: on a re-import they are never taken for
// hand-written notes, so a note whose rule no longer applies goes.
//
// # Scopes and permissions
//
// scopes.yaml holds the brief's scope DAG with version conditions (knownScopes), then every
// other scope a description names, titled as not in GitHub's list. A known scope named by
// endpoints in versions outside its condition gets those versions added (reported).
// write:packages, read:packages and delete:packages stay independent: the descriptions ask for
// read:packages next to write:packages, and nothing documents an implication.
//
// permissions.yaml holds every permission of the tables with GitHub's key as id, the group and
// title of the preferred version, the levels seen in any table, and the versions whose table
// lists it.
//
// # Hand-written data
//
// The importer owns the keys it writes. On a re-import it keeps, merging by id or operation:
// every other key of an existing entry (description, ...), the category title, scope and
// permission entries it does not produce, and every note that is not a sentence of the
// operation's descriptions (placed on the new variants that overlap the versions of the variant
// it was on). Endpoint entries whose operation disappeared are dropped (reported); endpoint
// files that carry the importer's header but no longer have a category are removed.
//
// # Invariants
//
// The output depends only on the inputs and the existing files: no time, no map order, no
// tool version. Re-running on the same inputs gives byte-identical files, and unchanged files
// are not rewritten. Every table row is imported, or reported as a duplicate or as naming an
// endpoint the API description lacks. Before writing, every scope and permission an endpoint
// names is checked to exist (the permission in that version, at that level); a failure is
// reported and nothing is written.
package importer
