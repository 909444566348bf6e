package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/yamlio"
)

// Languages are the site's languages, the source language (English) first.
var Languages = []string{"en", "fr", "ja", "ko"}

// Source is the source language: every message exists in it, and other languages fall back to it.
const Source = "en"

// File returns the message file of lang under a project root: locales/<lang>/ui.<lang>.yaml.
func File(lang string) string { return "locales/" + lang + "/ui." + lang + ".yaml" }

// Text is a localized string. Fallback is set when it is English text standing in for a missing
// translation; callers mark such text with lang="en".
type Text struct {
	S        string
	Fallback bool
}

func (t Text) String() string { return t.S }

// Catalog holds the interface strings of every language.
type Catalog struct {
	langs      []string
	bundle     *goi18n.Bundle
	localizers map[string]*goi18n.Localizer
	dates      map[string]dateFormatter
	matcher    language.Matcher
	// messages[lang][id] are the messages read for each language, for coverage and checks.
	messages map[string]map[string]posMessage

	mu      sync.RWMutex
	cache   map[string]Text
	missing map[string]map[string]bool // lang -> ids that fell back to English
}

// Load reads locales/<lang>/ui.<lang>.yaml for every language from each layer that has it, a
// later layer's message replacing an earlier one's. The list holds syntax and shape errors with
// their positions, and warnings for messages that English does not have. The Catalog is nil
// when the list holds an error.
func Load(langs []string, layers ...fs.FS) (*Catalog, *diag.List) {
	var diags diag.List
	if len(langs) == 0 || langs[0] != Source {
		diags.Errorf(diag.Pos{}, "", "languages must start with %q, got %q", Source, langs)
		return nil, &diags
	}
	c := &Catalog{
		langs:      slices.Clone(langs),
		bundle:     goi18n.NewBundle(language.English),
		localizers: make(map[string]*goi18n.Localizer, len(langs)),
		dates:      make(map[string]dateFormatter, len(langs)),
		cache:      make(map[string]Text),
		missing:    make(map[string]map[string]bool),
		messages:   make(map[string]map[string]posMessage, len(langs)),
	}
	english := map[string]bool{}
	for _, lang := range langs {
		tag, err := language.Parse(lang)
		if err != nil {
			diags.Errorf(diag.Pos{}, "", "unknown language %q", lang)
			continue
		}
		msgs := map[string]posMessage{}
		found := false
		for _, layer := range layers {
			data, err := fs.ReadFile(layer, File(lang))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				diags.Errorf(diag.Pos{File: File(lang)}, "", "%v", err)
				continue
			}
			found = true
			if len(data) > maxFileSize {
				diags.Errorf(diag.Pos{File: File(lang)}, "", "file is larger than 1 MiB")
				continue
			}
			for _, m := range parseFile(File(lang), data, &diags) {
				msgs[m.ID] = m
			}
		}
		if !found {
			diags.Errorf(diag.Pos{File: File(lang)}, "", "no interface strings for %s", lang)
		}
		ids := slices.Sorted(maps.Keys(msgs))
		for _, id := range ids {
			if lang == Source {
				english[id] = true
			} else if !english[id] {
				diags.Warnf(msgs[id].pos, id, "message does not exist in English; it is never shown")
			}
			if err := parseForms(msgs[id].Message); err != nil {
				// go-i18n would print nothing for the message: an empty link or heading.
				diags.Errorf(msgs[id].pos, id, "%v", err)
			}
			if err := c.bundle.AddMessages(tag, msgs[id].Message); err != nil {
				diags.Errorf(diag.Pos{File: File(lang)}, id, "%v", err)
			}
		}
		c.messages[lang] = msgs
		c.localizers[lang] = goi18n.NewLocalizer(c.bundle, lang)
		c.dates[lang] = newDateFormatter(lang)
	}
	c.compareWithEnglish(&diags)
	if diags.HasErrors() {
		return nil, &diags
	}
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	c.matcher = language.NewMatcher(tags)
	return c, &diags
}

// parseForms parses every plural form of m as go-i18n will, as a text/template.
func parseForms(m *goi18n.Message) error {
	for _, s := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if _, err := template.New("message").Parse(s); err != nil {
			return fmt.Errorf("not a valid message: %s", strings.TrimPrefix(err.Error(), "template: "))
		}
	}
	return nil
}

// maxFileSize bounds one message file; the largest real one is under 40 KB.
const maxFileSize = 1 << 20

// messageKeys are the keys a message mapping may hold.
var messageKeys = []string{"description", "hash", "zero", "one", "two", "few", "many", "other"}

// parseFile reads a message file: each top-level key is a message id whose value is a string or
// a mapping of messageKeys.
func parseFile(name string, data []byte, diags *diag.List) []posMessage {
	root, err := yamlio.Parse(name, data)
	if err != nil {
		var le *diag.ListError
		if errors.As(err, &le) { // positioned: keep the position, do not repeat the file name
			for _, d := range le.Diagnostics {
				diags.Add(d)
			}
		} else {
			diags.Errorf(diag.Pos{File: name}, "", "%v", err)
		}
		return nil
	}
	if root == nil || root.IsNull() {
		return nil
	}
	if root.Kind != yamlio.Mapping {
		diags.Errorf(root.Pos, "", "want a mapping of message ids, got a %s", root.Kind)
		return nil
	}
	var out []posMessage
	root.Pairs(func(k, v *yamlio.Node) {
		m := &goi18n.Message{ID: k.Value}
		switch v.Kind {
		case yamlio.Scalar:
			m.Other = v.Value
		case yamlio.Mapping:
			v.Pairs(func(fk, fv *yamlio.Node) {
				if !slices.Contains(messageKeys, fk.Value) {
					diags.Errorf(fk.Pos, k.Value, "unknown key %q (want one of %s)", fk.Value, strings.Join(messageKeys, ", "))
					return
				}
				if fv.Kind != yamlio.Scalar {
					diags.Errorf(fv.Pos, k.Value+"."+fk.Value, "want a string")
					return
				}
				setField(m, fk.Value, fv.Value)
			})
		default:
			diags.Errorf(v.Pos, k.Value, "want a string or a mapping of plural forms")
			return
		}
		if m.Other == "" {
			diags.Errorf(v.Pos, k.Value, `message has no "other" form`)
			return
		}
		out = append(out, posMessage{m, k.Pos})
	})
	return out
}

// posMessage is a message with the position of its id in its file.
type posMessage struct {
	*goi18n.Message
	pos diag.Pos
}

func setField(m *goi18n.Message, key, value string) {
	switch key {
	case "description":
		m.Description = value
	case "hash":
		m.Hash = value
	case "zero":
		m.Zero = value
	case "one":
		m.One = value
	case "two":
		m.Two = value
	case "few":
		m.Few = value
	case "many":
		m.Many = value
	case "other":
		m.Other = value
	}
}

// Languages returns the catalog's languages, the source language first.
func (c *Catalog) Languages() []string { return slices.Clone(c.langs) }

// T returns message id in lang. args are name, value pairs for the message's placeholders.
func (c *Catalog) T(lang, id string, args ...any) Text {
	return c.localize(lang, id, nil, args)
}

// N returns the plural form of message id for count in lang; the message sees count as
// {{.Count}}. args are further name, value pairs.
func (c *Catalog) N(lang, id string, count int, args ...any) Text {
	return c.localize(lang, id, &count, args)
}

// Label returns the translated label of a callout kind (note, tip, important, warning, caution),
// for the content stage.
func (c *Catalog) Label(lang, kind string) string {
	kind = strings.ToLower(kind)
	if kind == "" {
		return ""
	}
	return c.T(lang, "Callout"+strings.ToUpper(kind[:1])+kind[1:]).S
}

func (c *Catalog) localize(lang, id string, count *int, args []any) Text {
	k := cacheKey(lang, id, count, args)
	c.mu.RLock()
	t, ok := c.cache[k]
	c.mu.RUnlock()
	if ok {
		return t
	}
	t = c.lookup(lang, id, count, args)
	c.mu.Lock()
	c.cache[k] = t
	if t.Fallback {
		if c.missing[lang] == nil {
			c.missing[lang] = map[string]bool{}
		}
		c.missing[lang][id] = true
	}
	c.mu.Unlock()
	return t
}

// cacheKey identifies a message with its arguments: lang, id, count and args joined by NUL.
func cacheKey(lang, id string, count *int, args []any) string {
	if count == nil && len(args) == 0 {
		return lang + "\x00" + id
	}
	var key strings.Builder
	key.Grow(len(lang) + len(id) + 16*len(args) + 8)
	key.WriteString(lang)
	key.WriteByte(0)
	key.WriteString(id)
	if count != nil {
		key.WriteByte(0)
		key.WriteString(strconv.Itoa(*count))
	}
	for _, a := range args {
		key.WriteByte(0)
		switch a := a.(type) {
		case string:
			key.WriteString(a)
		case int:
			key.WriteString(strconv.Itoa(a))
		default:
			fmt.Fprint(&key, a)
		}
	}
	return key.String()
}

func (c *Catalog) lookup(lang, id string, count *int, args []any) Text {
	loc := c.localizers[lang]
	if loc == nil {
		loc = c.localizers[Source]
	}
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count != nil {
		cfg.PluralCount = *count
		data["Count"] = *count
	}
	s, tag, err := loc.LocalizeWithTag(cfg)
	var notFound *goi18n.MessageNotFoundErr
	switch {
	case err == nil:
		return Text{S: s}
	case errors.As(err, &notFound) && s != "":
		// The English text stands in for the missing translation.
		return Text{S: s, Fallback: true}
	case s != "":
		return Text{S: s, Fallback: tag != language.Make(lang)}
	}
	return Text{S: id, Fallback: true}
}

// Missing returns the ids of the messages that fell back to English in lang so far, sorted.
func (c *Catalog) Missing(lang string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(maps.Keys(c.missing[lang]))
}
