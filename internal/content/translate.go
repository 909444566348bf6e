package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/markdown"
	"github.com/scoperef/scoperef/internal/vrange"
)

// checkTranslation compares a translation with its English source en: freshness (source_hash,
// whose verdict checkTranslations has already put in t.stale), version conditions, {% data %}
// references, and in every version the internal links and the callouts of the file's own text.
// c caches the outlines of the files the caller compares.
func (s *Site) checkTranslation(en, t *doc, c *outlineCache, diags *diag.List) {
	if t.unread {
		return
	}
	want := SourceHash(en.file.data)
	switch t.fm.sourceHash {
	case "":
		diags.Errorf(diag.Pos{File: t.file.name, Line: 1, Col: 1}, "source_hash",
			"front matter lacks source_hash: once the translation matches %s, set source_hash: %s", en.file.name, want)
	case want:
	default:
		if !hashPattern.MatchString(t.fm.sourceHash) {
			break // reported as malformed
		}
		diags.Warnf(t.fm.hashPos, "source_hash", "stale translation: %s changed since it was translated (source_hash %s, now %s)",
			en.file.name, t.fm.sourceHash, want)
	}
	if !t.ok || !en.ok {
		return
	}
	compareRefs(en, t, diags)
	if !compareConditions(en, t, diags) {
		return // links and callouts would differ in every version the conditions differ
	}
	var page *Page
	if t.kind == kindPageTranslation {
		page = s.byPath[mustPagePath(en)]
	}
	for _, v := range s.m.Versions {
		if page != nil && !page.In(v) {
			continue
		}
		var quiet diag.List // the renders report these files' own problems
		a := s.outline(c, en, s.expand(en, v, "en", true, &quiet))
		b := s.outline(c, t, s.expand(t, v, t.lang, true, &quiet))
		compareOutlines(en, t, a, b, diags)
	}
}

func mustPagePath(en *doc) string {
	p, _ := pagePath(strings.TrimPrefix(en.file.name, pagesDir+"/"))
	return p
}

// condItem is one condition tag, for comparing the shape of two files' conditions.
type condItem struct {
	kind tagKind
	cond string // canonical range; "" for else and endif
	off  int
}

func (c condItem) String() string {
	if c.cond != "" {
		return fmt.Sprintf("{%% %s %s %%}", c.kind, c.cond)
	}
	return fmt.Sprintf("{%% %s %%}", c.kind)
}

func conditions(nodes []tnode) []condItem {
	var out []condItem
	for _, n := range nodes {
		x, ok := n.(*ifNode)
		if !ok {
			continue
		}
		for _, b := range x.branches {
			item := condItem{kind: b.kind, off: b.tagOff}
			if b.cond != nil {
				item.cond = vrange.String(b.cond)
			}
			out = append(out, item)
			out = append(out, conditions(b.body)...)
		}
		out = append(out, condItem{kind: tagEndif, off: x.endOff})
	}
	return out
}

// compareConditions reports the first place where the translation's conditions differ from the
// source's (later differences would only repeat it), and whether they are the same.
func compareConditions(en, t *doc, diags *diag.List) bool {
	a, b := conditions(en.nodes), conditions(t.nodes)
	for i := 0; i < max(len(a), len(b)); i++ {
		switch {
		case i >= len(b):
			diags.Errorf(t.file.start(), "", "version conditions differ from the English source: %s at %s is missing",
				a[i], en.file.pos(a[i].off))
		case i >= len(a):
			diags.Errorf(t.file.pos(b[i].off), "", "version conditions differ from the English source: %s is not in it", b[i])
		case a[i].kind != b[i].kind || a[i].cond != b[i].cond:
			diags.Errorf(t.file.pos(b[i].off), "", "version conditions differ from the English source: found %s where it has %s (%s)",
				b[i], a[i], en.file.pos(a[i].off))
		default:
			continue
		}
		return false
	}
	return true
}

// compareRefs reports {% data %} references the translation lacks or adds (order may differ:
// word order does).
func compareRefs(en, t *doc, diags *diag.List) {
	count := map[string]int{}
	first := map[string]int{}
	walkTags(en.nodes, func(n tnode) {
		if d, ok := n.(*dataNode); ok {
			if count[d.ref] == 0 {
				first[d.ref] = d.tagOff
			}
			count[d.ref]++
		}
	})
	walkTags(t.nodes, func(n tnode) {
		if d, ok := n.(*dataNode); ok {
			if count[d.ref] == 0 {
				diags.Errorf(t.file.pos(d.tagOff), "", "{%% data %s %%} is not in the English source, or not that many times", d.ref)
				return
			}
			count[d.ref]--
		}
	})
	refs := make([]string, 0, len(count))
	for r, n := range count {
		if n > 0 {
			refs = append(refs, r)
		}
	}
	slices.Sort(refs)
	for _, r := range refs {
		diags.Errorf(t.file.start(), "", "{%% data %s %%} of the English source (%s) is missing %d time(s)", r, en.file.pos(first[r]), count[r])
	}
}

// outline is what must match between a file and its translation in one version.
type outline struct {
	links    []string // internal link targets, "/path#anchor" or "#anchor", first occurrence
	linkPos  map[string]diag.Pos
	callouts []string
	calloutP []diag.Pos
}

// outlineCache keeps outlines per file and text (versions often give a file the same text),
// and the parsed texts in parses when not nil (a page's, shared with its renders: outlines
// only read the trees).
type outlineCache struct {
	outlines map[*doc]map[string]outline
	parses   parses
}

// outline parses one file's expanded text and lists its internal links and callouts.
func (s *Site) outline(c *outlineCache, d *doc, e *expander) outline {
	byText := c.outlines[d]
	if byText == nil {
		byText = map[string]outline{}
		c.outlines[d] = byText
	}
	if o, ok := byText[string(e.buf)]; ok {
		return o
	}
	o := s.parseOutline(c.parses, d, e)
	byText[string(e.buf)] = o
	return o
}

func (s *Site) parseOutline(ps parses, d *doc, e *expander) outline {
	md := ps.parse(s.md, e.buf, markdown.ParseOptions{CJK: d.lang == "ja"})
	o := outline{linkPos: map[string]diag.Pos{}}
	for _, l := range md.Links {
		t, err := classify(l.Dest)
		if err != nil || t.kind == linkExternal {
			continue
		}
		key := "#" + t.anchor
		if t.kind == linkPage {
			key = "/" + t.path
			if t.anchor != "" {
				key += "#" + t.anchor
			}
		}
		if _, seen := o.linkPos[key]; !seen {
			o.links = append(o.links, key)
			o.linkPos[key] = e.m.pos(l.Offset)
		}
	}
	for _, c := range md.Callouts {
		o.callouts = append(o.callouts, c.Kind)
		o.calloutP = append(o.calloutP, e.m.pos(c.Offset))
	}
	return o
}

func compareOutlines(en, t *doc, a, b outline, diags *diag.List) {
	for _, l := range b.links {
		if _, ok := a.linkPos[l]; !ok {
			diags.Errorf(b.linkPos[l], "", "link to %s is not in the English source", l)
		}
	}
	for _, l := range a.links {
		if _, ok := b.linkPos[l]; !ok {
			diags.Errorf(t.file.start(), "", "the link to %s of the English source (%s) is missing", l, a.linkPos[l])
		}
	}
	for i := 0; i < max(len(a.callouts), len(b.callouts)); i++ {
		switch {
		case i >= len(b.callouts):
			diags.Errorf(t.file.start(), "", "the [!%s] callout of the English source (%s) is missing",
				strings.ToUpper(a.callouts[i]), a.calloutP[i])
		case i >= len(a.callouts):
			diags.Errorf(b.calloutP[i], "", "callout [!%s] is not in the English source", strings.ToUpper(b.callouts[i]))
		case a.callouts[i] != b.callouts[i]:
			diags.Errorf(b.calloutP[i], "", "callout [!%s] where the English source has [!%s] (%s)",
				strings.ToUpper(b.callouts[i]), strings.ToUpper(a.callouts[i]), a.calloutP[i])
		default:
			continue
		}
		return
	}
}
