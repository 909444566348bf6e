package site

import "testing"

func TestFingerprinted(t *testing.T) {
	for name, want := range map[string]bool{
		"assets/site.f9bf715cc3.css": true, "assets/search.a2409588f4.js": true,
		"assets/site.css": false, "assets/site.F9BF715CC3.css": false, "assets/site.f9bf715cc.css": false,
		"en/assets/site.f9bf715cc3.css": false, "assets/x/site.f9bf715cc3.css": false, "assets/.f9bf715cc3.css": false,
	} {
		if got := Fingerprinted(name); got != want {
			t.Errorf("Fingerprinted(%q) = %v, want %v", name, got, want)
		}
	}
}
