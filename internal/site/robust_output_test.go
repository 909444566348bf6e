package site

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestWriteDirAfterKilledBuilds: folders that killed builds left beside out are handled by the
// next WriteDir. A previous site renamed away by a build killed between its two renames comes
// back when out is missing, even if the new build fails; half-written folders older than
// staleAfter are removed; recent ones (perhaps a build running now) are kept.
func TestWriteDirAfterKilledBuilds(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mk := func(name, file string, age time.Duration) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "index.html"), []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
		then := time.Now().Add(-age)
		if err := os.Chtimes(p, then, then); err != nil {
			t.Fatal(err)
		}
	}
	mk(".public.old-1", "older site", 3*time.Hour)
	mk(".public.old-2", "previous site", 2*time.Hour)
	mk(".public.new-3", "half-written, stale", 2*time.Hour)
	mk(".public.new-4", "half-written, recent", time.Minute)
	mk(".other.new-5", "another output's", 3*time.Hour)

	// public/ is missing: the newest old site comes back even though this build fails.
	err := WriteDir(out, func(Writer) error { return errors.New("broken input") })
	if err == nil {
		t.Fatal("WriteDir returned no error")
	}
	if data, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(data) != "previous site" {
		t.Fatalf("public/index.html = %q, %v; want the previous site back", data, err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{".other.new-5", ".public.new-4", "public"}; !slices.Equal(names, want) {
		t.Errorf("beside public/: %q, want %q", names, want)
	}

	// A good build replaces public/ and leaves the recent folder alone.
	if err := WriteDir(out, func(w Writer) error { return w.WriteFile("index.html", []byte("new site")) }); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "new site" {
		t.Errorf("public/index.html = %q after a good build", data)
	}
	if _, err := os.Stat(filepath.Join(dir, ".public.new-4")); err != nil {
		t.Errorf("a recent half-written folder was removed: %v", err)
	}
}

// TestWriteDirLinksSharedData writes, with WriteShared, a large slice under two names and a
// small one under two names: the large one's files are one file (a hard link), the small one's
// two, and every file reads back as written; WriteFile never links.
func TestWriteDirLinksSharedData(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	large := bytes.Repeat([]byte("0123456789abcdef"), linkMin/16+1)
	small := []byte("small")
	files := map[string][]byte{"en/d/large.json": large, "fr/d/large.json": large, "en/s.txt": small, "fr/s.txt": small,
		"ja/d/copy.json": bytes.Clone(large)}
	err := WriteDir(out, func(w Writer) error {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := w.(SharedWriter).WriteShared(name, files[name]); err != nil {
				return err
			}
		}
		// WriteFile never links.
		return w.WriteFile("ko/d/large.json", large)
	})
	if err != nil {
		t.Fatal(err)
	}
	stat := func(name string) os.FileInfo {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !bytes.Equal(data, files[name]) {
			t.Fatalf("%s does not read back as written (%v)", name, err)
		}
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	if !os.SameFile(stat("en/d/large.json"), stat("fr/d/large.json")) {
		t.Error("the large slice was written twice, not linked")
	}
	files["ko/d/large.json"] = large
	if os.SameFile(stat("en/s.txt"), stat("fr/s.txt")) || os.SameFile(stat("en/d/large.json"), stat("ja/d/copy.json")) ||
		os.SameFile(stat("en/d/large.json"), stat("ko/d/large.json")) {
		t.Error("a small file, a copy of the large slice, or a file given to WriteFile was linked")
	}
}

// TestMemLazy: a lazy file is made once, when first read, whatever the number of readers.
func TestMemLazy(t *testing.T) {
	m := NewMem()
	var calls atomic.Int64
	if err := m.WriteLazy("en/search-index.json", func() []byte { calls.Add(1); return []byte("{}") }); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteFile("en/search-index.json", nil); err == nil {
		t.Error("a lazy file was written again")
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("made %d times before anyone read it", n)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if data, ok := m.File("en/search-index.json"); !ok || string(data) != "{}" {
				t.Errorf("read %q, %v", data, ok)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("made %d times, want once", n)
	}
	if !slices.Contains(m.Names(), "en/search-index.json") {
		t.Error("Names misses the lazy file")
	}
}
