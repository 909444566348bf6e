package codegen

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/scoperef/scoperef"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func starter(t testing.TB) *model.Model {
	t.Helper()
	schemaFS, err := fs.Sub(scoperef.Schemas, "schema")
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := validate.CompileSchemas(schemaFS)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := validate.Load(validate.Options{Root: os.DirFS("../../examples/starter"), Schemas: schemas,
		BuildDate: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if m == nil {
		t.Fatalf("starter does not validate:\n%v", diags.Err())
	}
	return m
}

// TestGolden compares the generated starter tables with testdata/starter/tables.go, which a
// second test compiles together with a program that uses them.
func TestGolden(t *testing.T) {
	m := starter(t)
	got, err := Generate(m, Options{Package: "starter", SiteURL: "https://docs.example"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Generate(m, Options{Package: "starter", SiteURL: "https://docs.example"})
	if err != nil || !bytes.Equal(got, again) {
		t.Fatalf("two generations differ (err %v)", err)
	}
	golden := filepath.Join("testdata", "starter", "tables.go")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generated code differs from %s; run go test ./internal/codegen -update and review the diff", golden)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "tables.go", got, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if !ast.IsGenerated(f) {
		t.Error("the file does not carry the standard Code generated header")
	}
}

// TestCompiles builds and runs a program that checks requests against the generated tables.
func TestCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program; skipped in -short mode")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	cmd := exec.Command(goTool, "run", "./testdata/starter/cmd")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run failed: %v\n%s", err, out)
	}
	want := "dotcom POST /repos/octo/hello/issues: allowed\n" +
		"dotcom POST /repos/octo/hello/issues with issues=read: denied (accepted: issues=write)\n" +
		"ghes-3.19 GET /admin/hooks with site_admin: allowed\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestVarName(t *testing.T) {
	m := starter(t)
	var got []string
	for _, v := range m.Built() {
		got = append(got, VarName(v))
	}
	want := []string{"Dotcom", "GHEC", "GHES3_9", "GHES3_17", "GHES3_18", "GHES3_19"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %v, want %v", got, want)
			break
		}
	}
}

func TestBadPackage(t *testing.T) {
	if _, err := Generate(starter(t), Options{Package: "my-pkg"}); err == nil {
		t.Error("a package name that is not an identifier must fail")
	}
}
