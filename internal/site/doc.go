// Package site is the render stage for the documentation site: it lays out every page of every
// built product version in every language, checks every internal link, and writes the whole
// site atomically.
//
// # Inputs
//
// Build takes the validated model (its Built versions: every version that is not hidden,
// deprecated ones included), the content stage (Content: Markdown pages rendered per version and
// language; FromContent adapts package content), optional Generators for data-driven pages, the
// interface-string Catalog (package i18n), and the templates folder (layouts/*.html,
// partials/*.html, assets/*).
//
// A Generator returns pages per version and language. A generated page whose path is also a
// Markdown page's path is combined with it: the Markdown page gives the title, intro and the
// first part of the body, the generated body follows (so content/pages/reference/scopes.md can
// introduce a generated table of scopes). Otherwise the generated page stands alone. A generated
// page that leaves its headings, ids or links empty has them read from its HTML; its Records
// are its sections in the search index. A FileGenerator also publishes files (downloads) under
// the version and language. Reference returns the generator of package reference (scopes,
// permissions, endpoints, changes, migrate, calculator, downloads).
//
// # Output
//
// Paths follow GitHub Docs' scheme (URL): /{lang}/{path} for dotcom,
// /{lang}/enterprise-cloud@latest/{path}, /{lang}/enterprise-server@X.Y/{path}, each written as
// …/index.html. Besides pages, Build writes:
//   - a page at every redirect_from path of a page, in every version and language where the page
//     exists, pointing to its current address (meta refresh, canonical, plain link);
//   - /index.html, a language chooser: site.js sends readers to the first of navigator.languages
//     that the site has, and plain links serve everyone else;
//   - /404.html, in every language;
//   - /{lang}/sitemap.xml with hreflang alternates for every page, /sitemap.xml (the index) and
//     /robots.txt, all with absolute URLs under Options.BaseURL;
//   - the search index of every version and language (SearchIndex: /{lang}/search-index.json,
//     /{lang}/enterprise-server@X.Y/search-index.json; package search): the sections of every
//     page of the version in page order, Markdown pages split at their h2 and h3 headings
//     (search.RecordsFromPage on the rendered intro and body, not the laid-out page), generated
//     parts by their Records, all under the title the page shows. search.js fetches it when a
//     reader starts to search;
//   - templates/assets/* as /assets/{name}.{hash}.{ext}: the hash of the content is in the name.
//
// Every page has a skip link, header/nav/main/footer landmarks, <html lang> in the reader's
// language, rel=canonical, hreflang alternates for every language plus x-default (English), a
// version picker and a language picker that keep the reader on the same page (versions where
// the page does not exist are listed but disabled), a search form over the version's index
// (hidden until search.js shows it), a breadcrumb, an on-this-page list (h2 and
// h3), the version's release-candidate or discontinued banner (dates in the reader's language),
// and a notice on translations that are partly English or stale. Text shown in English in
// place of a translation is marked lang="en": whole pages by the article's lang attribute,
// parts by the content stage, interface strings by the layouts' t function.
//
// # Layouts
//
// The "page" layout gets a pageView: .Lang, .Path, .Page (title, intro, body), .DocTitle,
// .HomeURL, .Canonical, .Alternates, .Version and .Versions (the version picker), .Langs (the
// language picker), .Crumbs, .Banner, .Notice, .Search (the search index's URL and the result
// counts for search.js), .UI and .UIText (the layouts' interface strings as HTML and as text),
// and .Nav and .TOC, the page list and the on-this-page list as ready <li>
// elements (built in Go: reference pages have hundreds of entries); likewise .VersionMenu and
// .LangMenu (the pickers' <li> entries), .CrumbList (the breadcrumb's) and .AlternateLinks (the
// hreflang <link> elements).
// .Site holds what is the same on every page of a version and language (.Lang, .HomeURL, .UI,
// .UIText, .Search) for memo. The "root", "notfound" and "redirect" layouts make /index.html,
// /404.html and the redirect pages.
//
// # Template functions
//
//	t LANG ID [NAME VALUE]...    an interface string as HTML (<span lang="en"> when it fell back)
//	tn LANG ID COUNT [NAME VALUE]...   t for a plural message ({{.Count}})
//	ts LANG ID [NAME VALUE]...   an interface string as plain text, for attributes and <title>
//	asset NAME                   the fingerprinted URL of templates/assets/NAME
//	langname LANG                a language's own name ("Français")
//	plain HTML                   text of an HTML fragment, for the meta description
//	memo NAME DATA               the template NAME executed with DATA, once per build when DATA
//	                             is a pointer such as .Site (memo.go)
//
// # Rebuilding
//
// Options.Cache carries work from one build to the next (scoperef serve): generator output is
// reused for the same generator, version and language, a page's bytes are reused when its
// Page and everything else its layout shows are unchanged, and a search index when its records
// are. A rebuild after a page edit then
// renders the Markdown pages again but lays out only the pages that changed.
//
// # Invariants
//
// A build fails, writing nothing through WriteDir, when a link from a page (Page.Links) names a
// page missing in the linking page's version, or an anchor that is not a heading or listed id of
// the target page in that version and language; each error carries the link's source position.
// The output is a function of the inputs only: no timestamps, map-order or scheduling effects,
// so two builds of the same input are byte-identical whatever Options.Workers is. Pages are
// rendered and laid out on Options.Workers goroutines, one language at a time: everything a
// layout shows besides the page itself (page list, version picker, breadcrumb, banner link) and
// every link checked come from pages of the same language, so the text of only one language is
// held in memory at once. Nothing in the output loads anything from
// another site: no external fonts, scripts, styles or images.
//
// WriteDir never writes into the folder it publishes: a build goes into a folder beside it (the
// spare left by the build before, or a new one) that replaces it by rename once complete, and
// after WriteDir returns without error that folder holds exactly the files the build wrote
// (TestWriteDirSpare).
package site
