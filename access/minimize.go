package access

import (
	"cmp"
	"errors"
	"slices"
	"strings"
)

// Minimal is what Table.Minimize found: the least a token needs to call a
// list of endpoints.
type Minimal struct {
	// FineGrained is the cheapest permission set that satisfies every
	// endpoint fine-grained tokens can call, by permission name.
	// metadata=read is left out: every fine-grained token holds it.
	FineGrained []MinimalGrant
	// FineGrainedUnavailable lists the endpoints no fine-grained token can
	// call (not accepted, or no satisfiable AnyOf set).
	FineGrainedUnavailable []*Endpoint

	// Classic is the smallest normalised scope set that satisfies every
	// endpoint classic tokens can call, by scope name.
	Classic []MinimalScope
	// ClassicUnavailable lists the endpoints no classic token can call.
	ClassicUnavailable []*Endpoint
}

// MinimalGrant is one permission of a minimal set, with the endpoints whose
// chosen AnyOf set needs it (at this or a lower level), in input order.
type MinimalGrant struct {
	Grant
	Endpoints []*Endpoint
}

// MinimalScope is one scope of a minimal set, with the endpoints whose
// chosen scope set needs it or a scope it implies, in input order.
type MinimalScope struct {
	Scope     string
	Endpoints []*Endpoint
}

// Permissions returns the fine-grained result in canonical form:
// "perm=level" sorted by permission and joined by ",".
func (m *Minimal) Permissions() string {
	parts := make([]string, len(m.FineGrained))
	for i, g := range m.FineGrained {
		parts[i] = g.Grant.String()
	}
	return strings.Join(parts, ",")
}

// Scopes returns the classic result in canonical form: sorted scope names
// joined by ", " (as in X-OAuth-Scopes).
func (m *Minimal) Scopes() string {
	parts := make([]string, len(m.Classic))
	for i, s := range m.Classic {
		parts[i] = s.Scope
	}
	return strings.Join(parts, ", ")
}

// Minimize computes the least a token needs to call every one of endpoints
// on resources of visibility vis, exactly, for both token kinds; see the
// package documentation, "Minimize", for the cost orders. Endpoints need
// not belong to t, but their scope and permission names are resolved in t.
// A nil endpoint is an error.
func (t *Table) Minimize(endpoints []*Endpoint, vis Visibility) (Minimal, error) {
	if vis != Public {
		vis = Private
	}
	for _, ep := range endpoints {
		if ep == nil {
			return Minimal{}, errors.New("access: Minimize: nil endpoint")
		}
	}
	ix := t.index()
	var m Minimal
	m.FineGrained, m.FineGrainedUnavailable, _ = ix.minimizeFine(t, endpoints, vis)
	m.Classic, m.ClassicUnavailable, _ = ix.minimizeClassic(t, endpoints, vis)
	return m, nil
}

// group is a set of endpoints with identical requirements (de-duplicated
// so that the search sees each requirement once).
type group[A any] struct {
	key  string
	alts []A
	eps  []int // indexes into the input
}

// addGroup files endpoint i under key.
func addGroup[A any](groups *[]*group[A], byKey map[string]*group[A], key string, alts []A, i int) {
	g, ok := byKey[key]
	if !ok {
		g = &group[A]{key: key, alts: alts}
		byKey[key] = g
		*groups = append(*groups, g)
	}
	g.eps = append(g.eps, i)
}

// ---- fine-grained ----

// fineCost orders fine-grained solutions: the sum of level ranks, then the
// number of permissions, then the canonical string.
type fineCost struct {
	sum, n int
	canon  string
}

func (a fineCost) less(b fineCost) bool {
	if a.sum != b.sum {
		return a.sum < b.sum
	}
	if a.n != b.n {
		return a.n < b.n
	}
	return a.canon < b.canon
}

// minimizeFine returns the minimal permissions, the unavailable endpoints
// and the number of search nodes visited.
func (ix *index) minimizeFine(t *Table, eps []*Endpoint, vis Visibility) ([]MinimalGrant, []*Endpoint, int) {
	var groups []*group[[]need]
	byKey := map[string]*group[[]need]{}
	var unavailable []*Endpoint
	for i, ep := range eps {
		fg := &ep.FineGrained
		if !fg.Accepted {
			unavailable = append(unavailable, ep)
			continue
		}
		if len(fg.AnyOf) == 0 || vis == Public && fg.PublicWithoutPermission {
			continue
		}
		alts, free := ix.fineAlternatives(fg.AnyOf)
		if free {
			continue
		}
		if len(alts) == 0 {
			unavailable = append(unavailable, ep)
			continue
		}
		addGroup(&groups, byKey, fineKey(alts), alts, i)
	}
	s := &fineSearch{t: t, all: groups, seen: map[string]bool{}}
	return s.result(eps, s.run()), unavailable, s.nodes
}

// fineAlternatives compiles AnyOf for minimisation: needs sorted by
// permission, metadata=read dropped (always held), sets that cannot be met
// dropped, and sets implied by a cheaper one dropped. free reports a set
// that needs nothing.
func (ix *index) fineAlternatives(anyOf [][]Grant) (alts [][]need, free bool) {
	for _, set := range anyOf {
		ns, ok := ix.needs(set)
		if !ok {
			continue
		}
		ns = slices.DeleteFunc(ns, func(n need) bool {
			return n.level == None || n.perm == ix.metadata && n.level <= Read
		})
		if len(ns) == 0 {
			return nil, true
		}
		slices.SortFunc(ns, func(a, b need) int { return cmp.Compare(a.perm, b.perm) })
		alts = append(alts, ns)
	}
	// Drop every set that another (different, or identical and earlier)
	// set is pointwise at most: choosing the smaller one never costs more.
	var keep [][]need
	for i, a := range alts {
		dominated := false
		for j, b := range alts {
			if i != j && needsLE(b, a) && (!needsLE(a, b) || j < i) {
				dominated = true
				break
			}
		}
		if !dominated {
			keep = append(keep, a)
		}
	}
	slices.SortFunc(keep, func(a, b []need) int { return strings.Compare(needsKey(a), needsKey(b)) })
	return keep, false
}

// needsLE reports whether every need of a is in b at the same or a higher level.
func needsLE(a, b []need) bool {
	for _, x := range a {
		i := slices.IndexFunc(b, func(y need) bool { return y.perm == x.perm })
		if i < 0 || b[i].level < x.level {
			return false
		}
	}
	return true
}

func needsKey(ns []need) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteByte(byte(n.perm >> 8))
		b.WriteByte(byte(n.perm))
		b.WriteByte(byte(n.level))
	}
	return b.String()
}

func fineKey(alts [][]need) string {
	var b strings.Builder
	for _, a := range alts {
		b.WriteString(needsKey(a))
		b.WriteByte(0xff)
	}
	return b.String()
}

// fineSearch is an exact branch-and-bound search over one AnyOf set per
// group.
type fineSearch struct {
	t      *Table
	all    []*group[[]need]
	groups []*group[[]need] // the groups the search branches on
	seen   map[string]bool  // (depth, union) states already explored

	best      fineCost
	bestUnion []Level
	found     bool
	nodes     int // search statistics, for tests
}

// run returns the best union.
func (s *fineSearch) run() []Level {
	union := make([]Level, len(s.t.Permissions))
	var rest []*group[[]need]
	// Groups with one set are forced.
	for _, g := range s.all {
		if len(g.alts) == 1 {
			raise(union, g.alts[0])
		} else {
			rest = append(rest, g)
		}
	}
	slices.SortStableFunc(rest, func(a, b *group[[]need]) int {
		return cmp.Or(cmp.Compare(len(a.alts), len(b.alts)), strings.Compare(a.key, b.key))
	})
	s.groups = rest
	s.search(0, union)
	return s.bestUnion
}

func raise(union []Level, ns []need) {
	for _, n := range ns {
		union[n.perm] = max(union[n.perm], n.level)
	}
}

func covers(union []Level, ns []need) bool {
	for _, n := range ns {
		if union[n.perm] < n.level {
			return false
		}
	}
	return true
}

func (s *fineSearch) cost(union []Level) fineCost {
	c := fineCost{}
	for _, l := range union {
		if l > None {
			c.sum += int(l)
			c.n++
		}
	}
	return c
}

// costWith is the (sum, n) part of cost(union ∪ ns).
func costWith(c fineCost, union []Level, ns []need) fineCost {
	for _, n := range ns {
		if cur := union[n.perm]; n.level > cur {
			c.sum += int(n.level - cur)
			if cur == None {
				c.n++
			}
		}
	}
	return c
}

// boundBeats reports whether (sum, n) of c is greater than the best found,
// so no completion can win. Ties are explored: the canonical string decides.
func (s *fineSearch) boundBeats(c fineCost) bool {
	return s.found && (c.sum > s.best.sum || c.sum == s.best.sum && c.n > s.best.n)
}

func (s *fineSearch) search(i int, union []Level) {
	s.nodes++
	for i < len(s.groups) && s.coveredAt(i, union) {
		i++ // a covered group costs nothing; any other set costs at least as much
	}
	cur := s.cost(union)
	if i == len(s.groups) {
		cur.canon = s.canonical(union)
		if !s.found || cur.less(s.best) {
			s.best, s.bestUnion, s.found = cur, slices.Clone(union), true
		}
		return
	}
	// Lower bound: every remaining group adds at least its cheapest set.
	lb := cur
	for _, g := range s.groups[i:] {
		m := fineCost{sum: 1 << 30}
		for _, a := range g.alts {
			if c := costWith(cur, union, a); c.sum < m.sum || c.sum == m.sum && c.n < m.n {
				m = c
			}
		}
		if m.sum > lb.sum || m.sum == lb.sum && m.n > lb.n {
			lb = m
		}
	}
	if s.boundBeats(lb) {
		return
	}
	key := s.stateKey(i, union)
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	// Try the cheapest sets first, so that good bounds come early.
	g := s.groups[i]
	order := make([]int, len(g.alts))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ca, cb := costWith(cur, union, g.alts[a]), costWith(cur, union, g.alts[b])
		return cmp.Or(cmp.Compare(ca.sum, cb.sum), cmp.Compare(ca.n, cb.n))
	})
	next := make([]Level, len(union))
	for _, k := range order {
		if s.boundBeats(costWith(cur, union, g.alts[k])) {
			continue
		}
		copy(next, union)
		raise(next, g.alts[k])
		s.search(i+1, next)
	}
}

func (s *fineSearch) coveredAt(i int, union []Level) bool {
	for _, a := range s.groups[i].alts {
		if covers(union, a) {
			return true
		}
	}
	return false
}

func (s *fineSearch) stateKey(i int, union []Level) string {
	b := make([]byte, 0, 4+len(union))
	b = append(b, byte(i>>24), byte(i>>16), byte(i>>8), byte(i))
	for _, l := range union {
		b = append(b, byte(l))
	}
	return string(b)
}

func (s *fineSearch) canonical(union []Level) string {
	var parts []string
	for p, l := range union {
		if l > None {
			parts = append(parts, Grant{s.t.Permissions[p].Name, l}.String())
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// result lists the permissions of union with, for each, the endpoints
// whose chosen set needs it. Every group's chosen set is its first set
// (in canonical order) that union covers.
func (s *fineSearch) result(eps []*Endpoint, union []Level) []MinimalGrant {
	by := map[int][]int{} // permission -> endpoint indexes
	for _, g := range s.all {
		for _, a := range g.alts {
			if covers(union, a) {
				for _, n := range a {
					by[n.perm] = append(by[n.perm], g.eps...)
				}
				break
			}
		}
	}
	var out []MinimalGrant
	for p, l := range union {
		if l > None {
			out = append(out, MinimalGrant{Grant: Grant{s.t.Permissions[p].Name, l}, Endpoints: endpointList(eps, by[p])})
		}
	}
	slices.SortFunc(out, func(a, b MinimalGrant) int { return strings.Compare(a.Permission, b.Permission) })
	return out
}

// endpointList returns the endpoints at idx, in input order, once each.
func endpointList(eps []*Endpoint, idx []int) []*Endpoint {
	slices.Sort(idx)
	idx = slices.Compact(idx)
	out := make([]*Endpoint, len(idx))
	for i, j := range idx {
		out[i] = eps[j]
	}
	return out
}
