package importer

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Report is what an import found, for the person running it.
type Report struct {
	Versions  []*VersionReport
	Skipped   []string // input files whose names map to no version
	Endpoints int      // endpoints written, across versions
	Files     []string // files written (or that would be written)
	Removed   []string // stale endpoint files removed
	Changed   int      // files whose bytes changed
	Fields    []string // endpoint-level disagreements between versions
	Scopes    []string // notes about scopes (named by descriptions only, used outside their versions)
	Merge     []string // notes about hand-written data kept or dropped
	Oracle    *OracleReport
	Problems  []string // references the written files would get wrong; empty on success
}

// VersionReport holds the figures of one product version.
type VersionReport struct {
	Version         Version
	Table           string // the table's source line
	Operations      int
	WithFineGrained int            // operations that the table lists
	MentionScope    int            // operations whose description names a scope
	Parsed          int            // ... whose scope sentences were all understood
	Conflicts       int            // ... whose sentences could not be combined
	Defaults        map[string]int // operations naming no scope, by default rule (DefaultRuleNames)
	WithClassic     int            // operations with a classic requirement (parsed or by default)
	Unparsed        map[string]int
	UnparsedOps     map[string][]string // shape -> operation ids
	TableRows       int                 // E lines, duplicates included
	RowsImported    int                 // rows that reached an endpoint
	Duplicates      []Row
	MissingFromAPI  []Row    // rows whose endpoint the API description lacks
	NotInTable      []string // operations the table does not list
	TableNotes      []string // anomalies found while rebuilding sets
}

// defaulted counts the operations a default rule gave a requirement (DefaultNone gives none).
func (v *VersionReport) defaulted() int {
	n := 0
	for name, c := range v.Defaults {
		if name != DefaultNone {
			n += c
		}
	}
	return n
}

// ShapeCount is an unparsed sentence shape and how often it occurs.
type ShapeCount struct {
	Shape string
	Count int
}

// UnparsedShapes returns the unparsed shapes, most frequent first.
func (v *VersionReport) UnparsedShapes() []ShapeCount {
	var out []ShapeCount
	for s, n := range v.Unparsed {
		out = append(out, ShapeCount{s, n})
	}
	slices.SortFunc(out, func(a, b ShapeCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Shape, b.Shape)
	})
	return out
}

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}

// Write prints the report. verbose adds the operations each version's table does not list.
func (r *Report) Write(w io.Writer, verbose bool) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	for _, v := range r.Versions {
		p("== %s", v.Version)
		if v.Table != "" {
			p("  table source: %s", v.Table)
		}
		p("  operations:                       %d", v.Operations)
		p("  with fine-grained data:           %d (%d without: fine_grained.accepted false)", v.WithFineGrained, len(v.NotInTable))
		p("  description names a scope:        %d, parsed %d (%s), conflicting %d", v.MentionScope, v.Parsed, pct(v.Parsed, v.MentionScope), v.Conflicts)
		p("  classic requirement:              %d (%d from scope sentences, %d from default rules)",
			v.WithClassic, v.WithClassic-v.defaulted(), v.defaulted())
		var parts []string
		for _, name := range DefaultRuleNames() {
			parts = append(parts, fmt.Sprintf("%s %d", name, v.Defaults[name]))
		}
		p("  description names no scope:       %d: %s", v.Operations-v.MentionScope, strings.Join(parts, ", "))
		p("  table rows: %d = %d imported + %d duplicates + %d whose endpoint the API description lacks",
			v.TableRows, v.RowsImported, len(v.Duplicates), len(v.MissingFromAPI))
		if shapes := v.UnparsedShapes(); len(shapes) > 0 {
			p("  unparsed sentence shapes:")
			for _, s := range shapes {
				ops := v.UnparsedOps[s.Shape]
				p("    %3d  %s", s.Count, s.Shape)
				p("         e.g. %s", strings.Join(ops[:min(3, len(ops))], ", "))
			}
		}
		if len(v.MissingFromAPI) > 0 {
			p("  table entries missing from the API description:")
			for _, row := range v.MissingFromAPI {
				p("    line %d: %s %s (%s=%s)", row.Line, row.Method, row.Path, row.Perm, row.Level)
			}
		}
		if len(v.Duplicates) > 0 {
			p("  exact duplicate table rows (kept once):")
			for _, row := range v.Duplicates {
				p("    line %d: %s %s (%s=%s)", row.Line, row.Method, row.Path, row.Perm, row.Level)
			}
		}
		for _, n := range v.TableNotes {
			p("  table: %s", n)
		}
		if verbose && len(v.NotInTable) > 0 {
			p("  operations the table does not list:")
			for _, op := range v.NotInTable {
				p("    %s", op)
			}
		}
	}
	section := func(title string, lines []string) {
		if len(lines) > 0 {
			p("== %s", title)
			for _, l := range lines {
				p("  %s", l)
			}
		}
	}
	section("endpoint fields that differ between versions", r.Fields)
	section("scopes", r.Scopes)
	section("hand-written data", r.Merge)
	section("skipped input files", r.Skipped)
	section("PROBLEMS in the imported data", r.Problems)
	if r.Oracle != nil {
		r.Oracle.write(w)
	}
	p("== output")
	p("  %d endpoints in %d files; %d files changed; %d stale files removed", r.Endpoints, len(r.Files), r.Changed, len(r.Removed))
	for _, f := range r.Removed {
		p("  removed %s", f)
	}
}

// OracleReport compares the sets rebuilt from a newer table with those an older list-format
// table spells out.
type OracleReport struct {
	Oracle, Table string // sources
	Both          int    // endpoints in both tables
	Agree         int
	Disagree      []OracleDiff
	OnlyOracle    []string
	OnlyTable     []string
}

// OracleDiff is one endpoint on which the two tables disagree.
type OracleDiff struct {
	Endpoint        string
	Oracle, Rebuilt AnyOf
	// SameRows: both tables list the same permissions at the same levels for the endpoint, so
	// the difference comes from the rebuilding rule, not from a change of the table.
	SameRows bool
}

func (o *OracleReport) write(w io.Writer) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("== oracle: %s", o.Oracle)
	p("  against: %s", o.Table)
	rule := 0
	for _, d := range o.Disagree {
		if d.SameRows {
			rule++
		}
	}
	p("  endpoints in both: %d; same sets: %d; different: %d (%d with the same rows, i.e. from the rule; %d where the rows changed); only in the oracle: %d; only in the table: %d",
		o.Both, o.Agree, len(o.Disagree), rule, len(o.Disagree)-rule, len(o.OnlyOracle), len(o.OnlyTable))
	for _, d := range o.Disagree {
		why := "rows changed"
		if d.SameRows {
			why = "SAME ROWS"
		}
		p("  differ (%s) %s\n           oracle:  %s\n           rebuilt: %s", why, d.Endpoint, d.Oracle, d.Rebuilt)
	}
	for _, e := range o.OnlyOracle {
		p("  only in the oracle: %s", e)
	}
	for _, e := range o.OnlyTable {
		p("  only in the table:  %s", e)
	}
}

// compareWithOracle rebuilds both tables' sets per endpoint and compares them.
func compareWithOracle(oracle, table *Table) *OracleReport {
	o := &OracleReport{Oracle: oracle.Source, Table: table.Source}
	want, got := map[string]AnyOf{}, map[string]AnyOf{}
	oracleRows, tableRows := oracle.byEndpoint(), table.byEndpoint()
	for k, rows := range oracleRows {
		want[k], _ = rebuild(oracle, rows)
	}
	for k, rows := range tableRows {
		got[k], _ = rebuild(table, rows)
	}
	keys := slices.SortedFunc(maps.Keys(want), cmp.Compare)
	for _, k := range keys {
		g, ok := got[k]
		if !ok {
			o.OnlyOracle = append(o.OnlyOracle, k)
			continue
		}
		o.Both++
		if g.String() == want[k].String() {
			o.Agree++
		} else {
			o.Disagree = append(o.Disagree, OracleDiff{k, want[k], g, grantsOf(oracleRows[k]) == grantsOf(tableRows[k])})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			o.OnlyTable = append(o.OnlyTable, k)
		}
	}
	return o
}

// rebuild applies the rule of the table's format.
func rebuild(t *Table, rows []Row) (AnyOf, []string) {
	if t.Format == FormatList {
		return SetsFromLists(rows)
	}
	return SetsFromFlags(rows)
}

// grantsOf lists the distinct permission=level pairs of rows, sorted.
func grantsOf(rows []Row) string {
	var gs []string
	for _, r := range rows {
		gs = append(gs, r.Perm+"="+r.Level)
	}
	slices.Sort(gs)
	return strings.Join(slices.Compact(gs), ",")
}
