package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/scoperef/scoperef/access"
)

func init() {
	register("minimize", "the least a token needs to call a list of endpoints", runMinimize)
}

// minimizeResult is the JSON form of minimize, described by schema/minimize.schema.json.
type minimizeResult struct {
	Version     string             `json:"version"`
	Visibility  string             `json:"visibility"`
	Endpoints   []minimizeEndpoint `json:"endpoints"`
	FineGrained minimizeFine       `json:"fine_grained"`
	Classic     minimizeClassic    `json:"classic"`
}

type minimizeEndpoint struct {
	Input     string `json:"input"`
	Operation string `json:"operation"`
	Method    string `json:"method"`
	Path      string `json:"path"`
	Docs      string `json:"documentation_url"`
}

type minimizeFine struct {
	Permissions []minimizeGrant `json:"permissions"`
	Unavailable []string        `json:"unavailable"`
}

type minimizeGrant struct {
	Permission string   `json:"permission"`
	Level      string   `json:"level"`
	Endpoints  []string `json:"endpoints"`
}

type minimizeClassic struct {
	Scopes      []minimizeScope `json:"scopes"`
	Unavailable []string        `json:"unavailable"`
}

type minimizeScope struct {
	Scope     string   `json:"scope"`
	Endpoints []string `json:"endpoints"`
}

const minimizeUsage = `usage: scoperef minimize [-root DIR] [-version V] [-visibility private|public] [-f FILE] [--json] ENDPOINT...
  ENDPOINT is "METHOD PATH" (a path template or a concrete request path; METHOD and PATH may
  also be two arguments) or an operation id; -f FILE reads one per line ("-" for standard input;
  blank lines and lines starting with # are skipped)`

func runMinimize(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("minimize", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	version := fs.String("version", "dotcom", "product `version`: dotcom, ghec, ghes-3.19 or a URL segment")
	visibility := fs.String("visibility", "private", "the resources the endpoints work on: private (or internal) or public")
	file := fs.String("f", "", "read endpoints from `file`, one per line (- for standard input)")
	asJSON := fs.Bool("json", false, "print JSON (schema/minimize.schema.json)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, minimizeUsage)
		fs.PrintDefaults()
	}
	rest, ok := parseInterspersed(fs, args)
	if !ok {
		return 2
	}
	vis := access.Private
	switch *visibility {
	case "private":
	case "public":
		vis = access.Public
	default:
		env.errorf("-visibility must be private or public, not %q", *visibility)
		return 2
	}
	inputs := joinMethods(rest)
	if *file != "" {
		lines, err := readEndpointFile(*file)
		if err != nil {
			env.errorf("%v", err)
			return 1
		}
		inputs = append(inputs, lines...)
	}
	if len(inputs) == 0 {
		env.errorf("%s", minimizeUsage)
		return 2
	}
	t, code := versionTable(env, *root, *version)
	if t == nil {
		return code
	}
	res := minimizeResult{Version: t.Version, Visibility: *visibility, Endpoints: []minimizeEndpoint{}}
	var eps []*access.Endpoint
	seen := map[*access.Endpoint]bool{}
	failed := false
	for _, in := range inputs {
		ep, err := resolveEndpoint(t, in)
		if err != nil {
			env.errorf("%s", err)
			failed = true
			continue
		}
		if seen[ep] {
			continue
		}
		seen[ep] = true
		eps = append(eps, ep)
		res.Endpoints = append(res.Endpoints, minimizeEndpoint{Input: in, Operation: ep.Operation, Method: ep.Method,
			Path: ep.Path, Docs: t.DocsBaseURL + ep.DocsPath})
	}
	if failed {
		return 1
	}
	m, err := t.Minimize(eps, vis)
	if err != nil {
		env.errorf("%v", err)
		return 1
	}
	res.FineGrained = minimizeFine{Permissions: []minimizeGrant{}, Unavailable: operationIDs(m.FineGrainedUnavailable)}
	for _, g := range m.FineGrained {
		res.FineGrained.Permissions = append(res.FineGrained.Permissions,
			minimizeGrant{Permission: g.Permission, Level: g.Level.String(), Endpoints: operationIDs(g.Endpoints)})
	}
	res.Classic = minimizeClassic{Scopes: []minimizeScope{}, Unavailable: operationIDs(m.ClassicUnavailable)}
	for _, s := range m.Classic {
		res.Classic.Scopes = append(res.Classic.Scopes, minimizeScope{Scope: s.Scope, Endpoints: operationIDs(s.Endpoints)})
	}
	if *asJSON {
		return env.writeJSON(res)
	}
	printMinimize(env.stdout, &res, m)
	return 0
}

// joinMethods pairs a method argument with the path argument after it ("GET" "/user" becomes
// "GET /user"); every other argument stands alone.
func joinMethods(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if isMethod(args[i]) && i+1 < len(args) && strings.HasPrefix(args[i+1], "/") {
			out = append(out, args[i]+" "+args[i+1])
			i++
			continue
		}
		out = append(out, args[i])
	}
	return out
}

func isMethod(s string) bool {
	switch strings.ToUpper(s) {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE":
		return true
	}
	return false
}

// readEndpointFile returns the endpoints listed in name, one per line.
func readEndpointFile(name string) ([]string, error) {
	var r io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return out, nil
}

// resolveEndpoint finds the endpoint "METHOD PATH" or an operation id names.
func resolveEndpoint(t *access.Table, in string) (*access.Endpoint, error) {
	fields := strings.Fields(in)
	switch {
	case len(fields) == 2 && isMethod(fields[0]):
		method := strings.ToUpper(fields[0])
		ep, _, ok := t.Lookup(method, fields[1])
		if !ok {
			return nil, fmt.Errorf("%s %s: no endpoint in %s", method, fields[1], t.Version)
		}
		return ep, nil
	case len(fields) == 1 && !strings.HasPrefix(fields[0], "/"):
		for i := range t.Endpoints {
			if t.Endpoints[i].Operation == fields[0] {
				return &t.Endpoints[i], nil
			}
		}
		return nil, fmt.Errorf("%s: no operation of that id in %s", fields[0], t.Version)
	}
	return nil, fmt.Errorf("%q: not \"METHOD PATH\" or an operation id", in)
}

func operationIDs(eps []*access.Endpoint) []string {
	out := []string{}
	for _, e := range eps {
		out = append(out, e.Operation)
	}
	return out
}

func printMinimize(w io.Writer, r *minimizeResult, m access.Minimal) {
	fmt.Fprintf(w, "%s, %s resources: %d endpoint(s)\n", r.Version, r.Visibility, len(r.Endpoints))
	fmt.Fprintf(w, "\nfine-grained permissions (%d; metadata: read is always held):\n", len(m.FineGrained))
	for _, g := range m.FineGrained {
		fmt.Fprintf(w, "  %s: %s\n", g.Permission, g.Level)
		printNeededBy(w, g.Endpoints)
	}
	fmt.Fprintf(w, "\nendpoints no fine-grained token can call (%d):\n", len(m.FineGrainedUnavailable))
	printEndpoints(w, m.FineGrainedUnavailable)
	fmt.Fprintf(w, "\nclassic scopes (%d):\n", len(m.Classic))
	for _, s := range m.Classic {
		fmt.Fprintf(w, "  %s\n", s.Scope)
		printNeededBy(w, s.Endpoints)
	}
	fmt.Fprintf(w, "\nendpoints no classic token can call (%d):\n", len(m.ClassicUnavailable))
	printEndpoints(w, m.ClassicUnavailable)
}

func printNeededBy(w io.Writer, eps []*access.Endpoint) {
	for i, e := range eps {
		label := "              "
		if i == 0 {
			label = "    needed by "
		}
		fmt.Fprintf(w, "%s%s %s (%s)\n", label, e.Method, e.Path, e.Operation)
	}
}

func printEndpoints(w io.Writer, eps []*access.Endpoint) {
	for _, e := range eps {
		fmt.Fprintf(w, "  %s %s (%s)\n", e.Method, e.Path, e.Operation)
	}
}
