package content

import "slices"

// Coverage is how much of the site is translated into one language.
type Coverage struct {
	Lang      string
	Pages     FileCoverage
	Reusables FileCoverage
	// Orphans are translation files without an English source (check errors).
	Orphans []string
}

// FileCoverage counts one kind of file. Every list holds English source file names, sorted.
type FileCoverage struct {
	Total      int      // English files
	Translated []string // with a translation, stale ones included
	Stale      []string // whose translation was made from an older English source
	Missing    []string // without a translation: the English text is used
}

// Coverage reports the pages and reusables translated into lang, stale and missing. For "en"
// everything is translated.
func (s *Site) Coverage(lang string) Coverage {
	c := Coverage{Lang: lang, Orphans: slices.Clone(s.orphans[lang])}
	add := func(fc *FileCoverage, en *doc, trans map[string]*doc) {
		fc.Total++
		t := trans[lang]
		switch {
		case lang == "en":
			fc.Translated = append(fc.Translated, en.file.name)
		case t == nil:
			fc.Missing = append(fc.Missing, en.file.name)
		default:
			fc.Translated = append(fc.Translated, en.file.name)
			if t.stale {
				fc.Stale = append(fc.Stale, en.file.name)
			}
		}
	}
	for _, p := range s.pages {
		add(&c.Pages, p.en, p.trans)
	}
	for _, name := range s.reusableNames() {
		r := s.reusables[name]
		add(&c.Reusables, r.en, r.trans)
	}
	for _, fc := range []*FileCoverage{&c.Pages, &c.Reusables} {
		slices.Sort(fc.Translated)
		slices.Sort(fc.Stale)
		slices.Sort(fc.Missing)
	}
	return c
}
