package main

import (
	"fmt"
	"runtime/debug"
)

func init() {
	register("version", "print scoperef's version", func(env *cmdEnv, args []string) int {
		fmt.Fprintln(env.stdout, "scoperef", buildVersion())
		return 0
	})
}

// buildVersion reports the module version the binary was built from, or "(devel)".
func buildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
