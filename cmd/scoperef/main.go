// Command scoperef validates an API access model kept in YAML, builds its documentation site, and
// generates Go tables for enforcement.
//
// Usage:
//
//	scoperef <command> [-root DIR] [flags] [args]
//
// Every command reads the project under -root (default: the current directory): content/ and
// locales/ there, and schema/ and templates/ there when present, else the copies embedded in the
// binary. Exit status: 0 on success, 1 when the input has errors, 2 for wrong usage.
//
// Each command lives in its own file and registers itself in commands below.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// command is one subcommand. run returns the process exit status.
type command struct {
	summary string
	run     func(env *cmdEnv, args []string) int
}

// cmdEnv carries the process's streams, so tests can run commands in-process.
type cmdEnv struct {
	stdout, stderr io.Writer
}

func (e *cmdEnv) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "scoperef: "+format+"\n", args...)
}

// writeJSON prints v on stdout as indented JSON, for tools (no HTML escaping: it is not for a
// web page), and returns the exit status.
func (e *cmdEnv) writeJSON(v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		e.errorf("%v", err)
		return 1
	}
	return 0
}

var commands = map[string]command{}

// register adds a subcommand; each command file calls it from an init function.
func register(name, summary string, run func(env *cmdEnv, args []string) int) {
	if _, dup := commands[name]; dup {
		panic("scoperef: command registered twice: " + name)
	}
	commands[name] = command{summary: summary, run: run}
}

func main() {
	os.Exit(run(&cmdEnv{stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

func run(env *cmdEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		env.errorf("unknown command %q; run 'scoperef help' for the list", args[0])
		return 2
	}
	return cmd.run(env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: scoperef <command> [-root DIR] [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'scoperef <command> -h' for a command's flags.")
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
