package reference

import "github.com/scoperef/scoperef/access"

// CalculatorData is calculator.json (calculatorJSON writes it), described by schema/download-calculator.schema.json: an
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
