package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/scoperef/scoperef/internal/content"
	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/serve"
	"github.com/scoperef/scoperef/internal/site"
)

func init() {
	register("serve", "serve the site locally, rebuilding and reloading on change", runServe)
}

func runServe(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	root := fs.String("root", ".", "project root `dir`")
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		env.errorf("usage: scoperef serve [-root DIR] [-addr HOST:PORT]")
		return 2
	}
	if info, err := os.Stat(*root); err != nil || !info.IsDir() {
		env.errorf("project root %s is not a directory", *root)
		return 1
	}
	st := &serveState{root: *root, base: "http://" + *addr, cache: site.NewCache(), parsed: content.NewParseCache()}
	s := serve.New(serve.Options{
		Build: st.build,
		Watch: []string{
			filepath.Join(*root, "content"), filepath.Join(*root, "locales"),
			filepath.Join(*root, "templates"), filepath.Join(*root, "schema"),
		},
		Langs: i18n.Languages,
		Log:   env.stderr,
	})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := s.Run(ctx, *addr, env.stdout); err != nil {
		env.errorf("%v", err)
		return 1
	}
	return 0
}

// serveState keeps what one build of scoperef serve can lend the next: after an edit that only
// touches pages and reusables, the model, interface strings and reference pages are reused and
// only the pages are loaded again, parsing only the Markdown that changed; layouts of unchanged
// pages come from the cache.
type serveState struct {
	root, base string
	cache      *site.Cache
	parsed     *content.ParseCache // the pages' parsed Markdown, for the next load
	last       *site.Options       // inputs of the last build whose data loaded
}

func (st *serveState) build(changed []string) (*site.Mem, error) {
	var diags strings.Builder
	opts, err := st.options(changed, &diags)
	if err == nil {
		mem := site.NewMem()
		if _, err = site.Build(opts, mem); err == nil {
			return mem, nil
		}
	}
	if err == errReported {
		return nil, fmt.Errorf("%s", strings.TrimSpace(diags.String()))
	}
	return nil, err
}

func (st *serveState) options(changed []string, diags io.Writer) (site.Options, error) {
	if st.last != nil && pagesOnly(st.root, changed) {
		m, cat := st.last.Model, st.last.Catalog
		cs, cdiags := content.Load(content.Options{Root: os.DirFS(st.root), Model: m, Langs: i18n.Languages, Label: cat.Label, Parsed: st.parsed})
		cdiags.WriteText(diags)
		if cdiags.HasErrors() {
			return site.Options{}, errReported
		}
		opts := *st.last
		opts.Content = site.FromContent(cs)
		return opts, nil
	}
	opts, err := siteOptions(st.root, st.base, diags, st.parsed)
	if err != nil {
		return opts, err
	}
	opts.Cache = st.cache
	st.last = &opts
	return opts, nil
}

// pagesOnly reports whether every changed file is a page or a reusable, in English or in
// translation, so that the data, interface strings and templates can be kept.
func pagesOnly(root string, changed []string) bool {
	if len(changed) == 0 {
		return false
	}
	for _, name := range changed {
		rel, err := filepath.Rel(root, name)
		if err != nil {
			return false
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		switch {
		case len(parts) >= 3 && parts[0] == "content" && (parts[1] == "pages" || parts[1] == "reusables"):
		case len(parts) >= 4 && parts[0] == "locales" && (parts[2] == "pages" || parts[2] == "reusables"):
		default:
			return false
		}
	}
	return true
}
