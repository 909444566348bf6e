// Package validate is the load and validate stages of scoperef's pipeline: it reads the YAML
// source of truth under content/data, checks it against the JSON Schemas and the semantic rules
// below, and returns the immutable model (package model) that every later stage uses.
//
// Inputs: a file system rooted at the project (files under content/data/), the compiled schemas,
// and the build date (which decides each release's status).
// Outputs: a *model.Model when there is no error, and every diagnostic of the run, each with its
// file:line:col and the path of the value inside the file.
//
// Checks, in two phases. Phase one parses every file (YAML syntax, invalid UTF-8, duplicate keys,
// anchors) and validates it against its schema (unknown keys with "did you mean", missing keys,
// wrong types, enums, date formats); errors there stop the run before phase two, so the semantic
// checks never see a malformed file. Phase two, all reported at once:
//   - duplicate ids (products, releases, features, variables, scopes, permissions, categories,
//     operations);
//   - version ranges that do not parse, name an unknown product or feature, compare a product that
//     has no releases, or match no version; feature cycles;
//   - unknown references (scope parents, scopes and permissions in requirements) with suggestions;
//     a cycle in the scope graph; a level the permission does not offer; a scope or permission used
//     in versions where it does not exist;
//   - path templates: a leading "/", no empty segment, balanced braces, valid parameter names, literal
//     text between two parameters of one segment ({base}...{head} is fine, {a}{b} is not), no
//     repeated parameter name;
//   - requirement variants that overlap, reach outside the endpoint's versions, or leave some of its
//     versions uncovered; two endpoints with the same method and path in overlapping versions;
//   - dates out of order (release candidate, availability, deprecation; deprecated, removal);
//   - warnings: a variable without a value for some version.
//
// Invariant: Load never panics on any input and never returns a model together with errors.
package validate

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/yamlio"
)

// dataDir is where the data files live under the project root.
const dataDir = "content/data"

// maxFileSize bounds one data file; larger files are rejected before parsing.
const maxFileSize = 8 << 20

// Options configure Load.
type Options struct {
	// Root is the project root; file names in diagnostics are relative to it.
	Root fs.FS
	// Schemas are the compiled JSON Schemas.
	Schemas *Schemas
	// BuildDate decides each release's status.
	BuildDate time.Time
}

// Load reads, validates and indexes the data under opts.Root. The model is nil whenever the
// returned list holds an error.
func Load(opts Options) (*model.Model, *diag.List) {
	var diags diag.List
	files := readAll(opts.Root, opts.Schemas, &diags)
	if diags.HasErrors() {
		return nil, &diags
	}
	b := &builder{diags: &diags, m: &model.Model{BuildDate: opts.BuildDate}}
	m := b.build(files)
	if diags.HasErrors() {
		return nil, &diags
	}
	return m, &diags
}

type file struct {
	name string
	data []byte // the source, to place problems found inside a value
	root *yamlio.Node
}

// readAll parses the fixed data files and every endpoints/*.yaml file, in a stable order.
// readAll parses the fixed data files and every endpoints/*.yaml file, and validates each against
// its schema. Files are independent here, so they are read in parallel, one worker per CPU; the
// result keeps the stable order of the names and each file's diagnostics together.
func readAll(root fs.FS, schemas *Schemas, diags *diag.List) []*file {
	names := []string{"versions.yaml", "features.yaml", "variables.yaml", "scopes.yaml", "permissions.yaml"}
	for i, n := range names {
		names[i] = path.Join(dataDir, n)
	}
	eps, err := fs.Glob(root, path.Join(dataDir, "endpoints", "*.yaml"))
	if err != nil {
		diags.Errorf(diag.Pos{File: path.Join(dataDir, "endpoints")}, "", "%v", err)
	}
	slices.Sort(eps)
	names = append(names, eps...)

	results := make([]*file, len(names))
	perFile := make([]diag.List, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = readOne(root, schemas, names[i], &perFile[i])
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()

	var files []*file
	for i, f := range results {
		diags.Merge(&perFile[i])
		if f != nil {
			files = append(files, f)
		}
	}
	return files
}

// readOne reads, parses and schema-checks one file; it returns nil when the file is absent or
// has errors, which are recorded in diags.
func readOne(root fs.FS, schemas *Schemas, name string, diags *diag.List) *file {
	data, err := readFile(root, name)
	if err != nil {
		diags.Errorf(diag.Pos{File: name}, "", "%v", err)
		return nil
	}
	if data == nil {
		return nil
	}
	n, err := yamlio.Parse(name, data)
	if err != nil {
		diags.AddErr(name, err)
		return nil
	}
	if !schemas.Validate(schemaFor(name), n, diags) {
		return nil
	}
	return &file{name: name, data: data, root: n}
}

func readFile(root fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(root, name)
	if errors.Is(err, fs.ErrNotExist) {
		if name == path.Join(dataDir, "versions.yaml") {
			return nil, errors.New("file is missing: every project needs its versions")
		}
		return nil, nil // the other kinds are optional: absent means none
	}
	if err != nil {
		return nil, err
	}
	if info.Size() > maxFileSize {
		return nil, errors.New("file is larger than 8 MiB")
	}
	return fs.ReadFile(root, name)
}
