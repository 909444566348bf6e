package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBuildKilled builds the shipped site, then starts more builds into the same folder and kills
// each one partway (SIGKILL, no chance to clean up): the first build's public/ must be left whole
// and usable, index.html and a deep page byte for byte. A last build, with another number of
// threads, must give exactly the first tree again: builds are deterministic.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the shipped site several times")
	}
	bin, err := exec.LookPath("scoperef") // the test binary as the command (testscript.Main)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build := func(procs string) *exec.Cmd {
		cmd := exec.Command(bin, "build", "-root", "../..", "-o", out)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+fmt.Sprint(buildDate.Unix()), "GOMAXPROCS="+procs)
		return cmd
	}
	start := time.Now()
	if b, err := build("1").CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	full := time.Since(start)
	first := treeDigest(t, out)
	const deep = "ja/enterprise-server@3.19/reference/permissions/issues/index.html"
	pages := map[string][]byte{}
	for _, name := range []string{"index.html", deep} {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		pages[name] = data
	}
	t.Logf("first build: %d files in %v", len(first), full.Round(time.Millisecond))

	// Kill at ~200 ms (loading), and at a third and two thirds of a build's time (rendering,
	// writing).
	for _, delay := range []time.Duration{200 * time.Millisecond, full / 3, 2 * full / 3} {
		cmd := build("2")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		err := cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Logf("the build killed after %v had already finished (%v)", delay, err)
		}
		for name, want := range pages {
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("after a build killed at %v, %s is not the first build's (%v)", delay, name, err)
			}
		}
		if got := treeDigest(t, out); !maps(got, first) {
			t.Fatalf("after a build killed at %v, public/ differs from the first build:%s", delay, treeDiff(first, got))
		}
	}
	entries, _ := os.ReadDir(dir)
	var left []string
	for _, e := range entries {
		if e.Name() != "public" {
			left = append(left, e.Name())
		}
	}
	// A killed build cannot remove its half-written folder; a later build does not either.
	t.Logf("left beside public/ by the killed builds: %q", left)

	start = time.Now()
	if b, err := build("4").CombinedOutput(); err != nil {
		t.Fatalf("last build: %v\n%s", err, b)
	}
	again := time.Since(start) // a build into the spare, faster than the first
	if last := treeDigest(t, out); !maps(last, first) {
		t.Errorf("a second build (GOMAXPROCS 4 instead of 1) differs from the first:%s", treeDiff(first, last))
	}

	// That build left the first site beside public/ as its spare. A build that claims the spare
	// and is killed while writing into it leaves public/ whole; the next build, into a new
	// folder, and the one after it, into the spare again, give the first tree.
	cmd := build("2")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(again / 2)
	cmd.Process.Kill()
	if err := cmd.Wait(); err == nil {
		t.Logf("the build into the spare killed after %v had already finished", again/2)
	}
	if got := treeDigest(t, out); !maps(got, first) {
		t.Fatalf("after a build into the spare was killed, public/ differs from the first build:%s", treeDiff(first, got))
	}
	for i := range 2 {
		if b, err := build("2").CombinedOutput(); err != nil {
			t.Fatalf("build %d after the kill: %v\n%s", i+1, err, b)
		}
		if got := treeDigest(t, out); !maps(got, first) {
			t.Errorf("build %d after the kill differs from the first:%s", i+1, treeDiff(first, got))
		}
	}
}

// treeDigest returns the SHA-256 of every file under dir by slash-separated name.
func treeDigest(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func maps(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// treeDiff names up to 10 files that differ between two digests.
func treeDiff(want, got map[string][32]byte) string {
	var diffs []string
	for k, v := range want {
		if w, ok := got[k]; !ok {
			diffs = append(diffs, "missing "+k)
		} else if w != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "new "+k)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], fmt.Sprintf("… %d in all", len(diffs)))
	}
	return "\n\t" + strings.Join(diffs, "\n\t")
}
