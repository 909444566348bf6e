package access

import (
	"math/bits"
	"strings"
)

// The lookup side of the routers (built in router_build.go).

// router holds one flattened tree per method.
type router struct {
	trees     map[string]*node // while building
	maxStatic int              // longest static label
	unhashed  int              // nodes wider than linearMax without a perfect hash
	tails     bool             // some parameter node is greedy (see fnode.greedy)

	fast   [6]int32         // roots for GET HEAD POST PUT PATCH DELETE, or -1
	roots  map[string]int32 // roots for other methods
	nodes  []fnode
	edges  []fedge
	mixed  []fmixed
	labels string // every static label, concatenated
}

// linearMax is the widest fan-out that may be searched linearly when its
// labels have no perfect hash (two share their first 8 bytes and length).
const linearMax = 4

// fnode is a flattened node. Children are tried in precedence order:
// static, then mixed (by shape), then parameter; a failed branch backtracks
// to the next. Static edges are found through a perfect hash table of
// nedges slots (shift > 0) or, when the labels have none, a linear list
// (shift = 0); a node without static edges has nedges = 0.
type fnode struct {
	edges  uint32 // first slot in router.edges
	nedges uint16 // slots: a hash table when shift > 0, else a sorted list
	shift  uint8  // hash shift (64 - log2 slots), 1..63; 0 = linear list
	nmixed uint8  // mixed edges at router.mixed[mixed:mixed+nmixed]
	mixed  uint32
	param  int32 // child for a parameter, or -1
	ep     int32 // endpoint index, or -1
	seed   uint64
}

// greedy reports whether a parameter node may take a greedy tail: a
// template ends here and none continues below.
func (n *fnode) greedy() bool {
	return n.ep >= 0 && n.nedges == 0 && n.nmixed == 0 && n.param < 0
}

// fedge is a static edge. head and tail hold the label's first 8 bytes and
// the next 8 (segHead of each, zero-padded); the label is
// router.labels[off:off+n]. Empty hash slots have n == 0 and never match
// (segments are never empty).
type fedge struct {
	head  uint64
	tail  uint64
	off   uint32
	n     uint16
	child int32
}

type fmixed struct {
	lits  []string
	child int32
}

// otherRoot returns the tree for a method without a slot in fast, or -1.
func (r *router) otherRoot(method string) int32 {
	if id, ok := r.roots[method]; ok {
		return id
	}
	return -1
}

// maxPathLen is the longest path Lookup considers (Params holds 16-bit offsets).
const maxPathLen = 1<<16 - 1

// lookup returns the index of the endpoint matching method and path, or -1.
//
// Request path rules: the path starts with '/'; a single trailing slash is
// dropped; an empty segment matches nothing; a dot segment ("." or "..",
// also percent-encoded) matches nothing, so such paths are never found.
//
// Each tree is searched twice at most: segment by segment, then, only when
// that finds nothing, again with greedy tails (a parameter that ends a
// template may take the rest of the path). HEAD falls back to GET after
// both searches of the HEAD tree failed.
func (r *router) lookup(method, path string, ps *Params) int {
	p := path
	if p == "" || p[0] != '/' || len(p) > maxPathLen {
		return -1
	}
	if n := len(p); n > 1 && p[n-1] == '/' && p[n-2] != '/' {
		p = p[:n-1]
	}
	ps.path = p
	if p == "/" {
		p = "" // no segments
	}
	var root int32 // the tree for method, or -1
	if m := methodSlot(method); m >= 0 {
		root = r.fast[m]
	} else {
		root = r.otherRoot(method)
	}
	if root >= 0 {
		if i := r.matchFast(root, p, 0, ps, 0); i >= 0 {
			return i
		}
	}
	return r.lookupSlow(method, root, p, ps)
}

// lookupSlow is the rest of lookup, out of the hot path: greedy tails
// under root, then the GET fallback for HEAD.
func (r *router) lookupSlow(method string, root int32, p string, ps *Params) int {
	tails := r.tails && strings.IndexByte(p[min(len(p), 1):], '/') >= 0 && wellFormed(p)
	if root >= 0 && tails {
		if i := r.match(root, p, 0, ps, 0, modeTail); i >= 0 {
			return i
		}
	}
	if method != "HEAD" || r.fast[0] < 0 {
		return -1
	}
	if i := r.matchFast(r.fast[0], p, 0, ps, 0); i >= 0 || !tails {
		return i
	}
	return r.match(r.fast[0], p, 0, ps, 0, modeTail)
}

// wellFormed reports whether every segment of p (empty, or starting with
// '/') is non-empty and not a dot segment: the condition for a greedy
// tail, which takes the segments after it unseen.
func wellFormed(p string) bool {
	for i := 0; i < len(p); {
		e, _ := segment(p, i+1)
		if seg := p[i+1 : e]; seg == "" || isDot(seg) {
			return false
		}
		i = e
	}
	return true
}

// Modes of match.
const (
	modeTail = 1 << iota // greedy tails allowed
	modeAlt              // skip the static edges for the first segment
)

// matchFast is match for the common case, written for few instructions:
// segments of at most 16 bytes, none starting with '.' or '%', hashed
// nodes, no mixed edges, no greedy tails. The segment scan is segment
// inlined by hand and static labels are compared a word at a time. On
// anything else it hands the current segment over to match, which
// handles every case. Its only calls are those hand-overs and the
// recursion for backtracking, after which nothing but its arguments is
// live, so the compiler keeps the loop in registers. FuzzLookup checks
// both against a naive matcher.
func (r *router) matchFast(ni int32, p string, i int, ps *Params, k int) int {
	for {
		n := &r.nodes[ni]
		if i == len(p) {
			return int(n.ep)
		}
		// The segment p[s:e], its first 8 bytes (head) and next 8 (second),
		// zero-padded.
		s := i + 1
		var x uint64
		switch {
		case s+8 <= len(p):
			x = load8at(p, s)
		case len(p) >= 8: // the last 8 bytes, shifted so that p[s] is the lowest
			x = load8at(p, len(p)-8) >> 8 >> (56 - 8*uint(len(p)-s)&63) // len(p)-s < 8
		default:
			x = loadShort(p, s)
		}
		e, head, second := len(p), x, uint64(0)
		if t := slashes(x); t != 0 {
			// t's lowest set bit is bit 7 of the first '/': keep the bytes below it
			e, head = s+bits.TrailingZeros64(t)>>3, x&((t&-t)>>7-1)
		} else if j := s + 8; j < len(p) {
			if j+8 <= len(p) {
				second = load8at(p, j)
			} else {
				second = load8at(p, len(p)-8) >> 8 >> (56 - 8*uint(len(p)-j)&63)
			}
			if t := slashes(second); t != 0 {
				e, second = j+bits.TrailingZeros64(t)>>3, second&((t&-t)>>7-1)
			} else if j+8 < len(p) {
				return r.match(ni, p, i, ps, k, 0) // longer than 16 bytes
			}
		}
		if e == s {
			return -1 // a parameter never matches an empty segment
		}
		if b := byte(head); b == '.' || b == '%' {
			return r.match(ni, p, i, ps, k, 0) // maybe a dot segment, maybe escaped
		}
		if n.nedges != 0 {
			if n.shift == 0 {
				return r.match(ni, p, i, ps, k, 0) // no perfect hash
			}
			ed := &r.edges[n.edges+uint32(segKey(head, e-s)*n.seed>>(n.shift&63))]
			if ed.head == head && int(ed.n) == e-s && (e-s <= 8 || ed.tail == second) {
				if n.nmixed == 0 && n.param < 0 {
					ni, i = ed.child, e
					continue
				}
				if ep := r.matchFast(ed.child, p, e, ps, k); ep >= 0 {
					return ep
				}
				return r.match(ni, p, i, ps, k, modeAlt) // backtrack
			}
			if hasPercent(head) || hasPercent(second) {
				return r.match(ni, p, i, ps, k, 0) // may decode to a static label
			}
		}
		if n.nmixed != 0 {
			return r.match(ni, p, i, ps, k, modeAlt)
		}
		if n.param < 0 {
			return -1
		}
		ps.spans[k] = [2]uint16{uint16(s), uint16(e)}
		ni, i, k = n.param, e, k+1
	}
}

// match matches p[i:] below node ni; p[i:] is empty or starts with '/'. k is
// the number of parameters captured so far. It recurses only where a
// branch could fail and leave an alternative to try (backtracking);
// otherwise it loops. With modeAlt it skips the static edges of ni for the
// first segment (their branch failed already).
//
// With modeTail, a parameter that ends a template and under which no
// template continues (a greedy node) takes the rest of the path, several
// segments, once the static and mixed branches of its parent failed: static
// beats mixed beats greedy tail. lookup sets it only on its second search,
// after checking that every segment of p is well formed.
func (r *router) match(ni int32, p string, i int, ps *Params, k int, mode uint8) int {
	skipStatic := mode&modeAlt != 0
	mode &^= modeAlt
	for {
		n := &r.nodes[ni]
		if i == len(p) {
			return int(n.ep)
		}
		s := i + 1
		e, head := segment(p, s)
		seg := p[s:e]
		switch {
		case seg == "":
			return -1 // a parameter never matches an empty segment
		case (seg[0] == '.' || seg[0] == '%') && len(seg) <= 6 && isDot(seg):
			return -1 // dot segments match nothing
		}
		if n.nedges != 0 && !skipStatic {
			c := int32(-1)
			if n.shift != 0 {
				if ed := &r.edges[n.edges+uint32(segKey(head, len(seg))*n.seed>>n.shift)]; r.edgeIs(ed, head, seg) {
					c = ed.child
				}
			} else {
				c = r.findLinear(n, head, seg)
			}
			if c < 0 && len(seg) <= 3*r.maxStatic && strings.IndexByte(seg, '%') >= 0 {
				c = r.findEscaped(n, seg)
			}
			if c >= 0 {
				if n.nmixed == 0 && n.param < 0 {
					ni, i = c, e
					continue
				}
				if ep := r.match(c, p, e, ps, k, mode); ep >= 0 {
					return ep
				}
			}
		}
		skipStatic = false
		if n.nmixed != 0 {
			if ep := r.matchMixed(n, p, s, e, ps, k, mode); ep >= 0 {
				return ep
			}
		}
		if n.param < 0 {
			return -1
		}
		if mode&modeTail != 0 && e < len(p) && r.nodes[n.param].greedy() {
			ps.spans[k] = [2]uint16{uint16(s), uint16(len(p))}
			return int(r.nodes[n.param].ep)
		}
		ps.spans[k] = [2]uint16{uint16(s), uint16(e)}
		ni, i, k = n.param, e, k+1
	}
}

// matchMixed tries the mixed edges of n, in order, for the segment p[s:e].
func (r *router) matchMixed(n *fnode, p string, s, e int, ps *Params, k int, mode uint8) int {
	for _, m := range r.mixed[n.mixed : n.mixed+uint32(n.nmixed)] {
		if matchMixed(m.lits, p[s:e], &ps.spans, s, k) {
			if ep := r.match(m.child, p, e, ps, k+len(m.lits)-1, mode); ep >= 0 {
				return ep
			}
		}
	}
	return -1
}

// findLinear searches the static edges of a node without a perfect hash.
func (r *router) findLinear(n *fnode, head uint64, seg string) int32 {
	for j := n.edges; j < n.edges+uint32(n.nedges); j++ {
		if ed := &r.edges[j]; r.edgeIs(ed, head, seg) {
			return ed.child
		}
	}
	return -1
}

// hasPercent reports whether a word (zero-padded) holds a '%'.
func hasPercent(x uint64) bool {
	y := x ^ 0x2525252525252525 // bytes equal to '%' become zero
	return (y-0x0101010101010101)&^y&0x8080808080808080 != 0
}

// edgeIs reports whether ed's label is seg, whose head word is head.
func (r *router) edgeIs(ed *fedge, head uint64, seg string) bool {
	return ed.head == head && int(ed.n) == len(seg) &&
		(len(seg) <= 8 || r.labels[ed.off+8:ed.off+uint32(ed.n)] == seg[8:])
}

// findEscaped looks up a segment with percent-escapes: decoded, it may
// equal a static label.
func (r *router) findEscaped(n *fnode, seg string) int32 {
	var buf [256]byte
	d, ok := unescape(seg, buf[:])
	if !ok || len(d) == 0 {
		return -1
	}
	head := segHead(d)
	match := func(ed *fedge) bool {
		return ed.head == head && int(ed.n) == len(d) && r.labels[ed.off:ed.off+uint32(ed.n)] == string(d)
	}
	if n.shift != 0 {
		ed := &r.edges[n.edges+uint32(segKey(head, len(d))*n.seed>>n.shift)]
		if match(ed) {
			return ed.child
		}
		return -1
	}
	for j := n.edges; j < n.edges+uint32(n.nedges); j++ {
		if match(&r.edges[j]) {
			return r.edges[j].child
		}
	}
	return -1
}

// segment finds the end of the segment starting at p[s] (the next '/' or
// len(p)) and returns it with the segment's head word: its first 8 bytes,
// little-endian, zero-padded (segHead). It reads 8 bytes at a time. match
// inlines it by hand; it is kept for wellFormed and the tests.
func segment(p string, s int) (e int, head uint64) {
	var x uint64
	switch {
	case s+8 <= len(p):
		x = load8at(p, s)
	case len(p) >= 8:
		x = load8at(p, len(p)-8) >> (64 - 8*uint(len(p)-s))
	default:
		x = loadShort(p, s)
	}
	if t := slashes(x); t != 0 {
		j := bits.TrailingZeros64(t) >> 3
		return s + j, x & (1<<(8*uint(j)) - 1)
	}
	if s+8 < len(p) {
		return segmentEnd(p, s+8), x
	}
	return len(p), x
}

// loadShort reads p[s:] (fewer than 8 bytes) little-endian, zero-padded.
func loadShort(p string, s int) uint64 {
	var x uint64
	for j := len(p) - 1; j >= s; j-- {
		x = x<<8 | uint64(p[j])
	}
	return x
}

// segmentEnd returns the index of the first '/' in p[from:], or len(p).
func segmentEnd(p string, from int) int {
	e := from
	for ; e+8 <= len(p); e += 8 {
		if t := slashes(load8at(p, e)); t != 0 {
			return e + bits.TrailingZeros64(t)>>3
		}
	}
	if rem := len(p) - e; rem > 0 {
		if t := slashes(load8at(p, len(p)-8) >> (64 - 8*uint(rem))); t != 0 {
			return e + bits.TrailingZeros64(t)>>3
		}
	}
	return len(p)
}

// load8at reads q[i:i+8] little-endian (one load).
func load8at(q string, i int) uint64 {
	q = q[i : i+8]
	return uint64(q[0]) | uint64(q[1])<<8 | uint64(q[2])<<16 | uint64(q[3])<<24 |
		uint64(q[4])<<32 | uint64(q[5])<<40 | uint64(q[6])<<48 | uint64(q[7])<<56
}

// slashes returns x with the high bit set in the lowest byte that is '/'
// (and possibly in higher bytes); zero when no byte is '/'.
func slashes(x uint64) uint64 {
	y := x ^ 0x2f2f2f2f2f2f2f2f // bytes equal to '/' become zero
	return (y - 0x0101010101010101) &^ y & 0x8080808080808080
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
