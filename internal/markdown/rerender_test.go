package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestRenderAgain: Render reuses its last result exactly while the setters leave the tree as
// it was, and renders again when one changes it. After every step of random setter calls, the
// HTML must be what rendering the tree anew gives.
func TestRenderAgain(t *testing.T) {
	src := []byte("## Scopes\n\nSee [AUTOTITLE](/reference/scopes) and [the guide](/guide#tokens).\n\n> [!NOTE]\n> Keep it safe.\n")
	d := New().Parse(src, ParseOptions{})
	if len(d.Links) != 2 || len(d.Headings) != 1 || len(d.Callouts) != 1 {
		t.Fatalf("parsed %d links, %d headings, %d callouts", len(d.Links), len(d.Headings), len(d.Callouts))
	}
	first := d.Render()
	if again := d.Render(); &again[0] != &first[0] {
		t.Error("a second Render with no change rendered again")
	}
	dests := []string{"/en/reference/scopes", "/en/enterprise-server@3.19/reference/scopes"}
	texts := []string{"Scopes", "Étendues"}
	labels := []string{"Note", "Remarque"}
	ids := []string{"scopes", "scopes-2"}
	rng := rand.New(rand.NewPCG(1, 2))
	reused := 0
	for step := range 2000 {
		before := d.Render()
		switch rng.IntN(4) {
		case 0:
			d.Links[rng.IntN(2)].SetDest(dests[rng.IntN(2)])
		case 1:
			d.Links[0].SetText(texts[rng.IntN(2)], []string{"", "en"}[rng.IntN(2)])
		case 2:
			d.Callouts[0].SetLabel(labels[rng.IntN(2)])
		case 3:
			d.Headings[0].SetID(ids[rng.IntN(2)])
		}
		got, want := d.Render(), d.render()
		if !bytes.Equal(got, want) {
			t.Fatalf("step %d: Render gave\n%s\nrendering anew gives\n%s", step, got, want)
		}
		if &got[0] == &before[0] {
			reused++
		}
	}
	if reused < 200 {
		t.Errorf("Render reused its result %d times in 2,000 steps: the test no longer exercises the reuse", reused)
	}
}
