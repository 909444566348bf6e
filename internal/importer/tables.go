package importer

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// Table is one fine-grained permission table in the line format (see the package doc).
type Table struct {
	Name   string // file name, for messages
	Source string // the first line's text after "# source "
	Format TableFormat
	Perms  []TablePerm
	Rows   []Row // E lines, exact duplicates removed
	Dups   []Row // exact duplicates of an earlier row
}

// TableFormat tells the two forms of the "additional" field apart.
type TableFormat int

const (
	// FormatFlags is the newer format: additional is "true" or "false".
	FormatFlags TableFormat = iota
	// FormatList is the older format: additional lists the other permissions, "-" for none.
	FormatList
)

// TablePerm is a P line: a permission and how GitHub titles it.
type TablePerm struct {
	Key, Title, Display string
	Group               string // repository, organization, account or enterprise
}

// Row is an E line: the permission Perm at Level lets a token call Method Path, possibly with
// other permissions (Additional).
type Row struct {
	Perm, Level, Method, Path, Additional string
	Category, Subcategory, Slug           string
	Line                                  int
}

// Key returns the endpoint the row is about.
func (r Row) Key() string { return r.Method + " " + r.Path }

// groupOf maps a P line's display title to a permission group.
func groupOf(display string) (string, bool) {
	for prefix, group := range map[string]string{
		"Repository permissions":   "repository",
		"Organization permissions": "organization",
		"User permissions":         "account",
		"Account permissions":      "account",
		"Enterprise permissions":   "enterprise",
	} {
		if strings.HasPrefix(display, prefix) {
			return group, true
		}
	}
	return "", false
}

// ParseTable reads a table. Lines are "# ..." comments, "P|key|title|display title" and
// "E|key|access|METHOD|path|additional|category|subcategory|slug". An E line must follow the P
// line of its permission; its level must be read, write or admin. Every problem is returned.
func ParseTable(name string, data []byte) (*Table, error) {
	t := &Table{Name: name}
	var errs []string
	errorf := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	seen := map[string]int{}
	perms := map[string]bool{}
	flags, lists := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			if src, ok := strings.CutPrefix(line, "# source "); ok && t.Source == "" {
				t.Source = src
			}
		case strings.HasPrefix(line, "P|"):
			f := strings.Split(line, "|")
			if len(f) != 4 {
				errorf(n, "a P line has 4 fields, found %d", len(f))
				continue
			}
			group, ok := groupOf(f[3])
			if !ok {
				errorf(n, "unknown permission group in %q", f[3])
				continue
			}
			if perms[f[1]] {
				errorf(n, "permission %s listed twice", f[1])
				continue
			}
			perms[f[1]] = true
			t.Perms = append(t.Perms, TablePerm{Key: f[1], Title: f[2], Display: f[3], Group: group})
		case strings.HasPrefix(line, "E|"):
			f := strings.Split(line, "|")
			if len(f) != 9 {
				errorf(n, "an E line has 9 fields, found %d", len(f))
				continue
			}
			r := Row{Perm: f[1], Level: f[2], Method: f[3], Path: f[4], Additional: f[5],
				Category: f[6], Subcategory: f[7], Slug: f[8], Line: n}
			switch {
			case !perms[r.Perm]:
				errorf(n, "permission %s has no P line before it", r.Perm)
				continue
			case levelRank(r.Level) == 0:
				errorf(n, "unknown access level %q", r.Level)
				continue
			case !slices.Contains(methods, r.Method):
				errorf(n, "unknown method %q", r.Method)
				continue
			case r.Additional == "true" || r.Additional == "false":
				flags++
			default:
				lists++
			}
			if _, dup := seen[line]; dup {
				t.Dups = append(t.Dups, r)
				continue
			}
			seen[line] = n
			t.Rows = append(t.Rows, r)
		default:
			errorf(n, "unknown line %.40q", line)
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", name, err))
	}
	if flags > 0 && lists > 0 {
		errs = append(errs, fmt.Sprintf("%s: mixes true/false and list values in the additional field", name))
	}
	if lists > 0 {
		t.Format = FormatList
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return t, nil
}

// byEndpoint groups the rows by method and path, keeping table order inside each group.
func (t *Table) byEndpoint() map[string][]Row {
	m := map[string][]Row{}
	for _, r := range t.Rows {
		m[r.Key()] = append(m[r.Key()], r)
	}
	return m
}
