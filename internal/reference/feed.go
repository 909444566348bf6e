package reference

import (
	"encoding/xml"
	"strings"
	"time"

	"github.com/scoperef/scoperef/internal/diff"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

// feedPairs are the comparisons in the version's feed: the consecutive releases of its product up
// to it, or, for a product without releases, those of every product with releases.
func (c *ctx) feedPairs() []pair {
	if !c.v.Release.IsZero() {
		return c.g.releasePairs(c.v.Product, c.v)
	}
	var out []pair
	for _, p := range c.m.Products {
		out = append(out, c.g.releasePairs(p, nil)...)
	}
	return out
}

// feed is the Atom feed of changes between releases, in the ctx's language. Entry dates are the
// newer release's general availability, so the feed changes only when the data does.
func (c *ctx) feed() []byte {
	f := atomFeed{Lang: c.lang, ID: "tag:scoperef.dev,2025:changes/" + c.lang + "/" + c.v.Name(),
		Title: c.T("reference.changes.feed_title", "Version", c.versionName(c.v).S), Author: atomAuthor{Name: "scoperef"},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: c.URL(DownloadsPath+"/"+FeedName, "")},
			{Rel: "alternate", Type: "text/html", Href: c.URL("reference/changes", "")}}}
	var newest time.Time
	for _, p := range c.feedPairs() {
		day := p.To.GeneralAvailability
		if day.IsZero() {
			day = p.To.ReleaseCandidate
		}
		if day.After(newest) {
			newest = day
		}
		to := c.g.ctx(p.To, c.lang)
		f.Entries = append(f.Entries, atomEntry{ID: "tag:scoperef.dev,2025:changes/" + c.lang + "/" + p.From.Name() + "/" + p.To.Name(),
			Title:   c.T("reference.changes.pair", "From", c.versionName(p.From).S, "To", c.versionName(p.To).S),
			Updated: day.Format(time.RFC3339), Link: atomLink{Rel: "alternate", Type: "text/html", Href: to.URL("reference/changes", p.anchor())},
			Summary: c.changeSummary(c.g.compare(p))})
	}
	f.Updated = newest.Format(time.RFC3339)
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		panic("reference: feed: " + err.Error())
	}
	return append([]byte(xml.Header), append(out, '\n')...)
}

// changeSummary counts a diff's changes in words: "2 endpoints added, 1 scope removed".
func (c *ctx) changeSummary(r *diff.Result) string {
	if r.Empty() {
		return c.T("reference.changes.no_changes")
	}
	var parts []string
	for _, x := range []struct {
		id string
		n  int
	}{
		{"reference.changes.count_endpoints_added", len(r.EndpointsAdded)},
		{"reference.changes.count_endpoints_removed", len(r.EndpointsRemoved)},
		{"reference.changes.count_requirements_changed", len(r.RequirementChanges)},
		{"reference.changes.count_permissions_added", len(r.PermissionsAdded)},
		{"reference.changes.count_permissions_removed", len(r.PermissionsRemoved)},
		{"reference.changes.count_scopes_added", len(r.ScopesAdded)},
		{"reference.changes.count_scopes_removed", len(r.ScopesRemoved)},
	} {
		if x.n > 0 {
			parts = append(parts, c.N(x.id, x.n))
		}
	}
	return strings.Join(parts, c.T("reference.list_separator"))
}
