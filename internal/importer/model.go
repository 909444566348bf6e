package importer

import (
	"fmt"
	"slices"
	"strings"
)

// Requirement is what an endpoint asks of a token in one version.
type Requirement struct {
	GitHubApps  *bool
	FineGrained FineGrained
	Classic     Classic
}

func (r Requirement) key() string {
	apps := "-"
	if r.GitHubApps != nil {
		apps = fmt.Sprint(*r.GitHubApps)
	}
	return apps + "|" + r.FineGrained.key() + "|" + r.Classic.key()
}

// Variant is a requirement shared by a set of versions.
type Variant struct {
	Set VSet
	Req Requirement
}

// Endpoint is one REST operation across all imported versions.
type Endpoint struct {
	Operation, Method, Path, Summary, Docs string
	Category, Subcategory                  string
	Set                                    VSet // versions the endpoint exists in
	CloudOnly                              bool
	Deprecated, Removal                    string
	Variants                               []Variant // disjoint; together they cover Set
}

// versionOp is an operation as found in one version, with its requirement there.
type versionOp struct {
	Version Version
	Op      Operation
	Req     Requirement
}

// preference orders versions for fields an endpoint has once (summary, docs, subcategory):
// dotcom first, then ghec, then the newest ghes release.
func preference(a, b Version) int {
	if a.Product == "ghes" && b.Product == "ghes" {
		return compareVersions(b, a)
	}
	return compareVersions(a, b)
}

// buildEndpoint merges one operation's per-version data into an Endpoint. Versions with equal
// requirements share a variant; variants are ordered by their first version. Disagreements
// between versions on endpoint-level fields are returned as report lines:
//
//   - cloud_only is true only when every version says githubCloudOnly;
//   - deprecated and removal are taken from the preferred version that gives them; a removal
//     date before the deprecation date is dropped.
func buildEndpoint(u *Universe, vops []versionOp) (Endpoint, []string) {
	vops = slices.Clone(vops)
	slices.SortFunc(vops, func(a, b versionOp) int { return preference(a.Version, b.Version) })
	first := vops[0].Op
	e := Endpoint{
		Operation: first.ID, Method: first.Method, Path: first.Path, Summary: first.Summary,
		Docs: first.Docs, Category: first.Category, Subcategory: first.Subcategory, CloudOnly: true,
	}
	var notes []string
	cloud := map[bool][]string{}
	dates := map[string][]string{}
	for _, vo := range vops {
		e.Set |= u.Set(vo.Version)
		if e.Subcategory == "" {
			e.Subcategory = vo.Op.Subcategory
		}
		e.CloudOnly = e.CloudOnly && vo.Op.CloudOnly
		cloud[vo.Op.CloudOnly] = append(cloud[vo.Op.CloudOnly], vo.Version.String())
		d := vo.Op.Deprecation + " / " + vo.Op.Removal
		dates[d] = append(dates[d], vo.Version.String())
		if e.Deprecated == "" && vo.Op.Deprecation != "" {
			e.Deprecated, e.Removal = vo.Op.Deprecation, vo.Op.Removal
		}
	}
	if len(cloud) > 1 {
		notes = append(notes, fmt.Sprintf("githubCloudOnly is true in %s, false in %s: cloud_only left false",
			strings.Join(cloud[true], ", "), strings.Join(cloud[false], ", ")))
	}
	if len(dates) > 1 {
		var parts []string
		for d, vs := range dates {
			parts = append(parts, fmt.Sprintf("%q in %s", strings.Trim(d, " /"), strings.Join(vs, ", ")))
		}
		slices.Sort(parts)
		notes = append(notes, "deprecation / removal dates differ: "+strings.Join(parts, "; ")+fmt.Sprintf(": kept %q / %q", e.Deprecated, e.Removal))
	}
	if e.Removal != "" && e.Removal <= e.Deprecated {
		notes = append(notes, fmt.Sprintf("removal %s is not after deprecation %s: removal dropped", e.Removal, e.Deprecated))
		e.Removal = ""
	}
	if e.Removal != "" && e.Deprecated == "" {
		notes = append(notes, fmt.Sprintf("removal %s without a deprecation date: removal dropped", e.Removal))
		e.Removal = ""
	}
	// Variants, in universe order of their first version.
	slices.SortFunc(vops, func(a, b versionOp) int { return compareVersions(a.Version, b.Version) })
	index := map[string]int{}
	for _, vo := range vops {
		k := vo.Req.key()
		i, ok := index[k]
		if !ok {
			i = len(e.Variants)
			index[k] = i
			e.Variants = append(e.Variants, Variant{Req: vo.Req})
		}
		e.Variants[i].Set |= u.Set(vo.Version)
	}
	return e, notes
}
