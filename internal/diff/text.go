package diff

import (
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/model"
)

// FineGrainedText renders a fine-grained requirement in the canonical English form used by the
// diff, the CLI and the CSV download: AND-sets joined by " and ", alternatives by "; or ", sorted
// so that equal requirements always print the same. "not accepted" when fine-grained tokens cannot
// call the endpoint; " (public resources: no permission)" is appended when public resources need
// none.
func FineGrainedText(fg model.FineGrained) string {
	if !fg.Accepted {
		return "not accepted"
	}
	alts := make([]string, 0, len(fg.AnyOf))
	for _, set := range fg.AnyOf {
		alts = append(alts, GrantsText(set))
	}
	s := joinAlternatives(alts)
	if fg.PublicWithoutPermission {
		s += " (public resources: no permission)"
	}
	return s
}

// GrantsText renders one AND-set: "issues: write and metadata: read" (members sorted by id).
func GrantsText(set model.PermissionSet) string {
	parts := make([]string, 0, len(set))
	for _, g := range set {
		parts = append(parts, g.Permission.ID+": "+g.Level.String())
	}
	slices.Sort(parts)
	return strings.Join(parts, " and ")
}

// ScopesText renders classic scope alternatives: "repo; or public_repo and gist". An empty list,
// or an alternative with no scope, reads "no scope".
func ScopesText(sets [][]*model.Scope) string {
	if len(sets) == 0 {
		return "no scope"
	}
	alts := make([]string, 0, len(sets))
	for _, set := range sets {
		if len(set) == 0 {
			alts = append(alts, "no scope")
			continue
		}
		ids := make([]string, len(set))
		for i, s := range set {
			ids[i] = s.ID
		}
		slices.Sort(ids)
		alts = append(alts, strings.Join(ids, " and "))
	}
	return joinAlternatives(alts)
}

// ClassicText renders a classic requirement for private or public resources.
func ClassicText(c model.Classic, public bool) string {
	if !c.Accepted {
		return "not accepted"
	}
	if public {
		return ScopesText(c.Public)
	}
	return ScopesText(c.Private)
}

func joinAlternatives(alts []string) string {
	alts = slices.Clone(alts)
	slices.Sort(alts)
	alts = slices.Compact(alts)
	return strings.Join(alts, "; or ")
}
