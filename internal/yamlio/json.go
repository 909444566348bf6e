package yamlio

import (
	"encoding/json"
	"strconv"
)

// Plain returns n as the plain data encoding/json would produce: map[string]any, []any, string,
// json.Number, bool or nil. Timestamps stay strings (they are validated as dates by the schema).
func (n *Node) Plain() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Mapping:
		m := make(map[string]any, len(n.Content)/2)
		n.Pairs(func(k, v *Node) { m[k.Value] = v.Plain() })
		return m
	case Sequence:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = c.Plain()
		}
		return s
	}
	switch n.Tag {
	case "null":
		return nil
	case "bool":
		b, err := strconv.ParseBool(n.Value)
		if err == nil {
			return b
		}
		// YAML 1.1 spellings such as "yes" keep their text and fail the schema as strings.
	case "int", "float":
		if _, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return json.Number(n.Value)
		}
	}
	return n.Value
}

// At follows a JSON pointer's tokens (already unescaped) from n and returns the deepest node
// reached, so a location inside a missing value still points at its parent.
func (n *Node) At(tokens []string) *Node {
	cur := n
	for _, tok := range tokens {
		var next *Node
		switch cur.Kind {
		case Mapping:
			next = cur.Get(tok)
		case Sequence:
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(cur.Content) {
				next = cur.Content[i]
			}
		}
		if next == nil {
			return cur
		}
		cur = next
	}
	return cur
}

// KeyAt returns the key node for key in a mapping, or nil; errors about a key (unknown, misspelt)
// point at the key rather than its value.
func (n *Node) KeyAt(key string) *Node {
	if n == nil || n.Kind != Mapping {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}
