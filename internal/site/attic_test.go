package site

import (
	"os"
	"sync"
	"testing"
)

// The benchmarks that write to disk keep what they wrote until the test binary exits: their
// folders are made in the attic, which TestMain removes at the end. On ext4 without a journal
// (this project's CI machines), deleting thousands of files makes every file made in the next
// minute slower: the inode allocator skips each recently freed inode, reading its block to tell
// (ext4's recently_deleted). Removing one build's output just before timing the next would
// measure that, not a build; a writer's first build follows no such deletion.
//
// "Recently" is a minute, or six while the inode's block is waiting to be written back, which
// making files next to it keeps it doing: the fresh figures of a run that follows the removal
// of an earlier run's attic (or any mass deletion) by less than that are slower. Runs that
// compare fresh builds must be compared within one test binary.
var attic struct {
	once sync.Once
	dir  string
	err  error
}

// atticDir returns a new, empty folder that lives until the test binary exits.
func atticDir(tb testing.TB) string {
	tb.Helper()
	attic.once.Do(func() { attic.dir, attic.err = os.MkdirTemp("", "scoperef-bench-") })
	if attic.err != nil {
		tb.Fatal(attic.err)
	}
	dir, err := os.MkdirTemp(attic.dir, "")
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if attic.dir != "" {
		os.RemoveAll(attic.dir)
	}
	os.Exit(code)
}
