package vrange

import "testing"

func TestParseRelease(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Release
	}{
		{"3.19", Release{3, 19}},
		{"3.9", Release{3, 9}},
		{"0.0", Release{0, 0}},
		{"10.0", Release{10, 0}},
		{"999999999.1", Release{999999999, 1}},
	} {
		got, err := ParseRelease(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseRelease(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("ParseRelease(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestParseReleaseErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", `invalid release "": want MAJOR.MINOR, like 3.10`},
		{"3", `invalid release "3": want MAJOR.MINOR, like 3.10`},
		{"3.", `invalid release "3.": want MAJOR.MINOR, like 3.10`},
		{".3", `invalid release ".3": want MAJOR.MINOR, like 3.10`},
		{"3.x", `invalid release "3.x": want MAJOR.MINOR, like 3.10`},
		{"3.1.2", `invalid release "3.1.2": want MAJOR.MINOR, like 3.10`},
		{"+3.1", `invalid release "+3.1": want MAJOR.MINOR, like 3.10`},
		{"3.-1", `invalid release "3.-1": want MAJOR.MINOR, like 3.10`},
		{" 3.1", `invalid release " 3.1": want MAJOR.MINOR, like 3.10`},
		{"3.01", `invalid release "3.01": "01" has a leading zero`},
		{"03.1", `invalid release "03.1": "03" has a leading zero`},
		{"1234567890.1", `invalid release "1234567890.1": "1234567890" is too large`},
	} {
		r, err := ParseRelease(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseRelease(%q) = %v, %v; want error %q", tt.in, r, err, tt.want)
		}
	}
}

func TestReleaseCompare(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"3.9", "3.10", -1}, // numeric, not lexical
		{"3.10", "3.9", +1},
		{"3.10", "3.10", 0},
		{"2.22", "3.0", -1},
		{"10.0", "9.99", +1},
	} {
		a, _ := ParseRelease(tt.a)
		b, _ := ParseRelease(tt.b)
		if got := a.Compare(b); got != tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseVersion(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Version
		name string // canonical String
	}{
		{"dotcom", Version{Product: "dotcom"}, "dotcom"},
		{"free-pro-team@latest", Version{Product: "dotcom"}, "dotcom"},
		{"ghec", Version{Product: "ghec"}, "ghec"},
		{"enterprise-cloud@latest", Version{Product: "ghec"}, "ghec"},
		{"ghes-3.19", Version{"ghes", Release{3, 19}}, "ghes-3.19"},
		{"ghes-3.9", Version{"ghes", Release{3, 9}}, "ghes-3.9"},
		{"enterprise-server@3.19", Version{"ghes", Release{3, 19}}, "ghes-3.19"},
		{"enterprise-server@3.10", Version{"ghes", Release{3, 10}}, "ghes-3.10"},
	} {
		got, err := ParseVersion(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseVersion(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.name {
			t.Errorf("ParseVersion(%q).String() = %q, want %q", tt.in, got.String(), tt.name)
		}
		if back, err := ParseVersion(got.String()); err != nil || back != got {
			t.Errorf("ParseVersion(%q) = %v, %v; want %v", got.String(), back, err, got)
		}
	}
}

func TestParseVersionErrors(t *testing.T) {
	const want = `want dotcom, ghec, ghes-X.Y or a URL segment ` +
		`(free-pro-team@latest, enterprise-cloud@latest, enterprise-server@X.Y)`
	for _, tt := range []struct{ in, want string }{
		{"", `unknown version "": ` + want},
		{"fpt", `unknown version "fpt": ` + want},
		{"Dotcom", `unknown version "Dotcom": ` + want},
		{" dotcom", `unknown version " dotcom": ` + want},
		{"ghec-3.19", `unknown version "ghec-3.19": ` + want},
		{"enterprise-cloud@3.19", `unknown version "enterprise-cloud@3.19": ` + want},
		{"ghes", `version "ghes" needs a release, like ghes-3.19`},
		{"ghes-", `version "ghes-": invalid release "": want MAJOR.MINOR, like 3.10`},
		{"ghes-3", `version "ghes-3": invalid release "3": want MAJOR.MINOR, like 3.10`},
		{"ghes-3.x", `version "ghes-3.x": invalid release "3.x": want MAJOR.MINOR, like 3.10`},
		{"enterprise-server@3", `version "enterprise-server@3": invalid release "3": want MAJOR.MINOR, like 3.10`},
		{"enterprise-server@latest", `version "enterprise-server@latest": name a release, like enterprise-server@3.19`},
	} {
		v, err := ParseVersion(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseVersion(%q) = %v, %v; want error %q", tt.in, v, err, tt.want)
		}
	}
}
