// Package diag holds scoperef's diagnostics: positioned errors and warnings that every
// pipeline stage reports instead of failing on the first problem.
//
// Inputs: stages append Diagnostics to a List as they find problems.
// Outputs: the List sorted by file, line, column and message, de-duplicated, printed either as
// text lines ("content/data/scopes.yaml:12:5: scopes[3].parents[0]: unknown scope ...") or as JSON.
//
// Invariants: a Diagnostic always names a file (Pos.File) when it comes from a source file; Line
// and Col are 1-based, 0 meaning unknown; printing never reorders or drops errors other than exact
// duplicates.
package diag

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity tells errors, which fail a run, from warnings, which do not.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText makes Severity print as "error" or "warning" in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos is a place in a source file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Offset returns p moved n columns to the right on the same line (for positions inside a value).
func (p Pos) Offset(n int) Pos {
	if p.Col > 0 {
		p.Col += n
	}
	return p
}

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Pos      Pos      `json:"pos"`
	Path     string   `json:"path,omitempty"` // the value's path inside the file, e.g. scopes[3].parents[0]
	Severity Severity `json:"severity"`
	Msg      string   `json:"message"`
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List collects diagnostics. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, path, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Path: path, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, path, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Path: path, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Add records d.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// AddErr records err: the diagnostics of a *ListError as they are (their positions kept), any
// other error as one at file.
func (l *List) AddErr(file string, err error) {
	var le *ListError
	if errors.As(err, &le) {
		for _, d := range le.Diagnostics {
			l.Add(d)
		}
		return
	}
	l.Errorf(Pos{File: file}, "", "%s", strings.TrimSpace(err.Error()))
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// Len reports how many diagnostics were recorded.
func (l *List) Len() int { return len(l.items) }

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	return slices.ContainsFunc(l.items, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of errors and warnings, counting duplicates once, as printed.
func (l *List) Count() (errors, warnings int) {
	for _, d := range l.Sorted() {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sorted returns the diagnostics ordered by file, line, column, path and message, without exact
// duplicates. The List itself is left unchanged.
func (l *List) Sorted() []Diagnostic {
	out := slices.Clone(l.items)
	slices.SortFunc(out, compare)
	return slices.Compact(out)
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Msg, b.Msg),
		cmp.Compare(a.Severity, b.Severity),
	)
}

// Err returns the list as an error when it holds errors, else nil.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{Diagnostics: l.Sorted()}
}

// ListError is an error carrying sorted diagnostics.
type ListError struct {
	Diagnostics []Diagnostic
}

func (e *ListError) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// WriteText prints one diagnostic a line, sorted.
func (l *List) WriteText(w io.Writer) error {
	for _, d := range l.Sorted() {
		if _, err := fmt.Fprintln(w, d); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON prints the sorted diagnostics as a JSON array (an empty array when there are none).
func (l *List) WriteJSON(w io.Writer) error {
	ds := l.Sorted()
	if ds == nil {
		ds = []Diagnostic{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ds)
}
