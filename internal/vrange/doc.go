// Package vrange implements scoperef's version-range language, used by the versions: keys of
// data files, by page front matter and by {% ifversion %} conditions in Markdown.
//
// # Versions
//
// A product version (Version) is one product, optionally at one release. Products without
// releases (dotcom, ghec) have a zero Release; products with releases (ghes) have one version per
// release. A Version prints as "dotcom", "ghec" or "ghes-3.19"; ParseVersion also accepts the URL
// segments "free-pro-team@latest" (= dotcom), "enterprise-cloud@latest" (= ghec) and
// "enterprise-server@3.19". A Release is MAJOR.MINOR and compares numerically: 3.9 < 3.10.
//
// # Grammar
//
//	expr    = or
//	or      = and { "or" and }
//	and     = not { "and" not }
//	not     = "not" not | primary
//	primary = "(" expr ")" | name [ op release ]
//	op      = "=" | "!=" | "<" | "<=" | ">" | ">="
//	name    = [a-z0-9] { [a-z0-9_.-] }      (a product or a feature; not a keyword)
//	release = digits "." digits             (no leading zeros, at most 9 digits each)
//
// Keywords (and, or, not) are lowercase and reserved. Tokens are separated by ASCII whitespace
// (space, tab, CR, LF), which is optional around parentheses and operators: "ghes>=3.10" is
// "ghes >= 3.10". "not" binds tighter than "and", which binds tighter than "or"; "and" and "or"
// associate to the left. Parentheses and "not" nest at most 100 deep.
//
// # Meaning
//
// An expression is evaluated against an Env (the products, releases and features from
// versions.yaml and features.yaml) for one Version:
//
//   - a product name matches every version of that product ("ghes" matches every ghes release);
//   - "P op R" matches the versions of product P whose release compares to R as op says; it is
//     false for every other product ("ghes >= 3.10" is false for dotcom and ghec);
//   - a feature name stands for the feature's own expression, which may name other features;
//   - an unknown name, a comparison on a name that is not a product with releases, and a feature
//     in a cycle are false. Products take precedence over features of the same name.
//
// # Inputs and outputs
//
// Parse turns source text into an Expr (an AST whose every node records its byte span in the
// source) or returns the first syntax error as an *Error carrying a byte offset and length.
// String prints an Expr in canonical form: single spaces, lowercase keywords, no redundant
// parentheses except around an "and" inside an "or" (for readability), e.g.
// "dotcom or (ghes >= 3.10 and not ghec)". Env.Check reports every semantic problem of one
// expression at once; Env.Match, Env.Versions and Env.Select evaluate it.
//
// # Invariants
//
//   - Parse never panics, whatever its input; every *Error it returns lies within the source
//     (0 <= Offset <= Offset+Len <= len(src)), and so does every node span.
//   - If Parse(s) succeeds with x, then Parse(String(x)) succeeds with an expression that has the
//     same String and matches the same versions.
//   - Env.Check reports problems located in x only, with offsets into x's source; to find problems
//     inside a feature's definition, check that expression on its own. When Check reports nothing
//     for an expression and for the features it uses, Match never relies on the "false" rules
//     for unknown names, misused comparisons or cycles.
//   - Env.Match does not allocate, and it terminates even when features form a cycle.
//   - Env.Versions lists products in Env.Products order, releases ascending; Env.Select returns a
//     subsequence of it.
package vrange
