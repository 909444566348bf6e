package main

import (
	"flag"
	"fmt"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

func init() {
	register("check", "validate data, pages, translations and interface strings", runCheck)
}

func runCheck(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	format := fs.String("format", "text", "diagnostics format: text or json")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || (*format != "text" && *format != "json") {
		env.errorf("usage: scoperef check [-root DIR] [-format text|json]")
		return 2
	}
	_, diags, err := loadProject(*root, nil)
	if err != nil {
		env.errorf("%v", err)
		return 1
	}
	if *format == "json" {
		diags.WriteJSON(env.stdout)
	} else {
		diags.WriteText(env.stderr)
		errs, warns := diags.Count()
		if errs > 0 || warns > 0 {
			fmt.Fprintf(env.stderr, "%d error(s), %d warning(s)\n", errs, warns)
		}
	}
	if diags.HasErrors() {
		return 1
	}
	return 0
}

// loadModel opens the project at root and validates its data. err reports a problem with the
// project itself (no such folder, broken schemas); input problems are in the list.
func loadModel(root string) (*model.Model, *diag.List, error) {
	p, schemas, err := openProject(root)
	if err != nil {
		return nil, nil, err
	}
	m, diags := validate.Load(validate.Options{Root: p.Root, Schemas: schemas, BuildDate: p.BuildDate})
	return m, diags, nil
}
