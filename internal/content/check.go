package content

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/textdist"
	"github.com/scoperef/scoperef/internal/vrange"
	"github.com/scoperef/scoperef/internal/yamlio"
)

// check runs every check after the files are read. Its order matters: a later step relies on
// the ok flags the earlier ones set.
func (s *Site) check(diags *diag.List) {
	s.checkPages(diags)
	s.eachDoc(func(d *doc) { s.checkTags(d, diags) })
	s.checkCycles(diags)
	// The outlines of a page's files and its renders often parse the same text (a file
	// without reusables): both use the page's parses.
	pageParses := s.parseCache.forPages(s.pages)
	if s.parseCache != nil {
		s.env = s.linkEnv()
	}
	s.checkTranslations(pageParses, diags)
	s.checkRenders(pageParses, diags)
	for _, ps := range pageParses {
		ps.sweep()
	}
}

// eachDoc calls f for every file: pages, then reusables, English before translations.
func (s *Site) eachDoc(f func(*doc)) {
	for _, p := range s.pages {
		f(p.en)
		for _, lang := range s.langs[1:] {
			if t := p.trans[lang]; t != nil {
				f(t)
			}
		}
	}
	for _, name := range s.reusableNames() {
		r := s.reusables[name]
		f(r.en)
		for _, lang := range s.langs[1:] {
			if t := r.trans[lang]; t != nil {
				f(t)
			}
		}
	}
}

func (s *Site) reusableNames() []string {
	names := make([]string, 0, len(s.reusables))
	for n := range s.reusables {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// checkPages decodes each page's versions and redirects.
func (s *Site) checkPages(diags *diag.List) {
	for _, p := range s.pages {
		p.versions = s.m.All()
		if n := p.en.fm.versions; n != nil {
			set, ok := s.rangeSet(n, diags)
			if !ok {
				p.en.ok = false
			}
			p.versions = set
		}
	}
	for _, p := range s.pages {
		for _, n := range p.en.fm.redirects {
			old := strings.TrimPrefix(n.Value, "/")
			switch {
			case s.byPath[old] != nil:
				diags.Errorf(n.Pos, "redirect_from", "redirect_from %s is the path of %s", n.Value, s.byPath[old].File())
			case s.redirects[old] != nil:
				diags.Errorf(n.Pos, "redirect_from", "redirect_from %s is also a redirect of %s", n.Value, s.redirects[old].File())
			default:
				s.redirects[old] = p
				p.redirects = append(p.redirects, old)
			}
		}
	}
}

// rangeSet reads a front matter version range, reporting problems at their column.
func (s *Site) rangeSet(n *yamlio.Node, diags *diag.List) (model.VersionSet, bool) {
	at := func(e *vrange.Error) diag.Pos {
		pos := valuePos(n)
		if !strings.Contains(n.Value, "\n") {
			pos = pos.Offset(e.Col(n.Value) - 1)
		}
		return pos
	}
	x, err := vrange.Parse(n.Value)
	if err != nil {
		if e, ok := err.(*vrange.Error); ok {
			diags.Errorf(at(e), "versions", "in version range %q: %s", n.Value, e.Msg)
		} else {
			diags.Errorf(n.Pos, "versions", "in version range %q: %v", n.Value, err)
		}
		return 0, false
	}
	if errs := s.m.Env.Check(x); len(errs) > 0 {
		for _, e := range errs {
			diags.Errorf(at(e), "versions", "in version range %q: %s", n.Value, e.Msg)
		}
		return 0, false
	}
	set := s.versionSet(x)
	if set == 0 {
		diags.Errorf(valuePos(n), "versions", "version range %q matches no version", n.Value)
		return 0, false
	}
	return set, true
}

func (s *Site) versionSet(x vrange.Expr) model.VersionSet {
	var set model.VersionSet
	for _, v := range s.m.Versions {
		if s.m.Env.Match(x, v.Version) {
			set = set.With(v.Index)
		}
	}
	return set
}

// walkTags calls f for every node of the tree, in every branch.
func walkTags(nodes []tnode, f func(tnode)) {
	for _, n := range nodes {
		f(n)
		if x, ok := n.(*ifNode); ok {
			for _, b := range x.branches {
				walkTags(b.body, f)
			}
		}
	}
}

// checkTags checks conditions against the model and references against the reusables and
// variables.
func (s *Site) checkTags(d *doc, diags *diag.List) {
	walkTags(d.nodes, func(n tnode) {
		switch n := n.(type) {
		case *ifNode:
			for _, b := range n.branches {
				if b.cond == nil {
					continue
				}
				errs := s.m.Env.Check(b.cond)
				for _, e := range errs {
					diags.Errorf(d.file.pos(b.condOff+e.Offset), "", "in version range %q: %s", b.condSrc, e.Msg)
					d.ok = false
				}
				if len(errs) == 0 && s.versionSet(b.cond) == 0 {
					diags.Warnf(d.file.pos(b.condOff), "", "version range %q matches no version: this branch never shows", b.condSrc)
				}
			}
		case *dataNode:
			if n.isReusable() {
				if s.reusables[n.name()] == nil {
					diags.Errorf(d.file.pos(n.nameOff), "", "unknown reusable %s: there is no %s/%s.md%s",
						n.ref, reusablesDir, strings.ReplaceAll(n.name(), ".", "/"), suggest(n.name(), s.reusableNames()))
					d.ok = false
				}
			} else if _, ok := s.m.Variable(n.name()); !ok {
				diags.Errorf(d.file.pos(n.nameOff), "", "unknown variable %s%s", n.name(), suggest(n.name(), s.variableIDs()))
				d.ok = false
			}
		}
	})
}

func (s *Site) variableIDs() []string {
	ids := make([]string, len(s.m.Variables))
	for i, v := range s.m.Variables {
		ids[i] = v.ID
	}
	return ids
}

// checkCycles finds reusables that include themselves, in each language (a translation may
// include other reusables than its source).
func (s *Site) checkCycles(diags *diag.List) {
	for _, lang := range s.langs {
		docOf := func(r *reusable) *doc {
			if t := r.trans[lang]; t != nil {
				return t
			}
			return r.en
		}
		const (
			unseen = iota
			onStack
			done
		)
		state := map[string]int{}
		var stack []string
		var visit func(string)
		visit = func(name string) {
			state[name] = onStack
			stack = append(stack, name)
			d := docOf(s.reusables[name])
			walkTags(d.nodes, func(n tnode) {
				dn, ok := n.(*dataNode)
				if !ok || !dn.isReusable() || s.reusables[dn.name()] == nil {
					return
				}
				switch state[dn.name()] {
				case onStack:
					i := slices.Index(stack, dn.name())
					cycle := append(slices.Clone(stack[i:]), dn.name())
					diags.Errorf(d.file.pos(dn.tagOff), "", "reusables include each other: %s", strings.Join(cycle, " -> "))
					d.ok = false
				case unseen:
					visit(dn.name())
				}
			})
			stack = stack[:len(stack)-1]
			state[name] = done
		}
		for _, name := range s.reusableNames() {
			if state[name] == unseen {
				visit(name)
			}
		}
	}
}

// checkTranslations compares every translation with its English source. The files of one
// source are compared by one worker, in the order of eachDoc, and the lists are merged in that
// order, so the diagnostics come out as if one worker had done it all. The stale flags are set
// first: translations of reusables are read while pages are compared.
func (s *Site) checkTranslations(pageParses []parses, diags *diag.List) {
	type job struct {
		en     *doc
		trans  []*doc
		parses parses // the page's, or nil for a reusable
		diags  diag.List
	}
	var jobs []*job
	add := func(en *doc, trans map[string]*doc, ps parses) {
		j := &job{en: en, parses: ps}
		want := ""
		for _, lang := range s.langs[1:] {
			if t := trans[lang]; t != nil && !t.unread { // an unread file has no front matter to compare
				if want == "" {
					want = SourceHash(en.file.data)
				}
				t.stale = t.fm.sourceHash != want
				j.trans = append(j.trans, t)
			}
		}
		if len(j.trans) > 0 {
			jobs = append(jobs, j)
		}
	}
	for i, p := range s.pages {
		add(p.en, p.trans, pageParses[i])
	}
	for _, name := range s.reusableNames() {
		add(s.reusables[name].en, s.reusables[name].trans, nil)
	}
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		c := &outlineCache{outlines: map[*doc]map[string]outline{}, parses: j.parses}
		for _, t := range j.trans {
			s.checkTranslation(j.en, t, c, &j.diags)
		}
	})
	for _, j := range jobs {
		diags.Merge(&j.diags)
	}
}

// parallel calls f(0) … f(n-1) on GOMAXPROCS workers and waits for them.
func parallel(n int, f func(i int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range work {
				f(i)
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

// checkRenders renders every page in every version (hidden ones too: a release must not break
// the build on the day it appears) in English and in each translation. Pages without a
// translation render the English text, already checked. Pages are rendered in parallel: each
// worker owns its pages' enIDs and its own diagnostics.
func (s *Site) checkRenders(pageParses []parses, diags *diag.List) {
	lists := make([]diag.List, len(s.pages))
	parallel(len(s.pages), func(i int) { s.checkPageRenders(s.pages[i], pageParses[i], &lists[i]) })
	for i := range lists {
		diags.Merge(&lists[i])
	}
}

func (s *Site) checkPageRenders(p *Page, ps parses, diags *diag.List) {
	for _, v := range s.m.Versions {
		if !p.In(v) {
			continue
		}
		_, ids, err := s.checkRender(p, v, "en", diags, ps)
		if err != nil {
			continue // the cause is reported
		}
		p.enIDs[v.Index] = ids
		for _, lang := range s.langs[1:] {
			if p.trans[lang] != nil {
				_, _, _ = s.checkRender(p, v, lang, diags, ps)
			}
		}
	}
}

// checkRender renders p for the check, adding its problems to diags, and keeps the result for
// Render when it has no error. Nothing a render reads changes after this (the translations'
// stale flags and the files' ok flags are set before; p's enIDs for v are set before its
// translations render), so Render would give the same.
func (s *Site) checkRender(p *Page, v *model.Version, lang string, diags *diag.List, ps parses) (*Rendered, []string, error) {
	var key renderMemoKey
	if s.parseCache != nil {
		key = s.memoKey(p, v, lang)
		if m := ps.memo(s, key); m != nil {
			diags.Merge(&m.diags)
			if m.err == nil && !m.diags.HasErrors() {
				if p.rendered == nil {
					p.rendered = map[renderKey]*Rendered{}
				}
				p.rendered[renderKey{v.Index, lang}] = m.r
			}
			return m.r, m.ids, m.err
		}
	}
	var own diag.List
	var used []usedReusable
	r, ids, err := s.renderWith(p, v, lang, &own, ps, &used)
	diags.Merge(&own)
	if s.parseCache != nil {
		ps.remember(key, &renderMemo{r: r, ids: ids, err: err, diags: own, reusables: s.reusableStates(used)})
	}
	if err == nil && !own.HasErrors() {
		if p.rendered == nil {
			p.rendered = map[renderKey]*Rendered{}
		}
		p.rendered[renderKey{v.Index, lang}] = r
	}
	return r, ids, err
}

// suggest returns ` (did you mean "x"?)` for the closest candidate within a small edit distance.
func suggest(name string, candidates []string) string {
	best, bestDist := "", -1
	limit := max(1, min(3, len(name)/3))
	for _, c := range candidates {
		if c == name {
			continue
		}
		if d := textdist.Distance(name, c); d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return ` (did you mean "` + best + `"?)`
}
