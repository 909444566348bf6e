// Package e2e holds scoperef's browser tests: the shipped site, built once per test run by the
// scoperef command into a temporary folder and served by a plain static file server on a random
// 127.0.0.1 port, driven in headless Chromium through github.com/chromedp/chromedp (the only
// package that imports it). The package has no code of its own; everything is in its tests.
//
// # What the tests check
//
//   - The language picker and the version picker keep the reader on the same page: every link
//     of a picker, followed with a real click, opens the same page in the chosen language or
//     version; a version where the page does not exist is listed, disabled, with the
//     "unavailable" text, and exactly those versions are (TestLanguagePicker,
//     TestVersionPicker).
//   - The pickers, the skip link, the migrate form, search and the calculator work from the
//     keyboard alone: Tab, Enter, Space, Escape and, in search, the arrow keys
//     (TestKeyboard…).
//   - No console error, uncaught exception or failed request on a sample of pages in every
//     language and version, and no request to any host but the test server (TestNoErrors).
//     Script written into content, translations and data is never executed (TestHostileContent,
//     on a small site built from examples/starter).
//   - The classic → fine-grained page gives exactly reference.Migrate's answer for several scope
//     sets (TestMigratePage); the calculator gives exactly access.Table.Minimize's answer for
//     random endpoint sets (TestCalculator); search's first result for the queries of the
//     reference issue is the expected page (TestSearch). A feature that is not in the built site
//     yet is skipped with a message saying so.
//   - axe-core finds no serious or critical accessibility violation on a sample of pages per
//     language and version (TestAccessibility).
//   - Screenshots of the guide and a permission page in each language, light and dark, are
//     written to a temporary folder named in the test log (TestScreenshots).
//
// # Running
//
// The tests need a `chromium` binary on PATH (Debian's chromium package; .ci/run installs it
// when CI=true) and are skipped with a message otherwise. Chromium runs headless with
// --no-sandbox (CI runs as root), without background networking, component updates, sync or
// first-run pages, and with a new empty profile: the machine has no outside network, and any
// request that leaves 127.0.0.1 fails the test.
//
// Environment:
//
//	AXE_CORE_JS        path of axe-core's axe.min.js (npm package axe-core); TestAccessibility
//	                   is skipped without it. .ci/run installs axe-core@4 into a temporary folder.
//	SCOPEREF_SCREENSHOTS  folder for the screenshots (default: a new temporary folder, kept).
//
// With -short, the page samples are smaller (one page per language and version).
package e2e
