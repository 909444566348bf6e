// Package search builds the site's static search: one JSON index per (language, version),
// written at build time and fetched by templates/assets/search.js only when a reader starts to
// search, and Search, the Go version of the browser's ranking (tests compare the two).
//
// # Inputs
//
// Records, one per section: a guide's sections (RecordsFromPage splits a rendered page at its
// h2 and h3 headings), and the reference's scopes, permissions and endpoints (the Records of
// each reference.Page). Each record has a site-absolute URL with its anchor, its page's title,
// its section's title and its plain text.
//
// # Site integration
//
// For each built version v and language lang, the site collects the records of every page of
// that version and language, in page order, and writes Build(lang, records) to
// URL(lang, v, "search-index.json", "") ("/ja/enterprise-server@3.19/search-index.json"):
//
//	var recs []search.Record
//	// a Markdown page, with r its content.Rendered:
//	hs := make([]search.Heading, len(r.Headings))
//	for i, h := range r.Headings {
//		hs[i] = search.Heading(h)
//	}
//	recs = append(recs, search.RecordsFromPage(URL(lang, v, path, ""), r.Title, hs, string(r.Intro)+string(r.Body))...)
//	// a generated reference page p (reference.Page), title the title the page shows:
//	for _, s := range p.Records {
//		recs = append(recs, search.Record{URL: URL(lang, v, p.Path, s.Anchor), Page: title, Section: s.Title, Text: s.Text})
//	}
//	files["search-index.json"] = search.Build(lang, recs)
//
// Page must be the title the reader sees: for a generated page combined with a Markdown page,
// the Markdown title. Such a page gives two records for its top (the intro's and the
// generator's page-level record); Build merges records with equal URLs. Pages in a version
// but in no language's output (redirects, 404) give no records. Every page carries the form
// search.js enhances, with localised strings as data attributes (see the top of search.js):
//
//	<form role="search" class="search" data-index="/ja/enterprise-server@3.19/search-index.json"
//	      data-msg-loading="…" data-msg-empty="…" data-msg-error="…" data-msg-results="…">
//	  <label for="search-q">…</label>
//	  <input type="search" id="search-q" autocomplete="off">
//	</form>
//	<script src="{{asset "search.js"}}" defer></script>
//
// Nothing is fetched before the input gets focus or input; the index is fetched from the same
// site only, and a failure shows data-msg-error. The form may carry the hidden attribute so that
// readers without JavaScript do not see a search box that cannot work: search.js shows it.
// The listbox and its options have the classes listed at the top of search.js for site.css.
//
// # Tokens
//
// Tokens describes the tokenizer. It is the same for every language but French, which drops
// elided words ("qu'"). Japanese and Korean text is indexed as character bigrams, so a query
// matches any text containing its characters in order, whatever the word boundaries; a path
// template is one token and its static segments are words, so "/repos/{owner}/{repo}/issues"
// finds that path exactly and "issues" finds it too.
//
// # Index
//
// Build writes one JSON object, keys in this order, no whitespace:
//
//	v         format version, 1
//	lang      the language
//	pages     page URLs without anchor, in first-seen order
//	titles    page titles, parallel to pages
//	page      per record, its page's index in pages
//	anchor    per record, the anchor ("" for the top of a page)
//	section   per record, the section title ("" for the top of a page or when equal to the page's title)
//	snippet   per record, the first ~120 code points of its text
//	terms     every token, sorted by bytes
//	postings  per term, flat pairs (record id gap, weight), ids ascending, the first gap from 0
//
// A term's weight in a record (see weigh) is, times 100 and rounded to an integer:
//
//	idf × (BM25(text) + 2·[in the record's title] + 1·[in the page's title]·BM25-length-norm(page title))
//
// with k1 = 1.2, b = 0.75. The record's title is its section's, or its page's for the top of a
// page; titles count a term once; a page title's share shrinks as the title grows, so a term in
// "Managing your personal access tokens" weighs more than in a long title that mentions it
// twice. Weights are integers so that the browser ranks with integer arithmetic only and gets
// exactly what Go gets.
//
// # Ranking
//
// A query is tokenized like the text and its repeated terms dropped. A record's score for a term
// is the term's weight in it. While the last word is being typed (the query does not end with a
// separator), the terms of that last word or compound that are not bigrams also match every
// longer term they start, at half weight (integer division); a record keeps its best weight per
// query term. Records are ordered by the number of query terms they match, then by the sum of
// their weights, then by index order. With two or more query terms, a record whose title
// contains the whole query as a phrase gets half its score again, one whose page title or
// snippet contains it a quarter (integer division); the phrase is the query normalised with
// separators collapsed to one space, and it must not cut a word or compound
// ("/repos/{owner}/{repo}/issues" is not in ".../issues/{issue_number}"). Search returns the
// first MaxResults. So "/repos/{owner}/{repo}/issues" lists GET and POST on that path first,
// "issues write" the Issues permission, "admin:org" that scope before admin:org_hook.
//
// # Invariants
//
// Build is deterministic: the same records give the same bytes. search.js and this package
// tokenize and rank identically: TestJSMatchesGo runs search.js under node and compares fold and
// class of every code point (but those Go's Unicode tables do not assign: a browser's Unicode
// version is its own), the tokens of every record text, and the ranked results with scores of
// thousands of queries on the project's indexes (node missing: the test is skipped and says so).
// Each index of the project's data stays under 300 KB gzipped (TestIndexSize logs the sizes).
package search
