package reference

import (
	"html/template"

	"github.com/scoperef/scoperef/internal/model"
)

type migrateRow struct {
	Scope       template.HTML
	Title       Text
	Permissions []template.HTML
	None        []endpointLink
	NoneCount   string
}

type migrateOption struct {
	ID    string
	Title Text
}

func (c *ctx) migratePage() Page {
	var rows []migrateRow
	var options []migrateOption
	for _, s := range c.scopes() {
		res := c.g.versionData(c).migrated[s]
		row := migrateRow{Scope: c.scopeHTML(s), Title: c.scopeTitle(s), NoneCount: c.N("reference.count.endpoints", len(res.NoFineGrained))}
		for _, g := range res.Permissions {
			p, _ := c.m.Permission(g.Permission)
			l, _ := model.ParseLevel(g.Level)
			row.Permissions = append(row.Permissions, c.grantHTML(model.Grant{Permission: p, Level: l}))
		}
		for _, e := range res.NoFineGrained {
			row.None = append(row.None, c.endpointLink(e.Endpoint))
		}
		rows = append(rows, row)
		options = append(options, migrateOption{ID: s.ID, Title: c.scopeTitle(s)})
	}
	body := render("migrate", map[string]any{"C": c, "Rows": rows, "Options": options,
		"Data":           c.URL(DownloadsPath+"/migrate.json", ""),
		"Script":         c.URL(DownloadsPath+"/migrate.js", ""),
		"PermissionURL":  c.URL("reference/permissions/__id__", "__level__"),
		"EndpointURL":    c.URL("reference/endpoints/__category__", "__anchor__"),
		"LevelWords":     string(mustJSON(map[string]string{"read": c.levelWord(model.Read), "write": c.levelWord(model.Write), "admin": c.levelWord(model.Admin)})),
		"NoPermissions":  c.T("reference.migrate.no_permissions"),
		"NoneUncallable": c.T("reference.migrate.none_uncallable")})
	return Page{Path: "reference/migrate", Title: c.T("reference.migrate.title"), Body: body,
		Records: []SearchRecord{{Anchor: "by-scope", Title: c.T("reference.migrate.by_scope"), Text: c.T("reference.migrate.intro")}}}
}
