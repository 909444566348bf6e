package reference

import (
	"cmp"
	"slices"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

// MigrateResult says how to replace a classic token by a fine-grained one in one version.
type MigrateResult struct {
	Version string `json:"version"`
	// Scopes are the requested scopes that exist in the version, normalised: sorted, without
	// duplicates and without scopes another requested scope implies.
	Scopes []string `json:"scopes"`
	// Unknown are requested scopes that do not exist in the version.
	Unknown []string `json:"unknown_scopes"`
	// Permissions are the fine-grained permissions that cover the endpoints the scopes open.
	Permissions []MigrateGrant `json:"permissions"`
	// Endpoints are the endpoints the scopes open that a fine-grained token can call, each with
	// the permission set chosen for it.
	Endpoints []MigrateEndpoint `json:"endpoints"`
	// NoFineGrained are the endpoints the scopes open that no fine-grained token can call.
	NoFineGrained []MigrateEndpoint `json:"no_fine_grained"`
}

// MigrateGrant is a permission at a level.
type MigrateGrant struct {
	Permission string `json:"permission"`
	Level      string `json:"level"`
}

// MigrateEndpoint is an endpoint the classic scopes open.
type MigrateEndpoint struct {
	Operation string `json:"operation"`
	Method    string `json:"method"`
	Path      string `json:"path"`
	// Resources are the kinds of resource the scopes open it for: "private", "public" or both.
	Resources []string `json:"resources"`
	// Permissions is the chosen fine-grained set as text ("issues: write and metadata: read");
	// "" when none is needed (public resources only, and they need no permission) or possible.
	Permissions string          `json:"permissions"`
	Endpoint    *model.Endpoint `json:"-"`
}

// Migrate maps classic scopes to fine-grained permissions in version v.
//
// A token holding the scopes (and every scope they imply) opens an endpoint when one non-empty
// alternative of its classic requirement, for private or for public resources, is made of held
// scopes; public resources that need no scope do not count. For each opened endpoint that
// fine-grained tokens accept, one of its permission sets is chosen: endpoints with a single set
// first, then the others in model order, each taking the first set already covered by what is
// chosen (a level covers the levels below it; fine-grained tokens always hold metadata: read),
// else the set adding the fewest grants, the first such on a tie. The choice is deterministic
// and the browser page (migrate.js) makes the same one from migrate.json.
func Migrate(m *model.Model, v *model.Version, scopes []string) MigrateResult {
	vi := diff.IndexOf(m, v)
	return migrate(m, v, vi, m.EndpointsIn(vi), scopes)
}

// migrate is Migrate on the endpoints eps of version v (index vi), which must hold, in model
// order, every endpoint of v the scopes open: the version's endpoints, or only those.
func migrate(m *model.Model, v *model.Version, vi int, eps []*model.Endpoint, scopes []string) MigrateResult {
	res := MigrateResult{Version: v.Name(), Scopes: []string{}, Unknown: []string{}, Permissions: []MigrateGrant{},
		Endpoints: []MigrateEndpoint{}, NoFineGrained: []MigrateEndpoint{}}
	c := &ctx{m: m, v: v, vi: vi}
	var requested []*model.Scope
	for _, id := range scopes {
		s, ok := m.Scope(id)
		if !ok || !s.Versions.Has(vi) {
			if !slices.Contains(res.Unknown, id) {
				res.Unknown = append(res.Unknown, id)
			}
			continue
		}
		if !slices.Contains(requested, s) {
			requested = append(requested, s)
		}
	}
	slices.Sort(res.Unknown)
	for _, s := range requested {
		implied := false
		for _, t := range requested {
			if t != s && c.closure([]*model.Scope{t})[s] {
				implied = true
			}
		}
		if !implied {
			res.Scopes = append(res.Scopes, s.ID)
		}
	}
	slices.Sort(res.Scopes)

	held := c.closure(requested)
	granted := map[*model.Permission]model.Level{}
	if meta, ok := m.Permission("metadata"); ok && meta.Versions.Has(vi) && meta.Offers(model.Read) {
		granted[meta] = model.Read
	}
	type pending struct {
		at  int // index in res.Endpoints
		alt []model.PermissionSet
	}
	var single, multi []pending
	for _, e := range eps {
		r := e.Requirement(vi)
		priv, pub := opens(held, r)
		if !priv && !pub {
			continue
		}
		me := MigrateEndpoint{Operation: e.Operation, Method: e.Method, Path: e.Path, Endpoint: e, Resources: []string{}}
		if priv {
			me.Resources = append(me.Resources, "private")
		}
		if pub {
			me.Resources = append(me.Resources, "public")
		}
		switch {
		case !r.FineGrained.Accepted:
			res.NoFineGrained = append(res.NoFineGrained, me)
		case !priv && r.FineGrained.PublicWithoutPermission:
			res.Endpoints = append(res.Endpoints, me)
		default:
			p := pending{len(res.Endpoints), r.FineGrained.AnyOf}
			if len(p.alt) == 1 {
				single = append(single, p)
			} else {
				multi = append(multi, p)
			}
			res.Endpoints = append(res.Endpoints, me)
		}
	}
	used := map[*model.Permission]bool{}
	choose := func(p pending, set model.PermissionSet) {
		for _, g := range set {
			granted[g.Permission] = max(granted[g.Permission], g.Level)
			used[g.Permission] = true
		}
		res.Endpoints[p.at].Permissions = diff.GrantsText(set)
	}
	for _, p := range single {
		choose(p, p.alt[0])
	}
	for _, p := range multi {
		best, bestCost := 0, -1
		for i, set := range p.alt {
			cost := 0
			for _, g := range set {
				if granted[g.Permission] < g.Level {
					cost++
				}
			}
			if bestCost < 0 || cost < bestCost {
				best, bestCost = i, cost
			}
		}
		choose(p, p.alt[best])
	}
	for perm, l := range granted {
		if used[perm] {
			res.Permissions = append(res.Permissions, MigrateGrant{Permission: perm.ID, Level: l.String()})
		}
	}
	slices.SortFunc(res.Permissions, func(a, b MigrateGrant) int { return cmp.Compare(a.Permission, b.Permission) })
	return res
}
