package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Version is one product version: dotcom, ghec, or a ghes release such as ghes-3.19.
type Version struct {
	Product string // dotcom, ghec or ghes
	Release string // X.Y for ghes, else empty
}

func (v Version) String() string {
	if v.Release == "" {
		return v.Product
	}
	return v.Product + "-" + v.Release
}

// ParseVersion reads a version name: dotcom, ghec or ghes-X.Y.
func ParseVersion(s string) (Version, error) {
	switch s {
	case "dotcom", "ghec":
		return Version{Product: s}, nil
	}
	if rel, ok := strings.CutPrefix(s, "ghes-"); ok {
		if _, _, err := splitRelease(rel); err == nil {
			return Version{Product: "ghes", Release: rel}, nil
		}
	}
	return Version{}, fmt.Errorf("unknown product version %q (want dotcom, ghec or ghes-X.Y)", s)
}

func splitRelease(rel string) (major, minor int, err error) {
	a, b, ok := strings.Cut(rel, ".")
	if ok {
		major, err = strconv.Atoi(a)
		if err == nil {
			minor, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || major < 0 || minor < 0 {
		return 0, 0, fmt.Errorf("bad release %q (want X.Y)", rel)
	}
	return major, minor, nil
}

// compareVersions orders dotcom, ghec, then ghes releases by number.
func compareVersions(a, b Version) int {
	rank := func(v Version) int {
		switch v.Product {
		case "dotcom":
			return 0
		case "ghec":
			return 1
		}
		return 2
	}
	if c := rank(a) - rank(b); c != 0 {
		return c
	}
	am, an, _ := splitRelease(a.Release)
	bm, bn, _ := splitRelease(b.Release)
	if am != bm {
		return am - bm
	}
	return an - bn
}

// Universe is the ordered list of every product version the range language can name: the
// versions of content/data/versions.yaml, or the imported ones when there is no such file. A
// VSet is a subset of it.
type Universe struct {
	all []Version
}

// VSet is a set of versions of a Universe, one bit per index.
type VSet uint64

// NewUniverse sorts and de-duplicates vs. At most 64 versions are supported.
func NewUniverse(vs []Version) (*Universe, error) {
	all := slices.Clone(vs)
	slices.SortFunc(all, compareVersions)
	all = slices.Compact(all)
	if len(all) > 64 {
		return nil, fmt.Errorf("too many product versions (%d)", len(all))
	}
	return &Universe{all: all}, nil
}

// Versions returns the universe's versions in order.
func (u *Universe) Versions() []Version { return u.all }

// Index returns v's bit index, or -1.
func (u *Universe) Index(v Version) int { return slices.Index(u.all, v) }

// Set returns the set holding vs; versions outside the universe are ignored.
func (u *Universe) Set(vs ...Version) VSet {
	var s VSet
	for _, v := range vs {
		if i := u.Index(v); i >= 0 {
			s |= 1 << i
		}
	}
	return s
}

// Members lists the versions of s in universe order.
func (u *Universe) Members(s VSet) []Version {
	var out []Version
	for i, v := range u.all {
		if s&(1<<i) != 0 {
			out = append(out, v)
		}
	}
	return out
}

func (u *Universe) product(p string) VSet {
	var s VSet
	for i, v := range u.all {
		if v.Product == p {
			s |= 1 << i
		}
	}
	return s
}

// Expr writes s as a short expression of the range language (docs/format.md) that is true for
// exactly the versions of s within the universe:
//
//   - whole products are named (dotcom, ghec, ghes);
//   - ghes releases form runs over the universe's releases in order; a run is written
//     "ghes >= A", "ghes <= B", "ghes = A" or "ghes >= A and ghes <= B";
//   - terms are joined by "or" in universe order;
//   - when s is every version but one whole product P, "not P" is used if it is shorter.
//
// It returns "" for the empty set.
func (u *Universe) Expr(s VSet) string {
	pos := u.positive(s)
	full := VSet(1)<<len(u.all) - 1
	for _, p := range []string{"dotcom", "ghec", "ghes"} {
		ps := u.product(p)
		if ps != 0 && s == full&^ps {
			if neg := "not " + p; len(neg) < len(pos) {
				return neg
			}
		}
	}
	return pos
}

func (u *Universe) positive(s VSet) string {
	var terms []string
	for _, p := range []string{"dotcom", "ghec"} {
		if ps := u.product(p); ps != 0 && s&ps == ps {
			terms = append(terms, p)
		}
	}
	var rels []Version
	for _, v := range u.all {
		if v.Product == "ghes" {
			rels = append(rels, v)
		}
	}
	for i := 0; i < len(rels); {
		if s&u.Set(rels[i]) == 0 {
			i++
			continue
		}
		j := i
		for j+1 < len(rels) && s&u.Set(rels[j+1]) != 0 {
			j++
		}
		first, last := i == 0, j == len(rels)-1
		switch {
		case first && last:
			terms = append(terms, "ghes")
		case i == j:
			terms = append(terms, "ghes = "+rels[i].Release)
		case first:
			terms = append(terms, "ghes <= "+rels[j].Release)
		case last:
			terms = append(terms, "ghes >= "+rels[i].Release)
		default:
			terms = append(terms, "ghes >= "+rels[i].Release+" and ghes <= "+rels[j].Release)
		}
		i = j + 1
	}
	return strings.Join(terms, " or ")
}
