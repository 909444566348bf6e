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

// WriteDir builds into out atomically: fn writes into a folder beside out, which then replaces
// out (the old folder is renamed away, the new one renamed in). When fn or the swap fails, the
// new folder is removed and out is left as it was.
//
// The folder renamed away is kept beside out as a spare (".out.old-*") and the next WriteDir
// writes into it: files that already hold the right bytes are left alone, others are
// rewritten in place, and whatever the build did not write is removed before the swap. Making
// thousands of files anew costs the file system far more than that (see spare.go). The spare
// is claimed by renaming it, so two builds never share one.
//
// A build killed before it can clean up leaves its folders beside out: WriteDir first puts back
// a previous site that a kill between the two renames left renamed away (out missing), and
// removes half-written folders once older than staleAfter.
func WriteDir(out string, fn func(Writer) error) (err error) {
	out = filepath.Clean(out)
	parentDir, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parentDir, 0o755); err != nil {
		return err
	}
	spare := recoverLeftovers(parentDir, base, time.Now())
	tmp, reuse := claimSpare(parentDir, base, spare)
	if !reuse {
		if tmp, err = os.MkdirTemp(parentDir, "."+base+".new-"); err != nil {
			return err
		}
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
	w := newDirWriter(tmp)
	w.reuse = reuse
	if err := fn(w); err != nil {
		return err
	}
	if reuse {
		if err := w.prune(); err != nil {
			return err
		}
	}
	return swap(tmp, out)
}

// staleAfter is the age after which a folder left beside out by a killed build is removed: no
// build takes nearly that long, so such a folder belongs to no running build.
const staleAfter = time.Hour

// recoverLeftovers handles the folders beside out: ".out.old-*" (previous sites, renamed away)
// and ".out.new-*" (sites being written, or half-written by a killed build). When out is
// missing, the newest old folder becomes out again. The newest old folder left is the spare,
// whose name it returns ("" if none); other old folders are removed, and new ones once older
// than staleAfter.
func recoverLeftovers(parentDir, base string, now time.Time) (spare string) {
	entries, err := os.ReadDir(parentDir)
	if err != nil {
		return ""
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
	newestOld := func() int {
		newest := -1
		for i, l := range found {
			if l.old && (newest < 0 || l.mod.After(found[newest].mod)) {
				newest = i
			}
		}
		return newest
	}
	out := filepath.Join(parentDir, base)
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if i := newestOld(); i >= 0 && os.Rename(filepath.Join(parentDir, found[i].name), out) == nil {
			found = slices.Delete(found, i, i+1)
		}
	}
	if i := newestOld(); i >= 0 {
		spare = found[i].name
		found = slices.Delete(found, i, i+1)
	}
	for _, l := range found {
		if l.old || now.Sub(l.mod) > staleAfter {
			os.RemoveAll(filepath.Join(parentDir, l.name))
		}
	}
	return spare
}

// claimSpare renames the spare folder (".out.old-X") to ".out.new-X", making it this build's
// folder, and returns its path. It returns false when there is no spare or another build
// claimed it first.
func claimSpare(parentDir, base, spare string) (string, bool) {
	if spare == "" {
		return "", false
	}
	claimed := filepath.Join(parentDir, "."+base+".new-"+strings.TrimPrefix(spare, "."+base+".old-"))
	if os.Rename(filepath.Join(parentDir, spare), claimed) != nil {
		return "", false
	}
	return claimed, true
}

// swap puts the folder tmp in place of out; the previous out is kept as the spare.
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
	return nil
}

// dirWriter writes files under dir. Folders are made once each, several at a time. It is a
// SharedWriter: a file given to WriteShared whose data is the very slice an earlier one was
// written from is made a hard link to that file when it is large enough for the copy to cost
// more than the link; where links are not supported, it is written.
//
// When reuse is set, dir holds a previous site (the spare): see put for how its files are
// written over, and prune for how what the build did not write goes.
type dirWriter struct {
	dir     string
	reuse   bool
	mu      sync.Mutex
	dirs    map[string]*madeDir
	written map[sliceKey]string // the first file written from a slice, by the slice
	names   map[string]bool     // every file written, when reuse is set
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
	return &dirWriter{dir: dir, dirs: map[string]*madeDir{}, written: map[sliceKey]string{}, names: map[string]bool{}}
}

func (w *dirWriter) WriteFile(name string, data []byte) error {
	file, err := w.prepare(name)
	if err != nil {
		return err
	}
	return w.put(file, data)
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
	if w.reuse {
		w.names[name] = true
	}
	w.mu.Unlock()
	d.once.Do(func() { d.err = w.makeDir(filepath.Join(w.dir, filepath.FromSlash(dir))) })
	if d.err != nil {
		return "", d.err
	}
	return filepath.Join(w.dir, filepath.FromSlash(name)), nil
}

// makeDir makes the folder dir and its parents. In a reused folder a file standing where a
// folder is now wanted is removed first.
func (w *dirWriter) makeDir(dir string) error {
	err := os.MkdirAll(dir, 0o755)
	if err == nil || !w.reuse {
		return err
	}
	rel, relErr := filepath.Rel(w.dir, dir)
	if relErr != nil {
		return err
	}
	p := w.dir
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		p = filepath.Join(p, part)
		if info, statErr := os.Lstat(p); statErr == nil && !info.IsDir() {
			if rmErr := os.Remove(p); rmErr != nil {
				return rmErr
			}
			break
		}
	}
	return os.MkdirAll(dir, 0o755)
}

// put writes data to file. In a new folder it simply makes the file. In a reused one, a file
// that already holds data is left as it is; a regular file with no other name is rewritten in
// place (no new file for the file system to allocate); anything else in the way — a folder, a
// link, a file with other names, whose other names must keep their bytes — is removed first.
func (w *dirWriter) put(file string, data []byte) error {
	if w.reuse {
		if info, err := os.Lstat(file); err == nil {
			plain := info.Mode().IsRegular() && info.Mode().Perm() == 0o644
			switch {
			case plain && info.Size() == int64(len(data)) && holds(file, data):
				return nil
			case plain && links(info) == 1:
				return rewrite(file, data)
			default:
				if err := os.RemoveAll(file); err != nil {
					return err
				}
			}
		}
	}
	return os.WriteFile(file, data, 0o644)
}

func (w *dirWriter) WriteShared(name string, data []byte) error {
	file, err := w.prepare(name)
	if err != nil {
		return err
	}
	if len(data) < linkMin {
		return w.put(file, data)
	}
	k := sliceKey{&data[0], len(data)}
	w.mu.Lock()
	first, ok := w.written[k]
	w.mu.Unlock()
	if ok {
		if w.reuse {
			if sameFile(first, file) {
				return nil // linked already by the build that wrote the spare
			}
			if err := os.RemoveAll(file); err != nil {
				return err
			}
		}
		if os.Link(first, file) == nil {
			return nil
		}
	}
	if err := w.put(file, data); err != nil {
		return err
	}
	if !ok {
		w.mu.Lock()
		w.written[k] = file
		w.mu.Unlock()
	}
	return nil
}

// prune removes from a reused folder every file and folder the build did not write. It reads
// the folders the build wrote into, several at a time: whatever else they hold goes, a folder
// with all it holds.
func (w *dirWriter) prune() error {
	keep := map[string]bool{".": true}
	for name := range w.names {
		for d := path.Dir(name); !keep[d]; d = path.Dir(d) {
			keep[d] = true
		}
	}
	dirs := make([]string, 0, len(keep))
	for d := range keep {
		dirs = append(dirs, d)
	}
	return parallel(runtime.GOMAXPROCS(0), len(dirs), func(i int) error {
		dir := filepath.Join(w.dir, filepath.FromSlash(dirs[i]))
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := path.Join(dirs[i], e.Name())
			switch {
			case e.IsDir() && keep[name]:
				// read as one of dirs
			case e.IsDir():
				err = os.RemoveAll(filepath.Join(dir, e.Name()))
			case !w.names[name]:
				err = os.Remove(filepath.Join(dir, e.Name()))
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
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
