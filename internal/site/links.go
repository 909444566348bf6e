package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
)

// checkLinks reports every internal link whose page does not exist in the linking page's version,
// or whose anchor is not an id of the target page in that version and language. One diagnostic
// is reported per link position and problem, naming the versions and languages where it occurs.
func (b *builder) checkLinks() *diag.List {
	type problem struct {
		pos diag.Pos
		msg string
	}
	where := map[problem]*[2][]string{} // versions, languages
	var order []problem
	ids := map[*Page]map[string]bool{}
	for vi, v := range b.versions {
		for li, lang := range b.langs {
			for _, path := range b.paths {
				p := b.pages[vi][li][path]
				if p == nil {
					continue
				}
				for _, l := range p.Links {
					target := strings.Trim(l.Path, "/")
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
					pr := problem{l.Pos, msg}
					w := where[pr]
					if w == nil {
						w = new([2][]string)
						where[pr] = w
						order = append(order, pr)
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
	}
	var diags diag.List
	for _, pr := range order {
		w := where[pr]
		in := "in " + strings.Join(w[0], ", ")
		if len(w[1]) < len(b.langs) {
			in += " (" + strings.Join(w[1], ", ") + ")"
		}
		if len(w[0]) == len(b.versions) {
			in = "in every version"
			if len(w[1]) < len(b.langs) {
				in += " (" + strings.Join(w[1], ", ") + ")"
			}
		}
		diags.Errorf(pr.pos, "", "%s %s", pr.msg, in)
	}
	return &diags
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
