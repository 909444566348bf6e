package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/scoperef/scoperef/internal/importer"
)

// listFlag collects a repeatable, comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	*l = append(*l, splitList(s)...)
	return nil
}

func init() {
	register("import", "import GitHub's REST API descriptions and permission tables into content/data", runImport)
}

const importUsage = `usage: scoperef import [-root DIR] [-o DIR] -openapi PATH... -fine-grained PATH... [-oracle FILE] [-n] [-v]

Reads one OpenAPI description and one fine-grained permission table per product version and
writes DIR/endpoints/<category>.yaml, DIR/scopes.yaml and DIR/permissions.yaml, keeping
hand-written descriptions and notes. Prints a report.

A PATH is a file, a directory (every file in it whose name maps to a version), or VERSION=FILE.
File names map to versions: api.github.com or fpt -> dotcom, ghec -> ghec, ghes-X.Y -> ghes-X.Y
(extensions .json, .txt and .gz are ignored; .gz files are decompressed). Repeat a flag or
separate paths with commas.

flags:
`

func runImport(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project `dir`")
	out := fs.String("o", "content/data", "data `dir` to write, relative to -root")
	var openapi, fine listFlag
	fs.Var(&openapi, "openapi", "OpenAPI description `paths`")
	fs.Var(&fine, "fine-grained", "fine-grained permission table `paths`")
	oracle := fs.String("oracle", "", "older dotcom table in the list format to compare the rebuilt sets with")
	dry := fs.Bool("n", false, "report only; write nothing")
	verbose := fs.Bool("v", false, "also list the operations each table leaves out")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, importUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || len(openapi) == 0 || len(fine) == 0 {
		fs.Usage()
		return 2
	}
	start := time.Now()
	cfg := importer.Config{Oracle: *oracle, DryRun: *dry, Out: *out}
	if !filepath.IsAbs(cfg.Out) {
		cfg.Out = filepath.Join(*root, cfg.Out)
	}
	var skipped, skipped2 []string
	var err error
	if cfg.OpenAPI, skipped, err = importer.ResolveInputs(openapi); err != nil {
		env.errorf("import: -openapi: %v", err)
		return 2
	}
	if cfg.FineGrained, skipped2, err = importer.ResolveInputs(fine); err != nil {
		env.errorf("import: -fine-grained: %v", err)
		return 2
	}
	rep, err := importer.Run(cfg)
	if err != nil {
		env.errorf("import: %v", err)
		return 1
	}
	rep.Skipped = append(skipped, skipped2...)
	rep.Write(env.stdout, *verbose)
	fmt.Fprintf(env.stdout, "  import took %s\n", time.Since(start).Round(time.Millisecond))
	if len(rep.Problems) > 0 {
		env.errorf("import: %d problems in the imported data (see the report)", len(rep.Problems))
		return 1
	}
	return 0
}
