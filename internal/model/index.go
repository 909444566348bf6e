package model

import (
	"cmp"
	"slices"
)

// Index fills the model's lookup tables. Only package validate calls it, once, before handing the
// model out.
func (m *Model) Index() {
	m.versionByName = make(map[string]int, len(m.Versions)*2)
	for i, v := range m.Versions {
		m.versionByName[v.Name()] = i
		if v.Segment != "" {
			m.versionByName[v.Segment] = i
		}
	}
	m.scopeByID = make(map[string]*Scope, len(m.Scopes))
	for _, s := range m.Scopes {
		m.scopeByID[s.ID] = s
	}
	m.permByID = make(map[string]*Permission, len(m.Permissions))
	for _, p := range m.Permissions {
		m.permByID[p.ID] = p
	}
	m.featureByID = make(map[string]*Feature, len(m.Features))
	for _, f := range m.Features {
		m.featureByID[f.ID] = f
	}
	m.variableByID = make(map[string]*Variable, len(m.Variables))
	for _, v := range m.Variables {
		m.variableByID[v.ID] = v
	}
	m.endpointByOp = make(map[string]*Endpoint, len(m.Endpoints))
	for _, e := range m.Endpoints {
		m.endpointByOp[e.Operation] = e
	}
}

// Version finds a version by name (dotcom, ghes-3.19) or URL segment (enterprise-server@3.19).
// "free-pro-team@latest" names dotcom.
func (m *Model) Version(name string) (*Version, bool) {
	if name == "free-pro-team@latest" {
		name = "dotcom"
	}
	i, ok := m.versionByName[name]
	if !ok {
		return nil, false
	}
	return m.Versions[i], true
}

// Built returns the versions the site is built for: all but hidden ones.
func (m *Model) Built() []*Version {
	var out []*Version
	for _, v := range m.Versions {
		if v.Status != Hidden {
			out = append(out, v)
		}
	}
	return out
}

// Scope finds a scope by id.
func (m *Model) Scope(id string) (*Scope, bool) { s, ok := m.scopeByID[id]; return s, ok }

// Permission finds a permission by id.
func (m *Model) Permission(id string) (*Permission, bool) { p, ok := m.permByID[id]; return p, ok }

// Feature finds a feature by id.
func (m *Model) Feature(id string) (*Feature, bool) { f, ok := m.featureByID[id]; return f, ok }

// Variable finds a variable by id.
func (m *Model) Variable(id string) (*Variable, bool) { v, ok := m.variableByID[id]; return v, ok }

// Endpoint finds an endpoint by operation id.
func (m *Model) Endpoint(op string) (*Endpoint, bool) { e, ok := m.endpointByOp[op]; return e, ok }

// EndpointsIn returns the endpoints that exist in version index v, in model order.
func (m *Model) EndpointsIn(v int) []*Endpoint {
	var out []*Endpoint
	for _, e := range m.Endpoints {
		if e.Versions.Has(v) {
			out = append(out, e)
		}
	}
	return out
}

// VersionsOf returns the versions in s.
func (m *Model) VersionsOf(s VersionSet) []*Version {
	out := make([]*Version, 0, s.Len())
	for _, i := range s.Indexes() {
		out = append(out, m.Versions[i])
	}
	return out
}

// All is the set of every version.
func (m *Model) All() VersionSet {
	var s VersionSet
	for i := range m.Versions {
		s = s.With(i)
	}
	return s
}

func sortedScopes(set map[*Scope]bool) []*Scope {
	out := make([]*Scope, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Scope) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
