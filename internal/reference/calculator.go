package reference

import (
	_ "embed"
	"sync"

	"github.com/scoperef/scoperef/access"
	"github.com/scoperef/scoperef/internal/codegen"
	"github.com/scoperef/scoperef/internal/model"
)

// The least-privilege calculator (reference/calculator) runs access.Table.Minimize in the
// browser: calculator.js is a port of it to plain JavaScript, and calculator.json holds the
// version's access table exactly as codegen.Build makes it (the table `scoperef minimize` and
// the generated Go package use), plus what the page shows of each endpoint. A test runs the
// port under node against Minimize on many endpoint sets and compares the whole results.

//go:embed calculator.js
var calculatorJS []byte

// calculatorFeature is the feature the calculator's intro page (content/pages/reference/
// calculator.md) is published for: fine-grained personal access tokens exist.
const calculatorFeature = "pat-v2"

// calculatorCache holds the runtime tables of every built version, made once per Generator.
type calculatorCache struct {
	once   sync.Once
	tables *access.Set
}

// accessTable returns v's runtime table as codegen.Build makes it; false for versions the site
// does not build.
func (g *Generator) accessTable(v *model.Version) (*access.Table, bool) {
	g.calc.once.Do(func() { g.calc.tables = codegen.Build(g.m, "") })
	return g.calc.tables.Table(v.Name())
}

// hasCalculator reports whether v gets a calculator page: v is built, has endpoints, and
// fine-grained tokens exist in it (the calculator feature holds for v; without that feature in
// the data, some endpoint accepts fine-grained tokens).
func (c *ctx) hasCalculator() bool {
	t, ok := c.g.accessTable(c.v)
	if !ok || len(t.Endpoints) == 0 {
		return false
	}
	if f, ok := c.m.Feature(calculatorFeature); ok {
		return f.Versions.Has(c.vi)
	}
	return fineGrainedExists(t)
}

func fineGrainedExists(t *access.Table) bool {
	for i := range t.Endpoints {
		if t.Endpoints[i].FineGrained.Accepted {
			return true
		}
	}
	return false
}

// CalculatorData is calculator.json, described by schema/download-calculator.schema.json: an
// access.Table with its order kept (the order decides ties in Minimize), and for each endpoint
// what the page shows and links to.
type CalculatorData struct {
	Version string `json:"version"`
	// FineGrained is false when no endpoint of the version accepts fine-grained tokens: the page
	// then gives the classic answer only.
	FineGrained bool `json:"fine_grained"`
	// Metadata is the permission every fine-grained token holds at read (access.MetadataPermission).
	Metadata    string               `json:"metadata_permission"`
	Permissions []CalculatorPerm     `json:"permissions"`
	Scopes      []CalculatorScope    `json:"scopes"`
	Endpoints   []CalculatorEndpoint `json:"endpoints"`
}

// CalculatorPerm is an access.Permission.
type CalculatorPerm struct {
	Name   string   `json:"name"`
	Levels []string `json:"levels"`
}

// CalculatorScope is an access.Scope and the id of its section on the scopes page.
type CalculatorScope struct {
	Name    string   `json:"name"`
	Parents []string `json:"parents"`
	Anchor  string   `json:"anchor"`
}

// CalculatorEndpoint is an access.Endpoint with its summary and the place of its section.
type CalculatorEndpoint struct {
	Operation   string                `json:"operation"`
	Method      string                `json:"method"`
	Path        string                `json:"path"`
	Summary     string                `json:"summary"`
	Category    string                `json:"category"`
	Anchor      string                `json:"anchor"`
	FineGrained CalculatorFineGrained `json:"fine_grained"`
	Classic     CalculatorClassic     `json:"classic"`
}

// CalculatorFineGrained is an access.FineGrained.
type CalculatorFineGrained struct {
	Accepted                bool                `json:"accepted"`
	PublicWithoutPermission bool                `json:"public_without_permission"`
	AnyOf                   [][]CalculatorGrant `json:"any_of"`
}

// CalculatorGrant is an access.Grant.
type CalculatorGrant struct {
	Permission string `json:"permission"`
	Level      string `json:"level"`
}

// CalculatorClassic is an access.Classic without its notes.
type CalculatorClassic struct {
	Accepted bool       `json:"accepted"`
	Private  [][]string `json:"private"`
	Public   [][]string `json:"public"`
}

// NewCalculatorData converts a runtime table. summary, category and anchor describe an endpoint
// for the page; nil leaves them empty.
func NewCalculatorData(t *access.Table, describe func(*access.Endpoint) (summary, category, anchor string), scopeAnchor func(name string) string) CalculatorData {
	d := CalculatorData{Version: t.Version, FineGrained: fineGrainedExists(t), Metadata: access.MetadataPermission,
		Permissions: []CalculatorPerm{}, Scopes: []CalculatorScope{}, Endpoints: []CalculatorEndpoint{}}
	for _, p := range t.Permissions {
		x := CalculatorPerm{Name: p.Name, Levels: []string{}}
		for _, l := range p.Levels {
			x.Levels = append(x.Levels, l.String())
		}
		d.Permissions = append(d.Permissions, x)
	}
	for _, s := range t.Scopes {
		x := CalculatorScope{Name: s.Name, Parents: append([]string{}, s.Parents...)}
		if scopeAnchor != nil {
			x.Anchor = scopeAnchor(s.Name)
		}
		d.Scopes = append(d.Scopes, x)
	}
	for i := range t.Endpoints {
		e := &t.Endpoints[i]
		x := CalculatorEndpoint{Operation: e.Operation, Method: e.Method, Path: e.Path, Category: e.Category,
			FineGrained: CalculatorFineGrained{Accepted: e.FineGrained.Accepted, PublicWithoutPermission: e.FineGrained.PublicWithoutPermission,
				AnyOf: [][]CalculatorGrant{}},
			Classic: CalculatorClassic{Accepted: e.Classic.Accepted, Private: stringSets(e.Classic.Private), Public: stringSets(e.Classic.Public)}}
		if describe != nil {
			x.Summary, x.Category, x.Anchor = describe(e)
		}
		for _, set := range e.FineGrained.AnyOf {
			gs := []CalculatorGrant{}
			for _, g := range set {
				gs = append(gs, CalculatorGrant{Permission: g.Permission, Level: g.Level.String()})
			}
			x.FineGrained.AnyOf = append(x.FineGrained.AnyOf, gs)
		}
		d.Endpoints = append(d.Endpoints, x)
	}
	return d
}

func stringSets(sets [][]string) [][]string {
	out := [][]string{}
	for _, set := range sets {
		out = append(out, append([]string{}, set...))
	}
	return out
}

// calculatorJSON is calculator.json for the ctx's version, compact (the page loads it):
// NewCalculatorData of the version's table, with the model's summary, category and anchor of
// each endpoint and the anchor of each scope, as json.Marshal writes it, and a newline.
func (c *ctx) calculatorJSON() []byte {
	const name = "calculator.json"
	t, _ := c.g.accessTable(c.v)
	w := &jsonw{buf: c.downloadBuffer(name), escapeHTML: true}
	w.open('{')
	w.strField("version", t.Version)
	w.boolField("fine_grained", fineGrainedExists(t))
	w.strField("metadata_permission", access.MetadataPermission)
	w.key("permissions")
	w.open('[')
	for _, p := range t.Permissions {
		w.next()
		w.open('{')
		w.strField("name", p.Name)
		w.key("levels")
		strsOf(w, p.Levels, access.Level.String)
		w.close('}')
	}
	w.close(']')
	w.key("scopes")
	w.open('[')
	for _, s := range t.Scopes {
		w.next()
		w.open('{')
		w.strField("name", s.Name)
		w.key("parents")
		w.strs(s.Parents)
		anchor := ""
		if ms, ok := c.m.Scope(s.Name); ok {
			anchor = c.g.ScopeAnchor(ms)
		}
		w.strField("anchor", anchor)
		w.close('}')
	}
	w.close(']')
	w.key("endpoints")
	w.open('[')
	for i := range t.Endpoints {
		e := &t.Endpoints[i]
		summary, category, anchor := "", e.Category, ""
		if me, ok := c.m.Endpoint(e.Operation); ok {
			summary, category, anchor = me.Summary, me.Category.ID, c.g.EndpointAnchor(me)
		}
		w.next()
		w.open('{')
		w.strField("operation", e.Operation)
		w.strField("method", e.Method)
		w.strField("path", e.Path)
		w.strField("summary", summary)
		w.strField("category", category)
		w.strField("anchor", anchor)
		w.key("fine_grained")
		w.open('{')
		w.boolField("accepted", e.FineGrained.Accepted)
		w.boolField("public_without_permission", e.FineGrained.PublicWithoutPermission)
		w.key("any_of")
		w.open('[')
		for _, set := range e.FineGrained.AnyOf {
			w.next()
			w.open('[')
			for _, g := range set {
				w.next()
				w.open('{')
				w.strField("permission", g.Permission)
				w.strField("level", g.Level.String())
				w.close('}')
			}
			w.close(']')
		}
		w.close(']')
		w.close('}')
		w.key("classic")
		w.open('{')
		w.boolField("accepted", e.Classic.Accepted)
		w.key("private")
		w.stringSets(e.Classic.Private)
		w.key("public")
		w.stringSets(e.Classic.Public)
		w.close('}')
		w.close('}')
	}
	w.close(']')
	w.close('}')
	return c.finish(name, w.end())
}

// stringSets writes an array of arrays of strings.
func (w *jsonw) stringSets(sets [][]string) {
	w.open('[')
	for _, set := range sets {
		w.next()
		w.strs(set)
	}
	w.close(']')
}
