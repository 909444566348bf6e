// Package diff compares the access model of two product versions.
//
// Input: a validated *model.Model and two of its versions A and B (any two: consecutive releases
// of one product, or versions of different products).
// Output: a *Result listing, from A to B, the endpoints added and removed, the endpoints whose
// requirement changed (each changed aspect with its text before and after), and the fine-grained
// permissions and classic scopes added and removed. A Result marshals to JSON as printed by
// `scoperef diff --json`, and prints as text with WriteText.
//
// Invariants:
//   - Compare(m, v, v) is empty for every version v;
//   - Compare(m, b, a) is the mirror of Compare(m, a, b): added and removed swap, before and after
//     swap, and nothing else differs;
//   - every list is in a fixed order (endpoints by path, method and operation as in the model;
//     permissions and scopes by id; changed aspects in the order of the Aspect constants), so equal
//     inputs give byte-identical output;
//   - requirement texts are canonical (see FineGrainedText, ScopesText): two variants that differ
//     only in the order of their alternatives are not reported as a change.
package diff

import (
	"github.com/scoperef/scoperef/internal/model"
)

// Result is the difference from version From to version To.
type Result struct {
	From string `json:"from"` // version names, e.g. ghes-3.18
	To   string `json:"to"`

	EndpointsAdded     []Endpoint `json:"endpoints_added"`
	EndpointsRemoved   []Endpoint `json:"endpoints_removed"`
	RequirementChanges []Change   `json:"requirements_changed"`
	PermissionsAdded   []string   `json:"permissions_added"`
	PermissionsRemoved []string   `json:"permissions_removed"`
	ScopesAdded        []string   `json:"scopes_added"`
	ScopesRemoved      []string   `json:"scopes_removed"`

	// FromVersion and ToVersion are the compared versions, for renderers.
	FromVersion *model.Version `json:"-"`
	ToVersion   *model.Version `json:"-"`
}

// Endpoint names an endpoint in a Result.
type Endpoint struct {
	Operation string `json:"operation"`
	Method    string `json:"method"`
	Path      string `json:"path"`
	Category  string `json:"category"`
	// Model is the endpoint in the model, for renderers.
	Model *model.Endpoint `json:"-"`
}

// Change is an endpoint present in both versions whose requirement differs.
type Change struct {
	Endpoint Endpoint `json:"endpoint"`
	Aspects  []Aspect `json:"changes"`
	// Before and After are the requirement variants in From and To, for renderers.
	Before *model.Variant `json:"-"`
	After  *model.Variant `json:"-"`
}

// Aspect is one changed part of a requirement, as canonical text.
type Aspect struct {
	Name   string `json:"aspect"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// The aspects Compare reports, in this order.
const (
	AspectFineGrained    = "fine_grained"    // FineGrainedText
	AspectClassicPrivate = "classic_private" // ClassicText for private resources
	AspectClassicPublic  = "classic_public"  // ClassicText for public resources
	AspectGitHubApps     = "github_apps"     // "accepted" or "not accepted"
)

// Empty reports whether the two versions have the same endpoints, requirements, permissions and
// scopes.
func (r *Result) Empty() bool {
	return len(r.EndpointsAdded) == 0 && len(r.EndpointsRemoved) == 0 && len(r.RequirementChanges) == 0 &&
		len(r.PermissionsAdded) == 0 && len(r.PermissionsRemoved) == 0 &&
		len(r.ScopesAdded) == 0 && len(r.ScopesRemoved) == 0
}

// Compare returns the differences from version a to version b. Lists are empty, never nil, so
// the JSON form always has every key.
func Compare(m *model.Model, a, b *model.Version) *Result {
	r := &Result{
		From: a.Name(), To: b.Name(), FromVersion: a, ToVersion: b,
		EndpointsAdded: []Endpoint{}, EndpointsRemoved: []Endpoint{}, RequirementChanges: []Change{},
		PermissionsAdded: []string{}, PermissionsRemoved: []string{}, ScopesAdded: []string{}, ScopesRemoved: []string{},
	}
	ia, ib := IndexOf(m, a), IndexOf(m, b)
	for _, e := range m.Endpoints { // sorted by path, method, operation
		inA, inB := e.Versions.Has(ia), e.Versions.Has(ib)
		switch {
		case inA && !inB:
			r.EndpointsRemoved = append(r.EndpointsRemoved, ref(e))
		case !inA && inB:
			r.EndpointsAdded = append(r.EndpointsAdded, ref(e))
		case inA && inB:
			before, after := e.Requirement(ia), e.Requirement(ib)
			if aspects := compareVariants(before, after); len(aspects) > 0 {
				r.RequirementChanges = append(r.RequirementChanges, Change{Endpoint: ref(e), Aspects: aspects, Before: before, After: after})
			}
		}
	}
	for _, p := range m.Permissions { // sorted by id
		addRemove(p.ID, p.Versions, ia, ib, &r.PermissionsAdded, &r.PermissionsRemoved)
	}
	for _, s := range m.Scopes { // sorted by id
		addRemove(s.ID, s.Versions, ia, ib, &r.ScopesAdded, &r.ScopesRemoved)
	}
	return r
}

func addRemove(id string, set model.VersionSet, a, b int, added, removed *[]string) {
	inA, inB := set.Has(a), set.Has(b)
	if inA && !inB {
		*removed = append(*removed, id)
	} else if !inA && inB {
		*added = append(*added, id)
	}
}

func ref(e *model.Endpoint) Endpoint {
	return Endpoint{Operation: e.Operation, Method: e.Method, Path: e.Path, Category: e.Category.ID, Model: e}
}

// compareVariants lists the aspects in which two variants differ.
func compareVariants(a, b *model.Variant) []Aspect {
	if a == b {
		return nil
	}
	var out []Aspect
	add := func(name, before, after string) {
		if before != after {
			out = append(out, Aspect{Name: name, Before: before, After: after})
		}
	}
	add(AspectFineGrained, FineGrainedText(a.FineGrained), FineGrainedText(b.FineGrained))
	add(AspectClassicPrivate, ClassicText(a.Classic, false), ClassicText(b.Classic, false))
	add(AspectClassicPublic, ClassicText(a.Classic, true), ClassicText(b.Classic, true))
	add(AspectGitHubApps, acceptedText(a.GitHubApps), acceptedText(b.GitHubApps))
	return out
}

func acceptedText(ok bool) string {
	if ok {
		return "accepted"
	}
	return "not accepted"
}

// IndexOf returns v's index in m.Versions, the index VersionSets use: v.Index when it is
// consistent with m, else v's position (a version built by hand in a test may lack its Index).
func IndexOf(m *model.Model, v *model.Version) int {
	if v.Index >= 0 && v.Index < len(m.Versions) && m.Versions[v.Index] == v {
		return v.Index
	}
	for i, x := range m.Versions {
		if x == v {
			return i
		}
	}
	return -1
}
