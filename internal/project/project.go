// Package project locates a scoperef project on disk: its root folder, the schema and template
// folders to use, and the build date.
//
// Inputs: a root directory and the process environment (SOURCE_DATE_EPOCH).
// Outputs: a Project whose Root, Schemas and Templates are file systems, and whose BuildDate is
// the day release statuses and banners are computed for.
//
// Invariants: Schemas and Templates come from the root's schema/ and templates/ folders when they
// exist, else from the copies embedded in the binary; BuildDate is a UTC midnight.
package project

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/scoperef/scoperef"
)

// Project is an opened project root.
type Project struct {
	Dir       string // the root as given, for messages and output paths
	Root      fs.FS
	Schemas   fs.FS
	Templates fs.FS
	BuildDate time.Time
}

// Open opens the project at dir.
func Open(dir string) (*Project, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("project root: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("project root %s is not a directory", dir)
	}
	date, err := BuildDate(os.Getenv("SOURCE_DATE_EPOCH"), time.Now())
	if err != nil {
		return nil, err
	}
	p := &Project{Dir: dir, Root: os.DirFS(dir), BuildDate: date}
	p.Schemas = localOr(dir, "schema", scoperef.Schemas)
	p.Templates = localOr(dir, "templates", scoperef.Templates)
	return p, nil
}

// localOr returns dir/name when it is a folder, else the embedded copy's name folder.
func localOr(dir, name string, embedded fs.FS) fs.FS {
	if info, err := os.Stat(filepath.Join(dir, name)); err == nil && info.IsDir() {
		return os.DirFS(filepath.Join(dir, name))
	}
	sub, err := fs.Sub(embedded, name)
	if err != nil {
		panic(err) // the embedded folders exist at build time
	}
	return sub
}

// BuildDate returns the UTC day of SOURCE_DATE_EPOCH when it is set, else of now.
func BuildDate(epoch string, now time.Time) (time.Time, error) {
	t := now
	if epoch != "" {
		secs, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", epoch)
		}
		t = time.Unix(secs, 0)
	}
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}
