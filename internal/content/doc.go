// Package content is the Markdown half of scoperef's render stage: it reads the pages and
// reusables of a project with their translations, checks them, and renders a page for one
// product version and one language into HTML for the site's layouts.
//
// # Inputs
//
// Load reads, under Options.Root:
//
//	content/pages/**.md              English pages; a/b.md and a/b/index.md are the page "a/b",
//	                                 index.md is the home page ""
//	content/reusables/**.md          English reusables; a/b.md is {% data reusables.a.b %}
//	locales/<lang>/pages/**.md       translations of pages, same relative paths
//	locales/<lang>/reusables/**.md   translations of reusables
//
// for each language of Options.Langs after "en", and takes versions, features and variables from
// Options.Model. File and folder names are lower-case letters, digits and "-" ("_" too for
// reusables); other files are ignored.
//
// # Front matter
//
// A page starts with YAML front matter between two "---" lines (schema/frontmatter.schema.json):
//
//	title          required; the page's title, also the text of [AUTOTITLE] links to it
//	short_title    optional; for navigation (defaults to title)
//	intro          optional; one Markdown paragraph shown under the title
//	versions       optional version range (package vrange); default every version
//	redirect_from  optional list of old paths ("/old/path") that lead to the page
//
// A translated page has title, optional short_title and intro, and source_hash: SourceHash of the
// English file it was translated from. English reusables have no front matter; a translated
// reusable has only source_hash. Keys are decoded with package yamlio; an unknown key, a key that
// belongs to the English page (versions, redirect_from) in a translation, a value of the wrong
// type, and tags in front matter are errors at their position.
//
// # Tags
//
// Before Markdown is parsed, the body is split into text and tags, written {% name argument %} on
// one line:
//
//	{% ifversion RANGE %} … {% elsif RANGE %} … {% else %} … {% endif %}   nestable
//	{% data reusables.a.b %}      the reusable's text, evaluated for the same version
//	{% data variables.x.y %}      the variable's value for the version (model.Variable.Value)
//
// Tags are recognised everywhere, code blocks included. A tag alone on its line (blanks aside),
// except a variable, takes the whole line with it, so conditions and reusables leave no blank
// lines: list items in a reusable join the surrounding list. A reusable alone on an indented
// line has each of its lines indented the same way (a reusable inside a list item). A reusable
// inside a line is inserted without its final newline.
//
// Load reports, with file:line:col: a tag without "%}" on its line, an unknown tag (with a
// suggestion for if, elseif, ...), elsif/else/endif without ifversion, elsif or else after else,
// an ifversion never closed, a range that does not parse or names an unknown product or feature
// (at the exact column, via model.Env.Check), a range that matches no version (a warning), an
// unknown reusable or variable, and reusables that include each other (per language). A variable
// without a value for a version where it is used is an error of that render.
//
// # Markdown
//
// The evaluated text is CommonMark with GFM tables and strikethrough, parsed by package markdown
// (extension.CJK for ja). Raw HTML is not rendered (a warning). Additionally:
//
//   - Headings get an id: the explicit `## Title {#id}`, else one derived from the English
//     heading's text (lower-case ASCII letters, digits, "-", "_"). A translated heading takes the
//     id of the English heading at the same place in the same version, so anchors are identical
//     in every language; a different explicit id there, a heading count that differs, a heading
//     with no id (e.g. no ASCII text and no {#id}) and a duplicate id in a page are errors.
//   - Links: "/path" and "/path#anchor" must name a page that exists in the version (an old path
//     from redirect_from is an error naming the new one); they are rewritten to URL(lang, v, path,
//     anchor) for the reader's language. [AUTOTITLE](/path) takes the target's title in the
//     language of the text around it (a title that falls back to English is marked
//     <span lang="en">). "#anchor" stays. http:, https: and mailto: links are kept; javascript:,
//     vbscript:, data: and file: (however written: case, entities, tabs), other schemes,
//     "//host" and relative paths are errors. Images are errors: the site loads nothing from
//     elsewhere.
//   - Callouts: a blockquote starting with the line [!NOTE], [!TIP], [!IMPORTANT], [!WARNING]
//     or [!CAUTION] renders as <div class="callout callout-KIND" role="note"> with
//     <p class="callout-title">LABEL</p>, LABEL from Options.Label(lang, kind).
//
// # Translations and fallback
//
// Render(p, v, lang) uses locales/<lang>/pages/<path>.md when it exists; otherwise the English
// page with Rendered.Fallback set and Lang "en" (the site wraps it in lang="en"). Inside a
// translated page, a reusable without a translation is the English one, marked lang="en" (a
// <div> around whole blocks, the attribute on list items and table rows so lists stay whole, a
// <span> inline) and counted in FallbackParts, as are English AUTOTITLE texts and an English intro.
//
// Load compares each translation with its English source and reports, with positions: a
// missing source_hash (giving the value to write); a stale one (a warning; the translation is
// still used and Rendered.Stale is set); version conditions that differ (the first difference);
// {% data %} references added or missing (order is free); and in every version, internal links
// added or missing and callouts of other kinds or order, comparing each file's own text
// (reusables are compared as files of their own). Coverage lists what is translated, stale and
// missing per language.
//
// # Outputs
//
// Load returns the Site and every diagnostic, sorted by diag.List. It renders every page in
// every version of the model (hidden ones too: a release must not break the build on the day it
// appears) in English and in each translation, so check errors of renders are all in the list.
// Render returns the page's titles, intro and body HTML, its h2/h3 headings and its internal
// links with their source positions (the site checks anchors). Load keeps its renders that had
// no error and Render returns a copy of those, so a site build does not render them again
// (what is not kept, such as a page shown in English to a language without its translation,
// is rendered on demand).
//
// With Options.Parsed (scoperef serve), a Load after an edit parses only the Markdown that
// changed and renders again only what the edit can change: a page's render is remembered with
// what it read (its files, the reusables it included, the model, and the site's paths, titles,
// redirects, reusable names and callout labels) and taken again while all of that is the same,
// with its diagnostics. A Load with the cache gives what a Load without it gives.
//
// # Invariants
//
//   - Every diagnostic has a file and, when it concerns text, a line and column: positions in a
//     reusable are in the reusable's file, positions of variable values are their tag's.
//   - A Site is never modified after Load: Render, Title and Coverage are safe for concurrent use.
//   - Rendering is deterministic: the same input gives the same bytes.
//   - Only package markdown imports goldmark and only package yamlio imports YAML.
package content
