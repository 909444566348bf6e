package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/scoperef/scoperef/internal/model"
)

// countingGen counts its calls, which may be concurrent.
type countingGen struct {
	scopeTable
	calls *atomic.Int64
}

func (g *countingGen) Pages(v *model.Version, lang string) ([]GeneratedPage, error) {
	g.calls.Add(1)
	return g.scopeTable.Pages(v, lang)
}

func TestCacheReusesAndStaysCorrect(t *testing.T) {
	opts := fixtureOptions(t)
	var calls atomic.Int64
	opts.Generators = []Generator{&countingGen{opts.Generators[0].(scopeTable), &calls}}
	opts.Cache = NewCache()
	first := NewMem()
	if _, err := Build(opts, first); err != nil {
		t.Fatal(err)
	}
	firstCalls := calls.Load()

	// Edit one page's body: only its files change, generators are not run again.
	c := opts.Content.(*fakeContent)
	guide := c.page("guide")
	render := guide.render
	guide.render = func(v *model.Version, lang string) *Page {
		p := render(v, lang)
		p.Body += template.HTML("<p>An edit.</p>")
		return p
	}
	second := NewMem()
	if _, err := Build(opts, second); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != firstCalls {
		t.Errorf("generators ran again: %d calls, want %d", n, firstCalls)
	}
	uncached := opts
	uncached.Cache = nil
	want := NewMem()
	if _, err := Build(uncached, want); err != nil {
		t.Fatal(err)
	}
	for _, name := range want.Names() {
		got, _ := second.File(name)
		w, _ := want.File(name)
		if !bytes.Equal(got, w) {
			t.Errorf("%s: cached build differs from a full build", name)
		}
	}
	same := func(name string) bool {
		a, _ := first.File(name)
		b, _ := second.File(name)
		return unsafe.SliceData(a) == unsafe.SliceData(b)
	}
	if !same("fr/reference/index.html") {
		t.Errorf("an unchanged page was laid out again")
	}
	if same("fr/guide/index.html") {
		t.Errorf("the edited page was not laid out again")
	}
	if same("fr/search-index.json") {
		t.Errorf("the search index kept the page's old text")
	}
	third := NewMem()
	if _, err := Build(opts, third); err != nil {
		t.Fatal(err)
	}
	if a, _ := second.File("fr/search-index.json"); unsafe.SliceData(a) != unsafe.SliceData(mustFile(third, "fr/search-index.json")) {
		t.Errorf("an unchanged search index was built again")
	}

	// A title change shows on every page (page list, breadcrumbs): everything is laid out again.
	titled := guide.render
	guide.render = func(v *model.Version, lang string) *Page {
		p := titled(v, lang)
		p.Title, p.ShortTitle = "Renamed", ""
		return p
	}
	fourth := NewMem()
	if _, err := Build(opts, fourth); err != nil {
		t.Fatal(err)
	}
	if got, _ := fourth.File("fr/reference/index.html"); !bytes.Contains(got, []byte(">Renamed</a>")) {
		t.Errorf("the page list of another page misses the new title")
	}
}

// TestCacheDoesNotGrow edits a page build after build: what the Cache keeps stays the same size.
func TestCacheDoesNotGrow(t *testing.T) {
	opts := fixtureOptions(t)
	opts.Cache = NewCache()
	c := opts.Content.(*fakeContent)
	guide := c.page("guide")
	render := guide.render
	sizes := func() [5]int {
		k := opts.Cache
		return [5]int{len(k.idSets), len(k.combined), len(k.links), len(k.records.m), k.texts.Len()}
	}
	var first [5]int
	for i := range 6 {
		guide.render = func(v *model.Version, lang string) *Page {
			p := render(v, lang)
			p.Body += template.HTML(fmt.Sprintf("<p>Edit %d.</p>", i))
			p.Headings = append(slices.Clone(p.Headings), Heading{ID: fmt.Sprintf("edit-%d", i), Text: "Edit", Level: 2})
			return p
		}
		mem := NewMem()
		if _, err := Build(opts, mem); err != nil {
			t.Fatal(err)
		}
		mem.File("en/search-index.json") // made lazily: its texts count too
		if i == 1 {
			first = sizes()
		} else if i > 1 && sizes() != first {
			t.Fatalf("after build %d the cache holds %v, after the second %v", i+1, sizes(), first)
		}
	}
	if first[0] == 0 || first[3] == 0 {
		t.Fatalf("nothing cached: %v", first)
	}
}
