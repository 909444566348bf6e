package main

import (
	"github.com/scoperef/scoperef"
	"github.com/scoperef/scoperef/internal/content"
	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/localedata"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/project"
	"github.com/scoperef/scoperef/internal/validate"
)

// loaded is everything the pipeline reads from a project: the data model, the interface strings,
// the pages and reusables, and the translated data titles.
type loaded struct {
	project *project.Project
	schemas *validate.Schemas
	model   *model.Model
	catalog *i18n.Catalog
	content *content.Site
	titles  *localedata.Titles
}

// openProject opens the project at root and compiles its schemas.
func openProject(root string) (*project.Project, *validate.Schemas, error) {
	p, err := project.Open(root)
	if err != nil {
		return nil, nil, err
	}
	schemas, err := validate.CompileSchemas(p.Schemas)
	if err != nil {
		return nil, nil, err
	}
	return p, schemas, nil
}

// loadProject reads and checks every input of the project at root, so check and build report the
// same problems. err is a problem with the project itself (no such folder, broken schemas);
// input problems are in the list. When the data does not validate, the later stages are not
// loaded, since every one of them needs the model.
//
// parsed, when not nil, keeps the parsed pages for the next load (scoperef serve).
func loadProject(root string, parsed *content.ParseCache) (*loaded, *diag.List, error) {
	p, schemas, err := openProject(root)
	if err != nil {
		return nil, nil, err
	}
	in := &loaded{project: p, schemas: schemas}
	var diags *diag.List
	in.model, diags = validate.Load(validate.Options{Root: p.Root, Schemas: schemas, BuildDate: p.BuildDate})
	if in.model == nil {
		return in, diags, nil
	}
	cat, udiags := i18n.Load(i18n.Languages, scoperef.Templates, p.Root)
	diags.Merge(udiags)
	if cat == nil {
		return in, diags, nil
	}
	in.catalog = cat
	cs, cdiags := content.Load(content.Options{Root: p.Root, Model: in.model, Langs: i18n.Languages, Label: cat.Label, Parsed: parsed})
	diags.Merge(cdiags)
	in.content = cs
	titles, tdiags := localedata.Load(p.Root, schemas, in.model, i18n.Languages)
	diags.Merge(tdiags)
	in.titles = titles
	return in, diags, nil
}
