package vrange

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/textdist"
)

// Check returns every problem in x, ordered by offset:
//
//   - a name that is neither a product nor a feature, with a "did you mean" suggestion when a
//     known name is close;
//   - a release comparison on a product without releases, on a feature or on an unknown name;
//   - a release comparison that matches none of the product's known releases ("ghes >= 9.0");
//   - a feature that refers to itself, directly or through other features.
//
// Offsets are into x's source. Problems inside a feature's own expression are not reported here;
// check that expression by itself.
func (env *Env) Check(x Expr) []*Error {
	c := &checker{env: env.orEmpty(), acyclic: map[string]bool{}}
	Inspect(x, func(x Expr) bool {
		switch x := x.(type) {
		case *Name:
			c.checkName(x)
		case *Compare:
			c.checkCompare(x)
		}
		return true
	})
	slices.SortStableFunc(c.errs, func(a, b *Error) int { return cmp.Compare(a.Offset, b.Offset) })
	return c.errs
}

type checker struct {
	env     *Env
	errs    []*Error
	acyclic map[string]bool // features known to reach no cycle
}

func (c *checker) errorf(pos, end int, format string, args ...any) {
	c.errs = append(c.errs, &Error{Offset: pos, Len: end - pos, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) checkName(x *Name) {
	if c.env.isProduct(x.Name) {
		return
	}
	if !c.isFeature(x.Name) {
		c.errorf(x.Pos(), x.End(), "%s", c.unknown(x.Name))
		return
	}
	if cycle := c.findCycle(x.Name); cycle != nil {
		path := strings.Join(cycle, " -> ")
		if cycle[0] == cycle[len(cycle)-1] {
			c.errorf(x.Pos(), x.End(), "feature %q refers to itself: %s", x.Name, path)
		} else {
			c.errorf(x.Pos(), x.End(), "feature %q depends on a feature cycle: %s", x.Name, path)
		}
	}
}

func (c *checker) checkCompare(x *Compare) {
	env := c.env
	switch {
	case env.hasReleases(x.Name):
	case env.isProduct(x.Name):
		c.errorf(x.Pos(), x.End(), "product %q has no releases to compare with (write %q alone)",
			x.Name, x.Name)
		return
	case c.isFeature(x.Name):
		c.errorf(x.Pos(), x.End(), "%q is a feature; only a product with releases can be compared with a release",
			x.Name)
		return
	default:
		c.errorf(x.NamePos, x.NamePos+len(x.Name), "%s", c.unknown(x.Name))
		return
	}
	rels := sortedReleases(env.Releases[x.Name])
	for _, r := range rels {
		if x.Op.Holds(r.Compare(x.Release)) {
			return
		}
	}
	known := fmt.Sprintf("no %s releases are known", x.Name)
	switch len(rels) {
	case 0:
	case 1:
		known = fmt.Sprintf("the only known %s release is %s", x.Name, rels[0])
	default:
		known = fmt.Sprintf("known %s releases are %s to %s", x.Name, rels[0], rels[len(rels)-1])
	}
	c.errorf(x.Pos(), x.End(), "%q matches no known release (%s)", String(x), known)
}

func (c *checker) isFeature(name string) bool {
	_, ok := c.env.Features[name]
	return ok
}

// unknown explains that name is not known, suggesting what might have been meant.
func (c *checker) unknown(name string) string {
	msg := fmt.Sprintf("unknown version name %q", name)
	if v, err := ParseVersion(name); err == nil && c.env.isProduct(v.Product) {
		return msg + fmt.Sprintf(" (write %q)", versionExpr(v))
	}
	if _, err := ParseRelease(name); err == nil {
		if i := slices.IndexFunc(c.env.Products, c.env.hasReleases); i >= 0 {
			return msg + fmt.Sprintf(" (a release needs a product: write \"%s = %s\")",
				c.env.Products[i], name)
		}
	}
	candidates := slices.Concat(c.env.Products, slices.Sorted(maps.Keys(c.env.Features)))
	if s := suggest(name, candidates); s != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

// findCycle returns a path of feature references from feature name that ends in a feature
// already on the path, or nil if there is none.
func (c *checker) findCycle(name string) []string {
	var path []string
	var visit func(f string) []string
	visit = func(f string) []string {
		if c.acyclic[f] {
			return nil
		}
		if slices.Contains(path, f) {
			return append(slices.Clone(path), f)
		}
		path = append(path, f)
		var cycle []string
		Inspect(c.env.Features[f], func(x Expr) bool {
			if n, ok := x.(*Name); ok && cycle == nil && !c.env.isProduct(n.Name) {
				if c.isFeature(n.Name) {
					cycle = visit(n.Name)
				}
			}
			return cycle == nil
		})
		path = path[:len(path)-1]
		if cycle == nil {
			c.acyclic[f] = true
		}
		return cycle
	}
	return visit(name)
}

// suggest returns the candidate closest to name by edit distance, if it is close enough to be a
// likely typo, preferring earlier candidates on ties; otherwise "".
func suggest(name string, candidates []string) string {
	limit := max(1, min(3, (len(name)+1)/3))
	best, bestDist := "", limit+1
	for _, cand := range candidates {
		if d := textdist.Distance(name, cand); d < bestDist && cand != name {
			best, bestDist = cand, d
		}
	}
	return best
}
