// Package reference generates scoperef's data-driven reference: the bodies of the reference
// pages, their search records, and the downloadable data files, for one product version and one
// language at a time.
//
// # Inputs
//
// A validated *model.Model, a Translator for the text (English is built in), and Options: the
// site's URL function (every link between pages goes through it, so the site decides URLs), its
// Markdown renderer for descriptions and notes, and its date formatter.
//
// # Pages
//
// Generator.Pages(v, lang) returns, in this order, with paths relative to the version:
//
//	reference/scopes              the scope DAG drawn as a nested list (a scope under two parents
//	                              shows under both), normalisation explained, then one section per
//	                              scope, id "scope-<id, ':' → '-'>": title, description, version
//	                              note, the scopes implying it and implied by it, and the endpoints a
//	                              token holding only it can call (count, and the list behind it).
//	reference/permissions         the permissions grouped repository / organization / account /
//	                              enterprise, each with its levels and the number of endpoints
//	                              naming it.
//	reference/permissions/<id>    one page per permission of the version: its levels, then per
//	                              level (admin → write → read, ids "level-<level>") a table of the
//	                              endpoints naming that level (method, path, operation, access,
//	                              other permissions needed with explicit "and" / "or"), by path.
//	reference/endpoints           the categories with their number of endpoints.
//	reference/endpoints/<cat>     one section per endpoint of the category, id = operation id with
//	                              every character but a-z 0-9 _ - replaced by "-": route,
//	                              since / deprecated / removal / cloud-only marks, accepted token
//	                              kinds, the fine-grained requirement as sets ("issues: write and
//	                              metadata: read; or pull_requests: write"), classic scopes for
//	                              private and for public resources, notes, upstream link.
//	reference/changes             diffs (package diff) of consecutive releases of the version's
//	                              product up to it, newest first; for a product without releases,
//	                              the newest version of each other product against it. Links to the
//	                              Atom feed.
//	reference/migrate             classic → fine-grained: a form run by migrate.js on migrate.json
//	                              (same algorithm as Migrate, checked by a test under node), and a
//	                              static table answering for each scope on its own.
//	reference/calculator          least privilege for chosen endpoints: a search-and-select form
//	                              run by calculator.js on calculator.json (a port of
//	                              access.Table.Minimize on the version's codegen.Build table,
//	                              checked against it by a test under node); only where fine-grained
//	                              tokens exist (the pat-v2 feature, as for the page's intro).
//	reference/downloads           links to the data files and the feed.
//
// A Page's Body is an HTML fragment whose headings start at h2; the site puts it under the intro
// written in content/pages/reference/<name>.md. Permission and category pages exist only for
// permissions and categories present in the version. Records are section-level search entries.
//
// # Downloads
//
// Generator.Downloads(v) returns the data files of a version (permissions.json, endpoints.json,
// endpoints.csv, scopes.json, each described by schema/download-<name>.schema.json and the CSV's
// rows by download-endpoints-csv.schema.json; migrate.json and migrate.js for the migrate page;
// calculator.json and calculator.js for the calculator page);
// LangDownloads(v, lang) returns the Atom feed of changes in lang. Pages link to them at
// DownloadsPath/<name> through the URL function.
//
// # Languages
//
// Every UI string comes from the Translator (Messages lists them with their English text).
// Scope and permission titles and descriptions and product names are looked up with
// Translator.Data; when a language lacks one, the English source is shown inside an element
// with lang="en". Category titles, endpoint summaries and notes stay English and are marked the
// same way on non-English pages. Anchors come from data keys only, so they are the same in
// every language.
//
// # Invariants
//
// Output depends only on the model, the translator and the options: equal inputs give
// byte-identical pages and files. Every endpoint of a version is on exactly one category page
// and on the page of every permission it names; index counts equal the model's; ids are unique
// per page and every link between these pages resolves (tested); text from the data is always
// escaped; tables have a caption and header cells with scope.
//
// # Cost
//
// The pages are most of the site, so they are written in Go with htmlw (html.go), which
// escapes each value as html/template would in its context (compared with html/template by a
// test); only the small fixed pages (downloads, calculator) are templates. A page is written
// into a buffer sized from the same page written before and becomes the body without a copy.
// Per version, the language-independent data (lists, endpoints per permission and scope,
// migrations) is computed once and kept; an endpoint's escaped text and search text are made
// once per generator; the fragments the pages of one version and language repeat (permission,
// scope and endpoint links, section terms, marks) are made once per Pages call, and interface
// strings once per language (cache.go). The JSON download files are written straight into
// their buffers by a jsonw (jsonw.go), which gives encoding/json's bytes without its reflection
// (compared with it by tests, and with the encoding/json writers it replaced); the CSV is
// written by encoding/csv. Each download file's buffer is sized from the same file's bytes per
// endpoint in the last version written. A Generator may render several versions and languages
// at once.
package reference
