package validate

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/yamlio"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// schemaBase is the $id prefix of every scoperef schema.
const schemaBase = "https://scoperef.dev/schema/"

// Schemas is a compiled set of scoperef's JSON Schemas (draft 2020-12), one per file kind.
type Schemas struct {
	byName map[string]*jsonschema.Schema
	// keysAt maps a schema location (as in ValidationError.SchemaURL) to the property names
	// declared there, for "did you mean" on unknown keys: only keys allowed at that place.
	keysAt map[string][]string
}

// CompileSchemas compiles every *.schema.json file at the top of fsys.
func CompileSchemas(fsys fs.FS) (*Schemas, error) {
	names, err := fs.Glob(fsys, "*.schema.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.schema.json files in the schema folder")
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	keysAt := map[string][]string{}
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("schema/%s: %v", name, err)
		}
		collectKeys(doc, schemaBase+name+"#", keysAt)
		if err := c.AddResource(schemaBase+name, doc); err != nil {
			return nil, fmt.Errorf("schema/%s: %v", name, err)
		}
	}
	s := &Schemas{byName: map[string]*jsonschema.Schema{}, keysAt: keysAt}
	for _, name := range names {
		sch, err := c.Compile(schemaBase + name)
		if err != nil {
			return nil, fmt.Errorf("schema/%s: %v", name, err)
		}
		s.byName[strings.TrimSuffix(name, ".schema.json")] = sch
	}
	return s, nil
}

// collectKeys records, for every subschema of a schema document that has "properties", the
// names declared there, keyed by the subschema's location (loc is v's: the document URL, "#",
// then a JSON pointer).
func collectKeys(v any, loc string, keysAt map[string][]string) {
	switch v := v.(type) {
	case map[string]any:
		if props, ok := v["properties"].(map[string]any); ok {
			keys := make([]string, 0, len(props))
			for k := range props {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			keysAt[loc] = keys
		}
		for k, x := range v {
			collectKeys(x, loc+"/"+pointerEscaper.Replace(k), keysAt)
		}
	case []any:
		for i, x := range v {
			collectKeys(x, loc+"/"+strconv.Itoa(i), keysAt)
		}
	}
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// Validate checks root against the schema named kind ("scopes", "endpoints", ...) and records each
// failure at the position of the value it concerns. It reports whether root is valid.
func (s *Schemas) Validate(kindName string, root *yamlio.Node, diags *diag.List) bool {
	sch, ok := s.byName[kindName]
	if !ok {
		diags.Errorf(root.Pos, "", "no schema %q in the schema folder", kindName+".schema.json")
		return false
	}
	err := sch.Validate(root.Plain())
	if err == nil {
		return true
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		diags.Errorf(root.Pos, "", "schema validation failed: %v", err)
		return false
	}
	for _, leaf := range leaves(verr) {
		s.report(root, leaf, diags)
	}
	return false
}

// leaves returns the errors that have no causes: the specific failures under a summary error.
// A propertyNames error counts as a leaf: its causes are about the name as a value of its own,
// located nowhere in the document.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if _, ok := e.ErrorKind.(*kind.PropertyNames); ok || len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

var printer = message.NewPrinter(language.English)

func (s *Schemas) report(root *yamlio.Node, e *jsonschema.ValidationError, diags *diag.List) {
	node := root.At(e.InstanceLocation)
	where := pointerPath(e.InstanceLocation)
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		for _, p := range k.Properties {
			pos := node.Pos
			if key := node.KeyAt(p); key != nil {
				pos = key.Pos
			}
			diags.Errorf(pos, joinPath(where, p), "unknown key %q%s", p, didYouMean(p, s.keysAt[e.SchemaURL]))
		}
	case *kind.Required:
		for _, m := range k.Missing {
			diags.Errorf(node.Pos, where, "missing required key %q", m)
		}
	case *kind.PropertyNames:
		// The validator's InstanceLocation for this kind is not to be trusted: it shares a slice
		// that later checks overwrite (santhosh-tekuri/jsonschema issues 258 and 269), so only its
		// length is right. Report the bad name wherever it is a key at that depth.
		why := "is not a valid name"
		for _, c := range leaves(&jsonschema.ValidationError{Causes: e.Causes}) {
			if p, ok := c.ErrorKind.(*kind.Pattern); ok {
				why = fmt.Sprintf("has the wrong form (must match %s)", p.Want)
			}
		}
		keysNamed(root, k.Property, len(e.InstanceLocation), "", func(key *yamlio.Node, at string) {
			diags.Errorf(key.Pos, at, "key %q %s", k.Property, why)
		})
	case *kind.Not:
		diags.Errorf(node.Pos, where, "any_of cannot be combined with private or public")
	case *kind.Type:
		diags.Errorf(node.Pos, where, "expected %s, found %s", strings.Join(k.Want, " or "), describe(node))
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		diags.Errorf(node.Pos, where, "%q is not one of %s%s", node.Value, strings.Join(want, ", "), didYouMean(node.Value, want))
	case *kind.Pattern:
		diags.Errorf(node.Pos, where, "%q has the wrong form (must match %s)", node.Value, k.Want)
	case *kind.Format:
		diags.Errorf(node.Pos, where, "%q is not a valid %s", node.Value, k.Want)
	default:
		diags.Errorf(node.Pos, where, "%s", e.ErrorKind.LocalizedString(printer))
	}
}

// keysNamed calls f for each mapping key named name that lies depth levels below n (whose own
// path is at), with the key's path.
func keysNamed(n *yamlio.Node, name string, depth int, at string, f func(key *yamlio.Node, at string)) {
	switch n.Kind {
	case yamlio.Mapping:
		n.Pairs(func(k, v *yamlio.Node) {
			if depth == 0 && k.Value == name {
				f(k, joinPath(at, k.Value))
			}
			if depth > 0 {
				keysNamed(v, name, depth-1, joinPath(at, k.Value), f)
			}
		})
	case yamlio.Sequence:
		for i, c := range n.Content {
			keysNamed(c, name, depth-1, fmt.Sprintf("%s[%d]", at, i), f)
		}
	}
}

func describe(n *yamlio.Node) string {
	if n.Kind != yamlio.Scalar {
		return "a " + n.Kind.String()
	}
	switch n.Tag {
	case "null":
		return "nothing"
	case "str", "timestamp":
		return strconv.Quote(n.Value)
	}
	return n.Tag + " " + n.Value
}

// pointerPath renders JSON pointer tokens as a readable path: endpoints[3].requirements[0].
func pointerPath(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		if _, err := strconv.Atoi(t); err == nil {
			b.WriteString("[" + t + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

func joinPath(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

// schemaFor maps a data file to its schema name.
func schemaFor(file string) string {
	if path.Dir(file) == path.Join(dataDir, "endpoints") {
		return "endpoints"
	}
	return strings.TrimSuffix(path.Base(file), ".yaml")
}
