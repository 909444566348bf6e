package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher watches folders recursively, adding folders created later.
type watcher struct {
	w *fsnotify.Watcher
}

func newWatcher(dirs []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{w: fw}
	for _, d := range dirs {
		if info, err := os.Stat(d); err == nil && info.IsDir() {
			if err := w.addTree(d); err != nil {
				fw.Close()
				return nil, err
			}
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder removed meanwhile
		}
		if d.IsDir() {
			if p != dir && ignored(p) {
				return filepath.SkipDir
			}
			return w.w.Add(p)
		}
		return nil
	})
}

func (w *watcher) Close() error { return w.w.Close() }

// ignored reports editor and system files whose changes do not count: hidden files, backups
// (name~), Vim's swap and probe files.
func ignored(p string) bool {
	base := filepath.Base(p)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || base == "4913"
}

// loop calls rebuild with the changed files once no change has arrived for quiet after one or
// more changes, until ctx ends. Rebuilds never overlap: changes during a rebuild lead to one more
// rebuild after it. After a watcher error (an overflow) the list is nil: anything may have changed.
func (w *watcher) loop(ctx context.Context, quiet time.Duration, rebuild func(changed []string)) {
	timer := time.NewTimer(quiet)
	timer.Stop()
	changed := map[string]bool{}
	unknown := false
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					w.addTree(ev.Name)
					unknown = true // files may have been created in it before it was watched
				}
			}
			changed[ev.Name] = true
			timer.Reset(quiet)
		case <-w.w.Errors:
			// Overflow or a removed folder: rebuild everything to be safe.
			unknown = true
			timer.Reset(quiet)
		case <-timer.C:
			var list []string
			if !unknown {
				list = make([]string, 0, len(changed))
				for name := range changed {
					list = append(list, name)
				}
				slices.Sort(list)
			}
			clear(changed)
			unknown = false
			rebuild(list)
		}
	}
}
