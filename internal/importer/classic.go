package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Classic is the classic-token (OAuth scope) requirement of an endpoint in one version.
// Private and Public are OR-lists of AND-sets of scopes; nil means the description states
// nothing, and a list holding one empty set means that no scope is needed.
type Classic struct {
	Private, Public [][]string
	Notes           []string
	// Refused is set when no classic token can call the operation (it takes a GitHub App's
	// JWT); Private and Public are nil then.
	Refused bool
}

func (c Classic) key() string {
	return fmt.Sprint(c.Refused) + "|" + altsKey(c.Private) + "|" + altsKey(c.Public) + "|" + strings.Join(c.Notes, "\x00")
}

func altsKey(alts [][]string) string {
	if alts == nil {
		return "-"
	}
	parts := make([]string, len(alts))
	for i, a := range alts {
		parts[i] = strings.Join(a, ",")
	}
	return "[" + strings.Join(parts, ";") + "]"
}

// ScopeSentence is a sentence of a description that names a scope.
type ScopeSentence struct {
	Text   string   // the sentence, with docs links made version-neutral
	Shape  string   // the sentence with every scope-like token replaced by `X`
	Tokens []string // the replaced tokens, in order
	Rule   string   // name of the rule that understood it; "" when none did
}

// ClassicResult is what the parser finds in one description.
type ClassicResult struct {
	Classic   Classic
	Sentences []ScopeSentence // every scope sentence, parsed or not
	Conflict  bool            // requirement sentences that cannot be combined (all kept as notes)
}

// Mentions reports whether the description names a scope at all.
func (r ClassicResult) Mentions() bool { return len(r.Sentences) > 0 }

// Parsed reports whether every scope sentence was understood and they combine.
func (r ClassicResult) Parsed() bool {
	if r.Conflict {
		return false
	}
	for _, s := range r.Sentences {
		if s.Rule == "" {
			return false
		}
	}
	return true
}

var (
	scopeWord     = regexp.MustCompile(`(?i)\bscopes?\b`)
	tokenPattern  = regexp.MustCompile("`[^`]*`|\\b[a-z_]+:[a-z_]+\\b")
	scopeName     = regexp.MustCompile(`^[a-z_]+(?::[a-z_]+)?$`)
	linkTarget    = regexp.MustCompile(`\]\([^)]*\)`)
	tickedScopeRe = regexp.MustCompile("`X`s? ?scopes?\\b")
	glued         = regexp.MustCompile("([A-Za-z])`X`")
)

// shapeOf returns a sentence's shape and tokens: every `code` span and every bare word of the
// form a:b becomes `X`; link targets become (URL); "the`X`" gets its missing space and the
// typos "`X`s cope" and "to to" are mended.
func shapeOf(s string) (shape string, tokens []string) {
	shape = linkTarget.ReplaceAllString(s, "](URL)")
	shape = tokenPattern.ReplaceAllStringFunc(shape, func(t string) string {
		tokens = append(tokens, strings.Trim(t, "`"))
		return "`X`"
	})
	shape = glued.ReplaceAllString(shape, "$1 `X`")
	shape = strings.ReplaceAll(shape, "`X`s cope", "`X` scope")
	shape = strings.ReplaceAll(shape, " to to ", " to ")
	return collapse(shape), tokens
}

// isScopeSentence: the sentence says "scope" or "scopes" and names a known scope, or writes a
// token directly before the word scope ("`copilot` scope").
func isScopeSentence(shape string, tokens []string, known func(string) bool) bool {
	if !scopeWord.MatchString(shape) {
		return false
	}
	if slices.ContainsFunc(tokens, known) {
		return true
	}
	return tickedScopeRe.MatchString(shape)
}

// effect is what one understood sentence says.
type effect int

const (
	effBase       effect = iota // a: needed for every resource
	effPrivate                  // a: needed in addition for private resources
	effPublicAlt                // a: also enough for public resources
	effBasePublic               // a: needed for every resource; b: also enough for public ones
	effSplit                    // a: for private resources; b: for public resources
	effNote                     // a condition the data cannot express; kept as a note
	effNone                     // names scopes but states no requirement (an example)
)

type rule struct {
	name string
	re   *regexp.Regexp
	eff  effect
}

// The sentence forms, as regular expressions over shapes. SUBJ is who the sentence is about,
// LIST a list of scopes ("`X`", "`X` or `X`", "`X`, `X`, or `X`", "`X` and `X`",
// "`X` scope or `X` scope"), captured as a and b.
var rules = func() []rule {
	subj := `(?:OAuth (?:app )?tokens and )?[Pp]ersonal access tokens \(classic\)`
	list := "`X`(?: scopes?)?(?:(?:, |,? or |,? and )(?:the )?`X`(?: scopes?)?)*"
	det := `(?:the |either the |both the )?`
	need := `(?:need|needs|require|requires)`
	r := func(name string, eff effect, pattern string) rule {
		pattern = strings.NewReplacer("SUBJ", subj, "NEED", need, "DET", det,
			"LISTA", "(?P<a>"+list+")", "LISTB", "(?P<b>"+list+")").Replace(pattern)
		return rule{name, regexp.MustCompile("^" + pattern + "$"), eff}
	}
	return []rule{
		r("need", effBase, `SUBJ NEED DETLISTA(?: scopes?)?(?: to (?:use|access) this endpoint)?\.`),
		r("need-or-permission", effBase, `SUBJ NEED DETLISTA scopes? or the "[^"]+" fine-grained permission to use this endpoint\.`),
		r("need-private", effPrivate, `SUBJ NEED DETLISTA scopes? to use this endpoint (?:with a private repository|on a private repository|if the repository is private)\.`),
		r("if-private-need", effPrivate, `If the repository is private, SUBJ NEED DETLISTA scopes? to use this endpoint\.`),
		r("if-private-also", effPrivate, `If the repository is private, the LISTA scopes? (?:is|are) also required\.`),
		r("if-private-token", effPrivate, "If the repository is private, you must have at least `X` permission for that repository, and your token must have DETLISTA scopes?\\."),
		r("public-instead", effPublicAlt, `If this endpoint is only used with public repositories, the token can use DETLISTA scopes? instead\.`),
		r("private-or-public", effBasePublic, `SUBJ NEED DETLISTA scopes? to use this endpoint with private or public repositories, or DETLISTB scopes? to use this endpoint with only public repositories\.`),
		r("private-repos-public-also", effBasePublic, `You must use an access token with DETLISTA scopes? to use this endpoint with private repos, DETLISTB scopes? also grants permission to read [a-z ]+ on public repos only\.`),
		r("public-and-private", effSplit, `SUBJ NEED DETLISTB scopes? to (?:create a public repository|use this endpoint with a public repository), and DETLISTA scopes? to (?:create a private repository|use this endpoint with a private repository)\.`),
		r("pats-only", effBase, `This endpoint only works for PATs \(classic\) with DETLISTA scopes?\.`),
		r("authenticate-with", effBase, `You must authenticate using an access token with DETLISTA scopes? to use this endpoint\.`),
		r("member-and-token", effBase, `To use this endpoint, you must be a member of the enterprise, and you must use an access token with DETLISTA scopes?\.`),
		r("requires-at-least", effBase, `Therefore, this API requires at least LISTA scopes? for SUBJ\.`),
		r("access-requirement", effBase, `SUBJ with DETLISTA scopes?`),
		r("condition", effNote, `SUBJ NEED DETLISTA scopes? (?:when|if|in order|to see|to get) .*`),
		r("also-required-condition", effNote, `The LISTA scopes? (?:is|are) also required (?:in order to|to|when|if) .*`),
		r("item-condition", effNote, `DETLISTA scopes? if .*`),
		r("may-need", effNote, `Depending on .*, you may need to provide additional token scopes.*`),
		r("lists-what-allowed", effNote, `For SUBJ, this endpoint only lists .*`),
		r("example-of-response", effNone, "For example, if an application has one token with `X` scope and another token with `X` scope, the grant will return `X`\\."),
	}
}()

// match finds the rule for a shape and the scope lists it captures. ok is false when no rule
// matches, or a captured token is not scope-like, or a list mixes "and" with "or".
func match(shape string, tokens []string) (rl rule, a, b [][]string, ok bool) {
	for _, rl := range rules {
		m := rl.re.FindStringSubmatchIndex(shape)
		if m == nil {
			continue
		}
		get := func(name string) ([][]string, bool) {
			i := rl.re.SubexpIndex(name)
			if i < 0 || m[2*i] < 0 {
				return nil, true
			}
			first := strings.Count(shape[:m[2*i]], "`X`")
			text := shape[m[2*i]:m[2*i+1]]
			toks := tokens[first : first+strings.Count(text, "`X`")]
			for _, t := range toks {
				if !scopeName.MatchString(t) {
					return nil, false
				}
			}
			and, or := strings.Contains(text, " and "), strings.Contains(text, " or ")
			switch {
			case and && or:
				return nil, false
			case and:
				return [][]string{slices.Clone(toks)}, true
			}
			var alts [][]string
			for _, t := range toks {
				alts = append(alts, []string{t})
			}
			return alts, true
		}
		var okA, okB bool
		a, okA = get("a")
		b, okB = get("b")
		return rl, a, b, okA && okB
	}
	return rule{}, nil, nil, false
}

// ParseClassic finds the scope sentences of a description and combines what they say:
//
//   - base (need X): the alternatives for every resource;
//   - private (need X with a private repository; if private, X is also required): ANDed
//     into every base alternative for private resources; with no base, public resources
//     need no scope;
//   - public alternative (the token can use Y instead): added to the base for public ones;
//   - split (Y for a public repository, and X for a private one): private X, public Y;
//   - conditions: kept verbatim as notes, adding no requirement.
//
// Sentences no rule understands are kept as notes. Requirement sentences that contradict each
// other (two different bases, a split next to a base, a public alternative without a base)
// make the result a conflict: every scope sentence becomes a note and no requirement is given.
// g normalizes the scope sets.
func ParseClassic(desc string, known func(string) bool, g *ScopeGraph) ClassicResult {
	var res ClassicResult
	var base, pubAlt, splitPriv, splitPub [][]string
	var privs [][][]string
	bases, splits := 0, 0
	for _, text := range Sentences(desc) {
		shape, tokens := shapeOf(text)
		if !isScopeSentence(shape, tokens, known) {
			continue
		}
		s := ScopeSentence{Text: versionNeutral(text), Shape: versionNeutral(shape), Tokens: tokens}
		rl, a, b, ok := match(shape, tokens)
		if ok {
			s.Rule = rl.name
			switch rl.eff {
			case effBase, effBasePublic:
				if bases > 0 && altsKey(g.normalizeAlts(a)) != altsKey(g.normalizeAlts(base)) {
					res.Conflict = true
				}
				base, bases = a, bases+1
				if rl.eff == effBasePublic {
					pubAlt = append(pubAlt, b...)
				}
			case effPrivate:
				privs = append(privs, a)
			case effPublicAlt:
				pubAlt = append(pubAlt, a...)
			case effSplit:
				splitPriv, splitPub, splits = a, b, splits+1
			case effNote:
				res.Classic.Notes = append(res.Classic.Notes, s.Text)
			}
		} else {
			res.Classic.Notes = append(res.Classic.Notes, s.Text)
		}
		res.Sentences = append(res.Sentences, s)
	}
	if splits > 1 || (splits > 0 && (bases > 0 || len(privs) > 0 || pubAlt != nil)) || (pubAlt != nil && bases == 0) {
		res.Conflict = true
	}
	if res.Conflict {
		res.Classic.Notes = nil
		for _, s := range res.Sentences {
			res.Classic.Notes = append(res.Classic.Notes, s.Text)
		}
		return res
	}
	c := &res.Classic
	switch {
	case splits > 0:
		c.Private, c.Public = splitPriv, splitPub
	case bases > 0 || len(privs) > 0:
		start := base
		if start == nil {
			start = [][]string{{}}
		}
		c.Private = start
		for _, p := range privs {
			c.Private = andAlts(c.Private, p)
		}
		c.Public = append(slices.Clone(start), pubAlt...)
	}
	c.Private, c.Public = g.normalizeAlts(c.Private), g.normalizeAlts(c.Public)
	return res
}

// andAlts is the requirement "x and y" for two OR-lists of AND-sets.
func andAlts(x, y [][]string) [][]string {
	var out [][]string
	for _, a := range x {
		for _, b := range y {
			out = append(out, append(slices.Clone(a), b...))
		}
	}
	return out
}
