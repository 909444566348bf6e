package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/scoperef/scoperef/internal/reference"
)

func init() {
	register("migrate", "map classic scopes to the fine-grained permissions covering the same endpoints", runMigrate)
}

func runMigrate(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	version := fs.String("version", "dotcom", "product `version` (dotcom, ghec, ghes-3.19 or enterprise-server@3.19)")
	scopes := fs.String("scopes", "", "comma-separated classic `scopes`, e.g. repo,read:org")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	rest, ok := parseInterspersed(fs, args)
	if !ok {
		return 2
	}
	list := splitList(*scopes)
	if len(rest) > 0 || len(list) == 0 {
		env.errorf("usage: scoperef migrate [-root DIR] -version V -scopes repo,read:org [--json]")
		return 2
	}
	m, ok := loadValidModel(env, *root)
	if !ok {
		return 1
	}
	versions, ok := lookupVersions(env, m, *version)
	if !ok {
		return 2
	}
	res := reference.Migrate(m, versions[0], list)
	if len(res.Unknown) > 0 {
		env.errorf("no such scope in %s: %s", versions[0].Name(), strings.Join(res.Unknown, ", "))
		return 2
	}
	if *asJSON {
		return env.writeJSON(res)
	}
	w := env.stdout
	fmt.Fprintf(w, "%s: classic scopes %s\n", res.Version, strings.Join(res.Scopes, ", "))
	fmt.Fprintf(w, "\nfine-grained permissions (%d):\n", len(res.Permissions))
	for _, g := range res.Permissions {
		fmt.Fprintf(w, "  %s: %s\n", g.Permission, g.Level)
	}
	fmt.Fprintf(w, "\nendpoints covered (%d):\n", len(res.Endpoints))
	for _, e := range res.Endpoints {
		need := e.Permissions
		if need == "" {
			need = "no permission (public resources)"
		}
		fmt.Fprintf(w, "  %s %s (%s): %s\n", e.Method, e.Path, e.Operation, need)
	}
	fmt.Fprintf(w, "\nendpoints no fine-grained token can call (%d):\n", len(res.NoFineGrained))
	for _, e := range res.NoFineGrained {
		fmt.Fprintf(w, "  %s %s (%s)\n", e.Method, e.Path, e.Operation)
	}
	return 0
}
