package access

import "fmt"

// Level is a fine-grained access level. Levels are ordered: a higher level
// satisfies every requirement for a lower one.
type Level uint8

const (
	None  Level = iota // no access
	Read               // "read"
	Write              // "write"
	Admin              // "admin"
)

var levelNames = [...]string{None: "none", Read: "read", Write: "write", Admin: "admin"}

// String returns "none", "read", "write" or "admin", as in X-Accepted-GitHub-Permissions.
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// ParseLevel parses "none", "read", "write" or "admin".
func ParseLevel(s string) (Level, error) {
	for l, name := range levelNames {
		if s == name {
			return Level(l), nil
		}
	}
	return None, fmt.Errorf("access: unknown level %q (want none, read, write or admin)", s)
}
