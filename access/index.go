package access

import (
	"math/bits"
	"slices"
	"sync"
)

// MetadataPermission is the permission every fine-grained token holds at
// Read.
const MetadataPermission = "metadata"

// index is a Table's lazily built state.
type index struct {
	scopeIdx  map[string]int
	implied   []bitset // per scope: the scopes it implies, itself included
	ancestors []bitset // per scope: the scopes implying it, itself included
	words     int      // bitset length in uint64 words

	permIdx  map[string]int
	offered  []uint8 // per permission: bit l set when Level l is offered
	metadata int     // index of MetadataPermission, or -1

	router router
	eps    []epIndex

	// Parameter names of endpoint i: names[span>>8 : span>>8+span&0xff]
	// with span = nameSpans[i]; compact, for Lookup's hot path.
	names     []string
	nameSpans []uint32
}

// paramNames returns the parameter names of endpoint i, in template order.
func (ix *index) paramNames(i int) []string {
	sp := ix.nameSpans[i]
	lo, hi := sp>>8, sp>>8+sp&0xff
	return ix.names[lo:hi:hi]
}

// epIndex is the compiled form of one Endpoint.
type epIndex struct {
	classic    [2]compiledClassic // by Visibility
	fine       [][]need           // satisfiable AnyOf sets
	fineFree   bool               // AnyOf is empty or has an empty set
	headerOnce sync.Once
	headers    struct {
		scopes [2]string // X-Accepted-OAuth-Scopes by Visibility
		perms  string    // X-Accepted-GitHub-Permissions
	}
}

type compiledClassic struct {
	free bool     // no scope needed
	alts []bitset // satisfiable AND-sets
}

type need struct {
	perm  int
	level Level
}

type bitset []uint64

func (b bitset) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bitset) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) or(c bitset) {
	for i := range b {
		b[i] |= c[i]
	}
}

// subsetOf reports whether b ⊆ c.
func (b bitset) subsetOf(c bitset) bool {
	for i, w := range b {
		if w&^c[i] != 0 {
			return false
		}
	}
	return true
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// each calls f for every member in increasing order.
func (b bitset) each(f func(int)) {
	for i, w := range b {
		for w != 0 {
			j := bits.TrailingZeros64(w)
			f(i*64 + j)
			w &= w - 1
		}
	}
}

func (t *Table) index() *index {
	if ix := t.idx.Load(); ix != nil {
		return ix
	}
	return t.buildIndexOnce()
}

func (t *Table) buildIndexOnce() *index {
	t.once.Do(func() { t.idx.Store(buildIndex(t)) })
	return t.idx.Load()
}

func buildIndex(t *Table) *index {
	ix := &index{
		scopeIdx: make(map[string]int, len(t.Scopes)),
		permIdx:  make(map[string]int, len(t.Permissions)),
		metadata: -1,
		words:    max(1, (len(t.Scopes)+63)/64),
	}
	for i, s := range t.Scopes {
		if _, dup := ix.scopeIdx[s.Name]; !dup {
			ix.scopeIdx[s.Name] = i
		}
	}
	ix.buildScopeClosure(t)
	ix.offered = make([]uint8, len(t.Permissions))
	for i, p := range t.Permissions {
		if _, dup := ix.permIdx[p.Name]; !dup {
			ix.permIdx[p.Name] = i
		}
		for _, l := range p.Levels {
			if l > None && l <= Admin {
				ix.offered[i] |= 1 << l
			}
		}
	}
	if i, ok := ix.permIdx[MetadataPermission]; ok {
		ix.metadata = i
	}
	ix.eps = make([]epIndex, len(t.Endpoints))
	ix.nameSpans = make([]uint32, len(t.Endpoints))
	for i := range t.Endpoints {
		ep := &t.Endpoints[i]
		if !validMethod(ep.Method) {
			continue
		}
		segs, err := parseTemplate(ep.Path)
		if err != nil {
			continue // invalid templates never match (Validate reports them)
		}
		off := len(ix.names)
		for _, s := range segs {
			ix.names = append(ix.names, s.names...)
		}
		ix.nameSpans[i] = uint32(off)<<8 | uint32(len(ix.names)-off) // at most MaxParams
		ix.router.add(ep.Method, segs, i)
		ix.compile(ep, &ix.eps[i])
	}
	ix.router.finish()
	return ix
}

func validMethod(m string) bool {
	switch m {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE":
		return true
	}
	return false
}

// buildScopeClosure computes, for every scope, what it implies and what
// implies it. Unknown parents are ignored; a cycle makes its members imply
// each other.
func (ix *index) buildScopeClosure(t *Table) {
	n := len(t.Scopes)
	children := make([][]int, n)
	for i, s := range t.Scopes {
		for _, p := range s.Parents {
			if j, ok := ix.scopeIdx[p]; ok && j != i {
				children[j] = append(children[j], i)
			}
		}
	}
	ix.implied = make([]bitset, n)
	ix.ancestors = make([]bitset, n)
	for i := range n {
		ix.ancestors[i] = make(bitset, ix.words)
	}
	for i := range n {
		b := make(bitset, ix.words)
		stack := []int{i}
		b.set(i)
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, c := range children[j] {
				if !b.has(c) {
					b.set(c)
					stack = append(stack, c)
				}
			}
		}
		ix.implied[i] = b
		b.each(func(c int) { ix.ancestors[c].set(i) })
	}
}

// compile turns an endpoint's requirement into index form. Sets naming an
// unknown scope or permission, or a level no offered level satisfies, can
// never be met and are dropped (fail closed).
func (ix *index) compile(ep *Endpoint, ei *epIndex) {
	for vis, src := range [2][][]string{Private: ep.Classic.Private, Public: ep.Classic.Public} {
		c := &ei.classic[vis]
		c.free = len(src) == 0
		for _, set := range src {
			if len(set) == 0 {
				c.free = true
			}
			b, ok := ix.scopeSet(set)
			if ok {
				c.alts = append(c.alts, b)
			}
		}
	}
	ei.fineFree = len(ep.FineGrained.AnyOf) == 0
	for _, set := range ep.FineGrained.AnyOf {
		if len(set) == 0 {
			ei.fineFree = true
		}
		if ns, ok := ix.needs(set); ok {
			ei.fine = append(ei.fine, ns)
		}
	}
}

func (ix *index) scopeSet(names []string) (bitset, bool) {
	b := make(bitset, ix.words)
	for _, s := range names {
		i, ok := ix.scopeIdx[s]
		if !ok {
			return nil, false
		}
		b.set(i)
	}
	return b, true
}

// needs compiles an AND-set of grants. Each need is raised to the lowest
// offered level that satisfies it; needs for the same permission merge.
func (ix *index) needs(set []Grant) ([]need, bool) {
	var ns []need
	for _, g := range set {
		p, ok := ix.permIdx[g.Permission]
		if !ok {
			return nil, false
		}
		l, ok := ix.lowestOffered(p, g.Level)
		if !ok {
			return nil, false
		}
		if i := slices.IndexFunc(ns, func(n need) bool { return n.perm == p }); i >= 0 {
			ns[i].level = max(ns[i].level, l)
			continue
		}
		ns = append(ns, need{p, l})
	}
	return ns, true
}

// lowestOffered returns the lowest level of permission p that is offered
// and at least l. A need for None is satisfied by anything.
func (ix *index) lowestOffered(p int, l Level) (Level, bool) {
	if l == None {
		return None, true
	}
	for x := l; x <= Admin; x++ {
		if ix.offered[p]&(1<<x) != 0 {
			return x, true
		}
	}
	return None, false
}
