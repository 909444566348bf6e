// Package model is scoperef's validated, in-memory access model: the only view of content/data
// that later stages (render, codegen, enforcement export, diff) see.
//
// Input: a Model is built only by package validate, after schema and semantic checks pass.
// Output: typed, indexed values: product versions with their status on the build date, features,
// variables, scopes (a DAG), fine-grained permissions, and endpoints grouped by category, each
// with one requirement variant per version.
//
// Invariants (guaranteed by validate, relied on everywhere):
//   - ids are unique per kind; every reference (scope parent, permission or scope in a
//     requirement) resolves; the scope graph is acyclic;
//   - a VersionSet only holds indexes of Model.Versions; an endpoint's variants are disjoint and
//     together cover exactly the endpoint's versions;
//   - slices are sorted: versions in product then release order, scopes and permissions by id,
//     categories by id, endpoints by path then method;
//   - a Model is never modified after validate returns it: treat every field as read-only.
package model

import (
	"math/bits"
	"time"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/vrange"
)

// Model is the whole validated access model.
type Model struct {
	Products    []*Product
	Versions    []*Version // every version, hidden ones included
	Features    []*Feature
	Variables   []*Variable
	Scopes      []*Scope
	Permissions []*Permission
	Categories  []*Category
	Endpoints   []*Endpoint // all categories, sorted by path then method
	// Env evaluates version ranges against this model's versions and features.
	Env *vrange.Env
	// BuildDate is the date statuses were computed for.
	BuildDate time.Time

	versionByName map[string]int
	scopeByID     map[string]*Scope
	permByID      map[string]*Permission
	featureByID   map[string]*Feature
	variableByID  map[string]*Variable
	endpointByOp  map[string]*Endpoint
}

// Product is dotcom, ghec or ghes.
type Product struct {
	ID      string
	Name    string
	Segment string // URL segment, {release} unexpanded
}

// Status is a version's state on the build date.
type Status int

const (
	Supported Status = iota
	ReleaseCandidate
	Deprecated
	Hidden
)

func (s Status) String() string {
	return [...]string{"supported", "release candidate", "deprecated", "hidden"}[s]
}

// Version is one buildable product version.
type Version struct {
	vrange.Version
	Index   int
	Product *Product
	Segment string // URL segment with the release filled in; "" for none
	Status  Status
	// Release dates; zero for products without releases.
	ReleaseCandidate, GeneralAvailability, Deprecation time.Time
}

// Name is the version's name: dotcom, ghec, ghes-3.19.
func (v *Version) Name() string { return v.Version.String() }

// Feature is a named version set.
type Feature struct {
	ID          string
	Description string
	Versions    VersionSet
	Pos         diag.Pos
}

// Variable is a value that changes by version.
type Variable struct {
	ID     string
	Values []VariableValue
	Pos    diag.Pos
}

// VariableValue is one variant of a variable.
type VariableValue struct {
	Versions VersionSet
	Value    string
}

// Value returns the variable's value in version v.
func (x *Variable) Value(v *Version) (string, bool) {
	for _, val := range x.Values {
		if val.Versions.Has(v.Index) {
			return val.Value, true
		}
	}
	return "", false
}

// Scope is a classic OAuth scope.
type Scope struct {
	ID          string
	Title       string
	Description string
	Parents     []*Scope
	Children    []*Scope
	Versions    VersionSet
	Pos         diag.Pos
}

// Ancestors returns every scope that implies s (parents, their parents, ...), sorted by id.
func (s *Scope) Ancestors() []*Scope {
	seen := map[*Scope]bool{}
	var walk func(*Scope)
	walk = func(x *Scope) {
		for _, p := range x.Parents {
			if !seen[p] {
				seen[p] = true
				walk(p)
			}
		}
	}
	walk(s)
	return sortedScopes(seen)
}

// Group is a fine-grained permission's group.
type Group string

const (
	GroupRepository   Group = "repository"
	GroupOrganization Group = "organization"
	GroupAccount      Group = "account"
	GroupEnterprise   Group = "enterprise"
)

// Groups lists the groups in display order.
var Groups = []Group{GroupRepository, GroupOrganization, GroupAccount, GroupEnterprise}

// Level is a fine-grained access level; Read < Write < Admin.
type Level int

const (
	Read Level = iota + 1
	Write
	Admin
)

func (l Level) String() string {
	switch l {
	case Read:
		return "read"
	case Write:
		return "write"
	case Admin:
		return "admin"
	}
	return "none"
}

// ParseLevel parses read, write or admin.
func ParseLevel(s string) (Level, bool) {
	switch s {
	case "read":
		return Read, true
	case "write":
		return Write, true
	case "admin":
		return Admin, true
	}
	return 0, false
}

// Permission is a fine-grained permission.
type Permission struct {
	ID          string
	Group       Group
	Title       string
	Description string
	Levels      []Level // ascending
	Versions    VersionSet
	Pos         diag.Pos
}

// Offers reports whether p has level l.
func (p *Permission) Offers(l Level) bool {
	for _, x := range p.Levels {
		if x == l {
			return true
		}
	}
	return false
}

// Category is one endpoints file.
type Category struct {
	ID        string
	Title     string
	File      string
	Endpoints []*Endpoint
}

// Endpoint is one REST operation across versions.
type Endpoint struct {
	Operation   string
	Method      string
	Path        string
	Summary     string
	Docs        string
	Category    *Category
	Subcategory string
	Versions    VersionSet
	CloudOnly   bool
	Deprecated  time.Time // zero when not deprecated
	Removal     time.Time
	Notes       []string
	Variants    []*Variant
	Pos         diag.Pos
}

// Requirement returns the variant that applies in version index v, or nil when the endpoint does
// not exist there.
func (e *Endpoint) Requirement(v int) *Variant {
	for _, r := range e.Variants {
		if r.Versions.Has(v) {
			return r
		}
	}
	return nil
}

// Variant is an endpoint's requirement in a set of versions.
type Variant struct {
	Versions    VersionSet
	GitHubApps  bool
	FineGrained FineGrained
	Classic     Classic
	Notes       []string
}

// FineGrained is the requirement for fine-grained tokens: any one of AnyOf's sets suffices.
type FineGrained struct {
	Accepted                bool
	PublicWithoutPermission bool
	AnyOf                   []PermissionSet
}

// PermissionSet is an AND-set: every member is needed. Sorted by permission id.
type PermissionSet []Grant

// Grant is a permission at a level.
type Grant struct {
	Permission *Permission
	Level      Level
}

// Classic is the requirement for classic tokens. Each list holds alternative AND-sets of scopes;
// an empty list means no scope is needed.
type Classic struct {
	Accepted bool
	Private  [][]*Scope
	Public   [][]*Scope
	Notes    []string
}

// VersionSet is a set of indexes into Model.Versions.
type VersionSet uint64

// MaxVersions is the number of versions a model can hold.
const MaxVersions = 64

// Has reports whether index i is in s.
func (s VersionSet) Has(i int) bool { return i >= 0 && i < MaxVersions && s&(1<<uint(i)) != 0 }

// With returns s plus index i.
func (s VersionSet) With(i int) VersionSet { return s | 1<<uint(i) }

// Len is the number of versions in s.
func (s VersionSet) Len() int { return bits.OnesCount64(uint64(s)) }

// Indexes lists the indexes in s, ascending.
func (s VersionSet) Indexes() []int {
	out := make([]int, 0, s.Len())
	for x := uint64(s); x != 0; x &= x - 1 {
		out = append(out, bits.TrailingZeros64(x))
	}
	return out
}

// Anchor is the endpoint's id on its category page: the operation id with every character other
// than a letter, digit, "-" or "_" replaced by "-". It is the same in every language.
func (e *Endpoint) Anchor() string {
	b := []byte(e.Operation)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '-'
		}
	}
	return string(b)
}
