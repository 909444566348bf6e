package main

// The scripts in testdata/script are the command's end-to-end tests: each runs scoperef in a work
// directory that holds the starter dataset (examples/starter) overlaid with the files the script
// itself provides, so a script contains only what it breaks. Expected diagnostics are kept as
// exact files inside the scripts (cmp stderr want); run
//
//	go test ./cmd/scoperef -run TestScripts -update
//
// to rewrite them from the current output, then review the diff.
//
// Besides the standard commands, scripts can use:
//
//	exits N PROG [ARGS...]    run PROG like exec and fail unless its exit status is N
//	append [-n N] FILE TEXT   append TEXT, Go escapes decoded (\n, \xe9), N times to FILE;
//	                          for inputs a text archive cannot hold: invalid UTF-8, huge files

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the scripts' expected files from the actual output")

// starterDir is the dataset every script starts from, relative to this package.
const starterDir = "../../examples/starter"

// buildDate is the fixed day the scripts run on, so release statuses never change under them.
var buildDate = time.Date(2026, time.November, 22, 0, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"scoperef": func() { os.Exit(run(&cmdEnv{stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(buildDate.Unix(), 10))
			return overlayStarter(starterDir, env.WorkDir)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"append": cmdAppend,
			"exits":  cmdExits,
		},
	})
}

// overlayStarter copies every file of the starter dataset into work unless the script's archive
// already put a file of that name there.
func overlayStarter(src, work string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(work, rel)
		if _, err := os.Lstat(dst); err == nil {
			return nil // the script provides its own version
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o777); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o666)
	})
}

// cmdAppend implements "append [-n N] FILE TEXT": it appends TEXT, with Go escapes such as \n
// and \xe9 decoded, N times (default once) to FILE, creating it if needed.
func cmdAppend(ts *testscript.TestScript, neg bool, args []string) {
	n := 1
	if len(args) > 0 && args[0] == "-n" {
		if len(args) < 2 {
			ts.Fatalf("usage: append [-n N] FILE TEXT")
		}
		var err error
		n, err = strconv.Atoi(args[1])
		ts.Check(err)
		args = args[2:]
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: append [-n N] FILE TEXT")
	}
	text, err := strconv.Unquote(`"` + args[1] + `"`)
	if err != nil {
		ts.Fatalf("append: cannot decode %q: %v", args[1], err)
	}
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	ts.Check(err)
	_, err = f.WriteString(strings.Repeat(text, n))
	ts.Check(err)
	ts.Check(f.Close())
}

// cmdExits implements "exits N PROG [ARGS...]": exec, asserting the exact exit status (exec and
// ! exec only tell zero from non-zero, and scoperef gives 1 for bad input, 2 for bad usage).
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	var exit *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case err == nil:
	case errors.As(err, &exit):
		got = exit.ExitCode()
	default:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
