package access

import (
	"fmt"
	"slices"
	"strings"
)

// TokenKind tells which access model a Grants value follows.
type TokenKind uint8

const (
	NoToken          TokenKind = iota // the zero Grants: denies everything
	ClassicToken                      // classic PAT or OAuth app token: scopes
	FineGrainedToken                  // fine-grained PAT: permissions at levels
)

func (k TokenKind) String() string {
	switch k {
	case ClassicToken:
		return "classic"
	case FineGrainedToken:
		return "fine-grained"
	}
	return "none"
}

// Grants is what one token holds, resolved against one Table. Build it with
// Table.ClassicGrants or Table.FineGrainedGrants, once per token; Check then
// needs no allocation. The zero Grants holds nothing and is always denied.
type Grants struct {
	*grants // nil: no token
}

type grants struct {
	t      *Table
	kind   TokenKind
	scopes bitset  // classic: every scope held, after DAG expansion
	levels []Level // fine-grained: level held, by permission index
	str    string
}

// Table returns the table the grants were resolved against (nil for the
// zero Grants).
func (g Grants) Table() *Table {
	if g.grants == nil {
		return nil
	}
	return g.t
}

// Kind returns the token kind.
func (g Grants) Kind() TokenKind {
	if g.grants == nil {
		return NoToken
	}
	return g.kind
}

// String returns the token's normalised scopes in X-OAuth-Scopes form
// ("gist, user") or its permissions as "perm=level" joined by "," in
// permission name order (metadata=read included).
func (g Grants) String() string {
	if g.grants == nil {
		return ""
	}
	return g.str
}

// HasScope reports whether a classic token holds scope, directly or through
// a scope that implies it.
func (g Grants) HasScope(scope string) bool {
	if g.Kind() != ClassicToken {
		return false
	}
	i, ok := g.t.index().scopeIdx[scope]
	return ok && g.scopes.has(i)
}

// Level returns the level at which a fine-grained token holds perm.
func (g Grants) Level(perm string) Level {
	if g.Kind() != FineGrainedToken {
		return None
	}
	i, ok := g.t.index().permIdx[perm]
	if !ok {
		return None
	}
	return g.levels[i]
}

// ClassicGrants resolves a classic token's scopes, expanding them over the
// scope DAG. An unknown scope is an error. No scopes at all is valid: such a
// token (or an anonymous request) can call what needs no scope.
func (t *Table) ClassicGrants(scopes ...string) (Grants, error) {
	ix := t.index()
	b := make(bitset, ix.words)
	for _, s := range scopes {
		i, ok := ix.scopeIdx[s]
		if !ok {
			return Grants{}, fmt.Errorf("access: %s: unknown scope %q", t.Version, s)
		}
		b.or(ix.implied[i])
	}
	norm, _ := NormalizeScopes(t, scopes)
	return Grants{&grants{t: t, kind: ClassicToken, scopes: b, str: strings.Join(norm, ", ")}}, nil
}

// FineGrainedGrants resolves a fine-grained token's permissions. An unknown
// permission, or a level the permission does not offer, is an error; None
// means not granted. The token always holds metadata at Read at least.
func (t *Table) FineGrainedGrants(perms map[string]Level) (Grants, error) {
	ix := t.index()
	levels := make([]Level, len(t.Permissions))
	for name, l := range perms {
		i, ok := ix.permIdx[name]
		if !ok {
			return Grants{}, fmt.Errorf("access: %s: unknown permission %q", t.Version, name)
		}
		if l == None {
			continue
		}
		if l > Admin || ix.offered[i]&(1<<l) == 0 {
			return Grants{}, fmt.Errorf("access: %s: permission %q does not offer level %s", t.Version, name, l)
		}
		levels[i] = l
	}
	if ix.metadata >= 0 {
		levels[ix.metadata] = max(levels[ix.metadata], Read)
	}
	var parts []string
	for i, l := range levels {
		if l > None {
			parts = append(parts, Grant{t.Permissions[i].Name, l}.String())
		}
	}
	slices.Sort(parts)
	return Grants{&grants{t: t, kind: FineGrainedToken, levels: levels, str: strings.Join(parts, ",")}}, nil
}

// NormalizeScopes returns scopes without duplicates and without the scopes
// another listed scope implies, sorted: user, gist, user:email → gist, user.
// An unknown scope is an error. Scopes that imply each other (a cycle in bad
// data) keep the first in sort order.
func NormalizeScopes(t *Table, scopes []string) ([]string, error) {
	ix := t.index()
	idx := make([]int, 0, len(scopes))
	for _, s := range scopes {
		i, ok := ix.scopeIdx[s]
		if !ok {
			return nil, fmt.Errorf("access: %s: unknown scope %q", t.Version, s)
		}
		idx = append(idx, i)
	}
	return ix.normalize(t, idx), nil
}

// normalize keeps the scopes of idx that no other scope of idx implies.
func (ix *index) normalize(t *Table, idx []int) []string {
	names := make([]string, 0, len(idx))
	for _, i := range idx {
		names = append(names, t.Scopes[i].Name)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	out := names[:0:0]
	for a, na := range names {
		i := ix.scopeIdx[na]
		implied := false
		for b, nb := range names {
			j := ix.scopeIdx[nb]
			if a != b && ix.implied[j].has(i) && (!ix.implied[i].has(j) || b < a) {
				implied = true
				break
			}
		}
		if !implied {
			out = append(out, na)
		}
	}
	return out
}
