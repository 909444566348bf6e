package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
)

// linkProblem is a broken link: its position and what is wrong.
type linkProblem struct {
	pos diag.Pos
	msg string
}

// linkProblems gathers broken links over the languages, with the versions and languages where
// each occurs.
type linkProblems struct {
	where  map[linkProblem]*[2][]string // versions, languages
	order  []linkProblem
	failed bool
}

// checkLinks records every internal link of language li whose page does not exist in the
// linking page's version, or whose anchor is not an id of the target page in that version and
// language.
//
// With a Cache, a page whose links were all good in the previous build is not checked again when
// its links and what they point to are the same (linkMemo).
func (b *builder) checkLinks(li int, lp *linkProblems) {
	lang := b.langs[li]
	// Versions are checked in parallel; their problems are recorded in version order.
	found := make([][]linkProblem, len(b.versions))
	parallel(b.opts.Workers, len(b.versions), func(vi int) error {
		found[vi] = b.checkVersionLinks(vi, li)
		return nil
	})
	for vi, v := range b.versions {
		for _, pr := range found[vi] {
			lp.failed = true
			w := lp.where[pr]
			if w == nil {
				w = new([2][]string)
				lp.where[pr] = w
				lp.order = append(lp.order, pr)
			}
			if !slices.Contains(w[0], v.Name()) {
				w[0] = append(w[0], v.Name())
			}
			if !slices.Contains(w[1], lang) {
				w[1] = append(w[1], lang)
			}
		}
	}
}

// checkVersionLinks returns the broken links of version vi in language li, in page order.
func (b *builder) checkVersionLinks(vi, li int) []linkProblem {
	var problems []linkProblem
	ids := map[*Page]map[string]bool{}
	v, lang := b.versions[vi], b.langs[li]
	for _, path := range b.paths {
		p := b.pages[vi][li][path]
		if p == nil || len(p.Links) == 0 {
			continue
		}
		memo := b.opts.Cache.linkMemo(v, lang, path)
		if memo != nil && memo.holds(b, vi, li, p) {
			continue
		}
		var deps []linkDep
		seen := map[string]bool{}
		good := true
		for _, l := range p.Links {
			target := strings.Trim(l.Path, "/")
			if !seen[target] {
				seen[target] = true
				deps = append(deps, b.linkDep(vi, li, target))
			}
			var msg string
			if _, isFile := b.files[vi][li][target]; isFile && l.Anchor == "" {
				continue
			} else if tp := b.pages[vi][li][target]; tp == nil {
				msg = fmt.Sprintf("link to %s: no such page", linkText(target, ""))
			} else if l.Anchor != "" && !b.hasID(ids, tp, l.Anchor) {
				msg = fmt.Sprintf("link to %s: no heading or element with id %q on that page", linkText(target, l.Anchor), l.Anchor)
			} else {
				continue
			}
			good = false
			problems = append(problems, linkProblem{l.Pos, msg})
		}
		if good {
			b.opts.Cache.storeLinkMemo(v, lang, path, &linkMemo{links: &p.Links[0], n: len(p.Links), deps: deps})
		}
	}
	return problems
}

// linkMemo records that a page's links were all good: the links (a slice that a cached page
// keeps from build to build) and, per target path, what the check read of it.
type linkMemo struct {
	links *Link
	n     int
	deps  []linkDep
	used  uint64
}

// linkDep is what checking links to one path reads: whether it is a generated file, whether it
// is a page, and the page's ids, named by the slices they come from (see idKey).
type linkDep struct {
	target     string
	file, page bool
	ids        idKey
}

func (b *builder) linkDep(vi, li int, target string) linkDep {
	_, file := b.files[vi][li][target]
	d := linkDep{target: target, file: file}
	if tp := b.pages[vi][li][target]; tp != nil {
		d.page, d.ids = true, pageIDKey(tp)
	}
	return d
}

// holds reports whether the memo is still true for page p: same links, same targets.
func (m *linkMemo) holds(b *builder, vi, li int, p *Page) bool {
	if m.links != &p.Links[0] || m.n != len(p.Links) {
		return false
	}
	for _, d := range m.deps {
		if b.linkDep(vi, li, d.target) != d {
			return false
		}
	}
	return true
}

// merge adds the problems of other, found later, to lp.
func (lp *linkProblems) merge(other *linkProblems) {
	for _, pr := range other.order {
		w := lp.where[pr]
		if w == nil {
			w = new([2][]string)
			lp.where[pr] = w
			lp.order = append(lp.order, pr)
		}
		for i, list := range other.where[pr] {
			for _, x := range list {
				if !slices.Contains(w[i], x) {
					w[i] = append(w[i], x)
				}
			}
		}
	}
	lp.failed = lp.failed || other.failed
}

// diags turns the problems into one diagnostic per link position and problem, naming the
// versions and languages where it occurs.
func (lp *linkProblems) diags(b *builder) *diag.List {
	var diags diag.List
	for _, pr := range lp.order {
		w := lp.where[pr]
		slices.SortFunc(w[0], func(x, y string) int { return b.versionOrder(x) - b.versionOrder(y) })
		in := "in " + strings.Join(w[0], ", ")
		if len(w[0]) == len(b.versions) {
			in = "in every version"
		}
		if len(w[1]) < len(b.langs) {
			in += " (" + strings.Join(w[1], ", ") + ")"
		}
		diags.Errorf(pr.pos, "", "%s %s", pr.msg, in)
	}
	return &diags
}

// versionOrder is a version name's index in the built versions.
func (b *builder) versionOrder(name string) int {
	for i, v := range b.versions {
		if v.Name() == name {
			return i
		}
	}
	return len(b.versions)
}

func linkText(path, anchor string) string {
	s := "/" + path
	if anchor != "" {
		s += "#" + anchor
	}
	return s
}

// hasID reports whether id is a heading id or another element id of p, keeping each page's set
// of ids in sets.
func (b *builder) hasID(sets map[*Page]map[string]bool, p *Page, id string) bool {
	set := sets[p]
	if set == nil {
		set = b.opts.Cache.idSet(p, func() map[string]bool {
			set := make(map[string]bool, len(p.Headings)+len(p.IDs))
			for _, h := range p.Headings {
				set[h.ID] = true
			}
			for _, x := range p.IDs {
				set[x] = true
			}
			return set
		})
		sets[p] = set
	}
	return set[id]
}
