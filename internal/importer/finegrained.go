package importer

import (
	"fmt"
	"slices"
	"strings"
)

// levels are the access levels, weakest first.
var levels = []string{"read", "write", "admin"}

// levelRank returns 1 for read, 2 for write, 3 for admin, 0 for anything else.
func levelRank(l string) int { return slices.Index(levels, l) + 1 }

// Grant is one permission at one level.
type Grant struct{ Perm, Level string }

// PermSet is an AND-set of grants, sorted by permission key, each permission once.
type PermSet []Grant

func (s PermSet) String() string {
	parts := make([]string, len(s))
	for i, g := range s {
		parts[i] = g.Perm + "=" + g.Level
	}
	return strings.Join(parts, ",")
}

// satisfies reports whether a token holding s holds every grant of t (a level satisfies every
// lower one).
func (s PermSet) satisfies(t PermSet) bool {
	for _, g := range t {
		i := slices.IndexFunc(s, func(h Grant) bool { return h.Perm == g.Perm })
		if i < 0 || levelRank(s[i].Level) < levelRank(g.Level) {
			return false
		}
	}
	return true
}

// newPermSet builds a set from grants; a permission given twice keeps its higher level, and
// conflict reports such a merge.
func newPermSet(grants []Grant) (s PermSet, conflict bool) {
	for _, g := range grants {
		i := slices.IndexFunc(s, func(h Grant) bool { return h.Perm == g.Perm })
		if i < 0 {
			s = append(s, g)
			continue
		}
		if s[i].Level != g.Level {
			conflict = true
		}
		if levelRank(g.Level) > levelRank(s[i].Level) {
			s[i].Level = g.Level
		}
	}
	slices.SortFunc(s, func(a, b Grant) int { return strings.Compare(a.Perm, b.Perm) })
	return s, conflict
}

// AnyOf is an OR of AND-sets.
type AnyOf []PermSet

// String gives the X-Accepted-GitHub-Permissions form: "a=read,b=write; c=read".
func (a AnyOf) String() string {
	parts := make([]string, len(a))
	for i, s := range a {
		parts[i] = s.String()
	}
	return strings.Join(parts, "; ")
}

// minimize drops duplicate sets and every set that satisfies another set (an alternative that
// asks for more than another one adds nothing), then sorts: fewer grants first, then by text.
func (a AnyOf) minimize() AnyOf {
	var out AnyOf
	for i, s := range a {
		redundant := false
		for j, t := range a {
			if i == j {
				continue
			}
			// s is redundant when it asks for at least what t asks; of two equal sets keep the first.
			if s.satisfies(t) && (!t.satisfies(s) || j < i) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(x, y PermSet) int {
		if len(x) != len(y) {
			return len(x) - len(y)
		}
		return strings.Compare(x.String(), y.String())
	})
	return out
}

// FineGrained is the fine-grained token requirement of an endpoint in one version.
type FineGrained struct {
	Accepted bool
	// PublicWithoutPermission: on a public repository the endpoint needs no permission at all
	// (see the package doc for the rule).
	PublicWithoutPermission bool
	AnyOf                   AnyOf
}

func (f FineGrained) key() string {
	return fmt.Sprintf("%t|%t|%s", f.Accepted, f.PublicWithoutPermission, f.AnyOf)
}

// SetsFromFlags rebuilds the alternative sets of one endpoint from its rows in a newer table
// (additional = true/false):
//
//   - each row with additional=false is an alternative on its own: {perm: level};
//   - all rows with additional=true together form one AND-set;
//   - when that set has a single permission other than metadata, metadata=read joins it (the
//     tables drop metadata when it is combined with others).
//
// The result is minimized (see AnyOf.minimize). notes lists anomalies worth a report line.
func SetsFromFlags(rows []Row) (a AnyOf, notes []string) {
	var together []Grant
	for _, r := range rows {
		if r.Additional == "true" {
			together = append(together, Grant{r.Perm, r.Level})
			continue
		}
		a = append(a, PermSet{{r.Perm, r.Level}})
	}
	if len(together) > 0 {
		s, conflict := newPermSet(together)
		if conflict {
			notes = append(notes, fmt.Sprintf("a permission needed together at two levels: %s", s))
		}
		if len(s) == 1 && s[0].Perm != "metadata" {
			s, _ = newPermSet(append(s, Grant{"metadata", "read"}))
		}
		a = append(a, s)
	}
	return a.minimize(), notes
}

// SetsFromLists rebuilds the alternative sets of one endpoint from its rows in the older table
// format, where additional lists the other permissions needed ("-" for none): each row gives the
// set of its own permission and the listed ones; a listed permission takes the level of its own
// row for the endpoint (read when it has none, which is reported in notes).
func SetsFromLists(rows []Row) (a AnyOf, notes []string) {
	level := map[string]string{}
	for _, r := range rows {
		if levelRank(r.Level) > levelRank(level[r.Perm]) {
			level[r.Perm] = r.Level
		}
	}
	for _, r := range rows {
		grants := []Grant{{r.Perm, r.Level}}
		if r.Additional != "-" && r.Additional != "" {
			for _, other := range strings.Split(r.Additional, ",") {
				l, ok := level[other]
				if !ok {
					l = "read"
					notes = append(notes, fmt.Sprintf("%s lists %s, which has no row of its own; read assumed", r.Perm, other))
				}
				grants = append(grants, Grant{other, l})
			}
		}
		s, _ := newPermSet(grants)
		a = append(a, s)
	}
	return a.minimize(), notes
}

// publicReadable are the repository permissions whose read level guards only what anyone can
// read on a public repository: its metadata, its contents (code, commits, releases), its issues
// and its pull requests. Other permissions (security_events, secrets, administration, ...)
// guard data that stays private even on a public repository.
var publicReadable = []string{"metadata", "contents", "issues", "pull_requests"}

// publicWithoutPermission decides PublicWithoutPermission for an accepted endpoint: true when
// the method only reads (GET or HEAD) and some alternative asks only for read access among
// publicReadable, because a fine-grained token can always read public repositories and always
// holds metadata=read. Everything else is false (fail closed).
func publicWithoutPermission(method string, a AnyOf) bool {
	if method != "GET" && method != "HEAD" {
		return false
	}
	for _, s := range a {
		ok := len(s) > 0
		for _, g := range s {
			if g.Level != "read" || !slices.Contains(publicReadable, g.Perm) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}
