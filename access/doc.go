// Package access enforces GitHub's REST API access model at run time: which
// classic OAuth scopes and which fine-grained permissions each endpoint
// needs, per product version.
//
// Inputs: one [Table] per product version, filled by generated code as a
// composite literal of plain data ([Scope], [Permission], [Endpoint]), and,
// per request, a token's [Grants], a method, a path and the [Visibility] of
// the resource. Outputs: the matched endpoint and its [Params] ([Table.Lookup]),
// a [Decision] with GitHub's response header values ([Table.Check]), an HTTP
// gate ([Middleware]) and the least privilege for a list of endpoints
// ([Table.Minimize]). The package uses the standard library only.
//
// # Tables and lazy indexes
//
// A Table is data only. Nothing runs at package initialisation: the first
// call that needs an index (Lookup, Check, the Grants constructors,
// Minimize, NormalizeScopes) builds all of the table's indexes once, under a
// sync.Once — the per-method routers, the scope closure, the permission
// index and the compiled requirements. Header strings are built per
// endpoint, once, the first time that endpoint is checked. A Table must not
// be copied or changed after first use; all methods are safe for
// concurrent use.
//
// [Table.Validate] reports every data problem. The run-time methods never
// fail on bad data, they fail closed: an invalid path template matches
// nothing, and a requirement set naming an unknown scope or permission, or
// a level no offered level reaches, can never be met.
//
// # Levels
//
// A fine-grained permission is held at a [Level]: [None] < [Read] < [Write] <
// [Admin]. A higher level satisfies a requirement for a lower one. Each
// [Permission] lists the levels a token can hold it at; a requirement for a
// level the permission does not offer is met by the lowest offered level
// above it.
//
// # Requirements: OR of AND-sets
//
// An endpoint states its fine-grained requirement as FineGrained.AnyOf, a
// list of sets: the token must hold every grant of at least one set. An
// empty list means no permission is needed. Its classic requirement is the
// same shape over scope names, given twice: Classic.Private for private
// (and internal) resources and Classic.Public for public ones. An empty
// list, or an empty set in it, means no scope is needed. Classic.Notes hold
// conditions the data cannot express (such as "needs workflow when the
// change touches workflow files"); Check ignores them.
//
// The Accepted flags say whether a kind of token can call the endpoint at
// all. Their zero value, false, denies: generated code must write
// Accepted: true for every endpoint a kind of token can call (the source
// format defaults classic.accepted to true). GitHubApps is informational.
//
// # Public and private resources
//
// The caller tells the visibility of the resource a request addresses (it
// usually depends on the owner and repo parameters). [Private] is the zero
// Visibility, so forgetting it is the strict case. For a [Public] resource,
// classic tokens are checked against Classic.Public, and fine-grained
// tokens need no permission at all when FineGrained.PublicWithoutPermission
// is set.
//
// # Grants
//
// [Table.ClassicGrants] and [Table.FineGrainedGrants] resolve a token once
// into a [Grants] value bound to its table: a bitset over scope indexes or
// a level per permission index, so Check needs no map lookups and no
// allocation. Unknown scopes and permissions, and levels a permission does
// not offer, are errors. The zero Grants means no token and is always
// denied; Grants of another table are denied too. An anonymous request is
// best modelled as ClassicGrants() with no scopes: it may call what needs
// no scope.
//
// Every fine-grained token holds metadata=read ([MetadataPermission]):
// FineGrainedGrants adds it, requirements on it are always met at read
// level, and Minimize never reports it.
//
// # Scope hierarchy
//
// Scopes form a DAG: every parent of a scope implies it, and with it
// everything it implies (repo implies public_repo; repo and public_repo
// both imply admin:repo_hook, which implies write:repo_hook, which implies
// read:repo_hook). ClassicGrants expands the token's scopes over the DAG
// before checking. [NormalizeScopes] does the reverse: it drops every scope
// another listed scope implies and sorts the rest (user, gist, user:email
// → gist, user). The data decides every edge (whether write:packages
// implies read:packages, say); the package knows no scope names, and of
// permission names only MetadataPermission.
//
// # Matching
//
// Lookup matches a concrete request path (/repos/octo/hello/issues/42) or a
// template itself (/repos/{owner}/{repo}/issues/{issue_number}) against the
// templates of the request method:
//
//   - A template segment is static (issues), a parameter ({issue_number}),
//     or mixed: literal text around parameters ({base}...{head}).
//   - Precedence: compare matching templates segment by segment; at the
//     first position where they differ, static beats mixed beats parameter,
//     and of two mixed segments the one whose shape (names removed, as
//     "{}...{}") sorts first wins. Templates that never differ (same shape,
//     other names) are equivalent: the first in Table.Endpoints wins.
//     Matching backtracks, so a static branch that fails deeper down falls
//     back to the parameter branch.
//   - A parameter matches one whole non-empty segment; apart from a greedy
//     tail (next item) it never matches a '/'. The
//     parameters of a mixed segment take the shortest non-empty values
//     that fit, leftmost first (the regular expression ^lit(.+?)lit(.+?)lit$).
//   - Greedy tails, as GitHub routes file paths and refs: when no template
//     matches segment by segment, a parameter that ends its template may
//     take the rest of the path, several segments, slashes included —
//     GET /repos/o/r/contents/docs/README.md is
//     /repos/{owner}/{repo}/contents/{path} with path "docs/README.md", and
//     GET /repos/o/r/git/ref/heads/main is .../git/ref/{ref} with ref
//     "heads/main". Only a parameter under which no template of the same
//     method continues is greedy: {path} and {ref} are, but {repo} in
//     GET /repos/{owner}/{repo} is not (so GET /repos/o/r/no/such/thing
//     stays unknown rather than becoming "get a repository"), nor {branch}
//     in GET .../branches/{branch}, which has .../protection under it
//     (send feature%2Fx for a branch feature/x). Among greedy matches the
//     precedence rule above holds with the greedy tail ranked last: static
//     beats mixed beats parameter beats greedy tail, with backtracking. A
//     mixed segment never takes a tail.
//   - HEAD uses the GET endpoint when there is no HEAD endpoint for the
//     path, greedy tails included.
//   - The path must start with '/'; a single trailing slash is ignored (two
//     are not); an empty segment matches nothing; a path with a "." or ".."
//     segment (also percent-encoded) matches nothing.
//   - Percent-encoded segments are decoded before they are compared with
//     static segments (only segments containing '%' are decoded; a
//     malformed escape matches no static segment). Mixed-segment literals
//     are compared undecoded. Parameter values are returned as they appear
//     in the path, still encoded.
//   - Method names are case-sensitive (GET, not get). Templates may have at
//     most [MaxParams] parameters and 32 segments; paths longer than 65535
//     bytes match nothing.
//
// Lookup does not allocate: [Params] is a fixed-size value holding offsets
// into the looked-up path. A path that matches segment by segment is
// searched once; greedy tails cost a second search, only for paths that
// would otherwise be unknown.
//
// # Check
//
// [Table.Check] looks the request up and decides, without allocating:
//
//   - unknown endpoint: denied (ReasonUnknownEndpoint);
//   - zero Grants or Grants of another table: denied;
//   - classic token: denied when Classic.Accepted is false, else allowed
//     when the expanded scopes contain every scope of one set of the list
//     for the visibility;
//   - fine-grained token: denied when FineGrained.Accepted is false, else
//     allowed for a public resource when PublicWithoutPermission is set,
//     else allowed when every grant of one AnyOf set is held at its level
//     or higher.
//
// Adding scopes or raising levels never turns an allowed request into a
// denied one. [Decision.MissingScopes] and [Decision.MissingPermissions]
// say, per accepted set, what the token lacks (they allocate).
//
// # Header formats
//
// Decision carries the endpoint's header values, precomputed once per
// endpoint:
//
//   - X-Accepted-OAuth-Scopes: every scope of every set accepted for the
//     visibility, together with every scope that implies it, sorted and
//     joined by ", " — for the usual one-scope sets exactly GitHub's list of
//     scopes any one of which suffices, e.g. for read:repo_hook
//     "admin:repo_hook, public_repo, read:repo_hook, repo, write:repo_hook".
//     Empty when no scope is needed or classic tokens are not accepted.
//   - X-Accepted-GitHub-Permissions: each AnyOf set as "perm=level" joined
//     by "," in the data's order, the sets joined by "; ", e.g.
//     "pull_requests=read,contents=read; issues=read,contents=read". Empty
//     when no permission is needed or fine-grained tokens are not accepted.
//   - X-OAuth-Scopes (Middleware, classic tokens): the token's normalised
//     scopes joined by ", " (Grants.String).
//
// # Middleware
//
// [Middleware] resolves the version to a table ([Set.Table]), looks up
// method and escaped path, asks [MiddlewareOptions].Grants for the token's
// grants and the resource's visibility (given the matched [Route], so both
// come from the right table), and checks. An allowed request reaches the
// next handler with the Decision in its context ([DecisionFromContext]).
// Otherwise it answers with GitHub's JSON error document
//
//	{"message":"...","documentation_url":"DocsBaseURL+DocsPath","status":"403"}
//
// with these statuses and messages (it fails closed):
//
//	unknown version               404 Not Found: no access table for this API version
//	unknown endpoint              404 Not Found (documentation_url: DocsBaseURL+"/rest")
//	no token (zero Grants)        401 Requires authentication
//	resolver error                401 Bad credentials when it wraps ErrBadCredentials, else 500
//	Grants of another table       500
//	token lacks what is needed    403 Resource not accessible by personal access token,
//	                              or 404 Not Found for a private resource with NotFoundForPrivate
//
// Whenever the endpoint is known, the response carries
// X-Accepted-OAuth-Scopes and X-Accepted-GitHub-Permissions (set with
// canonical header keys), allowed or not. A method no endpoint has (such as
// OPTIONS) makes an unknown endpoint: answer CORS preflights before this
// middleware. To serve GHES-style paths under a prefix such as /api/v3,
// strip it first (http.StripPrefix). To let anonymous requests call what
// needs no scope, resolve them to ClassicGrants() rather than the zero
// Grants.
//
// # Minimize
//
// [Table.Minimize] finds, for a list of endpoints and a visibility, the
// least each kind of token needs, exactly:
//
//   - Fine-grained: over every choice of one AnyOf set per endpoint, the
//     union (each permission at the highest level needed) with the lowest
//     cost, in this order: the sum of level ranks (read=1, write=2,
//     admin=3; metadata=read is free and left out), then fewer
//     permissions, then the canonical string ("perm=level" sorted by
//     permission, joined by ","), so results are deterministic.
//   - Classic: over every choice of one scope set per endpoint, the union
//     with the fewest scopes after normalisation, then the canonical
//     string (sorted, joined by ", "). Minimize only chooses among the
//     listed sets: it never adds a broader scope nobody listed, but a
//     listed parent absorbs the children it implies.
//
// Endpoints with identical requirements are searched once; sets implied by
// a cheaper set of the same endpoint are dropped; the search is branch and
// bound with memoised states, so fifty endpoints take milliseconds. Each
// chosen permission or scope lists the endpoints that needed it, and
// endpoints no token of a kind can call are reported apart.
package access
