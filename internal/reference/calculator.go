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

// calculatorJSON is calculator.json for the ctx's version, compact (the page loads it): the
// version's access table with its order kept (the order decides ties in Minimize), each
// endpoint with the model's summary, category and anchor and each scope with its anchor, as
// json.Marshal writes it, and a newline. schema/download-calculator.schema.json describes it;
// CalculatorData (calculator_data_test.go) is the same as Go types, which the tests read it
// into and make it from for synthetic tables.
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
