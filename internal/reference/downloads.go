package reference

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"slices"
	"strconv"
	"time"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

// DownloadsPath is the path, under a version, where the site serves the files of Downloads and
// LangDownloads; pages link to DownloadsPath + "/" + name through the URL function.
const DownloadsPath = "reference/downloads"

// FeedName is the Atom feed of changes that LangDownloads returns.
const FeedName = "changes.atom"

//go:embed migrate.js
var migrateJS []byte

// Downloads returns the version's data files by name: permissions.json, endpoints.json,
// endpoints.csv and scopes.json (each described by schema/download-<name>.schema.json, the CSV's
// rows by download-endpoints-csv.schema.json), migrate.json and migrate.js for the migrate
// page, and calculator.json (download-calculator.schema.json) and calculator.js for the
// calculator page where it exists. The bytes depend only on the model: equal models give equal
// files.
func (g *Generator) Downloads(v *model.Version) map[string][]byte {
	c := g.ctx(v, "en")
	files := map[string][]byte{
		"permissions.json": mustJSON(c.permissionsDownload()),
		"endpoints.json":   mustJSON(c.endpointsDownload()),
		"endpoints.csv":    c.endpointsCSV(),
		"scopes.json":      mustJSON(c.scopesDownload()),
		"migrate.json":     mustJSON(c.migrateDownload()),
		"migrate.js":       migrateJS,
	}
	if c.hasCalculator() {
		files["calculator.json"] = c.calculatorDownload()
		files["calculator.js"] = calculatorJS
	}
	return files
}

// LangDownloads returns the files of a version that depend on the language: the Atom feed of
// changes (FeedName).
func (g *Generator) LangDownloads(v *model.Version, lang string) map[string][]byte {
	return map[string][]byte{FeedName: g.ctx(v, lang).feed()}
}

type permissionJSON struct {
	ID          string              `json:"id"`
	Group       string              `json:"group"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Levels      []string            `json:"levels"`
	Endpoints   map[string][]string `json:"endpoints"`
}

func (c *ctx) permissionsDownload() any {
	out := []permissionJSON{}
	for _, p := range c.permissions() {
		x := permissionJSON{ID: p.ID, Group: string(p.Group), Title: p.Title, Description: p.Description, Levels: []string{}, Endpoints: map[string][]string{}}
		for _, l := range p.Levels {
			x.Levels = append(x.Levels, l.String())
			x.Endpoints[l.String()] = operations(c.uses()[p][l])
		}
		out = append(out, x)
	}
	return map[string]any{"version": c.v.Name(), "permissions": out}
}

func operations(eps []*model.Endpoint) []string {
	out := []string{}
	for _, e := range eps {
		out = append(out, e.Operation)
	}
	return out
}

type endpointJSON struct {
	Operation   string          `json:"operation"`
	Method      string          `json:"method"`
	Path        string          `json:"path"`
	Summary     string          `json:"summary"`
	Category    string          `json:"category"`
	Subcategory string          `json:"subcategory"`
	Docs        string          `json:"docs,omitempty"`
	CloudOnly   bool            `json:"cloud_only"`
	Deprecated  string          `json:"deprecated,omitempty"`
	Removal     string          `json:"removal,omitempty"`
	GitHubApps  bool            `json:"github_apps"`
	FineGrained fineGrainedJSON `json:"fine_grained"`
	Classic     classicJSON     `json:"classic"`
	Notes       []string        `json:"notes"`
}

type fineGrainedJSON struct {
	Accepted                bool                `json:"accepted"`
	PublicWithoutPermission bool                `json:"public_without_permission"`
	AnyOf                   []map[string]string `json:"any_of"`
}

type classicJSON struct {
	Accepted bool       `json:"accepted"`
	Private  [][]string `json:"private"`
	Public   [][]string `json:"public"`
}

func toFineGrained(fg model.FineGrained) fineGrainedJSON {
	x := fineGrainedJSON{Accepted: fg.Accepted, PublicWithoutPermission: fg.PublicWithoutPermission, AnyOf: []map[string]string{}}
	for _, set := range fg.AnyOf {
		m := map[string]string{}
		for _, g := range set {
			m[g.Permission.ID] = g.Level.String()
		}
		x.AnyOf = append(x.AnyOf, m)
	}
	return x
}

func toClassic(cl model.Classic) classicJSON {
	ids := func(sets [][]*model.Scope) [][]string {
		out := [][]string{}
		for _, set := range sets {
			s := []string{}
			for _, x := range set {
				s = append(s, x.ID)
			}
			out = append(out, s)
		}
		return out
	}
	return classicJSON{Accepted: cl.Accepted, Private: ids(cl.Private), Public: ids(cl.Public)}
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func (c *ctx) endpointsDownload() any {
	out := []endpointJSON{}
	for _, e := range c.m.EndpointsIn(c.vi) {
		r := e.Requirement(c.vi)
		x := endpointJSON{Operation: e.Operation, Method: e.Method, Path: e.Path, Summary: e.Summary, Category: e.Category.ID,
			Subcategory: e.Subcategory, Docs: e.Docs, CloudOnly: e.CloudOnly, Deprecated: date(e.Deprecated), Removal: date(e.Removal),
			GitHubApps: r.GitHubApps, FineGrained: toFineGrained(r.FineGrained), Classic: toClassic(r.Classic), Notes: []string{}}
		x.Notes = append(append(append(x.Notes, e.Notes...), r.Notes...), r.Classic.Notes...)
		out = append(out, x)
	}
	return map[string]any{"version": c.v.Name(), "endpoints": out}
}

// CSVHeader is the first row of endpoints.csv.
var CSVHeader = []string{"operation", "method", "path", "category", "summary", "fine_grained", "github_apps",
	"classic_private", "classic_public", "deprecated", "removal", "docs"}

func (c *ctx) endpointsCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(CSVHeader)
	for _, e := range c.m.EndpointsIn(c.vi) {
		r := e.Requirement(c.vi)
		w.Write([]string{e.Operation, e.Method, e.Path, e.Category.ID, e.Summary, diff.FineGrainedText(r.FineGrained),
			strconv.FormatBool(r.GitHubApps), diff.ClassicText(r.Classic, false), diff.ClassicText(r.Classic, true),
			date(e.Deprecated), date(e.Removal), e.Docs})
	}
	w.Flush()
	return b.Bytes()
}

type scopeJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Parents     []string `json:"parents"`
	Children    []string `json:"children"`
	Implies     []string `json:"implies"`
	Endpoints   []string `json:"endpoints"`
}

func scopeIDs(list []*model.Scope) []string {
	out := []string{}
	for _, s := range list {
		out = append(out, s.ID)
	}
	slices.Sort(out)
	return out
}

func (c *ctx) scopesDownload() any {
	out := []scopeJSON{}
	for _, s := range c.scopes() {
		var implied []*model.Scope
		for x := range c.closure([]*model.Scope{s}) {
			if x != s {
				implied = append(implied, x)
			}
		}
		out = append(out, scopeJSON{ID: s.ID, Title: s.Title, Description: s.Description, Parents: scopeIDs(c.parents(s)),
			Children: scopeIDs(c.children(s)), Implies: scopeIDs(implied), Endpoints: operations(c.acceptedBy(s))})
	}
	return map[string]any{"version": c.v.Name(), "scopes": out}
}

type migrateScopeJSON struct {
	ID       string   `json:"id"`
	Children []string `json:"children"`
}

type migrateEndpointJSON struct {
	Operation   string          `json:"operation"`
	Method      string          `json:"method"`
	Path        string          `json:"path"`
	Category    string          `json:"category"`
	Anchor      string          `json:"anchor"`
	Classic     classicJSON     `json:"classic"`
	FineGrained fineGrainedJSON `json:"fine_grained"`
}

// migrateDownload is what migrate.js needs to run Migrate in the browser.
func (c *ctx) migrateDownload() any {
	scopes := []migrateScopeJSON{}
	for _, s := range c.scopes() {
		scopes = append(scopes, migrateScopeJSON{ID: s.ID, Children: scopeIDs(c.children(s))})
	}
	seed := []MigrateGrant{}
	if meta, ok := c.m.Permission("metadata"); ok && meta.Versions.Has(c.vi) && meta.Offers(model.Read) {
		seed = append(seed, MigrateGrant{Permission: "metadata", Level: "read"})
	}
	eps := []migrateEndpointJSON{}
	for _, e := range c.m.EndpointsIn(c.vi) {
		r := e.Requirement(c.vi)
		x := migrateEndpointJSON{Operation: e.Operation, Method: e.Method, Path: e.Path, Category: e.Category.ID,
			Anchor: c.g.EndpointAnchor(e), Classic: toClassic(r.Classic), FineGrained: toFineGrained(r.FineGrained)}
		eps = append(eps, x)
	}
	return map[string]any{"version": c.v.Name(), "seed": seed, "scopes": scopes, "endpoints": eps}
}
