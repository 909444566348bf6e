package search

import (
	"reflect"
	"testing"
)

func TestRecordsFromPage(t *testing.T) {
	body := `<p>Intro &amp; more<br>text.</p>
<div class="callout" role="note"><p class="callout-title">Warning</p><p>Keep tokens <em>secret</em>.</p></div>
<h2 id="about">About <code>repo</code> tokens</h2>
<p>First<span>part</span></p><ul><li>one</li><li>two</li></ul>
<!-- a comment <h2 id="no">x</h2> -->
<h3 id='sub' class="x">Sub &lt;section&gt;</h3><p>Sub text <a href="/x" title="a > b">link</a></p>
<h2>No id</h2><p>stays in sub</p>
<h4 id="deep">Deep</h4><p>also in sub</p>
<script>var x = "<h2 id=s>";</script>
<h2 id="last">Last</h2>`
	want := []Record{
		{URL: "/en/guide", Page: "Guide", Text: "Intro & more text. Warning Keep tokens secret."},
		{URL: "/en/guide#about", Page: "Guide", Section: "About repo tokens", Text: "Firstpart one two"},
		{URL: "/en/guide#sub", Page: "Guide", Section: "Sub <section>", Text: "Sub text link No id stays in sub Deep also in sub"},
		{URL: "/en/guide#last", Page: "Guide", Section: "Last"},
	}
	if got := RecordsFromPage("/en/guide", "Guide", nil, body); !reflect.DeepEqual(got, want) {
		t.Errorf("without headings:\n got %+v\nwant %+v", got, want)
	}
	// With headings, only theirs start sections, and their text is the section title.
	hs := []Heading{{ID: "about", Text: "About repo tokens (from the list)", Level: 2}, {ID: "last", Text: "Last", Level: 2}, {ID: "deep", Text: "Deep", Level: 4}}
	want = []Record{
		want[0],
		{URL: "/en/guide#about", Page: "Guide", Section: "About repo tokens (from the list)",
			Text: "Firstpart one two Sub <section> Sub text link No id stays in sub Deep also in sub"},
		want[3],
	}
	if got := RecordsFromPage("/en/guide", "Guide", hs, body); !reflect.DeepEqual(got, want) {
		t.Errorf("with headings:\n got %+v\nwant %+v", got, want)
	}
	// An empty body still gives the page's record, so its title is searchable.
	if got := RecordsFromPage("/ja", "ホーム", nil, ""); !reflect.DeepEqual(got, []Record{{URL: "/ja", Page: "ホーム"}}) {
		t.Errorf("empty body: %+v", got)
	}
}
