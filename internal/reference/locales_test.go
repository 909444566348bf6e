package reference

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestMessagesInEnglishCatalog: every UI string the generator asks for is a message of
// locales/en/ui.en.yaml, the catalog the site's translator reads.
func TestMessagesInEnglishCatalog(t *testing.T) {
	f, err := os.Open("../../locales/en/ui.en.yaml")
	if os.IsNotExist(err) {
		t.Skip("no locales/en/ui.en.yaml")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	keys := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if key, _, ok := strings.Cut(line, ":"); ok && key != "" && !strings.HasPrefix(key, " ") && !strings.HasPrefix(key, "#") {
			keys[strings.Trim(key, `"'`)] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, m := range Messages() {
		if !keys[m.ID] {
			t.Errorf("message %s is not in locales/en/ui.en.yaml (English: %q)", m.ID, m.Other)
		}
	}
}
