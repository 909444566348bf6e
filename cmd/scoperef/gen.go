package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"

	"github.com/scoperef/scoperef/internal/codegen"
)

func init() {
	register("gen", "generate Go enforcement tables from content/data", runGen)
}

func runGen(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	pkg := fs.String("pkg", "", "Go package `name` of the generated file")
	out := fs.String("o", "", "output `file`")
	site := fs.String("site", "https://scoperef.example", "`URL` of the published site, for documentation_url")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *pkg == "" || *out == "" || fs.NArg() > 0 {
		env.errorf("usage: scoperef gen -root DIR -pkg NAME -o FILE [-site URL]")
		return 2
	}
	m, diags, err := loadModel(*root)
	if err != nil {
		env.errorf("%v", err)
		return 1
	}
	if m == nil {
		diags.WriteText(env.stderr)
		return 1
	}
	src, err := codegen.Generate(m, codegen.Options{Package: *pkg, SiteURL: *site})
	if err != nil {
		env.errorf("%v", err)
		return 1
	}
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, src) {
		return 0 // unchanged: keep the file's time stamp, so builds stay cached
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".gen-*.go")
	if err != nil {
		env.errorf("%v", err)
		return 1
	}
	_, werr := tmp.Write(src)
	if werr == nil {
		werr = tmp.Chmod(0o644) // CreateTemp makes 0600; a source file is world-readable
	}
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		env.errorf("writing %s: %v", *out, werr)
		return 1
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		os.Remove(tmp.Name())
		env.errorf("%v", err)
		return 1
	}
	return 0
}
