package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/yamlio"
)

// existing is what the output directory already holds: the versions the range language knows,
// the features, and the hand-written parts of earlier imports.
type existing struct {
	releases   []Version // from versions.yaml; nil when there is none
	features   map[string]string
	scopes     map[string]*yamlio.Node // entry by id
	scopeIDs   []string                // in file order
	perms      map[string]*yamlio.Node
	permIDs    []string
	titles     map[string]string // category -> title
	endpoints  map[string]*oldEndpoint
	stale      []string // endpoint files, by name
	endpointAt map[string]string
}

type oldEndpoint struct {
	node     *yamlio.Node
	versions string
	variants []oldVariant
}

type oldVariant struct {
	versions string // "" = the endpoint's versions
	notes    []string
}

func readYAML(path string) (*yamlio.Node, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return yamlio.Parse(path, data)
}

// loadExisting reads dir (content/data). Missing files are fine; unreadable ones are errors, so
// that hand-written data is never overwritten by mistake.
func loadExisting(dir string) (*existing, error) {
	ex := &existing{features: map[string]string{}, scopes: map[string]*yamlio.Node{},
		perms: map[string]*yamlio.Node{}, titles: map[string]string{}, endpoints: map[string]*oldEndpoint{},
		endpointAt: map[string]string{}}
	n, err := readYAML(filepath.Join(dir, "versions.yaml"))
	if err != nil {
		return nil, err
	}
	for _, p := range items(n.Get("products")) {
		id := val(p.Get("id"))
		switch {
		case id == "dotcom" || id == "ghec":
			ex.releases = append(ex.releases, Version{Product: id})
		case id == "ghes":
			for _, r := range items(p.Get("releases")) {
				ex.releases = append(ex.releases, Version{Product: "ghes", Release: val(r.Get("release"))})
			}
		}
	}
	if n, err = readYAML(filepath.Join(dir, "features.yaml")); err != nil {
		return nil, err
	}
	for _, f := range items(n.Get("features")) {
		ex.features[val(f.Get("id"))] = val(f.Get("versions"))
	}
	if n, err = readYAML(filepath.Join(dir, "scopes.yaml")); err != nil {
		return nil, err
	}
	for _, s := range items(n.Get("scopes")) {
		id := val(s.Get("id"))
		ex.scopes[id] = s
		ex.scopeIDs = append(ex.scopeIDs, id)
	}
	if n, err = readYAML(filepath.Join(dir, "permissions.yaml")); err != nil {
		return nil, err
	}
	for _, p := range items(n.Get("permissions")) {
		id := val(p.Get("id"))
		ex.perms[id] = p
		ex.permIDs = append(ex.permIDs, id)
	}
	files, err := filepath.Glob(filepath.Join(dir, "endpoints", "*.yaml"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		n, err := readYAML(f)
		if err != nil {
			return nil, err
		}
		ex.stale = append(ex.stale, filepath.Base(f))
		if c := n.Get("category"); c != nil && n.Get("title") != nil {
			ex.titles[c.Value] = val(n.Get("title"))
		}
		for _, e := range items(n.Get("endpoints")) {
			op := val(e.Get("operation"))
			if op == "" {
				continue
			}
			old := &oldEndpoint{node: e, versions: val(e.Get("versions"))}
			for _, r := range items(e.Get("requirements")) {
				v := oldVariant{versions: val(r.Get("versions"))}
				for _, note := range items(r.Get("classic").Get("notes")) {
					v.notes = append(v.notes, note.Value)
				}
				old.variants = append(old.variants, v)
			}
			ex.endpoints[op] = old
			ex.endpointAt[op] = f
		}
	}
	return ex, nil
}

// keepNotes adds to e the hand-written notes of its earlier entry: notes that are not a sentence
// of any of the operation's descriptions (the importer's own notes always are). A note goes to
// every new variant whose versions overlap those of the variant it was on. It returns report
// lines for notes it could not place exactly.
func keepNotes(u *Universe, e *Endpoint, old *oldEndpoint, generated map[string]bool, features map[string]string) []string {
	if old == nil {
		return nil
	}
	var msgs []string
	for _, ov := range old.variants {
		src := ov.versions
		if src == "" {
			src = old.versions
		}
		for _, note := range ov.notes {
			if generated[note] {
				continue
			}
			set, err := u.Eval(src, features)
			if err != nil {
				set = e.Set
				msgs = append(msgs, fmt.Sprintf("%s: hand-written note kept on every variant (%v)", e.Operation, err))
			}
			placed := false
			for i := range e.Variants {
				v := &e.Variants[i]
				if v.Set&set == 0 {
					continue
				}
				placed = true
				if !slices.Contains(v.Req.Classic.Notes, note) {
					v.Req.Classic.Notes = append(slices.Clone(v.Req.Classic.Notes), note)
				}
			}
			if !placed {
				msgs = append(msgs, fmt.Sprintf("%s: hand-written note dropped, its versions %q no longer exist: %s", e.Operation, src, note))
			}
		}
	}
	return msgs
}

// generatedNotes returns every text the importer could write as a note for an operation: the
// version-neutral form of each sentence of its descriptions, and the notes of the default
// rules.
func generatedNotes(vops []versionOp) map[string]bool {
	m := map[string]bool{}
	for _, n := range defaultNotes() {
		m[n] = true
	}
	for _, vo := range vops {
		for _, s := range Sentences(vo.Op.Description) {
			m[versionNeutral(s)] = true
		}
	}
	return m
}

// importedMarker is the header line that marks a file as written by the importer.
const importedMarker = "# Imported by `scoperef import`"

// isImportedFile reports whether an endpoint file carries the importer's header (the schema
// line alone is not enough: hand-written files have it too).
func isImportedFile(data []byte) bool {
	first, rest, _ := strings.Cut(string(data), "\n")
	return strings.HasPrefix(first, "# yaml-language-server:") && strings.HasPrefix(rest, importedMarker)
}

// items returns a sequence's items; nil for anything else, including a missing node.
func items(n *yamlio.Node) []*yamlio.Node {
	if n == nil || n.Kind != yamlio.Sequence {
		return nil
	}
	return n.Content
}

// val returns a scalar's text; "" for anything else.
func val(n *yamlio.Node) string {
	if n == nil || n.Kind != yamlio.Scalar {
		return ""
	}
	return n.Value
}
