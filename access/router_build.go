package access

import (
	"sort"
	"strings"
)

// Building the routers. Templates are first inserted into pointer trees
// (node), one per method, then flattened into the arrays the lookup walks
// (router.go): compact, contiguous and free of pointers to chase.

// node is a node of a per-method routing tree under construction.
type node struct {
	static []edge       // sorted by label
	mixed  []*mixedEdge // sorted by shape
	param  *node
	ep     int32 // endpoint index + 1; 0 = no endpoint ends here
}

type edge struct {
	label string
	child *node
}

type mixedEdge struct {
	shape string
	lits  []string
	child *node
}

// add inserts endpoint i. The first of several equivalent templates wins.
func (r *router) add(method string, segs []tseg, i int) {
	if r.trees == nil {
		r.trees = map[string]*node{}
	}
	n := r.trees[method]
	if n == nil {
		n = &node{}
		r.trees[method] = n
	}
	for _, s := range segs {
		switch s.kind {
		case segStatic:
			r.maxStatic = max(r.maxStatic, len(s.label))
			n = n.staticChild(s.label)
		case segMixed:
			n = n.mixedChild(s)
		case segParam:
			if n.param == nil {
				n.param = &node{}
			}
			n = n.param
		}
	}
	if n.ep == 0 {
		n.ep = int32(i) + 1
	}
}

func (n *node) staticChild(label string) *node {
	for _, e := range n.static {
		if e.label == label {
			return e.child
		}
	}
	c := &node{}
	n.static = append(n.static, edge{label, c})
	sort.Slice(n.static, func(a, b int) bool { return n.static[a].label < n.static[b].label })
	return c
}

func (n *node) mixedChild(s tseg) *node {
	for _, m := range n.mixed {
		if m.shape == s.label {
			return m.child
		}
	}
	m := &mixedEdge{shape: s.label, lits: s.lits, child: &node{}}
	n.mixed = append(n.mixed, m)
	sort.Slice(n.mixed, func(a, b int) bool { return n.mixed[a].shape < n.mixed[b].shape })
	return m.child
}

// finish flattens every tree.
func (r *router) finish() {
	var labels strings.Builder
	seen := map[string]uint32{}
	var flatten func(n *node) int32
	flatten = func(n *node) int32 {
		id := int32(len(r.nodes))
		r.nodes = append(r.nodes, fnode{param: -1, ep: n.ep - 1})
		static := make([]fedge, len(n.static))
		for i, e := range n.static {
			off, ok := seen[e.label]
			if !ok {
				off = uint32(labels.Len())
				labels.WriteString(e.label)
				seen[e.label] = off
			}
			static[i] = fedge{head: segHead(e.label), off: off, n: uint16(len(e.label)), child: flatten(e.child)}
			if len(e.label) > 8 {
				static[i].tail = segHead(e.label[8:])
			}
		}
		slots, seed, shift := static, uint64(0), uint8(0)
		if len(static) > 0 {
			if tab, sd, sh, ok := perfectHash(n.static, static); ok {
				slots, seed, shift = tab, sd, sh
			} else if len(static) > linearMax {
				r.unhashed++ // searched linearly, slowly
			}
		}
		mixed := make([]fmixed, len(n.mixed))
		for i, m := range n.mixed {
			mixed[i] = fmixed{lits: m.lits, child: flatten(m.child)}
		}
		param := int32(-1)
		if n.param != nil {
			param = flatten(n.param)
			r.tails = r.tails || r.nodes[param].greedy()
		}
		f := &r.nodes[id]
		f.edges, f.nedges, f.seed, f.shift = uint32(len(r.edges)), uint16(len(slots)), seed, shift
		r.edges = append(r.edges, slots...)
		f.mixed, f.nmixed = uint32(len(r.mixed)), uint8(len(mixed))
		r.mixed = append(r.mixed, mixed...)
		f.param = param
		return id
	}
	r.roots = map[string]int32{}
	for i := range r.fast {
		r.fast[i] = -1
	}
	methods := make([]string, 0, len(r.trees))
	for m := range r.trees {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	for _, m := range methods {
		id := flatten(r.trees[m])
		if i := methodSlot(m); i >= 0 {
			r.fast[i] = id
		} else {
			r.roots[m] = id
		}
	}
	r.labels = labels.String()
	r.trees = nil
}

// segHead returns the first (up to) 8 bytes of a segment, little-endian,
// zero-padded: the word the lookup gets from its scan for '/'.
func segHead[S string | []byte](s S) uint64 {
	var w uint64
	for i := min(len(s), 8) - 1; i >= 0; i-- {
		w = w<<8 | uint64(s[i])
	}
	return w
}

// segKey is the hash key of a segment: its head word and length. Labels
// of one node that share both get no perfect hash (see perfectHash).
func segKey(head uint64, n int) uint64 {
	return head + uint64(n)
}

// perfectHash looks for a multiplier that sends every label to its own
// slot of a small table. It fails when two labels share their key.
func perfectHash(static []edge, flat []fedge) (tab []fedge, seed uint64, shift uint8, ok bool) {
	keys := make([]uint64, len(static))
	for i, e := range static {
		keys[i] = segKey(flat[i].head, len(e.label))
	}
	bits := uint8(1)
	for 1<<bits < 2*len(keys) {
		bits++
	}
	x := uint64(0x9E3779B97F4A7C15)
	for ; bits <= 12; bits++ {
		used := make([]bool, 1<<bits)
		for try := 0; try < 2000; try++ {
			x = x*6364136223846793005 + 1442695040888963407
			s := x | 1
			clear(used)
			ok := true
			for _, k := range keys {
				h := k * s >> (64 - bits)
				if used[h] {
					ok = false
					break
				}
				used[h] = true
			}
			if ok {
				tab = make([]fedge, 1<<bits)
				for i, k := range keys {
					tab[k*s>>(64-bits)] = flat[i]
				}
				return tab, s, 64 - bits, true
			}
		}
	}
	return nil, 0, 0, false
}

func methodSlot(m string) int {
	switch len(m) {
	case 3:
		if m == "GET" {
			return 0
		}
		if m == "PUT" {
			return 3
		}
	case 4:
		if m == "HEAD" {
			return 1
		}
		if m == "POST" {
			return 2
		}
	case 5:
		if m == "PATCH" {
			return 4
		}
	case 6:
		if m == "DELETE" {
			return 5
		}
	}
	return -1
}
