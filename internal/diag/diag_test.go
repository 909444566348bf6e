package diag

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestSortedDedupAndCount(t *testing.T) {
	var l List
	b := Pos{File: "b.yaml", Line: 2, Col: 1}
	a := Pos{File: "a.yaml", Line: 9, Col: 3}
	l.Errorf(b, "x", "second")
	l.Errorf(a, "", "first")
	l.Errorf(b, "x", "second") // the same problem found twice (e.g. in two versions)
	l.Warnf(a, "", "careful")
	errs, warns := l.Count()
	if errs != 2 || warns != 1 {
		t.Errorf("Count = %d errors, %d warnings; want 2, 1", errs, warns)
	}
	var buf bytes.Buffer
	l.WriteText(&buf)
	want := "a.yaml:9:3: warning: careful\na.yaml:9:3: first\nb.yaml:2:1: x: second\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if !l.HasErrors() || l.Err() == nil {
		t.Error("a list with errors must report them")
	}
}

func TestWarningsAreNotErrors(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "f"}, "", "w")
	if l.HasErrors() || l.Err() != nil {
		t.Error("warnings alone must not fail")
	}
}

func TestJSON(t *testing.T) {
	var l List
	var buf bytes.Buffer
	l.WriteJSON(&buf)
	if strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("empty list: got %q, want []", buf.String())
	}
	l.Errorf(Pos{File: "f.yaml", Line: 1, Col: 2}, "p", "m")
	buf.Reset()
	l.WriteJSON(&buf)
	for _, want := range []string{`"file": "f.yaml"`, `"line": 1`, `"col": 2`, `"severity": "error"`, `"message": "m"`, `"path": "p"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, buf.String())
		}
	}
}

func TestPosString(t *testing.T) {
	cases := map[Pos]string{
		{File: "f"}:                  "f",
		{File: "f", Line: 3}:         "f:3",
		{File: "f", Line: 3, Col: 4}: "f:3:4",
	}
	for p, want := range cases {
		if p.String() != want {
			t.Errorf("%#v: got %q, want %q", p, p.String(), want)
		}
	}
}

func TestAddErr(t *testing.T) {
	var l List
	inner := Diagnostic{Pos: Pos{File: "a.yaml", Line: 3, Col: 4}, Severity: Error, Msg: "bad key"}
	l.AddErr("ignored.yaml", fmt.Errorf("wrapped: %w", &ListError{Diagnostics: []Diagnostic{inner}}))
	l.AddErr("b.md", errors.New(" cannot read \n"))
	got := l.Sorted()
	want := []Diagnostic{inner, {Pos: Pos{File: "b.md"}, Severity: Error, Msg: "cannot read"}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("AddErr recorded %+v, want %+v", got, want)
	}
}
