package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

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
	base := "http://" + *addr
	s := serve.New(serve.Options{
		Build: func() (*site.Mem, error) {
			mem := site.NewMem()
			var diags strings.Builder
			if _, err := buildSite(*root, base, mem, &diags); err != nil {
				if err == errReported {
					return nil, fmt.Errorf("%s", strings.TrimSpace(diags.String()))
				}
				return nil, err
			}
			return mem, nil
		},
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
