// Package yamlio is scoperef's only door to the YAML library (go.yaml.in/yaml/v3, the maintained
// continuation of gopkg.in/yaml.v3). It reads YAML into a small, library-independent Node tree that
// keeps every value's line and column, and writes such trees back as YAML. Documents in the plain
// form that scoperef's data files use are read by a small parser of its own (parseFast, several
// times faster and leaner), which gives the very tree the library would; any other input, and
// every error, goes through the library.
//
// Inputs: a file name and its bytes (Parse), or a Node tree (Encode).
// Outputs: a *Node for the single document in the file, or canonical YAML text.
//
// Invariants:
//   - every Node from Parse has a 1-based Line and Col pointing at the value in the source;
//   - Parse rejects, with a position, what the rest of scoperef must never see: invalid UTF-8,
//     more than one document, anchors and aliases (they would let a small file expand without
//     bound), and duplicate keys in a mapping;
//   - Encode is deterministic: the same tree always gives the same bytes.
package yamlio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Kind is the kind of a Node.
type Kind int

const (
	Scalar Kind = iota
	Mapping
	Sequence
)

func (k Kind) String() string {
	switch k {
	case Mapping:
		return "mapping"
	case Sequence:
		return "sequence"
	}
	return "scalar"
}

// Node is one YAML value with its position.
type Node struct {
	Kind Kind
	// Tag is the resolved YAML tag of a scalar without the "!!" prefix: str, int, float, bool,
	// null or timestamp. Empty for mappings and sequences.
	Tag   string
	Value string
	Pos   diag.Pos
	// Content holds a sequence's items, or a mapping's keys and values alternately.
	Content []*Node
	// Flow asks Encode to write this mapping or sequence on one line.
	Flow bool
	// Comment is written before the node by Encode (line comments without "#").
	Comment string
	// Quoted is set on scalars written in quotes, whose text starts one column after Pos.
	Quoted bool
}

// Get returns the value for key in a mapping, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Mapping {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// Pairs calls f for each key and value of a mapping in source order.
func (n *Node) Pairs(f func(key, value *Node)) {
	if n == nil || n.Kind != Mapping {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(n.Content[i], n.Content[i+1])
	}
}

// IsNull reports whether n is absent or an explicit null.
func (n *Node) IsNull() bool { return n == nil || (n.Kind == Scalar && n.Tag == "null") }

// Parse reads the single YAML document in data. Errors are *diag.ListError values whose
// diagnostics carry file positions.
func Parse(file string, data []byte) (*Node, error) {
	if i := invalidUTF8(data); i >= 0 {
		return nil, posError(posAt(file, data, i), "invalid UTF-8 byte 0x%02x", data[i])
	}
	if n := parseFast(file, data); n != nil {
		return n, nil
	}
	return parseLibrary(file, data)
}

// parseLibrary is Parse by way of the YAML library, for any input.
func parseLibrary(file string, data []byte) (*Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &Node{Kind: Mapping, Pos: diag.Pos{File: file, Line: 1, Col: 1}}, nil
		}
		return nil, syntaxError(file, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, posError(diag.Pos{File: file, Line: extra.Line, Col: extra.Column}, "a file must hold one YAML document, found another")
	} else if !errors.Is(err, io.EOF) {
		return nil, syntaxError(file, data, err)
	}
	var diags diag.List
	root := convert(file, &doc, &diags)
	if err := diags.Err(); err != nil {
		return nil, err
	}
	if root == nil {
		root = &Node{Kind: Mapping, Pos: diag.Pos{File: file, Line: 1, Col: 1}}
	}
	return root, nil
}

func convert(file string, y *yaml.Node, diags *diag.List) *Node {
	pos := diag.Pos{File: file, Line: y.Line, Col: y.Column}
	if y.Anchor != "" {
		diags.Errorf(pos, "", "YAML anchors (&%s) are not supported", y.Anchor)
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return nil
		}
		return convert(file, y.Content[0], diags)
	case yaml.AliasNode:
		diags.Errorf(pos, "", "YAML aliases (*%s) are not supported", y.Value)
		return &Node{Kind: Scalar, Tag: "null", Pos: pos}
	case yaml.MappingNode:
		n := &Node{Kind: Mapping, Pos: pos, Flow: y.Style&yaml.FlowStyle != 0, Content: make([]*Node, 0, len(y.Content))}
		var seen map[string]diag.Pos // only for large mappings; small ones are scanned
		if len(y.Content) > 32 {
			seen = make(map[string]diag.Pos, len(y.Content)/2)
		}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k := convert(file, y.Content[i], diags)
			v := convert(file, y.Content[i+1], diags)
			if k.Kind != Scalar {
				diags.Errorf(k.Pos, "", "a mapping key must be a plain value")
			} else if first := earlierKey(n.Content, seen, k.Value); first != nil {
				diags.Errorf(k.Pos, "", "duplicate key %q (first at line %d)", k.Value, first.Line)
			} else if seen != nil {
				seen[k.Value] = k.Pos
			}
			n.Content = append(n.Content, k, v)
		}
		return n
	case yaml.SequenceNode:
		n := &Node{Kind: Sequence, Pos: pos, Flow: y.Style&yaml.FlowStyle != 0, Content: make([]*Node, 0, len(y.Content))}
		for _, c := range y.Content {
			n.Content = append(n.Content, convert(file, c, diags))
		}
		return n
	}
	quoted := y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	return &Node{Kind: Scalar, Tag: strings.TrimPrefix(y.ShortTag(), "!!"), Value: y.Value, Pos: pos, Quoted: quoted}
}

// earlierKey returns the position of an earlier key named key, from seen when the mapping is
// large, else by scanning the keys collected so far.
func earlierKey(content []*Node, seen map[string]diag.Pos, key string) *diag.Pos {
	if seen != nil {
		if p, ok := seen[key]; ok {
			return &p
		}
		return nil
	}
	for i := 0; i < len(content); i += 2 {
		if content[i].Value == key {
			return &content[i].Pos
		}
	}
	return nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 byte, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// posAt turns a byte offset into a line and a column counted in characters.
func posAt(file string, data []byte, off int) diag.Pos {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return diag.Pos{File: file, Line: line, Col: 1 + utf8.RuneCount(data[start:off])}
}

// syntaxError converts the YAML library's error into a positioned diagnostic. The library reports
// syntax errors only as text ("yaml: line N: problem", see its parser.fail), and for parser errors
// N is the line of the enclosing block, not of the problem (go-yaml issue 205). So the message is
// taken from the library and the line is found here: the first line at which the document, cut
// after that line, stops parsing. The column is that of the line's first non-blank character.
func syntaxError(file string, data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if _, convErr := strconv.Atoi(num); convErr == nil {
				msg = after
			}
		}
	}
	line := failingLine(data)
	return posError(diag.Pos{File: file, Line: line, Col: firstColumn(data, line)}, "invalid YAML: %s", msg)
}

// failingLine bisects over line prefixes of data for the shortest one that fails to parse. A
// prefix that ends inside a block is still valid YAML, so the first failing prefix ends at the
// line that holds the problem.
func failingLine(data []byte) int {
	ends := []int{} // byte offset after each line
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(k int) bool { // does the prefix of k+1 lines fail?
		dec := yaml.NewDecoder(bytes.NewReader(data[:ends[k]]))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if errors.Is(err, io.EOF) {
				return false
			}
			if err != nil {
				return true
			}
		}
	}
	lo, hi := 0, len(ends)-1 // the whole document fails, so the answer is in [lo, hi]
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo + 1
}

func firstColumn(data []byte, line int) int {
	lines := bytes.SplitN(data, []byte("\n"), line+1)
	if line > len(lines) {
		return 1
	}
	text := lines[line-1]
	trimmed := bytes.TrimLeft(text, " \t")
	return 1 + utf8.RuneCount(text[:len(text)-len(trimmed)])
}

func posError(pos diag.Pos, format string, args ...any) error {
	var l diag.List
	l.Errorf(pos, "", format, args...)
	return l.Err()
}

// Encode writes n as YAML with two-space indentation, after the given header comment lines.
func Encode(w io.Writer, header string, n *Node) error {
	if header != "" {
		for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
			if _, err := fmt.Fprintf(w, "# %s\n", line); err != nil {
				return err
			}
		}
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(toYAML(n)); err != nil {
		return err
	}
	return enc.Close()
}

func toYAML(n *Node) *yaml.Node {
	y := &yaml.Node{HeadComment: n.Comment}
	if n.Flow {
		y.Style = yaml.FlowStyle
	}
	switch n.Kind {
	case Mapping:
		y.Kind, y.Tag = yaml.MappingNode, "!!map"
	case Sequence:
		y.Kind, y.Tag = yaml.SequenceNode, "!!seq"
	default:
		y.Kind, y.Value = yaml.ScalarNode, n.Value
		y.Tag = "!!" + n.Tag
		if n.Tag == "" {
			y.Tag = "!!str"
		}
	}
	for _, c := range n.Content {
		y.Content = append(y.Content, toYAML(c))
	}
	return y
}

// Str makes a string scalar for Encode.
func Str(s string) *Node { return &Node{Kind: Scalar, Tag: "str", Value: s} }

// Bool makes a boolean scalar for Encode.
func Bool(b bool) *Node { return &Node{Kind: Scalar, Tag: "bool", Value: strconv.FormatBool(b)} }

// Map makes a mapping from alternating keys and values; nil values are skipped.
func Map(kv ...any) *Node {
	n := &Node{Kind: Mapping}
	for i := 0; i+1 < len(kv); i += 2 {
		v, _ := kv[i+1].(*Node)
		if v == nil {
			continue
		}
		n.Content = append(n.Content, Str(kv[i].(string)), v)
	}
	return n
}

// Seq makes a sequence.
func Seq(items ...*Node) *Node { return &Node{Kind: Sequence, Content: items} }
