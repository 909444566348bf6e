// Package github holds GitHub's access model as static access.Table values, one per product
// version (Dotcom, GHEC, GHES3_17, ...), generated from scoperef's content/data.
//
// Input: the YAML under content/data, through `scoperef gen`.
// Output: tables_gen.go; regenerate it with `go generate ./...` after editing the data.
//
// Invariants: the tables are plain composite literals, so importing the package does no work at
// start-up; lookups build their indexes lazily, once, on first use (see package access).
//
//	t, _ := github.Tables.Table("ghes-3.19")
//	g, _ := t.FineGrainedGrants(map[string]access.Level{"issues": access.Write})
//	d := t.Check(g, "POST", "/repos/octo/hello/issues", access.Private)
package github

//go:generate go run ../../cmd/scoperef gen -root ../.. -pkg github -o tables_gen.go
