package reference

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/csv"
	"slices"
	"strconv"
	"time"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

// DownloadsPath is the path, under a version, where the site serves the files of Downloads and
// LangDownloads; pages link to DownloadsPath + "/" + name through the URL function.
const DownloadsPath = "reference/downloads"

// FeedName is the Atom feed of changes that LangDownloads returns.
const FeedName = "changes.atom"

//go:embed migrate.js
var migrateJS []byte

// Downloads returns the version's data files by name: permissions.json, endpoints.json,
// endpoints.csv and scopes.json (each described by schema/download-<name>.schema.json, the CSV's
// rows by download-endpoints-csv.schema.json), migrate.json and migrate.js for the migrate
// page, and calculator.json (download-calculator.schema.json) and calculator.js for the
// calculator page where it exists. The bytes depend only on the model: equal models give equal
// files. The JSON files are written by a jsonw (jsonw.go), byte for byte as encoding/json
// writes them.
func (g *Generator) Downloads(v *model.Version) map[string][]byte {
	c := g.ctx(v, "en")
	files := map[string][]byte{
		"permissions.json": c.permissionsJSON(),
		"endpoints.json":   c.endpointsJSON(),
		"endpoints.csv":    c.endpointsCSV(),
		"scopes.json":      c.scopesJSON(),
		"migrate.json":     c.migrateJSON(),
		"migrate.js":       migrateJS,
	}
	if c.hasCalculator() {
		files["calculator.json"] = c.calculatorJSON()
		files["calculator.js"] = calculatorJS
	}
	return files
}

// LangDownloads returns the files of a version that depend on the language: the Atom feed of
// changes (FeedName).
func (g *Generator) LangDownloads(v *model.Version, lang string) map[string][]byte {
	return map[string][]byte{FeedName: g.ctx(v, lang).feed()}
}

// downloadBuffer returns the buffer to write the download file name in, with room for what the
// file is expected to take, so that it is neither regrown nor copied to its size (finish copies a
// file with more than a sixteenth of slack). Most of every file is about the version's
// endpoints: the guess is the file's bytes per endpoint in the last version with endpoints that
// wrote it (or, for the first, downloadBytesPerEndpoint), times the version's endpoints, and a
// thirty-second more.
func (c *ctx) downloadBuffer(name string) []byte {
	n := len(c.g.versionData(c).eps)
	perEndpoint := downloadBytesPerEndpoint[name]
	if last, ok := c.g.cache.downloadSizes.Load(name); ok {
		perEndpoint = last.(downloadSize).perEndpoint()
	}
	size := n * perEndpoint
	return make([]byte, 0, size+size/32+4096)
}

// finish returns the download file name written in b, and records its size for downloadBuffer.
// The files are kept until the site is written: when b has more than a sixteenth of slack, the
// file is copied to its size.
func (c *ctx) finish(name string, b []byte) []byte {
	if n := len(c.g.versionData(c).eps); n > 0 {
		c.g.cache.downloadSizes.Store(name, downloadSize{bytes: len(b), endpoints: n})
	}
	if cap(b)-len(b) > len(b)/16 {
		return append(make([]byte, 0, len(b)), b...)
	}
	return b
}

// downloadSize is the size of a download file in a version with that many endpoints (not 0).
type downloadSize struct{ bytes, endpoints int }

func (s downloadSize) perEndpoint() int { return (s.bytes + s.endpoints - 1) / s.endpoints }

// downloadBytesPerEndpoint is the first guess of downloadBuffer: about what each file takes
// per endpoint of the project's data.
var downloadBytesPerEndpoint = map[string]int{"permissions.json": 50, "endpoints.json": 880, "scopes.json": 70,
	"migrate.json": 600, "calculator.json": 440, "endpoints.csv": 300}

// permissionsJSON is permissions.json: {"permissions": [...], "version": name}, each permission
// with its levels and, by level name (sorted, as encoding/json writes a map), the operations
// of the endpoints naming it at that level.
func (c *ctx) permissionsJSON() []byte {
	const name = "permissions.json"
	w := &jsonw{buf: c.downloadBuffer(name), indent: true}
	uses := c.uses()
	var scratch []model.Level
	w.open('{')
	w.key("permissions")
	w.open('[')
	for _, p := range c.g.versionData(c).perms {
		w.next()
		w.open('{')
		w.strField("id", p.ID)
		w.strField("group", string(p.Group))
		w.strField("title", p.Title)
		w.strField("description", p.Description)
		w.key("levels")
		strsOf(w, p.Levels, model.Level.String)
		w.key("endpoints")
		w.open('{')
		for _, l := range mapOrder(p.Levels, model.Level.String, &scratch) {
			w.mapKey(l.String())
			strsOf(w, uses[p][l], operation)
		}
		w.close('}')
		w.close('}')
	}
	w.close(']')
	w.strField("version", c.v.Name())
	w.close('}')
	return c.finish(name, w.end())
}

func operation(e *model.Endpoint) string { return e.Operation }

func scopeID(s *model.Scope) string { return s.ID }

func permissionID(g model.Grant) string { return g.Permission.ID }

// fineGrained writes a fine-grained requirement: {accepted, public_without_permission, any_of},
// each set of any_of an object from permission id (sorted) to level. scratch is mapOrder's.
func (w *jsonw) fineGrained(fg model.FineGrained, scratch *[]model.Grant) {
	w.open('{')
	w.boolField("accepted", fg.Accepted)
	w.boolField("public_without_permission", fg.PublicWithoutPermission)
	w.key("any_of")
	w.open('[')
	for _, set := range fg.AnyOf {
		w.next()
		w.open('{')
		for _, g := range mapOrder(set, permissionID, scratch) {
			w.mapKey(g.Permission.ID)
			w.str(g.Level.String())
		}
		w.close('}')
	}
	w.close(']')
	w.close('}')
}

// classic writes a classic requirement: {accepted, private, public}, each an array of sets of
// scope ids in the model's order.
func (w *jsonw) classic(cl model.Classic) {
	w.open('{')
	w.boolField("accepted", cl.Accepted)
	w.key("private")
	w.scopeSets(cl.Private)
	w.key("public")
	w.scopeSets(cl.Public)
	w.close('}')
}

func (w *jsonw) scopeSets(sets [][]*model.Scope) {
	w.open('[')
	for _, set := range sets {
		w.next()
		strsOf(w, set, scopeID)
	}
	w.close(']')
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// endpointsJSON is endpoints.json: {"endpoints": [...], "version": name}, each endpoint with
// its texts, marks and requirement in the version; docs, deprecated and removal only when set.
func (c *ctx) endpointsJSON() []byte {
	const name = "endpoints.json"
	w := &jsonw{buf: c.downloadBuffer(name), indent: true}
	var scratch []model.Grant
	w.open('{')
	w.key("endpoints")
	w.open('[')
	for _, e := range c.g.versionData(c).eps {
		r := e.Requirement(c.vi)
		w.next()
		w.open('{')
		w.strField("operation", e.Operation)
		w.strField("method", e.Method)
		w.strField("path", e.Path)
		w.strField("summary", e.Summary)
		w.strField("category", e.Category.ID)
		w.strField("subcategory", e.Subcategory)
		if e.Docs != "" {
			w.strField("docs", e.Docs)
		}
		w.boolField("cloud_only", e.CloudOnly)
		if !e.Deprecated.IsZero() {
			w.key("deprecated")
			w.date(e.Deprecated)
		}
		if !e.Removal.IsZero() {
			w.key("removal")
			w.date(e.Removal)
		}
		w.boolField("github_apps", r.GitHubApps)
		w.key("fine_grained")
		w.fineGrained(r.FineGrained, &scratch)
		w.key("classic")
		w.classic(r.Classic)
		w.key("notes")
		w.open('[')
		for _, notes := range [...][]string{e.Notes, r.Notes, r.Classic.Notes} {
			for _, n := range notes {
				w.next()
				w.str(n)
			}
		}
		w.close(']')
		w.close('}')
	}
	w.close(']')
	w.strField("version", c.v.Name())
	w.close('}')
	return c.finish(name, w.end())
}

// CSVHeader is the first row of endpoints.csv.
var CSVHeader = []string{"operation", "method", "path", "category", "summary", "fine_grained", "github_apps",
	"classic_private", "classic_public", "deprecated", "removal", "docs"}

// endpointsCSV is endpoints.csv: CSVHeader, then a row per endpoint of the version.
func (c *ctx) endpointsCSV() []byte {
	const name = "endpoints.csv"
	b := bytes.NewBuffer(c.downloadBuffer(name))
	w := csv.NewWriter(b)
	w.Write(CSVHeader)
	for _, e := range c.g.versionData(c).eps {
		r := e.Requirement(c.vi)
		w.Write([]string{e.Operation, e.Method, e.Path, e.Category.ID, e.Summary, diff.FineGrainedText(r.FineGrained),
			strconv.FormatBool(r.GitHubApps), diff.ClassicText(r.Classic, false), diff.ClassicText(r.Classic, true),
			date(e.Deprecated), date(e.Removal), e.Docs})
	}
	w.Flush()
	return c.finish(name, b.Bytes())
}

// scopesJSON is scopes.json: {"scopes": [...], "version": name}, each scope with its texts,
// the ids of its parents, children and the scopes it implies (sorted), and the operations of the
// endpoints a token holding only it can call.
func (c *ctx) scopesJSON() []byte {
	const name = "scopes.json"
	w := &jsonw{buf: c.downloadBuffer(name), indent: true}
	var implied []*model.Scope
	w.open('{')
	w.key("scopes")
	w.open('[')
	for _, s := range c.g.versionData(c).scopes {
		implied = implied[:0]
		for x := range c.closure([]*model.Scope{s}) {
			if x != s {
				implied = append(implied, x)
			}
		}
		slices.SortFunc(implied, func(a, b *model.Scope) int { return cmp.Compare(a.ID, b.ID) })
		w.next()
		w.open('{')
		w.strField("id", s.ID)
		w.strField("title", s.Title)
		w.strField("description", s.Description)
		w.key("parents")
		strsOf(w, c.parents(s), scopeID) // sorted by id
		w.key("children")
		strsOf(w, c.children(s), scopeID) // sorted by id
		w.key("implies")
		strsOf(w, implied, scopeID)
		w.key("endpoints")
		strsOf(w, c.acceptedBy(s), operation)
		w.close('}')
	}
	w.close(']')
	w.strField("version", c.v.Name())
	w.close('}')
	return c.finish(name, w.end())
}

// migrateJSON is migrate.json, what migrate.js needs to run Migrate in the browser:
// {"endpoints": [...], "scopes": [...], "seed": [...], "version": name}.
func (c *ctx) migrateJSON() []byte {
	const name = "migrate.json"
	w := &jsonw{buf: c.downloadBuffer(name), indent: true}
	var scratch []model.Grant
	w.open('{')
	w.key("endpoints")
	w.open('[')
	for _, e := range c.g.versionData(c).eps {
		r := e.Requirement(c.vi)
		w.next()
		w.open('{')
		w.strField("operation", e.Operation)
		w.strField("method", e.Method)
		w.strField("path", e.Path)
		w.strField("category", e.Category.ID)
		w.strField("anchor", c.g.EndpointAnchor(e))
		w.key("classic")
		w.classic(r.Classic)
		w.key("fine_grained")
		w.fineGrained(r.FineGrained, &scratch)
		w.close('}')
	}
	w.close(']')
	w.key("scopes")
	w.open('[')
	for _, s := range c.g.versionData(c).scopes {
		w.next()
		w.open('{')
		w.strField("id", s.ID)
		w.key("children")
		strsOf(w, c.children(s), scopeID) // sorted by id
		w.close('}')
	}
	w.close(']')
	w.key("seed")
	w.open('[')
	if meta, ok := c.m.Permission("metadata"); ok && meta.Versions.Has(c.vi) && meta.Offers(model.Read) {
		w.next()
		w.open('{')
		w.strField("permission", "metadata")
		w.strField("level", "read")
		w.close('}')
	}
	w.close(']')
	w.strField("version", c.v.Name())
	w.close('}')
	return c.finish(name, w.end())
}
