package vrange

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Release is a MAJOR.MINOR release number, such as 3.19. The zero Release means "no release".
type Release struct{ Major, Minor int }

// maxDigits bounds each part of a release so that it always fits an int.
const maxDigits = 9

// ParseRelease parses "MAJOR.MINOR": two runs of ASCII digits separated by a dot, without
// leading zeros (except "0" itself) and at most 9 digits each.
func ParseRelease(s string) (Release, error) {
	major, minor, ok := strings.Cut(s, ".")
	if !ok || !isDigits(major) || !isDigits(minor) {
		return Release{}, fmt.Errorf("invalid release %q: want MAJOR.MINOR, like 3.10", s)
	}
	for _, part := range []string{major, minor} {
		if len(part) > 1 && part[0] == '0' {
			return Release{}, fmt.Errorf("invalid release %q: %q has a leading zero", s, part)
		}
		if len(part) > maxDigits {
			return Release{}, fmt.Errorf("invalid release %q: %q is too large", s, part)
		}
	}
	// Both parts are 1..9 digits, so Atoi cannot fail.
	a, _ := strconv.Atoi(major)
	b, _ := strconv.Atoi(minor)
	return Release{Major: a, Minor: b}, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String returns "MAJOR.MINOR".
func (r Release) String() string {
	return strconv.Itoa(r.Major) + "." + strconv.Itoa(r.Minor)
}

// IsZero reports whether r is the zero Release (no release).
func (r Release) IsZero() bool { return r == Release{} }

// Compare returns -1, 0 or +1 as r is lower than, equal to or higher than o, comparing Major and
// then Minor numerically (3.9 < 3.10).
func (r Release) Compare(o Release) int {
	return cmp.Or(cmp.Compare(r.Major, o.Major), cmp.Compare(r.Minor, o.Minor))
}

// Version is one product version: a product, at a release when the product has releases.
type Version struct {
	Product string  // "dotcom", "ghec", "ghes"
	Release Release // zero for products without releases (dotcom, ghec)
}

// String returns the version's name: "dotcom", "ghec", "ghes-3.19".
func (v Version) String() string {
	if v.Release.IsZero() {
		return v.Product
	}
	return v.Product + "-" + v.Release.String()
}

// The URL segments that ParseVersion accepts besides version names.
const (
	segmentDotcom = "free-pro-team@latest"
	segmentGHEC   = "enterprise-cloud@latest"
	prefixGHES    = "enterprise-server@"
)

var errNoVersion = errors.New(`want dotcom, ghec, ghes-X.Y or a URL segment ` +
	`(free-pro-team@latest, enterprise-cloud@latest, enterprise-server@X.Y)`)

// ParseVersion parses a version name ("dotcom", "ghec", "ghes-3.19") or a URL segment
// ("free-pro-team@latest", "enterprise-cloud@latest", "enterprise-server@3.19"). The input must be
// exact: no surrounding space, lowercase.
func ParseVersion(s string) (Version, error) {
	switch s {
	case "dotcom", segmentDotcom:
		return Version{Product: "dotcom"}, nil
	case "ghec", segmentGHEC:
		return Version{Product: "ghec"}, nil
	case "ghes":
		return Version{}, fmt.Errorf(`version "ghes" needs a release, like ghes-3.19`)
	case prefixGHES + "latest":
		return Version{}, fmt.Errorf("version %q: name a release, like %s3.19", s, prefixGHES)
	}
	rest, ok := strings.CutPrefix(s, "ghes-")
	if !ok {
		rest, ok = strings.CutPrefix(s, prefixGHES)
	}
	if !ok {
		return Version{}, fmt.Errorf("unknown version %q: %w", s, errNoVersion)
	}
	r, err := ParseRelease(rest)
	if err != nil {
		return Version{}, fmt.Errorf("version %q: %w", s, err)
	}
	return Version{Product: "ghes", Release: r}, nil
}
