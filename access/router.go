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
	unhashed  int              // wide nodes without a perfect hash (searched linearly)

	fast   [6]int32         // roots for GET HEAD POST PUT PATCH DELETE, or -1
	roots  map[string]int32 // roots for other methods
	nodes  []fnode
	edges  []fedge
	mixed  []fmixed
	labels string // every static label, concatenated
}

// linearMax is the widest fan-out searched linearly.
const linearMax = 4

// fnode is a flattened node. Children are tried in precedence order:
// static, then mixed (by shape), then parameter; a failed branch backtracks
// to the next.
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

// fedge is a static edge. head holds the label's first 8 bytes (segHead);
// the label is router.labels[off:off+n]. Empty hash slots have n == 0 and
// never match (segments are never empty).
type fedge struct {
	head  uint64
	off   uint32
	n     uint16
	child int32
}

type fmixed struct {
	lits  []string
	child int32
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

// maxPathLen is the longest path Lookup considers (Params holds 16-bit offsets).
const maxPathLen = 1<<16 - 1

// lookup returns the index of the endpoint matching method and path, or -1.
//
// Request path rules: the path starts with '/'; a single trailing slash is
// dropped; an empty segment matches nothing; a dot segment ("." or "..",
// also percent-encoded) matches nothing, so such paths are never found.
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

// match matches p[i:] below node ni; p[i:] is empty or starts with '/'. k is
// the number of parameters captured so far. It recurses only where a
// branch could fail and leave an alternative to try (backtracking);
// otherwise it loops.
func (r *router) match(ni int32, p string, i int, ps *Params, k int) int {
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
		if n.nedges != 0 {
			c := int32(-1)
			if n.shift != 0 {
				ed := &r.edges[n.edges+uint32(segKey(head, len(seg))*n.seed>>n.shift)]
				if r.edgeIs(ed, head, seg) {
					c = ed.child
				}
			} else {
				for j := n.edges; j < n.edges+uint32(n.nedges); j++ {
					if ed := &r.edges[j]; r.edgeIs(ed, head, seg) {
						c = ed.child
						break
					}
				}
			}
			if c < 0 && len(seg) <= 3*r.maxStatic && strings.IndexByte(seg, '%') >= 0 {
				c = r.findEscaped(n, seg)
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
		if n.nmixed != 0 {
			for _, m := range r.mixed[n.mixed : n.mixed+uint32(n.nmixed)] {
				if matchMixed(m.lits, seg, &ps.spans, s, k) {
					if ep := r.match(m.child, p, e, ps, k+len(m.lits)-1); ep >= 0 {
						return ep
					}
				}
			}
		}
		if n.param < 0 {
			return -1
		}
		ps.spans[k] = [2]uint16{uint16(s), uint16(e)}
		ni, i, k = n.param, e, k+1
	}
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
// little-endian, zero-padded (segHead). It reads 8 bytes at a time.
func segment(p string, s int) (e int, head uint64) {
	avail := len(p) - s
	var x uint64
	switch {
	case avail >= 8:
		x = load8(p[s:])
	case len(p) >= 8: // the last 8 bytes, shifted so that p[s] is the lowest
		x = load8(p[len(p)-8:]) >> (64 - 8*uint(avail))
	default:
		for j := len(p) - 1; j >= s; j-- {
			x = x<<8 | uint64(p[j])
		}
	}
	if t := slashes(x); t != 0 {
		j := bits.TrailingZeros64(t) >> 3
		return s + j, x & (1<<(8*uint(j)) - 1)
	}
	if avail <= 8 {
		return len(p), x
	}
	for e = s + 8; e+8 <= len(p); e += 8 {
		if t := slashes(load8(p[e:])); t != 0 {
			return e + bits.TrailingZeros64(t)>>3, x
		}
	}
	if rem := len(p) - e; rem > 0 {
		if t := slashes(load8(p[len(p)-8:]) >> (64 - 8*uint(rem))); t != 0 {
			return e + bits.TrailingZeros64(t)>>3, x
		}
	}
	return len(p), x
}

// load8 reads 8 bytes little-endian (one load).
func load8(q string) uint64 {
	q = q[:8]
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
