package importer

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/scoperef/scoperef/internal/yamlio"
)

// Config says what to import and where to write it.
type Config struct {
	// Out is the data directory (content/data): versions.yaml and features.yaml are read from
	// it, scopes.yaml, permissions.yaml and endpoints/*.yaml are written to it.
	Out string
	// OpenAPI and FineGrained are the inputs, one per product version. Every version with an
	// OpenAPI description needs a table and the reverse.
	OpenAPI, FineGrained []Input
	// Oracle, when set, is an older dotcom table in the list format to compare with the dotcom
	// table.
	Oracle string
	// DryRun computes the report without writing anything.
	DryRun bool
}

// versionData is everything read for one version.
type versionData struct {
	version Version
	ops     []Operation
	table   *Table
	report  *VersionReport
}

// Run imports, writes the files (unless DryRun) and returns the report.
func Run(cfg Config) (*Report, error) {
	if len(cfg.OpenAPI) == 0 {
		return nil, fmt.Errorf("no OpenAPI description given")
	}
	data, err := readInputs(cfg)
	if err != nil {
		return nil, err
	}
	ex, err := loadExisting(cfg.Out)
	if err != nil {
		return nil, err
	}
	u, err := universeFor(data, ex)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	perms, permNotes := collectPermissions(u, data, ex)
	rep.Fields = append(rep.Fields, permNotes...)

	graph := NewScopeGraph(knownScopes)
	knownIDs := map[string]bool{}
	for _, s := range knownScopes {
		knownIDs[s.ID] = true
	}
	known := func(s string) bool { return knownIDs[s] }

	byOp := map[string][]versionOp{}
	for _, d := range data {
		rep.Versions = append(rep.Versions, d.report)
		for _, vo := range d.requirements(known, graph) {
			byOp[vo.Op.ID] = append(byOp[vo.Op.ID], vo)
		}
	}

	byCategory := map[string][]Endpoint{}
	for _, id := range slices.Sorted(maps.Keys(byOp)) {
		e, notes := buildEndpoint(u, byOp[id])
		for _, n := range notes {
			rep.Fields = append(rep.Fields, id+": "+n)
		}
		rep.Merge = append(rep.Merge, keepNotes(u, &e, ex.endpoints[id], generatedNotes(byOp[id]), ex.features)...)
		byCategory[e.Category] = append(byCategory[e.Category], e)
		rep.Endpoints++
	}
	for op := range ex.endpoints {
		if _, ok := byOp[op]; !ok {
			rep.Merge = append(rep.Merge, fmt.Sprintf("%s: no longer in any API description; its entry is dropped", op))
		}
	}
	slices.Sort(rep.Merge)

	scopes, scopeNotes := collectScopes(u, byCategory, ex)
	rep.Scopes = scopeNotes
	rep.Problems = selfCheck(u, byCategory, scopes, perms)

	files := map[string][]byte{}
	for cat, eps := range byCategory {
		slices.SortFunc(eps, func(a, b Endpoint) int {
			return compareOps(Operation{Path: a.Path, Method: a.Method}, Operation{Path: b.Path, Method: b.Method})
		})
		title := ex.titles[cat]
		if title == "" {
			title = categoryTitle(cat)
		}
		b, err := categoryFile(u, cat, title, eps, ex.endpoints)
		if err != nil {
			return nil, err
		}
		files[filepath.Join("endpoints", cat+".yaml")] = b
	}
	if files["scopes.yaml"], err = scopesFile(scopes, keptEntries(ex.scopes, ex.scopeIDs, scopeIDs(scopes), "scope", &rep.Merge)); err != nil {
		return nil, err
	}
	if files["permissions.yaml"], err = permissionsFile(perms, keptEntries(ex.perms, ex.permIDs, permIDs(perms), "permission", &rep.Merge)); err != nil {
		return nil, err
	}

	if cfg.Oracle != "" {
		if err := oracle(cfg.Oracle, data, rep); err != nil {
			return nil, err
		}
	}
	if len(rep.Problems) > 0 {
		cfg.DryRun = true // never write data that contradicts itself
	}
	return rep, writeFiles(cfg, files, ex, rep)
}

func readInputs(cfg Config) ([]*versionData, error) {
	tables := map[Version]string{}
	for _, in := range cfg.FineGrained {
		tables[in.Version] = in.Path
	}
	data := make([]*versionData, len(cfg.OpenAPI))
	errs := make([]error, len(cfg.OpenAPI))
	for _, in := range cfg.OpenAPI {
		if _, ok := tables[in.Version]; !ok {
			return nil, fmt.Errorf("%s: no fine-grained table given for %s", in.Path, in.Version)
		}
	}
	// Decoding the descriptions dominates the run time: one goroutine per CPU.
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, in := range cfg.OpenAPI {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			data[i], errs[i] = readVersion(in, tables[in.Version])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, in := range cfg.OpenAPI {
		delete(tables, in.Version)
	}
	for v, path := range tables {
		return nil, fmt.Errorf("%s: no OpenAPI description given for %s", path, v)
	}
	slices.SortFunc(data, func(a, b *versionData) int { return compareVersions(a.version, b.version) })
	return data, nil
}

func readVersion(in Input, tablePath string) (*versionData, error) {
	raw, err := readInput(in.Path)
	if err != nil {
		return nil, err
	}
	ops, err := ParseOpenAPI(in.Path, raw)
	if err != nil {
		return nil, err
	}
	if raw, err = readInput(tablePath); err != nil {
		return nil, err
	}
	t, err := ParseTable(tablePath, raw)
	if err != nil {
		return nil, err
	}
	if t.Format != FormatFlags {
		return nil, fmt.Errorf("%s: a list-format table is an oracle (-oracle), not an input", tablePath)
	}
	return &versionData{version: in.Version, ops: ops, table: t,
		report: &VersionReport{Version: in.Version, Table: t.Source, Unparsed: map[string]int{}, UnparsedOps: map[string][]string{}, Defaults: map[string]int{}}}, nil
}

// universeFor is the versions of versions.yaml, which must include every imported one; or the
// imported versions when there is no versions.yaml.
func universeFor(data []*versionData, ex *existing) (*Universe, error) {
	if ex.releases == nil {
		var vs []Version
		for _, d := range data {
			vs = append(vs, d.version)
		}
		return NewUniverse(vs)
	}
	for _, d := range data {
		if !slices.Contains(ex.releases, d.version) {
			return nil, fmt.Errorf("%s is not in versions.yaml; add it there first", d.version)
		}
	}
	return NewUniverse(ex.releases)
}

// requirements computes each operation's requirement in this version and fills the report.
func (d *versionData) requirements(known func(string) bool, g *ScopeGraph) []versionOp {
	r := d.report
	rows := d.table.byEndpoint()
	r.Operations = len(d.ops)
	r.Duplicates = d.table.Dups
	r.TableRows = len(d.table.Rows) + len(d.table.Dups)
	var out []versionOp
	seen := map[string]bool{}
	for _, op := range d.ops {
		key := op.Method + " " + op.Path
		seen[key] = true
		var fg FineGrained
		if rs, ok := rows[key]; ok {
			r.WithFineGrained++
			r.RowsImported += len(rs)
			sets, notes := SetsFromFlags(rs)
			for _, n := range notes {
				r.TableNotes = append(r.TableNotes, key+": "+n)
			}
			fg = FineGrained{Accepted: true, AnyOf: sets, PublicWithoutPermission: publicWithoutPermission(op.Method, sets)}
		} else {
			r.NotInTable = append(r.NotInTable, op.ID)
		}
		cr, rule := classicOf(op, known, g)
		if rule != "" {
			r.Defaults[rule]++
		}
		if cr.Classic.Private != nil {
			r.WithClassic++
		}
		if cr.Mentions() {
			r.MentionScope++
			if cr.Parsed() {
				r.Parsed++
			}
			if cr.Conflict {
				r.Conflicts++
				r.Unparsed["(sentences that contradict each other)"]++
				r.UnparsedOps["(sentences that contradict each other)"] = append(r.UnparsedOps["(sentences that contradict each other)"], op.ID)
			}
			for _, s := range cr.Sentences {
				if s.Rule == "" {
					r.Unparsed[s.Shape]++
					r.UnparsedOps[s.Shape] = append(r.UnparsedOps[s.Shape], op.ID)
				}
			}
		}
		out = append(out, versionOp{Version: d.version, Op: op,
			Req: Requirement{GitHubApps: op.GitHubApps, FineGrained: fg, Classic: cr.Classic}})
	}
	for _, row := range d.table.Rows {
		if !seen[row.Key()] {
			r.MissingFromAPI = append(r.MissingFromAPI, row)
		}
	}
	return out
}

// classicOf is an operation's classic requirement: what the scope sentences of its description
// say or, when it has none, what a default rule gives (DefaultClassic), with the rule's name.
// A sentence that states a requirement always wins over a general rule, and so does one the parser
// does not understand (rule is "" then). When the understood sentences state only a condition,
// the general rule supplies the base requirement and the condition is kept as a note.
func classicOf(op Operation, known func(string) bool, g *ScopeGraph) (cr ClassicResult, rule string) {
	cr = ParseClassic(op.Description, known, g)
	switch {
	case AppOnly(op.Description) && !cr.Mentions():
		// Only a GitHub App's JWT: no scope can make a classic token fit.
		cr.Classic, rule = Classic{Refused: true, Notes: []string{noteAppJWT}}, DefaultAppJWT
	case !cr.Mentions():
		cr.Classic, rule = DefaultClassic(op.Method, op.Path, g)
	case cr.Parsed() && cr.Classic.Private == nil && cr.Classic.Public == nil:
		// The sentences state only a condition (e.g. "needs workflow when the commit touches
		// workflow files"), no base requirement: the general rule supplies the base, and the
		// condition stays as a note beside it.
		def, name := DefaultClassic(op.Method, op.Path, g)
		if def.Private != nil || def.Public != nil {
			cr.Classic.Private, cr.Classic.Public = def.Private, def.Public
			cr.Classic.Notes = append(cr.Classic.Notes, def.Notes...)
			rule = name
		}
	}
	return cr, rule
}

// collectPermissions gathers the permissions of every table: group and title from the preferred
// version, levels and versions from all. A permission whose group differs between tables is
// reported.
func collectPermissions(u *Universe, data []*versionData, ex *existing) ([]PermissionOut, []string) {
	type acc struct {
		out    PermissionOut
		set    VSet
		levels map[string]bool
		pref   Version
	}
	m := map[string]*acc{}
	var notes []string
	for _, d := range data {
		for _, p := range d.table.Perms {
			a := m[p.Key]
			if a == nil {
				a = &acc{out: PermissionOut{ID: p.Key, Group: p.Group, Title: p.Title}, levels: map[string]bool{}, pref: d.version}
				m[p.Key] = a
			} else if a.out.Group != p.Group {
				notes = append(notes, fmt.Sprintf("permission %s is in group %s in %s but %s in %s", p.Key, a.out.Group, a.pref, p.Group, d.version))
			}
			if preference(d.version, a.pref) < 0 {
				a.out.Group, a.out.Title, a.pref = p.Group, p.Title, d.version
			}
			a.set |= u.Set(d.version)
		}
		for _, r := range d.table.Rows {
			m[r.Perm].levels[r.Level] = true
		}
		// SetsFromFlags may add metadata=read.
		if a := m["metadata"]; a != nil {
			a.levels["read"] = true
		}
	}
	var out []PermissionOut
	for _, a := range m {
		for _, l := range levels {
			if a.levels[l] {
				a.out.Levels = append(a.out.Levels, l)
			}
		}
		if a.set != u.Set(u.Versions()...) {
			a.out.Versions = u.Expr(a.set)
		}
		a.out.Extra = ex.perms[a.out.ID]
		out = append(out, a.out)
	}
	sortPermissions(out)
	return out, notes
}

// collectScopes returns the known scopes plus every scope an endpoint names, and report lines.
// A known scope that endpoints name in versions outside its own gets those versions added (the
// API description is the evidence); a scope outside the known list is written with a title
// saying so.
func collectScopes(u *Universe, byCategory map[string][]Endpoint, ex *existing) ([]ScopeOut, []string) {
	used := map[string]VSet{}
	for _, eps := range byCategory {
		for _, e := range eps {
			for _, v := range e.Variants {
				for _, alts := range [][][]string{v.Req.Classic.Private, v.Req.Classic.Public} {
					for _, set := range alts {
						for _, s := range set {
							used[s] |= v.Set
						}
					}
				}
			}
		}
	}
	var out []ScopeOut
	var notes []string
	all := u.Set(u.Versions()...)
	for _, d := range knownScopes {
		if set, ok := used[d.ID]; ok && d.Versions != "" {
			in, err := u.Eval(d.Versions, nil)
			if err == nil && set&^in != 0 {
				notes = append(notes, fmt.Sprintf("%s (%s) is named by endpoints in %s too: versions widened", d.ID, d.Versions, u.Expr(set&^in)))
				d.Versions = ""
				if in|set != all {
					d.Versions = u.Expr(in | set)
				}
			}
		}
		out = append(out, ScopeOut{ScopeDef: d, Extra: ex.scopes[d.ID]})
		delete(used, d.ID)
	}
	for _, id := range slices.Sorted(maps.Keys(used)) {
		out = append(out, ScopeOut{ScopeDef: ScopeDef{ID: id, Title: unlistedScopeTitle}, Extra: ex.scopes[id]})
		notes = append(notes, fmt.Sprintf("%s: named by API descriptions in %s but not a scope GitHub lists", id, u.Expr(used[id])))
	}
	return out, notes
}

// unlistedScopeTitle titles a scope that only an API description names.
const unlistedScopeTitle = "Named by the API description; not in GitHub's list of scopes"

// selfCheck verifies what docs/format.md asks of references: every scope an endpoint names
// is written, and every permission exists, with the level asked, in each version that asks
// for it. It returns one line per problem.
func selfCheck(u *Universe, byCategory map[string][]Endpoint, scopes []ScopeOut, perms []PermissionOut) []string {
	scopeSet := scopeIDs(scopes)
	type permInfo struct {
		set    VSet
		levels []string
	}
	all := u.Set(u.Versions()...)
	pm := map[string]permInfo{}
	for _, p := range perms {
		set := all
		if p.Versions != "" {
			set, _ = u.Eval(p.Versions, nil)
		}
		pm[p.ID] = permInfo{set, p.Levels}
	}
	var out []string
	for _, cat := range slices.Sorted(maps.Keys(byCategory)) {
		for _, e := range byCategory[cat] {
			for _, v := range e.Variants {
				for _, set := range v.Req.FineGrained.AnyOf {
					for _, g := range set {
						p, ok := pm[g.Perm]
						switch {
						case !ok:
							out = append(out, fmt.Sprintf("%s: unknown permission %s", e.Operation, g.Perm))
						case v.Set&^p.set != 0:
							out = append(out, fmt.Sprintf("%s: permission %s used in %s where it does not exist", e.Operation, g.Perm, u.Expr(v.Set&^p.set)))
						case !slices.Contains(p.levels, g.Level):
							out = append(out, fmt.Sprintf("%s: permission %s has no level %s", e.Operation, g.Perm, g.Level))
						}
					}
				}
				for _, alts := range [][][]string{v.Req.Classic.Private, v.Req.Classic.Public} {
					for _, set := range alts {
						for _, s := range set {
							if !scopeSet[s] {
								out = append(out, fmt.Sprintf("%s: unknown scope %s", e.Operation, s))
							}
						}
					}
				}
			}
		}
	}
	return out
}

func scopeIDs(s []ScopeOut) map[string]bool {
	m := map[string]bool{}
	for _, x := range s {
		m[x.ID] = true
	}
	return m
}

func permIDs(p []PermissionOut) map[string]bool {
	m := map[string]bool{}
	for _, x := range p {
		m[x.ID] = true
	}
	return m
}

// keptEntries returns the existing entries the import does not produce (added by hand), in
// file order.
func keptEntries(entries map[string]*yamlio.Node, order []string, produced map[string]bool, kind string, msgs *[]string) []*yamlio.Node {
	var out []*yamlio.Node
	for _, id := range order {
		if !produced[id] {
			out = append(out, entries[id])
			*msgs = append(*msgs, fmt.Sprintf("%s %s is not imported; its hand-written entry is kept", kind, id))
		}
	}
	return out
}

func oracle(path string, data []*versionData, rep *Report) error {
	raw, err := readInput(path)
	if err != nil {
		return err
	}
	t, err := ParseTable(path, raw)
	if err != nil {
		return err
	}
	if t.Format != FormatList {
		return fmt.Errorf("%s: the oracle must be a table in the list format", path)
	}
	for _, d := range data {
		if d.version.Product == "dotcom" {
			rep.Oracle = compareWithOracle(t, d.table)
			return nil
		}
	}
	return fmt.Errorf("-oracle needs the dotcom table to compare with")
}

// writeFiles writes the files whose bytes changed and removes endpoint files that the import
// no longer produces (only files that carry the importer's header).
func writeFiles(cfg Config, files map[string][]byte, ex *existing, rep *Report) error {
	names := slices.SortedFunc(maps.Keys(files), cmp.Compare)
	rep.Files = names
	for _, name := range names {
		path := filepath.Join(cfg.Out, name)
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, files[name]) {
			continue
		}
		rep.Changed++
		if cfg.DryRun {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := writeAtomic(path, files[name]); err != nil {
			return err
		}
	}
	for _, base := range ex.stale {
		name := filepath.Join("endpoints", base)
		if _, ok := files[name]; ok {
			continue
		}
		path := filepath.Join(cfg.Out, name)
		old, err := os.ReadFile(path)
		if err != nil || !isImportedFile(old) {
			continue
		}
		rep.Removed = append(rep.Removed, name)
		if !cfg.DryRun {
			if err := os.Remove(path); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// categoryTitles are GitHub Docs' titles of the REST reference categories; any other category
// is titled from its id ("code-quality" -> "Code quality").
var categoryTitles = map[string]string{
	"apps":                 "GitHub Apps",
	"classroom":            "GitHub Classroom",
	"copilot-spaces":       "Copilot Spaces",
	"enterprise-admin":     "Enterprise administration",
	"git":                  "Git database",
	"oauth-authorizations": "OAuth authorizations",
	"oidc":                 "OpenID Connect",
	"orgs":                 "Organizations",
	"pulls":                "Pull requests",
	"repos":                "Repositories",
	"scim":                 "SCIM",
}

func categoryTitle(id string) string {
	if t, ok := categoryTitles[id]; ok {
		return t
	}
	t := strings.ReplaceAll(id, "-", " ")
	return strings.ToUpper(t[:1]) + t[1:]
}
