package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Writer receives the built files. Names are slash-separated and relative ("fr/index.html").
// WriteFile is called concurrently. The data must not change once written: a Writer may keep
// it.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// A SharedWriter is a Writer that may store a file written again from the same slice (a
// download every language publishes) as a link to the first file. The slice is kept until the
// writer is done with.
type SharedWriter interface {
	Writer
	WriteShared(name string, data []byte) error
}

// A LazyWriter is a Writer that also takes files made only when first read. Build gives it the
// search indexes that way: scoperef serve builds an index when a reader first searches, not on
// every edit. make may be called from any goroutine, once, after Build has returned.
type LazyWriter interface {
	Writer
	WriteLazy(name string, make func() []byte) error
}

// WriteDir builds into out atomically: fn writes into a new folder beside out, which then
// replaces out (the old folder is renamed away, the new one renamed in, the old one removed).
// When fn or the swap fails, the new folder is removed and out is left as it was.
//
// A build killed before it can clean up leaves its folders beside out: WriteDir first puts back
// a previous site that a kill between the two renames left renamed away (out missing), and
// removes such folders once older than staleAfter.
func WriteDir(out string, fn func(Writer) error) (err error) {
	out = filepath.Clean(out)
	parentDir, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parentDir, 0o755); err != nil {
		return err
	}
	recoverLeftovers(parentDir, base, time.Now())
	tmp, err := os.MkdirTemp(parentDir, "."+base+".new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	// MkdirTemp makes 0700 folders; a published site is world-readable.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := fn(newDirWriter(tmp)); err != nil {
		return err
	}
	return swap(tmp, out)
}

// staleAfter is the age after which a folder left beside out by a killed build is removed: no
// build takes nearly that long, so such a folder belongs to no running build.
const staleAfter = time.Hour

// recoverLeftovers handles the folders a killed build left beside out: ".out.old-*" (the
// previous site, renamed away) and ".out.new-*" (a half-written site). When out is missing, the
// newest old folder becomes out again; folders older than staleAfter are removed.
func recoverLeftovers(parentDir, base string, now time.Time) {
	entries, err := os.ReadDir(parentDir)
	if err != nil {
		return
	}
	type left struct {
		name string
		old  bool
		mod  time.Time
	}
	var found []left
	for _, e := range entries {
		name := e.Name()
		isOld := strings.HasPrefix(name, "."+base+".old-")
		if !e.IsDir() || !isOld && !strings.HasPrefix(name, "."+base+".new-") {
			continue
		}
		if info, err := e.Info(); err == nil {
			found = append(found, left{name, isOld, info.ModTime()})
		}
	}
	out := filepath.Join(parentDir, base)
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		newest := -1
		for i, l := range found {
			if l.old && (newest < 0 || l.mod.After(found[newest].mod)) {
				newest = i
			}
		}
		if newest >= 0 && os.Rename(filepath.Join(parentDir, found[newest].name), out) == nil {
			found = slices.Delete(found, newest, newest+1)
		}
	}
	for _, l := range found {
		if now.Sub(l.mod) > staleAfter {
			os.RemoveAll(filepath.Join(parentDir, l.name))
		}
	}
}

// swap puts the folder tmp in place of out.
func swap(tmp, out string) error {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		base := filepath.Base(out)
		old = filepath.Join(filepath.Dir(out), "."+base+".old-"+strings.TrimPrefix(filepath.Base(tmp), "."+base+".new-"))
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("moving the previous %s away: %w", out, err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out) // put the previous site back
		}
		return err
	}
	if old != "" {
		return removeTree(old)
	}
	return nil
}

// removeTree is os.RemoveAll with the folder's entries removed several at a time: removing a
// site of thousands of folders costs the file system as much CPU time as writing it.
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	err = parallel(runtime.GOMAXPROCS(0), len(entries), func(i int) error {
		return os.RemoveAll(filepath.Join(dir, entries[i].Name()))
	})
	if err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// dirWriter writes files under dir. Folders are made once each, several at a time. It is a
// SharedWriter: a file given to WriteShared whose data is the very slice an earlier one was
// written from is made a hard link to that file when it is large enough for the copy to cost
// more than the link; where links are not supported, it is written.
type dirWriter struct {
	dir     string
	mu      sync.Mutex
	dirs    map[string]*madeDir
	written map[sliceKey]string // the first file written from a slice, by the slice
}

type madeDir struct {
	once sync.Once
	err  error
}

// sliceKey identifies a byte slice by its first byte's address and its length.
type sliceKey struct {
	p *byte
	n int
}

// linkMin is the smallest file that is linked rather than written again.
const linkMin = 16 << 10

func newDirWriter(dir string) *dirWriter {
	return &dirWriter{dir: dir, dirs: map[string]*madeDir{}, written: map[sliceKey]string{}}
}

func (w *dirWriter) WriteFile(name string, data []byte) error {
	file, err := w.prepare(name)
	if err != nil {
		return err
	}
	return os.WriteFile(file, data, 0o644)
}

// prepare checks a file's name, makes its folder and returns its path.
func (w *dirWriter) prepare(name string) (string, error) {
	if !validName(name) {
		return "", fmt.Errorf("bad output file name %q", name)
	}
	dir := path.Dir(name)
	w.mu.Lock()
	d := w.dirs[dir]
	if d == nil {
		d = &madeDir{}
		w.dirs[dir] = d
	}
	w.mu.Unlock()
	d.once.Do(func() { d.err = os.MkdirAll(filepath.Join(w.dir, filepath.FromSlash(dir)), 0o755) })
	if d.err != nil {
		return "", d.err
	}
	return filepath.Join(w.dir, filepath.FromSlash(name)), nil
}

func (w *dirWriter) WriteShared(name string, data []byte) error {
	file, err := w.prepare(name)
	if err != nil {
		return err
	}
	if len(data) < linkMin {
		return os.WriteFile(file, data, 0o644)
	}
	k := sliceKey{&data[0], len(data)}
	w.mu.Lock()
	first, ok := w.written[k]
	w.mu.Unlock()
	if ok && os.Link(first, file) == nil {
		return nil
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return err
	}
	if !ok {
		w.mu.Lock()
		w.written[k] = file
		w.mu.Unlock()
	}
	return nil
}

func validName(name string) bool {
	return name != "" && !strings.HasPrefix(name, "/") && path.Clean(name) == name && !strings.HasPrefix(name, "../")
}

// Mem is a LazyWriter that keeps the files in memory, for serve and tests. A lazy file is made
// the first time File asks for it.
type Mem struct {
	mu    sync.Mutex
	files map[string]*memFile
}

type memFile struct {
	once sync.Once
	make func() []byte
	data []byte
}

// NewMem returns an empty Mem.
func NewMem() *Mem { return &Mem{files: map[string]*memFile{}} }

func (m *Mem) WriteFile(name string, data []byte) error {
	return m.add(name, &memFile{data: data})
}

func (m *Mem) WriteLazy(name string, make func() []byte) error {
	return m.add(name, &memFile{make: make})
}

func (m *Mem) add(name string, f *memFile) error {
	if !validName(name) {
		return fmt.Errorf("bad output file name %q", name)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = f
	return nil
}

// File returns a file's contents, making a lazy file's now (readers of the same file wait for
// it).
func (m *Mem) File(name string) ([]byte, bool) {
	m.mu.Lock()
	f, ok := m.files[name]
	m.mu.Unlock()
	if !ok {
		return nil, false
	}
	if f.make != nil { // set once, before the file is shared
		f.once.Do(func() { f.data = f.make() })
	}
	return f.data, true
}

// Names lists the files, sorted.
func (m *Mem) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
