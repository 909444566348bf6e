package reference

import (
	"strconv"
	"strings"

	"github.com/scoperef/scoperef/internal/model"
)

// versionNote describes a version set for a reader: "" when it holds every version, else
// "Available only in GitHub Enterprise Server 3.17 and later" and the like, product by product.
func (c *ctx) versionNote(set model.VersionSet) string {
	if set&c.m.All() == c.m.All() {
		return ""
	}
	k := msgKey{lang: c.lang, id: "\x00versionNote", arg: strconv.FormatUint(uint64(set), 16), count: -1}
	if s, ok := c.g.cache.msgs.Load(k); ok {
		return s.(string)
	}
	s := c.computeVersionNote(set)
	c.g.cache.msgs.Store(k, s)
	return s
}

func (c *ctx) computeVersionNote(set model.VersionSet) string {
	var parts []string
	for _, p := range c.m.Products {
		var all, in []*model.Version
		for i, v := range c.m.Versions {
			if v.Product == p {
				all = append(all, v)
				if set.Has(i) {
					in = append(in, v)
				}
			}
		}
		switch {
		case len(in) == 0:
		case len(in) == len(all):
			parts = append(parts, c.productName(p).S)
		case all[len(all)-1] == in[len(in)-1] && isSuffix(all, in):
			parts = append(parts, c.T("reference.versions.since", "Product", c.productName(p).S, "Release", in[0].Release.String()))
		default:
			names := make([]string, len(in))
			for i, v := range in {
				names[i] = c.versionName(v).S
			}
			parts = append(parts, strings.Join(names, c.T("reference.list_separator")))
		}
	}
	return c.T("reference.versions.only", "Versions", strings.Join(parts, c.T("reference.list_separator")))
}

// isSuffix reports whether in is the tail of all (in product release order).
func isSuffix(all, in []*model.Version) bool {
	tail := all[len(all)-len(in):]
	for i := range tail {
		if tail[i] != in[i] {
			return false
		}
	}
	return true
}

// computeSince returns the first release of the version's product from which e exists without a gap up
// to the version, or nil when e exists in every release up to it (or the product has no releases).
func (c *ctx) computeSince(e *model.Endpoint) *model.Version {
	if c.v.Release.IsZero() {
		return nil
	}
	var first *model.Version
	for i, v := range c.m.Versions {
		if v.Product != c.v.Product {
			continue
		}
		if !e.Versions.Has(i) {
			first = nil
		} else if first == nil {
			first = v
		}
		if i == c.vi {
			break
		}
	}
	if first == nil || first == c.firstRelease() {
		return nil
	}
	return first
}

func (c *ctx) firstRelease() *model.Version {
	for _, v := range c.m.Versions {
		if v.Product == c.v.Product {
			return v
		}
	}
	return nil
}

// joinText joins non-empty strings with a space, for search records.
func joinText(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
