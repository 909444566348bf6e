package site

import (
	"bytes"
	"html/template"
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
