package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/scoperef/scoperef/access"
	"github.com/scoperef/scoperef/internal/codegen"
)

func init() {
	register("lookup", "show the endpoint a request path matches and what it requires", runLookup)
}

// lookupResult is the JSON form of lookup, described by schema/lookup.schema.json.
type lookupResult struct {
	Version     string            `json:"version"`
	Method      string            `json:"method"`
	Template    string            `json:"template"`
	Operation   string            `json:"operation"`
	Params      map[string]string `json:"params,omitempty"`
	FineGrained *lookupFG         `json:"fine_grained"`
	Classic     *lookupClassic    `json:"classic"`
	Notes       []string          `json:"notes"`
	Docs        string            `json:"documentation_url"`
}

type lookupFG struct {
	Accepted                bool                `json:"accepted"`
	PublicWithoutPermission bool                `json:"public_without_permission"`
	AnyOf                   []map[string]string `json:"any_of"`
}

type lookupClassic struct {
	Accepted bool       `json:"accepted"`
	Private  scopeAnyOf `json:"private"`
	Public   scopeAnyOf `json:"public"`
}

type scopeAnyOf struct {
	AnyOf [][]string `json:"any_of"`
}

func runLookup(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("lookup", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	version := fs.String("version", "dotcom", "product `version`: dotcom, ghec, ghes-3.19 or a URL segment")
	asJSON := fs.Bool("json", false, "print JSON (schema/lookup.schema.json)")
	if err := fs.Parse(reorder(args)); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		env.errorf("usage: scoperef lookup [-root DIR] [-version V] [-json] METHOD PATH")
		return 2
	}
	t, code := versionTable(env, *root, *version)
	if t == nil {
		return code
	}
	method, path := strings.ToUpper(fs.Arg(0)), fs.Arg(1)
	ep, params, ok := t.Lookup(method, path)
	if !ok {
		env.errorf("%s %s: no endpoint in %s", method, path, t.Version)
		return 1
	}
	res := lookupResult{Version: t.Version, Method: ep.Method, Template: ep.Path, Operation: ep.Operation,
		Docs: t.DocsBaseURL + ep.DocsPath, Notes: ep.Classic.Notes}
	if res.Notes == nil {
		res.Notes = []string{}
	}
	for i := range params.Len() {
		if res.Params == nil {
			res.Params = map[string]string{}
		}
		res.Params[params.Name(i)] = params.Value(i)
	}
	res.FineGrained = &lookupFG{Accepted: ep.FineGrained.Accepted, PublicWithoutPermission: ep.FineGrained.PublicWithoutPermission, AnyOf: []map[string]string{}}
	for _, set := range ep.FineGrained.AnyOf {
		m := map[string]string{}
		for _, g := range set {
			m[g.Permission] = g.Level.String()
		}
		res.FineGrained.AnyOf = append(res.FineGrained.AnyOf, m)
	}
	res.Classic = &lookupClassic{Accepted: ep.Classic.Accepted,
		Private: scopeAnyOf{nonNil(ep.Classic.Private)}, Public: scopeAnyOf{nonNil(ep.Classic.Public)}}
	if *asJSON {
		return env.writeJSON(res)
	}
	printLookup(env.stdout, &res, ep, &params)
	return 0
}

func nonNil(sets [][]string) [][]string {
	if sets == nil {
		return [][]string{}
	}
	return sets
}

func printLookup(w io.Writer, r *lookupResult, ep *access.Endpoint, params *access.Params) {
	fmt.Fprintf(w, "%s %s  (%s, %s)\n", r.Method, r.Template, r.Operation, r.Version)
	for i := range params.Len() {
		fmt.Fprintf(w, "  param %s = %s\n", params.Name(i), params.Value(i))
	}
	fg := "not accepted"
	if ep.FineGrained.Accepted {
		fg = permissionText(ep.FineGrained.AnyOf)
		if ep.FineGrained.PublicWithoutPermission {
			fg += " (public resources: no permission needed)"
		}
	}
	fmt.Fprintf(w, "  fine-grained: %s\n", fg)
	if !ep.Classic.Accepted {
		fmt.Fprintln(w, "  classic:      not accepted")
	} else {
		fmt.Fprintf(w, "  classic, private resources: %s\n", scopeText(ep.Classic.Private))
		fmt.Fprintf(w, "  classic, public resources:  %s\n", scopeText(ep.Classic.Public))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	fmt.Fprintf(w, "  docs: %s\n", r.Docs)
}

func permissionText(anyOf [][]access.Grant) string {
	alts := make([]string, len(anyOf))
	for i, set := range anyOf {
		parts := make([]string, len(set))
		for j, g := range set {
			parts[j] = g.Permission + ": " + g.Level.String()
		}
		alts[i] = strings.Join(parts, " and ")
	}
	return strings.Join(alts, "; or ")
}

func scopeText(sets [][]string) string {
	if len(sets) == 0 {
		return "no scope needed"
	}
	alts := make([]string, len(sets))
	for i, set := range sets {
		if len(set) == 0 {
			return "no scope needed"
		}
		alts[i] = strings.Join(set, " and ")
	}
	return strings.Join(alts, "; or ")
}

// versionTable loads the model under root and builds the runtime table of version.
func versionTable(env *cmdEnv, root, version string) (*access.Table, int) {
	m, diags, err := loadModel(root)
	if err != nil {
		env.errorf("%v", err)
		return nil, 1
	}
	if m == nil {
		diags.WriteText(env.stderr)
		return nil, 1
	}
	t, ok := codegen.Build(m, "https://scoperef.example").Table(version)
	if !ok {
		var names []string
		for _, v := range m.Built() {
			names = append(names, v.Name())
		}
		env.errorf("unknown version %q; known: %s", version, strings.Join(names, ", "))
		return nil, 2
	}
	return t, 0
}

// reorder moves flags after positional arguments to the front, so "lookup GET /x -json" works.
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && takesValue(a) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			rest = append(rest, a)
		}
	}
	return append(flags, rest...)
}

func takesValue(flagName string) bool {
	switch strings.TrimLeft(flagName, "-") {
	case "json", "h", "help":
		return false
	}
	return true
}
