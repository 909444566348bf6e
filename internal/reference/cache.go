package reference

import (
	"sync"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

// The work that does not depend on the language is done once per version and kept, so that
// rendering a version in four languages computes it once. Pages may be called concurrently.

type versionData struct {
	once     sync.Once
	accepted map[*model.Scope][]*model.Endpoint // see ctx.acceptedBy
	migrated map[*model.Scope]MigrateResult     // Migrate of each scope on its own
}

type cache struct {
	mu       sync.Mutex
	versions map[*model.Version]*versionData
	diffs    map[pair]*diff.Result
}

func (g *Generator) versionData(c *ctx) *versionData {
	g.cache.mu.Lock()
	if g.cache.versions == nil {
		g.cache.versions = map[*model.Version]*versionData{}
	}
	d := g.cache.versions[c.v]
	if d == nil {
		d = &versionData{}
		g.cache.versions[c.v] = d
	}
	g.cache.mu.Unlock()
	d.once.Do(func() {
		d.accepted = map[*model.Scope][]*model.Endpoint{}
		d.migrated = map[*model.Scope]MigrateResult{}
		for _, s := range c.scopes() {
			d.accepted[s] = c.computeAcceptedBy(s)
			d.migrated[s] = Migrate(c.m, c.v, []string{s.ID})
		}
	})
	return d
}

// compare returns the diff of a pair, computed once.
func (g *Generator) compare(p pair) *diff.Result {
	g.cache.mu.Lock()
	defer g.cache.mu.Unlock()
	if g.cache.diffs == nil {
		g.cache.diffs = map[pair]*diff.Result{}
	}
	r, ok := g.cache.diffs[p]
	if !ok {
		r = diff.Compare(g.m, p.From, p.To)
		g.cache.diffs[p] = r
	}
	return r
}
