// Command cmd exercises the generated starter tables through the access runtime; codegen's
// TestCompiles builds and runs it.
package main

import (
	"fmt"
	"log"

	"github.com/scoperef/scoperef/access"
	"github.com/scoperef/scoperef/internal/codegen/testdata/starter"
)

func main() {
	fg, err := starter.Dotcom.FineGrainedGrants(map[string]access.Level{"issues": access.Write})
	if err != nil {
		log.Fatal(err)
	}
	show(starter.Dotcom, fg, "", "POST", "/repos/octo/hello/issues")
	weak, err := starter.Dotcom.FineGrainedGrants(map[string]access.Level{"issues": access.Read})
	if err != nil {
		log.Fatal(err)
	}
	show(starter.Dotcom, weak, " with issues=read", "POST", "/repos/octo/hello/issues")
	t, ok := starter.Tables.Table("enterprise-server@3.19")
	if !ok {
		log.Fatal("no table for enterprise-server@3.19")
	}
	admin, err := t.ClassicGrants("site_admin")
	if err != nil {
		log.Fatal(err)
	}
	show(t, admin, " with site_admin", "GET", "/admin/hooks")
}

func show(t *access.Table, g access.Grants, with, method, path string) {
	d := t.Check(g, method, path, access.Private)
	if d.Allowed {
		fmt.Printf("%s %s %s%s: allowed\n", t.Version, method, path, with)
		return
	}
	fmt.Printf("%s %s %s%s: denied (accepted: %s)\n", t.Version, method, path, with, d.AcceptedGitHubPermissions)
}
