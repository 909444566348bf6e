package reference

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/scoperef/scoperef/access"
	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

// This file keeps the download writers as they were before they wrote JSON by hand: the files'
// values built as Go values and encoded by encoding/json (json.Encoder with SetEscapeHTML(false)
// and SetIndent("", "  "), and json.Marshal for the compact calculator.json), and the CSV written
// by encoding/csv. origDownloads is what Downloads must give byte for byte (downloads_pin_test.go).

// origDownloads is Downloads(v) as encoding/json and encoding/csv write it.
func (g *Generator) origDownloads(v *model.Version) map[string][]byte {
	c := g.ctx(v, "en")
	files := map[string][]byte{
		"permissions.json": origJSON(c.origPermissions()),
		"endpoints.json":   origJSON(c.origEndpoints()),
		"endpoints.csv":    c.origEndpointsCSV(),
		"scopes.json":      origJSON(c.origScopes()),
		"migrate.json":     origJSON(c.origMigrate()),
		"migrate.js":       migrateJS,
	}
	if c.hasCalculator() {
		files["calculator.json"] = c.origCalculator()
		files["calculator.js"] = calculatorJS
	}
	return files
}

// origJSON is v as json.Encoder writes it with SetEscapeHTML(false) and SetIndent("", "  ").
func origJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return b.Bytes()
}

type origPermissionJSON struct {
	ID          string              `json:"id"`
	Group       string              `json:"group"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Levels      []string            `json:"levels"`
	Endpoints   map[string][]string `json:"endpoints"`
}

func (c *ctx) origPermissions() any {
	out := []origPermissionJSON{}
	for _, p := range c.permissions() {
		x := origPermissionJSON{ID: p.ID, Group: string(p.Group), Title: p.Title, Description: p.Description, Levels: []string{}, Endpoints: map[string][]string{}}
		for _, l := range p.Levels {
			x.Levels = append(x.Levels, l.String())
			x.Endpoints[l.String()] = origOperations(c.uses()[p][l])
		}
		out = append(out, x)
	}
	return map[string]any{"version": c.v.Name(), "permissions": out}
}

func origOperations(eps []*model.Endpoint) []string {
	out := []string{}
	for _, e := range eps {
		out = append(out, e.Operation)
	}
	return out
}

type origEndpointJSON struct {
	Operation   string              `json:"operation"`
	Method      string              `json:"method"`
	Path        string              `json:"path"`
	Summary     string              `json:"summary"`
	Category    string              `json:"category"`
	Subcategory string              `json:"subcategory"`
	Docs        string              `json:"docs,omitempty"`
	CloudOnly   bool                `json:"cloud_only"`
	Deprecated  string              `json:"deprecated,omitempty"`
	Removal     string              `json:"removal,omitempty"`
	GitHubApps  bool                `json:"github_apps"`
	FineGrained origFineGrainedJSON `json:"fine_grained"`
	Classic     origClassicJSON     `json:"classic"`
	Notes       []string            `json:"notes"`
}

type origFineGrainedJSON struct {
	Accepted                bool                `json:"accepted"`
	PublicWithoutPermission bool                `json:"public_without_permission"`
	AnyOf                   []map[string]string `json:"any_of"`
}

type origClassicJSON struct {
	Accepted bool       `json:"accepted"`
	Private  [][]string `json:"private"`
	Public   [][]string `json:"public"`
}

func origFineGrained(fg model.FineGrained) origFineGrainedJSON {
	x := origFineGrainedJSON{Accepted: fg.Accepted, PublicWithoutPermission: fg.PublicWithoutPermission, AnyOf: []map[string]string{}}
	for _, set := range fg.AnyOf {
		m := map[string]string{}
		for _, g := range set {
			m[g.Permission.ID] = g.Level.String()
		}
		x.AnyOf = append(x.AnyOf, m)
	}
	return x
}

func origClassic(cl model.Classic) origClassicJSON {
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
	return origClassicJSON{Accepted: cl.Accepted, Private: ids(cl.Private), Public: ids(cl.Public)}
}

func (c *ctx) origEndpoints() any {
	out := []origEndpointJSON{}
	for _, e := range c.m.EndpointsIn(c.vi) {
		r := e.Requirement(c.vi)
		x := origEndpointJSON{Operation: e.Operation, Method: e.Method, Path: e.Path, Summary: e.Summary, Category: e.Category.ID,
			Subcategory: e.Subcategory, Docs: e.Docs, CloudOnly: e.CloudOnly, Deprecated: date(e.Deprecated), Removal: date(e.Removal),
			GitHubApps: r.GitHubApps, FineGrained: origFineGrained(r.FineGrained), Classic: origClassic(r.Classic), Notes: []string{}}
		x.Notes = append(append(append(x.Notes, e.Notes...), r.Notes...), r.Classic.Notes...)
		out = append(out, x)
	}
	return map[string]any{"version": c.v.Name(), "endpoints": out}
}

func (c *ctx) origEndpointsCSV() []byte {
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

type origScopeJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Parents     []string `json:"parents"`
	Children    []string `json:"children"`
	Implies     []string `json:"implies"`
	Endpoints   []string `json:"endpoints"`
}

func origScopeIDs(list []*model.Scope) []string {
	out := []string{}
	for _, s := range list {
		out = append(out, s.ID)
	}
	slices.Sort(out)
	return out
}

func (c *ctx) origScopes() any {
	out := []origScopeJSON{}
	for _, s := range c.scopes() {
		var implied []*model.Scope
		for x := range c.closure([]*model.Scope{s}) {
			if x != s {
				implied = append(implied, x)
			}
		}
		out = append(out, origScopeJSON{ID: s.ID, Title: s.Title, Description: s.Description, Parents: origScopeIDs(c.parents(s)),
			Children: origScopeIDs(c.children(s)), Implies: origScopeIDs(implied), Endpoints: origOperations(c.acceptedBy(s))})
	}
	return map[string]any{"version": c.v.Name(), "scopes": out}
}

type origMigrateScopeJSON struct {
	ID       string   `json:"id"`
	Children []string `json:"children"`
}

type origMigrateEndpointJSON struct {
	Operation   string              `json:"operation"`
	Method      string              `json:"method"`
	Path        string              `json:"path"`
	Category    string              `json:"category"`
	Anchor      string              `json:"anchor"`
	Classic     origClassicJSON     `json:"classic"`
	FineGrained origFineGrainedJSON `json:"fine_grained"`
}

func (c *ctx) origMigrate() any {
	scopes := []origMigrateScopeJSON{}
	for _, s := range c.scopes() {
		scopes = append(scopes, origMigrateScopeJSON{ID: s.ID, Children: origScopeIDs(c.children(s))})
	}
	seed := []MigrateGrant{}
	if meta, ok := c.m.Permission("metadata"); ok && meta.Versions.Has(c.vi) && meta.Offers(model.Read) {
		seed = append(seed, MigrateGrant{Permission: "metadata", Level: "read"})
	}
	eps := []origMigrateEndpointJSON{}
	for _, e := range c.m.EndpointsIn(c.vi) {
		r := e.Requirement(c.vi)
		x := origMigrateEndpointJSON{Operation: e.Operation, Method: e.Method, Path: e.Path, Category: e.Category.ID,
			Anchor: c.g.EndpointAnchor(e), Classic: origClassic(r.Classic), FineGrained: origFineGrained(r.FineGrained)}
		eps = append(eps, x)
	}
	return map[string]any{"version": c.v.Name(), "seed": seed, "scopes": scopes, "endpoints": eps}
}

// origCalculator is calculator.json: NewCalculatorData as json.Marshal writes it (compact,
// <, > and & escaped), and a newline.
func (c *ctx) origCalculator() []byte {
	t, _ := c.g.accessTable(c.v)
	d := NewCalculatorData(t, func(e *access.Endpoint) (string, string, string) {
		me, ok := c.m.Endpoint(e.Operation)
		if !ok {
			return "", e.Category, ""
		}
		return me.Summary, me.Category.ID, c.g.EndpointAnchor(me)
	}, func(name string) string {
		if s, ok := c.m.Scope(name); ok {
			return c.g.ScopeAnchor(s)
		}
		return ""
	})
	b, err := json.Marshal(d)
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}
