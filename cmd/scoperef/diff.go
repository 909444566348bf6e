package main

import (
	"flag"
	"strings"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

func init() {
	register("diff", "show what changed in the access model between two versions", runDiff)
}

func runDiff(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	asJSON := fs.Bool("json", false, "print the differences as JSON")
	fs.Usage = func() {
		env.errorf("usage: scoperef diff [-root DIR] [--json] A B  (A, B: dotcom, ghec, ghes-3.19 or enterprise-server@3.19)")
		fs.PrintDefaults()
	}
	names, ok := parseInterspersed(fs, args)
	if !ok {
		return 2
	}
	if len(names) != 2 {
		fs.Usage()
		return 2
	}
	m, ok := loadValidModel(env, *root)
	if !ok {
		return 1
	}
	versions, ok := lookupVersions(env, m, names...)
	if !ok {
		return 2
	}
	r := diff.Compare(m, versions[0], versions[1])
	var err error
	if *asJSON {
		err = r.WriteJSON(env.stdout)
	} else {
		err = r.WriteText(env.stdout)
	}
	if err != nil {
		env.errorf("%v", err)
		return 1
	}
	return 0
}

// parseInterspersed parses flags that may come before, between or after the positional
// arguments (scoperef diff A B --json), returning the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// loadValidModel loads the project at root, printing its diagnostics when it has errors.
func loadValidModel(env *cmdEnv, root string) (*model.Model, bool) {
	m, diags, err := loadModel(root)
	if err != nil {
		env.errorf("%v", err)
		return nil, false
	}
	if m == nil {
		diags.WriteText(env.stderr)
		env.errorf("the data has errors; run 'scoperef check'")
		return nil, false
	}
	return m, true
}

// lookupVersions resolves version names or URL segments.
func lookupVersions(env *cmdEnv, m *model.Model, names ...string) ([]*model.Version, bool) {
	var out []*model.Version
	for _, name := range names {
		v, ok := m.Version(name)
		if !ok {
			env.errorf("unknown version %q; known: %s", name, versionNames(m))
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

func versionNames(m *model.Model) string {
	names := make([]string, len(m.Versions))
	for i, v := range m.Versions {
		names[i] = v.Name()
	}
	return strings.Join(names, ", ")
}
