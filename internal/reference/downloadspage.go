package reference

import "strings"

type downloadRow struct {
	Name, Href, Format, Description, Schema string
}

// downloadList is the order and the schema of the downloads the downloads page lists.
var downloadList = []struct{ name, format, schema string }{
	{"permissions.json", "JSON", "download-permissions.schema.json"},
	{"endpoints.json", "JSON", "download-endpoints.schema.json"},
	{"endpoints.csv", "CSV", "download-endpoints-csv.schema.json"},
	{"scopes.json", "JSON", "download-scopes.schema.json"},
	{FeedName, "Atom", ""},
}

func (c *ctx) downloadsPage() Page {
	var rows []downloadRow
	for _, d := range downloadList {
		rows = append(rows, downloadRow{Name: d.name, Href: c.URL(DownloadsPath+"/"+d.name, ""), Format: d.format,
			Description: c.T("reference.downloads." + strings.ReplaceAll(d.name, ".", "_")), Schema: d.schema})
	}
	body := render("downloads", map[string]any{"C": c, "Rows": rows})
	return Page{Path: "reference/downloads", Title: c.T("reference.downloads.title"), Body: body}
}
