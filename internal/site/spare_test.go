package site

import (
	"bytes"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestWriteDirSpare runs a long random series of builds into one folder, each writing a random
// set of files — names that turn from file to folder and back, contents that change with and
// without changing size, large slices shared by several names and later written apart — and
// checks after every build that out holds exactly what that build wrote: the same bytes, no
// other file or folder, shared slices linked, and a file with other names never written through
// (which would change a name the build did not mean to). Most builds reuse the spare.
func TestWriteDirSpare(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	big := func(b byte) []byte { return bytes.Repeat([]byte{b}, linkMin+100) }
	contents := [][]byte{[]byte("s1"), []byte("s2"), {}, big('x'), big('y'), bytes.Repeat([]byte("z"), linkMin*2)}
	names := []string{"index.html", "a", "a/index.html", "a/b", "a/b/index.html", "c/d/e.json", "c/d",
		"c/x.json", "en/d/big.json", "fr/d/big.json", "ja/d/big.json", "en/d"}
	rng := rand.New(rand.NewPCG(1, 2))
	reused := 0
	for build := range 60 {
		// A random set of names, without a name that another one needs as a folder.
		want := map[string][]byte{}
		shared := map[string]bool{}
		for _, n := range names {
			if rng.IntN(3) > 0 {
				want[n] = contents[rng.IntN(len(contents))]
				shared[n] = rng.IntN(2) == 0
			}
		}
		for n := range want {
			for d := path.Dir(n); d != "."; d = path.Dir(d) {
				delete(want, d)
			}
		}
		spare := spareOf(t, dir)
		err := WriteDir(out, func(w Writer) error {
			for _, n := range slices.Sorted(maps.Keys(want)) {
				var err error
				if shared[n] {
					err = w.(SharedWriter).WriteShared(n, want[n])
				} else {
					err = w.WriteFile(n, want[n])
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("build %d: %v", build, err)
		}
		if spare != "" {
			reused++
		}
		checkTree(t, build, out, want)
		for _, a := range slices.Sorted(maps.Keys(want)) {
			for _, b := range slices.Sorted(maps.Keys(want)) {
				if a < b && shared[a] && shared[b] && len(want[a]) >= linkMin && len(want[b]) == len(want[a]) && &want[a][0] == &want[b][0] &&
					!sameFile(filepath.Join(out, a), filepath.Join(out, b)) {
					t.Errorf("build %d: %s and %s were written from one slice but are not linked", build, a, b)
				}
			}
		}
		if s := spareOf(t, dir); s == "" && build > 0 {
			t.Fatalf("build %d left no spare", build)
		}
	}
	if reused < 50 {
		t.Errorf("only %d of 60 builds reused the spare", reused)
	}
}

// spareOf returns the name of the spare beside public/ in dir, failing on more than one.
func spareOf(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var spares []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.old-") {
			spares = append(spares, e.Name())
		} else if e.Name() != "public" {
			t.Fatalf("%s left beside public/", e.Name())
		}
	}
	if len(spares) > 1 {
		t.Fatalf("several spares: %v", spares)
	}
	if len(spares) == 0 {
		return ""
	}
	return spares[0]
}

// checkTree fails unless the folder out holds exactly the files in want, with their bytes and
// mode 0644, and only the folders they need.
func checkTree(t *testing.T, build int, out string, want map[string][]byte) {
	t.Helper()
	wantDirs := map[string]bool{".": true}
	for n := range want {
		for d := path.Dir(n); d != "."; d = path.Dir(d) {
			wantDirs[d] = true
		}
	}
	got := map[string]bool{}
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if e.IsDir() {
			if !wantDirs[rel] {
				t.Errorf("build %d: folder %s is left over", build, rel)
			}
			return nil
		}
		got[rel] = true
		data, ok := want[rel]
		if !ok {
			t.Errorf("build %d: file %s is left over", build, rel)
			return nil
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		if b, err := os.ReadFile(p); err != nil || !bytes.Equal(b, data) || info.Mode() != 0o644 {
			t.Errorf("build %d: %s holds %d bytes (mode %v), want %d (%v)", build, rel, len(b), info.Mode(), len(data), err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for n := range want {
		if !got[n] {
			t.Errorf("build %d: %s is missing", build, n)
		}
	}
}

// TestWriteDirSpareUnchanged: a file the spare already holds with the right bytes is not
// written again (its modification time stays), a changed one of our own is written in place
// (same file), and a symbolic link in the spare is replaced, never followed.
func TestWriteDirSpareUnchanged(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := map[string][]byte{"same.html": []byte("same"), "changed.html": []byte("v1"), "link.html": []byte("x")}
	build := func() {
		t.Helper()
		err := WriteDir(out, func(w Writer) error {
			for _, n := range slices.Sorted(maps.Keys(site)) {
				if err := w.WriteFile(n, site[n]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	build()
	build() // the first site is now the spare
	spare := filepath.Join(dir, spareOf(t, dir))
	old := time.Now().Add(-time.Hour)
	for _, n := range []string{"same.html", "changed.html"} {
		if err := os.Chtimes(filepath.Join(spare, n), old, old); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.Lstat(filepath.Join(spare, "changed.html"))
	if err := os.Remove(filepath.Join(spare, "link.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(spare, "link.html")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	site["changed.html"] = []byte("v2")
	site["link.html"] = []byte("new")
	build()
	checkTree(t, 2, out, site)
	if info, _ := os.Stat(filepath.Join(out, "same.html")); !info.ModTime().Equal(old) {
		t.Errorf("an unchanged file was written again (modified %v)", info.ModTime())
	}
	after, _ := os.Lstat(filepath.Join(out, "changed.html"))
	if links(after) != 0 && !os.SameFile(before, after) {
		t.Error("a changed file of our own was replaced, not written in place")
	}
	if b, _ := os.ReadFile(outside); string(b) != "keep" {
		t.Errorf("a link in the spare was followed: the file it pointed to now holds %q", b)
	}
}
