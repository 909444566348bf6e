package access

import (
	"math/bits"
	"sort"
	"strings"
)

// node is a node of a per-method routing tree. Children are tried in
// precedence order: static, then mixed (by shape), then parameter; a
// failed branch backtracks to the next.
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

// linearMax is the widest fan-out searched linearly.
const linearMax = 4

// router holds one tree per method.
type router struct {
	trees     map[string]*node // while building
	maxStatic int              // longest static label

	fast   [6]int32         // roots for GET HEAD POST PUT PATCH DELETE, or -1
	roots  map[string]int32 // roots for other methods
	nodes  []fnode
	edges  []fedge
	mixed  []fmixed
	labels string
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

// The trees are built from pointer nodes (above) and then flattened into
// arrays for lookups: compact, contiguous and free of pointers to chase.

// fnode is a flattened node.
type fnode struct {
	edges  uint32 // first slot in router.edges
	nedges uint16 // slots: a hash table when shift > 0, else a sorted list
	shift  uint8  // hash shift (64 - log2 slots); 0 = linear list
	nmixed uint8  // mixed edges at router.mixed[mixed:mixed+nmixed]
	mixed  uint32
	param  int32 // child for a parameter, or -1
	ep     int32 // endpoint index, or -1
	seed   uint64
}

// fedge is a static edge; its label is router.labels[off:off+n]. Empty
// hash slots have n == 0 and never match (segments are never empty).
type fedge struct {
	off   uint32
	n     uint16
	child int32
}

type fmixed struct {
	lits  []string
	child int32
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
			static[i] = fedge{off: off, n: uint16(len(e.label)), child: flatten(e.child)}
		}
		slots, seed, shift := static, uint64(0), uint8(0)
		if len(n.static) > linearMax {
			if tab, sd, sh, ok := perfectHash(n.static, static); ok {
				slots, seed, shift = tab, sd, sh
			}
		}
		mixed := make([]fmixed, len(n.mixed))
		for i, m := range n.mixed {
			mixed[i] = fmixed{lits: m.lits, child: flatten(m.child)}
		}
		param := int32(-1)
		if n.param != nil {
			param = flatten(n.param)
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
	for _, m := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"} {
		r.fast[methodSlot(m)] = -1
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

func methodSlot(m string) int {
	switch m {
	case "GET":
		return 0
	case "HEAD":
		return 1
	case "POST":
		return 2
	case "PUT":
		return 3
	case "PATCH":
		return 4
	case "DELETE":
		return 5
	}
	return -1
}

// root returns the tree for method, or -1.
func (r *router) root(method string) int32 {
	if i := methodSlot(method); i >= 0 {
		return r.fast[i]
	}
	if id, ok := r.roots[method]; ok {
		return id
	}
	return -1
}

// hashKey packs the length and a few bytes of a segment.
func hashKey[S string | []byte](s S) uint64 {
	l := len(s)
	return uint64(l) | uint64(s[0])<<8 | uint64(s[l>>1])<<16 | uint64(s[l-1])<<24 |
		uint64(s[l>>2])<<32 | uint64(s[l-l>>2-1])<<40 | uint64(s[l/3])<<48
}

// perfectHash looks for a multiplier that sends every label to its own
// slot of a small table.
func perfectHash(static []edge, flat []fedge) (tab []fedge, seed uint64, shift uint8, ok bool) {
	keys := make([]uint64, len(static))
	for i, e := range static {
		keys[i] = hashKey(e.label)
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

// findStatic returns the child of n for the static segment seg, or -1.
func (r *router) findStatic(n *fnode, seg string) int32 {
	if n.shift != 0 {
		e := &r.edges[n.edges+uint32(hashKey(seg)*n.seed>>n.shift)]
		if int(e.n) == len(seg) && r.labels[e.off:e.off+uint32(e.n)] == seg {
			return e.child
		}
		return -1
	}
	for _, e := range r.edges[n.edges : n.edges+uint32(n.nedges)] {
		if int(e.n) == len(seg) && r.labels[e.off:e.off+uint32(e.n)] == seg {
			return e.child
		}
	}
	return -1
}

// findStaticEscaped is findStatic for a segment with percent-escapes: it
// compares the decoded segment.
func (r *router) findStaticEscaped(n *fnode, seg string) int32 {
	var buf [256]byte
	d, ok := unescape(seg, buf[:])
	if !ok {
		return -1
	}
	return r.findStaticBytes(n, d)
}

// findStaticBytes is findStatic for a decoded segment.
func (r *router) findStaticBytes(n *fnode, seg []byte) int32 {
	if len(seg) == 0 {
		return -1
	}
	if n.shift != 0 {
		e := &r.edges[n.edges+uint32(hashKey(seg)*n.seed>>n.shift)]
		if int(e.n) == len(seg) && r.labels[e.off:e.off+uint32(e.n)] == string(seg) {
			return e.child
		}
		return -1
	}
	for _, e := range r.edges[n.edges : n.edges+uint32(n.nedges)] {
		if int(e.n) == len(seg) && r.labels[e.off:e.off+uint32(e.n)] == string(seg) {
			return e.child
		}
	}
	return -1
}

const maxPathLen = 1<<32 - 1

// lookup returns the index of the endpoint matching method and path, or -1.
//
// Request path rules: the path starts with '/'; a single trailing slash is
// dropped; an empty segment matches nothing; a dot segment ("." or "..",
// also percent-encoded) matches nothing, so such paths are never found.
func (r *router) lookup(method, path string, ps *Params) int {
	p := path
	if p == "" || p[0] != '/' || uint64(len(p)) > maxPathLen {
		return -1
	}
	if n := len(p); n > 1 && p[n-1] == '/' && p[n-2] != '/' {
		p = p[:n-1]
	}
	ps.path = p
	if n := r.root(method); n >= 0 {
		if i := r.match(n, p, 0, ps, 0); i >= 0 {
			return i
		}
	}
	if method == "HEAD" && r.fast[0] >= 0 {
		return r.match(r.fast[0], p, 0, ps, 0)
	}
	return -1
}

// segEnd returns the index of the first '/' in p at or after s, or len(p).
// It tests eight bytes at a time.
func segEnd(p string, s int) int {
	for ; s+8 <= len(p); s += 8 {
		x := uint64(p[s]) | uint64(p[s+1])<<8 | uint64(p[s+2])<<16 | uint64(p[s+3])<<24 |
			uint64(p[s+4])<<32 | uint64(p[s+5])<<40 | uint64(p[s+6])<<48 | uint64(p[s+7])<<56
		y := x ^ 0x2f2f2f2f2f2f2f2f // bytes equal to '/' become zero
		if t := (y - 0x0101010101010101) &^ y & 0x8080808080808080; t != 0 {
			return s + bits.TrailingZeros64(t)>>3
		}
	}
	for ; s < len(p) && p[s] != '/'; s++ {
	}
	return s
}

// match matches p[i:] below node ni; p[i:] is empty or starts with '/'. k is
// the number of parameters captured so far. It recurses only where a
// branch could fail and leave an alternative to try (backtracking);
// otherwise it loops.
func (r *router) match(ni int32, p string, i int, ps *Params, k int) int {
	for {
		n := &r.nodes[ni]
		if i == len(p) || len(p) == 1 { // end of path, or the path "/"
			return int(n.ep)
		}
		s := i + 1
		e := segEnd(p, s)
		seg := p[s:e]
		switch {
		case seg == "":
			return -1 // a parameter never matches an empty segment
		case (seg[0] == '.' || seg[0] == '%') && len(seg) <= 6 && isDot(seg):
			return -1 // dot segments match nothing
		}
		if n.nedges != 0 {
			c := r.findStatic(n, seg)
			if c < 0 && len(seg) <= 3*r.maxStatic && strings.IndexByte(seg, '%') >= 0 {
				c = r.findStaticEscaped(n, seg)
			}
			if c >= 0 {
				if n.nmixed == 0 && n.param < 0 {
					ni, i = c, e
					continue
				}
				if ep := r.match(c, p, e, ps, k); ep >= 0 {
					return ep
				}
			}
		}
		for _, m := range r.mixed[n.mixed : n.mixed+uint32(n.nmixed)] {
			if matchMixed(m.lits, seg, &ps.spans, s, k) {
				if ep := r.match(m.child, p, e, ps, k+len(m.lits)-1); ep >= 0 {
					return ep
				}
			}
		}
		if n.param < 0 {
			return -1
		}
		ps.spans[k] = [2]uint32{uint32(s), uint32(e)}
		ni, i, k = n.param, e, k+1
	}
}

// isDot reports whether seg is "." or "..", possibly percent-encoded.
func isDot(seg string) bool {
	return seg == "." || seg == ".." || isEncodedDot(seg)
}

func isEncodedDot(seg string) bool {
	if len(seg) > 6 {
		return false
	}
	var buf [6]byte
	d, ok := unescape(seg, buf[:])
	return ok && (string(d) == "." || string(d) == "..")
}

// unescape percent-decodes s into buf. It fails on a malformed escape or
// when the result does not fit.
func unescape(s string, buf []byte) ([]byte, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 >= len(s) || !ishex(s[i+1]) || !ishex(s[i+2]) {
				return nil, false
			}
			c = unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
		}
		if n == len(buf) {
			return nil, false
		}
		buf[n] = c
		n++
	}
	return buf[:n], true
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
