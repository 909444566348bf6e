package reference

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

// pinnedFixtures are downloadsFixture datasets whose texts hold what a JSON or CSV writer must
// escape or quote: HTML characters, quotes and backslashes, tabs and line breaks, U+2028 and
// U+2029, non-ASCII text, a byte-order mark, and CSV's separators and formula marks; each
// requirement shape once. (The loader rejects other control characters.)
var pinnedFixtures = []struct {
	summary, note, segment, scopeTitle, scopeDesc, permTitle, permDesc string
	shape                                                              uint8
}{
	{"<b>List</b> issues & more", `Needs "push" \ access.`, "issues", "<repo>", "a & b > c", "Issues <i>", "Issues & comments.", 0},
	{"Résumé \"quoted\", with, commas\nand a newline\r\n", "=cmd|' /C calc'!A0", "a%2Fb", "Tab\there", "\u2028 and \u2029", "Issues", "\ufeff\ufffd", 1},
	{"", "", "{id}", "S", "", "P", "", 2},
	{"日本語の概要", "노트", "%E3%83%88", "スコープ", "설명", "権限", "\\u003c not escaped", 3},
}

// downloadFiles returns the download files of every version of m as "version/name" -> bytes.
func downloadFiles(m *model.Model, downloads func(g *Generator, v *model.Version) map[string][]byte) map[string][]byte {
	g := New(m, English{}, Options{})
	out := map[string][]byte{}
	for _, v := range m.Versions {
		for name, data := range downloads(g, v) {
			out[v.Name()+"/"+name] = data
		}
	}
	return out
}

// pinnedModels returns the starter and the pinned fixtures by name.
func pinnedModels(t *testing.T) map[string]*model.Model {
	t.Helper()
	models := map[string]*model.Model{"starter": loadStarter(t)}
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range pinnedFixtures {
		fsys := downloadsFixture(f.summary, f.note, f.segment, f.scopeTitle, f.scopeDesc, f.permTitle, f.permDesc, f.shape)
		m, diags := validate.Load(validate.Options{Root: fsys, Schemas: schemas, BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
		if m == nil {
			var b bytes.Buffer
			diags.WriteText(&b)
			t.Fatalf("pinned fixture %d does not load:\n%s", i, b.String())
		}
		models[fmt.Sprintf("fixture%d", i)] = m
	}
	return models
}

// TestDownloadsPinned compares the SHA-256 of every download file of every version of the
// starter and of the pinned fixtures with testdata/golden/downloads.sha256, written by the
// encoding/json writers (run with -update only for an intended change of the files).
func TestDownloadsPinned(t *testing.T) {
	var b strings.Builder
	models := pinnedModels(t)
	for _, name := range slices.Sorted(maps.Keys(models)) {
		files := downloadFiles(models[name], (*Generator).Downloads)
		for _, file := range slices.Sorted(maps.Keys(files)) {
			fmt.Fprintf(&b, "%x  %s/%s\n", sha256.Sum256(files[file]), name, file)
		}
	}
	golden(t, "downloads.sha256", []byte(b.String()))
}

// TestDownloadsMatchEncodingJSON compares Downloads with the encoding/json writers it replaced
// (origDownloads) on the starter, the pinned fixtures and the project's own content.
func TestDownloadsMatchEncodingJSON(t *testing.T) {
	models := pinnedModels(t)
	if m := loadContent(t); m != nil {
		models["content"] = m
	} else {
		t.Log("content/data does not load: compared on the starter and the fixtures only")
	}
	for name, m := range models {
		got := downloadFiles(m, (*Generator).Downloads)
		want := downloadFiles(m, (*Generator).origDownloads)
		if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
			t.Errorf("%s: files %q, want %q", name, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
		for file, w := range want {
			if g := got[file]; !bytes.Equal(g, w) {
				t.Errorf("%s/%s differs from encoding/json's:\n%s", name, file, lineDiff(string(w), string(g)))
			}
		}
	}
}
