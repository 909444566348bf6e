package validate

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/vrange"
	"github.com/scoperef/scoperef/internal/yamlio"
)

// builder turns schema-valid files into the model, recording semantic errors as it goes.
type builder struct {
	diags *diag.List
	m     *model.Model
	file  string            // the file being read, for positions
	src   map[string][]byte // file name -> source, for positions inside values
	// ranges holds the version set of each range text that rangeSet accepted. The same few
	// ranges recur thousands of times, and once the features are read a text always gives the
	// same set; a range with problems is worked out again at each use, to report them there.
	ranges map[string]model.VersionSet
	// ops is each operation id in m.Endpoints, for duplicates.
	ops map[string]*model.Endpoint
}

func (b *builder) errorf(n *yamlio.Node, where, format string, args ...any) {
	b.diags.Errorf(n.Pos, where, format, args...)
}

func (b *builder) build(files []*file) *model.Model {
	byName := map[string]*file{}
	b.src = map[string][]byte{}
	for _, f := range files {
		byName[f.name] = f
		b.src[f.name] = f.data
	}
	get := func(name string) *yamlio.Node {
		if f := byName[path.Join(dataDir, name)]; f != nil && f.root != nil {
			return f.root
		}
		return &yamlio.Node{Kind: yamlio.Mapping}
	}
	b.versions(get("versions.yaml"))
	if b.diags.HasErrors() {
		return nil // every later range depends on the versions
	}
	b.features(get("features.yaml"))
	b.variables(get("variables.yaml"))
	b.scopes(get("scopes.yaml"))
	b.permissions(get("permissions.yaml"))
	for _, f := range files {
		if schemaFor(f.name) == "endpoints" && f.root != nil {
			b.category(f)
		}
	}
	b.endpointConflicts()
	b.sort()
	b.m.Index()
	return b.m
}

func str(n *yamlio.Node, key string) string {
	if v := n.Get(key); v != nil {
		return v.Value
	}
	return ""
}

func boolean(n *yamlio.Node, key string, def bool) bool {
	if v := n.Get(key); v != nil {
		return v.Value == "true"
	}
	return def
}

func items(n *yamlio.Node, key string) []*yamlio.Node {
	if v := n.Get(key); v != nil && v.Kind == yamlio.Sequence {
		return v.Content
	}
	return nil
}

func itemPath(list string, i int) string { return fmt.Sprintf("%s[%d]", list, i) }

// date reads an optional YYYY-MM-DD value (its form is already checked by the schema).
func (b *builder) date(n *yamlio.Node, key string) time.Time {
	v := n.Get(key)
	if v == nil {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, v.Value)
	if err != nil {
		b.errorf(v, "", "%q is not a date (YYYY-MM-DD)", v.Value)
	}
	return t
}

// ids tracks one kind's ids for duplicate detection.
type ids map[string]*yamlio.Node

func (b *builder) unique(seen ids, n *yamlio.Node, where, kind string) bool {
	if first, dup := seen[n.Value]; dup {
		b.errorf(n, where, "duplicate %s id %q (first defined at %s)", kind, n.Value, first.Pos)
		return false
	}
	seen[n.Value] = n
	return true
}

func (b *builder) versions(root *yamlio.Node) {
	env := &vrange.Env{Releases: map[string][]vrange.Release{}}
	products, segments := ids{}, ids{}
	for i, pn := range items(root, "products") {
		where := itemPath("products", i)
		idNode := pn.Get("id")
		if !b.unique(products, idNode, where+".id", "product") {
			continue
		}
		p := &model.Product{ID: idNode.Value, Name: str(pn, "name"), Segment: str(pn, "segment")}
		b.m.Products = append(b.m.Products, p)
		env.Products = append(env.Products, p.ID)
		rels := items(pn, "releases")
		templated := strings.Contains(p.Segment, "{release}")
		if templated && len(rels) == 0 {
			b.errorf(pn.Get("segment"), where+".segment", "segment uses {release} but product %q has no releases", p.ID)
		}
		if !templated && len(rels) > 0 {
			b.errorf(pn.Get("segment"), where+".segment", "product %q has releases, so its segment must contain {release}", p.ID)
			continue // its releases would all share one segment: nothing more to say about them
		}
		if len(rels) == 0 {
			b.addVersion(p, vrange.Version{Product: p.ID}, p.Segment, segments, pn.Get("segment"), where, nil)
			continue
		}
		seen := ids{}
		var parsed []vrange.Release
		for j, rn := range rels {
			rwhere := fmt.Sprintf("%s.releases[%d]", where, j)
			relNode := rn.Get("release")
			if !b.unique(seen, relNode, rwhere+".release", "release") {
				continue
			}
			r, err := vrange.ParseRelease(relNode.Value)
			if err != nil {
				b.errorf(relNode, rwhere+".release", "%v", err)
				continue
			}
			parsed = append(parsed, r)
			seg := strings.ReplaceAll(p.Segment, "{release}", r.String())
			b.addVersion(p, vrange.Version{Product: p.ID, Release: r}, seg, segments, relNode, rwhere, rn)
		}
		env.Releases[p.ID] = parsed
	}
	b.m.Env = env
	if len(b.m.Versions) > model.MaxVersions {
		b.errorf(root, "products", "%d versions; scoperef holds at most %d", len(b.m.Versions), model.MaxVersions)
	}
}

func (b *builder) addVersion(p *model.Product, v vrange.Version, seg string, segments ids, at *yamlio.Node, where string, rn *yamlio.Node) {
	if seg != "" {
		if first, dup := segments[seg]; dup {
			b.errorf(at, where, "URL segment %q is already used at %s", seg, first.Pos)
		}
		segments[seg] = at
	}
	ver := &model.Version{Version: v, Index: len(b.m.Versions), Product: p, Segment: seg, Status: model.Supported}
	if rn != nil {
		ver.ReleaseCandidate = b.date(rn, "release_candidate")
		ver.GeneralAvailability = b.date(rn, "general_availability")
		ver.Deprecation = b.date(rn, "deprecation")
		if !ver.ReleaseCandidate.After(ver.GeneralAvailability) && ver.GeneralAvailability.Before(ver.Deprecation) {
			ver.Status = status(ver, b.m.BuildDate)
		} else {
			b.errorf(rn, where, "dates out of order: need release_candidate <= general_availability < deprecation")
		}
		if boolean(rn, "hidden", false) {
			ver.Status = model.Hidden
		}
	}
	b.m.Versions = append(b.m.Versions, ver)
}

// status decides a release's state on day.
func status(v *model.Version, day time.Time) model.Status {
	switch {
	case day.Before(v.ReleaseCandidate):
		return model.Hidden
	case day.Before(v.GeneralAvailability):
		return model.ReleaseCandidate
	case day.Before(v.Deprecation):
		return model.Supported
	}
	return model.Deprecated
}

// rangeSet parses and checks the version range in n, returning the versions it selects.
// Problems are recorded at their column inside the value.
func (b *builder) rangeSet(n *yamlio.Node, where string) (model.VersionSet, bool) {
	if set, ok := b.ranges[n.Value]; ok {
		return set, true
	}
	x, err := vrange.Parse(n.Value)
	if err != nil {
		if e, ok := err.(*vrange.Error); ok {
			b.rangeError(n, where, e)
		} else {
			b.errorf(n, where, "%v", err)
		}
		return 0, false
	}
	if errs := b.m.Env.Check(x); len(errs) > 0 {
		for _, e := range errs {
			b.rangeError(n, where, e)
		}
		return 0, false
	}
	var set model.VersionSet
	for _, v := range b.m.Env.Select(x) {
		if i := b.versionIndex(v); i >= 0 {
			set = set.With(i)
		}
	}
	if set == 0 {
		b.errorf(n, where, "version range %q matches no version", n.Value)
		return 0, false
	}
	if b.ranges == nil {
		b.ranges = map[string]model.VersionSet{}
	}
	b.ranges[n.Value] = set
	return set, true
}

func (b *builder) rangeError(n *yamlio.Node, where string, e *vrange.Error) {
	off := max(0, min(e.Offset, len(n.Value)))
	b.diags.Errorf(valuePos(b.src[n.Pos.File], n, off), where, "in version range %q: %s", n.Value, e.Msg)
}

func (b *builder) versionIndex(v vrange.Version) int {
	for i, x := range b.m.Versions {
		if x.Version == v {
			return i
		}
	}
	return -1
}

// optionalRange reads key's range, defaulting to every version.
func (b *builder) optionalRange(n *yamlio.Node, key, where string) (model.VersionSet, bool) {
	v := n.Get(key)
	if v == nil {
		return b.m.All(), true
	}
	return b.rangeSet(v, where+"."+key)
}

// versionsOrAll reads the versions of a scope or permission. When the range is wrong (already
// reported) it assumes every version, so that requirements using the scope or permission are
// not also reported as using it where it "does not exist".
func (b *builder) versionsOrAll(n *yamlio.Node, where string) model.VersionSet {
	if set, ok := b.optionalRange(n, "versions", where); ok {
		return set
	}
	return b.m.All()
}

func (b *builder) features(root *yamlio.Node) {
	seen := ids{}
	exprs := map[string]vrange.Expr{}
	type pending struct {
		f    *model.Feature
		n    *yamlio.Node
		path string
	}
	var todo []pending
	for i, fn := range items(root, "features") {
		where := itemPath("features", i)
		idNode := fn.Get("id")
		if !b.unique(seen, idNode, where+".id", "feature") {
			continue
		}
		if slices.Contains(b.m.Env.Products, idNode.Value) {
			b.errorf(idNode, where+".id", "feature %q has the name of a product", idNode.Value)
			continue
		}
		vn := fn.Get("versions")
		x, err := vrange.Parse(vn.Value)
		if err != nil {
			if e, ok := err.(*vrange.Error); ok {
				b.rangeError(vn, where+".versions", e)
			}
			continue
		}
		exprs[idNode.Value] = x
		f := &model.Feature{ID: idNode.Value, Description: str(fn, "description"), Pos: idNode.Pos}
		todo = append(todo, pending{f, vn, where + ".versions"})
	}
	b.m.Env.Features = exprs
	for _, p := range todo {
		if set, ok := b.rangeSet(p.n, p.path); ok {
			p.f.Versions = set
			b.m.Features = append(b.m.Features, p.f)
		}
	}
}

func (b *builder) variables(root *yamlio.Node) {
	seen := ids{}
	for i, vn := range items(root, "variables") {
		where := itemPath("variables", i)
		idNode := vn.Get("id")
		if !b.unique(seen, idNode, where+".id", "variable") {
			continue
		}
		v := &model.Variable{ID: idNode.Value, Pos: idNode.Pos}
		var covered model.VersionSet
		for j, val := range items(vn, "values") {
			vwhere := fmt.Sprintf("%s.values[%d].versions", where, j)
			set, ok := b.rangeSet(val.Get("versions"), vwhere)
			if !ok {
				continue
			}
			if overlap := set & covered; overlap != 0 {
				b.errorf(val.Get("versions"), vwhere, "values overlap in %s", b.names(overlap))
			}
			covered |= set
			v.Values = append(v.Values, model.VariableValue{Versions: set, Value: str(val, "value")})
		}
		if missing := b.m.All() &^ covered; missing != 0 {
			b.diags.Warnf(idNode.Pos, where, "variable %q has no value for %s", v.ID, b.names(missing))
		}
		b.m.Variables = append(b.m.Variables, v)
	}
}

// names lists a set's version names for messages.
func (b *builder) names(s model.VersionSet) string {
	var out []string
	for _, v := range b.m.VersionsOf(s) {
		out = append(out, v.Name())
	}
	return strings.Join(out, ", ")
}

func (b *builder) sort() {
	slices.SortFunc(b.m.Scopes, func(x, y *model.Scope) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(b.m.Permissions, func(x, y *model.Permission) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(b.m.Categories, func(x, y *model.Category) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(b.m.Features, func(x, y *model.Feature) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(b.m.Variables, func(x, y *model.Variable) int { return cmp.Compare(x.ID, y.ID) })
	byRoute := func(x, y *model.Endpoint) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.Method, y.Method), cmp.Compare(x.Operation, y.Operation))
	}
	for _, c := range b.m.Categories {
		slices.SortFunc(c.Endpoints, byRoute)
	}
	slices.SortFunc(b.m.Endpoints, byRoute)
}

// valuePos returns the source position of byte offset off inside scalar n's value. It reads the
// value's text in src from n.Pos on: the value must appear there as written, except that a line
// break with the blanks around it may stand for one space (YAML folds multi-line plain and quoted
// scalars so), and a doubled quote for one in a single-quoted scalar. Anything else (an escape
// in a double-quoted scalar, a block scalar, a source that is not known) gives n.Pos: a coarser
// position, never a wrong one.
func valuePos(src []byte, n *yamlio.Node, off int) diag.Pos {
	p := lineStart(src, n.Pos.Line)
	if p < 0 || n.Pos.Col < 1 || off < 0 || off > len(n.Value) {
		return n.Pos
	}
	for range n.Pos.Col - 1 { // Col counts runes
		if p >= len(src) || src[p] == '\n' {
			return n.Pos
		}
		_, size := utf8.DecodeRune(src[p:])
		p += size
	}
	var quote byte
	if n.Quoted {
		if p >= len(src) || (src[p] != '"' && src[p] != '\'') {
			return n.Pos
		}
		quote = src[p]
		p++
	}
	line := n.Pos.Line
	for i := 0; i < off; i++ {
		v := n.Value[i]
		if q, ok := lineFold(src, p); ok && v == ' ' {
			p, line = q, line+1
			continue
		}
		switch {
		case p >= len(src) || src[p] != v || v == '\n' || (quote == '"' && v == '\\'):
			return n.Pos
		case quote == '\'' && v == '\'':
			if p+1 >= len(src) || src[p+1] != '\'' {
				return n.Pos
			}
			p += 2
		default:
			p++
		}
	}
	start := bytes.LastIndexByte(src[:p], '\n') + 1
	return diag.Pos{File: n.Pos.File, Line: line, Col: 1 + utf8.RuneCount(src[start:p])}
}

// lineFold reports whether src[p:] starts with blanks, one line break and blanks, which YAML
// folds into one space inside a multi-line scalar, and returns the offset after them.
func lineFold(src []byte, p int) (int, bool) {
	p = skipBlanks(src, p)
	if p < len(src) && src[p] == '\r' {
		p++
	}
	if p >= len(src) || src[p] != '\n' {
		return 0, false
	}
	return skipBlanks(src, p+1), true
}

func skipBlanks(src []byte, p int) int {
	for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
		p++
	}
	return p
}

// lineStart returns the byte offset at which 1-based line n of src starts, or -1.
func lineStart(src []byte, n int) int {
	if n < 1 {
		return -1
	}
	p := 0
	for ; n > 1; n-- {
		i := bytes.IndexByte(src[p:], '\n')
		if i < 0 {
			return -1
		}
		p += i + 1
	}
	return p
}
