package content

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
)

// With a ParseCache, Load also remembers each check render of a page (renderMemo), and the next
// Load takes it instead of rendering again when nothing the render read has changed. A render
// reads:
//
//   - the page's file in the text's language and its English file (text, front matter, stale
//     flag), and for a translation the English heading ids of the version;
//   - the reusables it includes, by name, in the language it looked them up in (their English
//     file and their translation, or its absence), and the variables and version conditions of
//     the model;
//   - the rest of the site, through links: which pages exist, in which versions, their titles in
//     every language, the old paths that redirect, and the callout labels.
//
// The memo's key holds the first and the last (the version, whose pointer changes with the
// model; the files' bytes; linkEnv); the reusables are listed in the memo and compared when it
// is found. The render's diagnostics are kept with it and reported again.

type renderMemoKey struct {
	v       *model.Version
	lang    string
	doc, en string // the files' bytes
	enIDs   string
	linkEnv string
}

type renderMemo struct {
	r         *Rendered
	ids       []string
	err       error
	diags     diag.List
	reusables []reusableState
	gen       uint32
}

// reusableState is what a render read of one reusable.
type reusableState struct {
	name, lang string // lang is "en", or the language whose translation was looked for
	en, trans  string // the files' bytes; trans is "" when there is no translation
	hasTrans   bool
}

// usedReusable names a reusable an expansion included and the language it looked it up in.
type usedReusable struct{ name, lang string }

// linkEnv describes what a render reads of the rest of the site, for renderMemoKey: every page's
// path, versions and title in each language, the redirects, the reusables' names, and the
// callout labels. It is the same for every render of one Load.
func (s *Site) linkEnv() string {
	var b strings.Builder
	for _, lang := range s.langs {
		b.WriteString(lang)
		b.WriteByte(0)
	}
	for _, p := range s.pages {
		b.WriteString(p.path)
		b.WriteByte(0)
		for _, v := range s.m.Versions {
			if p.In(v) {
				b.WriteString(strconv.Itoa(v.Index))
				b.WriteByte(',')
			}
		}
		for _, lang := range s.langs {
			t, fell := s.title(p, lang)
			b.WriteString(t)
			if fell {
				b.WriteByte(1)
			}
			b.WriteByte(0)
		}
		b.WriteByte('\n')
	}
	for _, old := range slices.Sorted(maps.Keys(s.redirects)) {
		b.WriteString(old + "\x00" + s.redirects[old].path + "\n")
	}
	// A page that names a reusable that does not exist is not rendered: which reusables exist
	// matters too.
	for _, name := range s.reusableNames() {
		b.WriteString(name + "\n")
	}
	for _, lang := range s.langs {
		for _, kind := range []string{"note", "tip", "important", "warning", "caution"} {
			b.WriteString(s.label(lang, kind))
			b.WriteByte(0)
		}
	}
	return b.String()
}

// memoKey returns the key of the render of p in v and lang.
func (s *Site) memoKey(p *Page, v *model.Version, lang string) renderMemoKey {
	d := p.en
	if t := p.trans[lang]; t != nil {
		d = t
	}
	k := renderMemoKey{v: v, lang: lang, doc: d.file.name + "\x00" + string(d.file.data),
		en: p.en.file.name + "\x00" + string(p.en.file.data), linkEnv: s.env}
	if d != p.en {
		k.enIDs = strings.Join(p.enIDs[v.Index], "\x00")
	}
	return k
}

// reusableStates records what the reusables named in used are now.
func (s *Site) reusableStates(used []usedReusable) []reusableState {
	out := make([]reusableState, 0, len(used))
	for _, u := range used {
		st := reusableState{name: u.name, lang: u.lang}
		if r := s.reusables[u.name]; r != nil {
			st.en = string(r.en.file.data)
			if t := r.trans[u.lang]; u.lang != "en" && t != nil {
				st.trans, st.hasTrans = string(t.file.data), true
			}
		} else {
			st.en = "\x00missing"
		}
		out = append(out, st)
	}
	return out
}

// holds reports whether the reusables a memo's render read are unchanged.
func (s *Site) holds(m *renderMemo) bool {
	for _, st := range m.reusables {
		r := s.reusables[st.name]
		if r == nil || string(r.en.file.data) != st.en {
			return false
		}
		t := r.trans[st.lang]
		if st.lang != "en" && (t != nil) != st.hasTrans || t != nil && st.hasTrans && string(t.file.data) != st.trans {
			return false
		}
	}
	return true
}

// memo returns the remembered render for key when it still holds.
func (ps *parseSet) memo(s *Site, key renderMemoKey) *renderMemo {
	if ps == nil || ps.renders == nil {
		return nil
	}
	m := ps.renders[key]
	if m == nil || !s.holds(m) {
		return nil
	}
	m.gen = ps.gen
	return m
}

func (ps *parseSet) remember(key renderMemoKey, m *renderMemo) {
	if ps == nil {
		return
	}
	if ps.renders == nil {
		ps.renders = map[renderMemoKey]*renderMemo{}
	}
	m.gen = ps.gen
	ps.renders[key] = m
}
