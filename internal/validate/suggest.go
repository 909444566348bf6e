package validate

import (
	"fmt"
	"strings"

	"github.com/scoperef/scoperef/internal/textdist"
)

// didYouMean returns ` (did you mean "x"?)` for the closest candidate within a small edit
// distance of name, or "".
func didYouMean(name string, candidates []string) string {
	best, bestDist := "", -1
	limit := max(1, min(3, len(name)/3))
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := textdist.Distance(name, c)
		if strings.EqualFold(name, c) {
			d = 0 // "delete" for "DELETE" is the nearest miss of all
		}
		if d <= limit && (bestDist < 0 || d < bestDist || (d == bestDist && c < best)) {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
