package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/scoperef/scoperef/internal/content"
	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/site"
)

func init() {
	register("build", "render the documentation site (every version × language) into public/", runBuild)
}

func runBuild(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	out := fs.String("o", "", "output `dir` (default: public under the root)")
	baseURL := fs.String("base-url", site.DefaultBaseURL, "the site's absolute `URL`, for canonical links and sitemaps")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		env.errorf("usage: scoperef build [-root DIR] [-o DIR] [-base-url URL]")
		return 2
	}
	if info, err := os.Stat(*root); err != nil || !info.IsDir() {
		env.errorf("project root %s is not a directory", *root)
		return 1
	}
	if *out == "" {
		*out = filepath.Join(*root, "public")
	}
	if err := checkOutDir(*root, *out); err != nil {
		env.errorf("%v", err)
		return 2
	}
	site.TuneGC() // GOGC and GOMEMLIMIT override it
	start := time.Now()
	var rep *site.Report
	err := site.WriteDir(*out, func(w site.Writer) error {
		var err error
		rep, err = buildSite(*root, *baseURL, w, env.stderr)
		return err
	})
	if err != nil {
		var le *diag.ListError
		if !errors.As(err, &le) && !errors.Is(err, errReported) {
			env.errorf("%v", err)
		} else if le != nil {
			fmt.Fprintln(env.stderr, err)
		}
		env.errorf("build failed; %s is unchanged", *out)
		return 1
	}
	rep.WriteSummary(env.stdout)
	fmt.Fprintf(env.stdout, "built %d pages (%d files) into %s in %v\n", rep.Pages, rep.Files, *out, time.Since(start).Round(time.Millisecond))
	return 0
}

// errReported is returned when the diagnostics were already printed.
var errReported = errors.New("errors reported")

// buildSite loads the project at root and builds its whole site into w. Diagnostics of the
// input (data, pages, interface strings) are printed to diagOut; an error means the build failed.
func buildSite(root, baseURL string, w site.Writer, diagOut io.Writer) (*site.Report, error) {
	opts, err := siteOptions(root, baseURL, diagOut, nil)
	if err != nil {
		return nil, err
	}
	return site.Build(opts, w)
}

// siteOptions loads everything a build needs; input diagnostics are printed to diagOut.
func siteOptions(root, baseURL string, diagOut io.Writer, parsed *content.ParseCache) (site.Options, error) {
	in, diags, err := loadProject(root, parsed)
	if err != nil {
		return site.Options{}, err
	}
	diags.WriteText(diagOut) // warnings, and errors if any
	if diags.HasErrors() {
		return site.Options{}, errReported
	}
	return site.Options{
		Model:      in.model,
		Content:    site.FromContent(in.content),
		Generators: []site.Generator{site.Reference(in.model, in.catalog, in.titles)},
		Catalog:    in.catalog,
		Templates:  in.project.Templates,
		BaseURL:    baseURL,
	}, nil
}

// checkOutDir refuses an output folder whose replacement would delete the project: the build
// replaces the whole folder, so it must not be the root, hold the root, or lie in the root's
// content/, locales/, templates/ or schema/.
func checkOutDir(root, out string) error {
	r, o := realPath(root), realPath(out)
	if within(r, o) {
		return fmt.Errorf("-o %s: the output folder holds the project root %s, which the build would delete; choose another folder", out, root)
	}
	for _, src := range []string{"content", "locales", "templates", "schema"} {
		if within(o, filepath.Join(r, src)) {
			return fmt.Errorf("-o %s: the output folder is in the project's %s/ folder, which the build would delete; choose another folder", out, src)
		}
	}
	return nil
}

// realPath returns p made absolute with the symbolic links of its longest existing prefix
// resolved.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		if dir == filepath.Dir(dir) {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether path is dir or lies under it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
