package vrange

import "slices"

// Env is what names in a version range refer to: the products, their releases and the features,
// as read from versions.yaml and features.yaml. Its methods do not modify it, so one Env can be
// used from many goroutines. A nil *Env is an empty one.
type Env struct {
	Products []string             // product ids in display order: dotcom, ghec, ghes
	Releases map[string][]Release // products that have releases -> their known releases
	Features map[string]Expr      // feature id -> its expression, which may name other features
}

var emptyEnv Env

func (env *Env) orEmpty() *Env {
	if env == nil {
		return &emptyEnv
	}
	return env
}

func (env *Env) isProduct(name string) bool { return slices.Contains(env.Products, name) }

// hasReleases reports whether name is a product with releases.
func (env *Env) hasReleases(name string) bool {
	_, ok := env.Releases[name]
	return ok && env.isProduct(name)
}

// Match reports whether x matches version v. Unknown names, comparisons on anything but a product
// with releases, and features that (indirectly) refer to themselves are false. Match does not
// allocate.
func (env *Env) Match(x Expr, v Version) bool {
	return env.orEmpty().match(x, v, nil)
}

// expanding is a stack of the features being expanded, kept on the Go stack, to stop cycles.
type expanding struct {
	name string
	up   *expanding
}

func (env *Env) match(x Expr, v Version, stack *expanding) bool {
	switch x := x.(type) {
	case *Name:
		if env.isProduct(x.Name) {
			return v.Product == x.Name
		}
		f, ok := env.Features[x.Name]
		if !ok {
			return false
		}
		for s := stack; s != nil; s = s.up {
			if s.name == x.Name {
				return false
			}
		}
		return env.match(f, v, &expanding{name: x.Name, up: stack})
	case *Compare:
		return v.Product == x.Name && env.hasReleases(x.Name) &&
			x.Op.Holds(v.Release.Compare(x.Release))
	case *Not:
		return !env.match(x.X, v, stack)
	case *And:
		return env.match(x.X, v, stack) && env.match(x.Y, v, stack)
	case *Or:
		return env.match(x.X, v, stack) || env.match(x.Y, v, stack)
	case *Paren:
		return env.match(x.X, v, stack)
	}
	return false
}

// Versions returns every known version: products in Env.Products order, each product with
// releases once per release in ascending order (duplicates removed), each other product once.
// A product with an empty release list has no versions.
func (env *Env) Versions() []Version {
	env = env.orEmpty()
	var out []Version
	for _, p := range env.Products {
		rels, ok := env.Releases[p]
		if !ok {
			out = append(out, Version{Product: p})
			continue
		}
		for _, r := range sortedReleases(rels) {
			out = append(out, Version{Product: p, Release: r})
		}
	}
	return out
}

func sortedReleases(rels []Release) []Release {
	rels = slices.Clone(rels)
	slices.SortFunc(rels, Release.Compare)
	return slices.Compact(rels)
}

// Select returns the versions that x matches, in Versions order.
func (env *Env) Select(x Expr) []Version {
	var out []Version
	for _, v := range env.Versions() {
		if env.Match(x, v) {
			out = append(out, v)
		}
	}
	return out
}
