package importer

import (
	"os"
	"testing"
)

func readTable(t *testing.T, name string) *Table {
	t.Helper()
	data, err := os.ReadFile("testdata/tables/" + name)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ParseTable(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// handChecked are endpoints whose sets were worked out by hand from the rows of
// testdata/tables/flags.txt (copied from GitHub's tables, plus three constructed endpoints
// marked "constructed" for cases the real tables do not contain). The want strings use the
// X-Accepted-GitHub-Permissions form: "," joins an AND-set, "; " separates alternatives.
var handChecked = []struct {
	endpoint, why, want string
	public              bool
}{
	{"POST /repos/{owner}/{repo}/issues", "one permission alone", "issues=write", false},
	{"GET /repos/{owner}/{repo}", "metadata alone", "metadata=read", true},
	{"GET /repos/{owner}/{repo}/assignees", "two permissions, both additional", "issues=read,pull_requests=read", true},
	{"POST /repos/{owner}/{repo}/forks", "two permissions at different levels", "administration=write,contents=read", false},
	{"PUT /orgs/{org}/actions/permissions/repositories/{repository_id}", "metadata listed in addition", "metadata=read,organization_administration=write", false},
	{"PUT /user/starred/{owner}/{repo}", "a lone additional permission means metadata in addition", "metadata=read,starring=write", false},
	{"POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", "three permissions together", "actions=read,checks=read,deployments=read", false},
	{"POST /repos/{owner}/{repo}/git/refs", "an exact duplicate row counts once", "contents=write,workflows=write", false},
	{"GET /projects/columns/cards/{card_id}", "organization and repository permissions together", "organization_projects=read,repository_projects=read", false},
	{"GET /orgs/{org}/either", "constructed: either of two permissions", "organization_projects=read; repository_projects=read", false},
	{"GET /repos/{owner}/{repo}/readme", "one permission at two levels: the lower suffices", "contents=read", true},
	{"GET /repos/{owner}/{repo}/mixed", "constructed: one alone, or two together", "contents=read; issues=read,pull_requests=read", true},
	{"GET /repos/{owner}/{repo}/lone-metadata", "constructed: a lone additional metadata adds nothing", "metadata=read", true},
	{"GET /scim/v2/enterprises/{enterprise}/Groups", "an enterprise permission", "enterprise_scim=read", false},
}

func TestSetsFromFlags(t *testing.T) {
	rows := readTable(t, "flags.txt").byEndpoint()
	if len(rows) != len(handChecked) {
		t.Errorf("fixture has %d endpoints, the test checks %d", len(rows), len(handChecked))
	}
	for _, c := range handChecked {
		rs, ok := rows[c.endpoint]
		if !ok {
			t.Errorf("%s: not in the fixture", c.endpoint)
			continue
		}
		got, notes := SetsFromFlags(rs)
		if got.String() != c.want {
			t.Errorf("%s (%s):\n got  %s\n want %s", c.endpoint, c.why, got, c.want)
		}
		if len(notes) > 0 {
			t.Errorf("%s: unexpected notes %q", c.endpoint, notes)
		}
		method, _, _ := cutSpace(c.endpoint)
		if p := publicWithoutPermission(method, got); p != c.public {
			t.Errorf("%s: public_without_permission = %t, want %t", c.endpoint, p, c.public)
		}
	}
}

func cutSpace(s string) (string, string, bool) {
	for i := range s {
		if s[i] == ' ' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// TestFlagsAgreeWithLists is the oracle in miniature: the older list-format excerpt spells out
// the sets, and rebuilding the newer excerpt must give the same ones.
func TestFlagsAgreeWithLists(t *testing.T) {
	flags, lists := readTable(t, "flags.txt"), readTable(t, "lists.txt")
	if flags.Format != FormatFlags || lists.Format != FormatList {
		t.Fatalf("formats: %v %v", flags.Format, lists.Format)
	}
	o := compareWithOracle(lists, flags)
	if len(o.Disagree) != 0 || len(o.OnlyOracle) != 0 || len(o.OnlyTable) != 0 || o.Agree != len(handChecked) {
		t.Errorf("oracle: agree %d of %d, differ %+v, only oracle %v, only table %v",
			o.Agree, len(handChecked), o.Disagree, o.OnlyOracle, o.OnlyTable)
	}
}

func TestSetsFromListsLevels(t *testing.T) {
	// A listed permission takes the level of its own row.
	rows := []Row{
		{Perm: "contents", Level: "write", Additional: "workflows"},
		{Perm: "workflows", Level: "write", Additional: "contents"},
	}
	if got, _ := SetsFromLists(rows); got.String() != "contents=write,workflows=write" {
		t.Errorf("got %s", got)
	}
	// A listed permission without a row of its own is read, and reported.
	got, notes := SetsFromLists([]Row{{Perm: "gists", Level: "write", Additional: "metadata"}})
	if got.String() != "gists=write,metadata=read" || len(notes) != 1 {
		t.Errorf("got %s, notes %q", got, notes)
	}
}

func TestSetsFromFlagsConflict(t *testing.T) {
	got, notes := SetsFromFlags([]Row{
		{Perm: "contents", Level: "read", Additional: "true"},
		{Perm: "contents", Level: "write", Additional: "true"},
		{Perm: "issues", Level: "read", Additional: "true"},
	})
	if got.String() != "contents=write,issues=read" || len(notes) != 1 {
		t.Errorf("got %s, notes %q", got, notes)
	}
}

func TestParseTableDuplicatesAndErrors(t *testing.T) {
	tab := readTable(t, "flags.txt")
	if len(tab.Dups) != 1 || tab.Dups[0].Line != 16 {
		t.Errorf("duplicates: %+v", tab.Dups)
	}
	if len(tab.Perms) != 14 || tab.Perms[len(tab.Perms)-2].Group != "account" || tab.Perms[len(tab.Perms)-1].Group != "enterprise" {
		t.Errorf("permissions: %+v", tab.Perms)
	}
	bad := "P|a|A|Nowhere permissions for \"A\"\n" +
		"P|b|B|Repository permissions for \"B\"\n" +
		"E|c|read|GET|/x|false|c|c|c\n" +
		"E|b|own|GET|/x|false|c|c|c\n" +
		"E|b|read|GET|/x|false|c|c\n" +
		"E|b|read|GET|/y|-|c|c|c\n" +
		"E|b|read|GET|/z|true|c|c|c\n" +
		"X\n"
	_, err := ParseTable("bad.txt", []byte(bad))
	want := "bad.txt:1: unknown permission group in \"Nowhere permissions for \\\"A\\\"\"\n" +
		"bad.txt:3: permission c has no P line before it\n" +
		"bad.txt:4: unknown access level \"own\"\n" +
		"bad.txt:5: an E line has 9 fields, found 8\n" +
		"bad.txt:8: unknown line \"X\"\n" +
		"bad.txt: mixes true/false and list values in the additional field"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}
