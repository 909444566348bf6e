package access

import (
	"cmp"
	"slices"
	"strings"
)

// classicCost orders classic solutions: the number of scopes after
// normalisation, then the canonical string.
type classicCost struct {
	n     int
	canon string
}

func (a classicCost) less(b classicCost) bool {
	return a.n < b.n || a.n == b.n && a.canon < b.canon
}

// minimizeClassic returns the minimal scopes, the unavailable endpoints and
// the number of search nodes visited.
func (ix *index) minimizeClassic(t *Table, eps []*Endpoint, vis Visibility) ([]MinimalScope, []*Endpoint, int) {
	var groups []*group[bitset]
	byKey := map[string]*group[bitset]{}
	var unavailable []*Endpoint
	for i, ep := range eps {
		c := &ep.Classic
		if !c.Accepted {
			unavailable = append(unavailable, ep)
			continue
		}
		sets := c.Private
		if vis == Public {
			sets = c.Public
		}
		alts, free := ix.classicAlternatives(sets)
		if free {
			continue
		}
		if len(alts) == 0 {
			unavailable = append(unavailable, ep)
			continue
		}
		addGroup(&groups, byKey, classicKey(alts), alts, i)
	}
	s := &classicSearch{ix: ix, t: t, all: groups, seen: map[string]bool{}}
	s.run()
	return s.result(eps), unavailable, s.nodes
}

// classicAlternatives compiles scope sets: sets naming an unknown scope are
// dropped, identical sets merged. free reports a set (or list) that needs
// no scope.
func (ix *index) classicAlternatives(sets [][]string) (alts []bitset, free bool) {
	if len(sets) == 0 {
		return nil, true
	}
	for _, set := range sets {
		if len(set) == 0 {
			return nil, true
		}
		if b, ok := ix.scopeSet(set); ok {
			alts = append(alts, b)
		}
	}
	slices.SortFunc(alts, func(a, b bitset) int { return slices.Compare(a, b) })
	return slices.CompactFunc(alts, slices.Equal), false
}

func classicKey(alts []bitset) string {
	var b strings.Builder
	for _, a := range alts {
		for _, w := range a {
			for k := range 8 {
				b.WriteByte(byte(w >> (8 * k)))
			}
		}
	}
	return b.String()
}

// classicSearch is an exact search over one scope set per group. Adding a
// scope can lower the cost (a parent absorbs its children), so the search
// cannot skip covered groups; it prunes with a lower bound on the number
// of scopes still needed and never explores a (depth, union) state twice.
type classicSearch struct {
	ix     *index
	t      *Table
	all    []*group[bitset]
	groups []*group[bitset]
	seen   map[string]bool
	cand   []bitset // cand[i]: every scope a set of groups[i:] names

	best   classicCost
	choice []int // best choice of set per group of groups
	cur    []int
	found  bool
	nodes  int
}

func (s *classicSearch) run() {
	s.groups = slices.Clone(s.all)
	slices.SortStableFunc(s.groups, func(a, b *group[bitset]) int {
		return cmp.Or(cmp.Compare(len(a.alts), len(b.alts)), strings.Compare(a.key, b.key))
	})
	n := len(s.groups)
	s.cand = make([]bitset, n+1)
	s.cand[n] = make(bitset, s.ix.words)
	for i := n - 1; i >= 0; i-- {
		s.cand[i] = slices.Clone(s.cand[i+1])
		for _, a := range s.groups[i].alts {
			s.cand[i].or(a)
		}
	}
	s.cur = make([]int, n)
	s.search(0, make(bitset, s.ix.words))
}

func (s *classicSearch) search(i int, union bitset) {
	s.nodes++
	if i == len(s.groups) {
		top := s.ix.maximal(s.t, union)
		c := classicCost{n: len(top), canon: strings.Join(top, ", ")}
		if !s.found || c.less(s.best) {
			s.best, s.choice, s.found = c, slices.Clone(s.cur), true
		}
		return
	}
	if s.found && s.lowerBound(i, union) > s.best.n {
		return
	}
	key := stateKey(i, union)
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	next := make(bitset, len(union))
	for k, a := range s.groups[i].alts {
		copy(next, union)
		next.or(a)
		s.cur[i] = k
		s.search(i+1, next)
	}
}

// lowerBound counts scopes of max(union) no two of which one candidate
// scope can imply both: each needs its own scope in any completion.
func (s *classicSearch) lowerBound(i int, union bitset) int {
	avail := slices.Clone(s.cand[i])
	avail.or(union)
	taken := make(bitset, len(union))
	cover := make(bitset, len(union))
	n := 0
	union.each(func(a int) {
		for j := range cover {
			cover[j] = s.ix.ancestors[a][j] & avail[j]
		}
		for j := range cover {
			if cover[j]&taken[j] != 0 {
				return
			}
		}
		taken.or(cover)
		n++
	})
	return n
}

func stateKey(i int, b bitset) string {
	var sb strings.Builder
	sb.WriteByte(byte(i >> 8))
	sb.WriteByte(byte(i))
	for _, w := range b {
		for k := range 8 {
			sb.WriteByte(byte(w >> (8 * k)))
		}
	}
	return sb.String()
}

// maximal returns the names of the scopes of b that no other scope of b
// implies (NormalizeScopes on a bitset), sorted.
func (ix *index) maximal(t *Table, b bitset) []string {
	var idx []int
	b.each(func(i int) { idx = append(idx, i) })
	return ix.normalize(t, idx)
}

// result lists the scopes of the best solution with the endpoints that need
// each: those whose chosen set names the scope or a scope it implies.
func (s *classicSearch) result(eps []*Endpoint) []MinimalScope {
	if !s.found {
		return nil
	}
	union := make(bitset, s.ix.words)
	for i, g := range s.groups {
		union.or(g.alts[s.choice[i]])
	}
	top := s.ix.maximal(s.t, union)
	out := make([]MinimalScope, len(top))
	for k, name := range top {
		m := s.ix.scopeIdx[name]
		var idx []int
		for i, g := range s.groups {
			a := g.alts[s.choice[i]]
			needs := false
			a.each(func(x int) { needs = needs || s.ix.implied[m].has(x) })
			if needs {
				idx = append(idx, g.eps...)
			}
		}
		out[k] = MinimalScope{Scope: name, Endpoints: endpointList(eps, idx)}
	}
	return out
}
