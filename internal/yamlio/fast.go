package yamlio

import (
	"strings"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/diag"
	"go.yaml.in/yaml/v3"
)

// parseFast reads the plain, line-oriented form of YAML that scoperef's data files are written
// in, about ten times faster than the YAML library: block mappings with plain keys, block
// sequences (also as a mapping's value at the key's indentation, and with a mapping started on
// the "- " line), plain and quoted scalars on one line, and flow collections closed on the line
// they open, with comments anywhere a comment may stand.
//
// It returns nil for anything else — tabs, carriage returns, control characters, document
// markers, directives, anchors, aliases, tags, block or multi-line scalars, escapes, empty
// values, complex or quoted keys, duplicate keys, a root that is not a block mapping, or any
// error — and Parse then uses the library, so errors are always the library's. For every input
// it accepts, it returns the very tree that the library path gives (same kinds, tags, values,
// positions, styles); TestFastMatchesLibrary and FuzzFastParse hold it to that.
func parseFast(file string, data []byte) *Node {
	p := fastParser{file: file, src: string(data)}
	if !p.scan() || len(p.lines) == 0 {
		return nil
	}
	first := p.lines[0]
	off := first.start + first.indent
	if !p.isKey(first, off) {
		return nil
	}
	root := p.blockMapping(first.indent, off)
	if root == nil || p.i != len(p.lines) {
		return nil
	}
	return root
}

// maxFastDepth bounds nesting in parseFast; deeper documents go to the library, which has its
// own limit.
const maxFastDepth = 64

// maxFastKey bounds a key's length; the library refuses simple keys over 1024 characters.
const maxFastKey = 512

type fastParser struct {
	file  string
	src   string     // the whole document; every scalar's value is a substring of it
	ascii bool       // src is all ASCII, so columns are byte offsets
	lines []fastLine // the lines that hold more than blanks or a comment
	i     int        // the line being read
	depth int
	stack []*Node // collections' items as they are read
	nodes []Node  // allocated in blocks
	ptrs  []*Node // backing store of Content slices, allocated in blocks
}

type fastLine struct {
	num    int // 1-based
	start  int // offset of the line's first byte
	end    int // offset of its '\n', or len(src)
	indent int // count of leading spaces
}

// scan checks that src has only characters parseFast handles and splits it into lines.
func (p *fastParser) scan() bool {
	src := p.src
	p.ascii = true
	estimate := 1 // an upper bound of the node count, near it for parseFast's form
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			switch {
			case (c < ' ' && c != '\n') || c == 0x7f:
				return false
			case c == '[' || c == '{':
				estimate += 2
			case c == ',':
				estimate++
			case c == ':' || c == '-':
				if i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\n' {
					estimate++ // a sequence item, or a key ...
					if c == ':' {
						estimate++ // ... and its value
					}
				}
			}
			i++
			continue
		}
		p.ascii = false
		r, size := utf8.DecodeRuneInString(src[i:])
		// The library treats U+0085, U+2028 and U+2029 as line breaks, skips a byte order mark
		// and refuses other control characters and non-characters.
		ok := (r >= 0xA0 && r <= 0xD7FF && r != 0x2028 && r != 0x2029) ||
			(r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF) || r >= 0x10000
		if !ok || r == utf8.RuneError {
			return false
		}
		i += size
	}
	lines := make([]fastLine, 0, len(src)/24+1)
	num := 0
	for start := 0; start <= len(src); {
		num++
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		if end-start >= 3 && (src[start:start+3] == "---" || src[start:start+3] == "...") {
			return false // document markers
		}
		indent := 0
		for start+indent < end && src[start+indent] == ' ' {
			indent++
		}
		if start+indent < end && src[start+indent] != '#' {
			lines = append(lines, fastLine{num: num, start: start, end: end, indent: indent})
		}
		start = end + 1
	}
	p.lines = lines
	p.nodes = make([]Node, 0, estimate)
	p.ptrs = make([]*Node, 0, estimate)
	p.stack = make([]*Node, 0, 64)
	return true
}

func (p *fastParser) node(kind Kind, l fastLine, off int) *Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]Node, 0, 1024)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind = kind
	n.Pos = p.pos(l, off)
	return n
}

func (p *fastParser) pos(l fastLine, off int) diag.Pos {
	col := off - l.start
	if !p.ascii {
		col = utf8.RuneCountInString(p.src[l.start:off])
	}
	return diag.Pos{File: p.file, Line: l.num, Col: col + 1}
}

// content moves the items pushed since base into a Content slice of their own.
func (p *fastParser) content(base int) []*Node {
	items := p.stack[base:]
	if cap(p.ptrs)-len(p.ptrs) < len(items) {
		p.ptrs = make([]*Node, 0, max(1024, len(items)))
	}
	start := len(p.ptrs)
	p.ptrs = append(p.ptrs, items...)
	p.stack = p.stack[:base]
	return p.ptrs[start:len(p.ptrs):len(p.ptrs)]
}

// scalar makes a scalar node; plain ones get the tag the library resolves for their text.
func (p *fastParser) scalar(l fastLine, off int, value string, quoted bool) *Node {
	n := p.node(Scalar, l, off)
	n.Value = value
	n.Quoted = quoted
	if quoted {
		n.Tag = "str"
	} else {
		n.Tag = resolveTag(value)
	}
	return n
}

// resolveTag is the short tag (without "!!") the library gives a plain scalar.
func resolveTag(value string) string {
	// The library resolves a plain scalar by its first character (resolve.go's resolveTable):
	// only signs, digits, ".", "<", "~" and the letters that start true, false, null, yes, no,
	// on and off can make it anything but a string. Ask it about those only.
	if value != "" {
		if c := value[0] | 0x20; c >= 'a' && c <= 'z' && !strings.ContainsRune("ynfto", rune(c)) {
			return "str"
		}
	}
	y := yaml.Node{Kind: yaml.ScalarNode, Value: value}
	tag := y.ShortTag()
	if len(tag) > 2 && tag[:2] == "!!" {
		return tag[2:]
	}
	return tag
}

// indicator reports whether c cannot start a plain scalar (parseFast is stricter than YAML:
// it also refuses "-", "?" and ":" before a non-blank).
func indicator(c byte) bool {
	switch c {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return true
	}
	return false
}

// isDash reports whether a block sequence entry ("- " or "-" at the end) starts at off.
func (p *fastParser) isDash(l fastLine, off int) bool {
	return off < l.end && p.src[off] == '-' && (off+1 == l.end || p.src[off+1] == ' ')
}

// keyEnd returns the offset of the ':' that ends a plain key starting at off, or -1.
func (p *fastParser) keyEnd(l fastLine, off int) int {
	src := p.src
	if off >= l.end || indicator(src[off]) {
		return -1
	}
	for j := off + 1; j < l.end && j-off <= maxFastKey; j++ {
		switch src[j] {
		case ':':
			if j+1 == l.end || src[j+1] == ' ' {
				if src[j-1] == ' ' {
					return -1
				}
				return j
			}
		case '#':
			if src[j-1] == ' ' {
				return -1 // a comment: this is a scalar, not a key
			}
		}
	}
	return -1
}

func (p *fastParser) isKey(l fastLine, off int) bool { return p.keyEnd(l, off) >= 0 }

// blockMapping reads a block mapping whose keys stand at column col; the first key starts at
// offset off of the current line.
func (p *fastParser) blockMapping(col, off int) *Node {
	if p.depth++; p.depth > maxFastDepth {
		return nil
	}
	l := p.lines[p.i]
	m := p.node(Mapping, l, off)
	base := len(p.stack)
	for {
		end := p.keyEnd(l, off)
		if end < 0 {
			return nil
		}
		key := p.src[off:end]
		if key == "<<" {
			return nil
		}
		for i := base; i < len(p.stack); i += 2 {
			if p.stack[i].Value == key {
				return nil // a duplicate: the library path reports it
			}
		}
		k := p.scalar(l, off, key, false)
		p.stack = append(p.stack, k)
		v := p.blockValue(col, l, end+1)
		if v == nil {
			return nil
		}
		p.stack = append(p.stack, v)
		next, more, bad := p.nextEntry(col)
		if bad {
			return nil
		}
		if !more {
			break
		}
		l, off = next, next.start+next.indent
	}
	m.Content = p.content(base)
	p.depth--
	return m
}

// blockValue reads the value of a key in a mapping at column col, from offset off (after the
// ':') of line l, and moves past the lines it takes.
func (p *fastParser) blockValue(col int, l fastLine, off int) *Node {
	s := skipSpaces(p.src, off, l.end)
	if s < l.end && p.src[s] != '#' {
		v, end := p.inline(l, s)
		if v == nil || !p.lineRestEmpty(l, end) {
			return nil
		}
		p.i++
		return v
	}
	// The value is a block on the following lines.
	p.i++
	if p.i == len(p.lines) {
		return nil
	}
	nl := p.lines[p.i]
	o := nl.start + nl.indent
	if p.isDash(nl, o) {
		if nl.indent < col {
			return nil
		}
		return p.blockSequence(nl.indent)
	}
	if nl.indent <= col || !p.isKey(nl, o) {
		return nil
	}
	return p.blockMapping(nl.indent, o)
}

// nextEntry looks at the line after an entry of a block whose entries stand at column col:
// more is false when the block has ended (no line left, or one indented less); bad is true when
// the line is indented more, which the fast reader leaves to the library.
func (p *fastParser) nextEntry(col int) (l fastLine, more, bad bool) {
	if p.i == len(p.lines) {
		return fastLine{}, false, false
	}
	l = p.lines[p.i]
	return l, l.indent == col, l.indent > col
}

// blockSequence reads a block sequence whose "- " stand at column col, from the current line.
func (p *fastParser) blockSequence(col int) *Node {
	if p.depth++; p.depth > maxFastDepth {
		return nil
	}
	l := p.lines[p.i]
	seq := p.node(Sequence, l, l.start+col)
	base := len(p.stack)
	for {
		s := skipSpaces(p.src, l.start+col+1, l.end)
		if s == l.end || p.src[s] == '#' || p.isDash(l, s) {
			return nil // an item on the following lines, or a sequence in a sequence
		}
		var item *Node
		if p.isKey(l, s) {
			item = p.blockMapping(s-l.start, s)
		} else {
			var end int
			item, end = p.inline(l, s)
			if item == nil || !p.lineRestEmpty(l, end) {
				return nil
			}
			p.i++
		}
		if item == nil {
			return nil
		}
		p.stack = append(p.stack, item)
		next, more, bad := p.nextEntry(col)
		if bad {
			return nil
		}
		if !more {
			break
		}
		l = next
		if !p.isDash(l, l.start+col) {
			break // the caller decides whether a key may follow here
		}
	}
	seq.Content = p.content(base)
	p.depth--
	return seq
}

// inline reads a scalar or flow collection on line l from offset s in block context, and
// returns it with the offset after it.
func (p *fastParser) inline(l fastLine, s int) (*Node, int) {
	switch p.src[s] {
	case '\'', '"':
		return p.quoted(l, s)
	case '[', '{':
		return p.flow(l, s)
	}
	if indicator(p.src[s]) {
		return nil, 0
	}
	src := p.src
	end := l.end
	for j := s + 1; j < l.end; j++ {
		if src[j] == ':' && (j+1 == l.end || src[j+1] == ' ') {
			return nil, 0 // a mapping where the library expects none
		}
		if src[j] == '#' && src[j-1] == ' ' {
			end = j
			break
		}
	}
	for src[end-1] == ' ' {
		end--
	}
	value := src[s:end]
	if value == "<<" {
		return nil, 0
	}
	return p.scalar(l, s, value, false), end
}

// quoted reads a single- or double-quoted scalar that ends on its line; double-quoted ones
// with escapes are left to the library.
func (p *fastParser) quoted(l fastLine, s int) (*Node, int) {
	src := p.src
	q := src[s]
	doubled := false
	for j := s + 1; j < l.end; j++ {
		switch {
		case q == '"' && src[j] == '\\':
			return nil, 0
		case src[j] != q:
		case q == '\'' && j+1 < l.end && src[j+1] == '\'':
			doubled = true
			j++
		default:
			value := src[s+1 : j]
			if doubled {
				value = unquoteSingle(value)
			}
			return p.scalar(l, s, value, true), j + 1
		}
	}
	return nil, 0
}

func unquoteSingle(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i])
		if s[i] == '\'' {
			i++
		}
	}
	return string(b)
}

// flow reads a flow sequence or mapping that closes on its line, from its bracket at s.
func (p *fastParser) flow(l fastLine, s int) (*Node, int) {
	if p.depth++; p.depth > maxFastDepth {
		return nil, 0
	}
	src := p.src
	mapping := src[s] == '{'
	closer := byte(']')
	n := p.node(Sequence, l, s)
	if mapping {
		closer = '}'
		n.Kind = Mapping
	}
	n.Flow = true
	base := len(p.stack)
	j := skipSpaces(src, s+1, l.end)
	if j < l.end && src[j] == closer {
		j++
	} else {
		for {
			if mapping {
				k, end := p.flowPlain(l, j)
				if k == nil || end+1 >= l.end || src[end] != ':' || src[end+1] != ' ' {
					return nil, 0
				}
				for i := base; i < len(p.stack); i += 2 {
					if p.stack[i].Value == k.Value {
						return nil, 0
					}
				}
				p.stack = append(p.stack, k)
				j = skipSpaces(src, end+1, l.end)
			}
			v, end := p.flowItem(l, j)
			if v == nil {
				return nil, 0
			}
			p.stack = append(p.stack, v)
			j = skipSpaces(src, end, l.end)
			if j == l.end {
				return nil, 0
			}
			if src[j] == closer {
				j++
				break
			}
			if src[j] != ',' {
				return nil, 0
			}
			j = skipSpaces(src, j+1, l.end)
			if j == l.end || src[j] == closer {
				return nil, 0 // a trailing comma
			}
		}
	}
	n.Content = p.content(base)
	p.depth--
	return n, j
}

func (p *fastParser) flowItem(l fastLine, j int) (*Node, int) {
	if j >= l.end {
		return nil, 0
	}
	switch p.src[j] {
	case '[', '{':
		return p.flow(l, j)
	case '\'', '"':
		return p.quoted(l, j)
	}
	return p.flowPlain(l, j)
}

// flowPlain reads a plain scalar inside a flow collection: it ends before ",", a bracket, or a
// ":" followed by a blank.
func (p *fastParser) flowPlain(l fastLine, s int) (*Node, int) {
	src := p.src
	if s >= l.end || indicator(src[s]) {
		return nil, 0
	}
	end := s + 1
loop:
	for ; end < l.end; end++ {
		switch src[end] {
		case ',', '[', ']', '{', '}':
			break loop
		case ':':
			if end+1 == l.end || src[end+1] == ' ' {
				break loop
			}
			switch src[end+1] {
			case ',', '[', ']', '{', '}':
				return nil, 0
			}
		case '?':
			return nil, 0
		case '#':
			if src[end-1] == ' ' {
				return nil, 0
			}
		}
	}
	stop := end
	for src[stop-1] == ' ' {
		stop--
	}
	value := src[s:stop]
	if value == "<<" {
		return nil, 0
	}
	return p.scalar(l, s, value, false), stop
}

// lineRestEmpty reports whether line l holds only blanks or a comment from off on.
func (p *fastParser) lineRestEmpty(l fastLine, off int) bool {
	j := skipSpaces(p.src, off, l.end)
	return j == l.end || (p.src[j] == '#' && j > off)
}

func skipSpaces(src string, i, end int) int {
	for i < end && src[i] == ' ' {
		i++
	}
	return i
}
