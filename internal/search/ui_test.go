package search

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// uiPage is a page with the search form; {{INDEX}} is its data-index.
const uiPage = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>t</title></head><body>
<form role="search" hidden data-index="{{INDEX}}" data-msg-loading="LOADING" data-msg-empty="NONE"
  data-msg-error="ERROR" data-msg-results="{count} 件" data-msg-result="1 件">
<label for="q">検索</label><input type="search" id="q"></form>
<script src="/assets/search.js"></script>
<script>
async function drive() {
  const form = document.querySelector("form"), input = document.getElementById("q");
  const status = () => (document.querySelector(".search-status") || {}).textContent;
  const wait = async (cond) => { for (let i = 0; i < 300 && !cond(); i++) await new Promise(r => setTimeout(r, 10)); };
  const key = (k) => input.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true, cancelable: true}));
  const list = document.getElementById(input.getAttribute("aria-controls"));
  const fetched = () => performance.getEntriesByType("resource").some(e => e.name.includes(".json"));
  const obs = {formHidden: form.hidden, role: input.getAttribute("role"), expanded: [input.getAttribute("aria-expanded")],
    listRole: list.getAttribute("role"), labelled: document.getElementById(list.getAttribute("aria-labelledby")).textContent,
    fetchedBeforeFocus: fetched()};
  input.focus();
  input.value = "{{QUERY}}";
  input.dispatchEvent(new Event("input", {bubbles: true}));
  await wait(() => list.children.length > 0 || (status() && status() !== "LOADING"));
  obs.status = status();
  obs.expanded.push(input.getAttribute("aria-expanded"));
  obs.options = [...list.children].map(li => [li.getAttribute("role"), li.querySelector(".search-result-title").textContent,
    (li.querySelector(".search-result-page") || {}).textContent || ""]);
  key("ArrowDown"); key("ArrowDown"); key("ArrowDown"); key("ArrowUp");
  obs.active = input.getAttribute("aria-activedescendant");
  obs.selected = [...list.children].filter(li => li.getAttribute("aria-selected") === "true").map(li => li.id);
  key("Escape");
  obs.expanded.push(input.getAttribute("aria-expanded"));
  obs.afterEscape = [list.hidden, input.value, input.getAttribute("aria-activedescendant")];
  key("ArrowDown");
  obs.expanded.push(input.getAttribute("aria-expanded"));
  obs.reopened = input.getAttribute("aria-activedescendant");
  input.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", isComposing: true, bubbles: true, cancelable: true}));
  obs.imeEnter = [location.hash, input.getAttribute("aria-expanded")]; // confirming a conversion
  key("Enter"); // the page is the first result's page: the browser only follows the anchor
  await wait(() => location.hash !== "");
  obs.landed = decodeURI(location.pathname) + location.hash;
  await fetch("/report", {method: "POST", body: JSON.stringify(obs)});
}
addEventListener("load", () => drive().catch(e => fetch("/report", {method: "POST", body: JSON.stringify({status: "exception: " + e})})));
</script></body></html>`

// uiReport is what the page observed.
type uiReport struct {
	FormHidden         bool
	Role               string
	Expanded           []string
	ListRole           string
	Labelled           string
	FetchedBeforeFocus bool
	Status             string
	Options            [][3]string
	Active             string
	Selected           []string
	AfterEscape        []any
	Reopened           string
	IMEEnter           []string // hash and aria-expanded after an Enter that confirms an IME conversion
	Landed             string   // where Enter went: path and anchor
}

// TestUIInChromium loads search.js in headless Chromium on a page with the fixture's Japanese
// index and drives it from the keyboard: lazy loading, the combobox and listbox roles and
// states, ArrowDown/ArrowUp/Escape/Enter, localised messages, and a missing or foreign index.
// Skipped under -short and when chromium is not installed.
func TestUIInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser test")
	}
	var chrome string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chrome = p
			break
		}
	}
	if chrome == "" {
		t.Skip("chromium is not installed: search.js's interface is not tested")
	}
	js, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	const indexURL = "/ja/enterprise-server@3.19/search-index.json"
	index := Build("ja", fixtureRecords("ja"))
	first := Search(index, "トークン", "ja")
	if len(first) == 0 {
		t.Fatal("the fixture finds nothing for トークン")
	}
	guide, _, _ := strings.Cut(first[0].URL, "#")
	reports := make(chan uiReport, 4)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /assets/search.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(js)
	})
	mux.HandleFunc("GET "+indexURL, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(index)
	})
	page := func(idx, query string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, strings.NewReplacer("{{INDEX}}", idx, "{{QUERY}}", query).Replace(uiPage))
		}
	}
	mux.HandleFunc("GET "+guide, page(indexURL, "トークン"))
	mux.HandleFunc("GET /none", page(indexURL, "zzzz"))
	mux.HandleFunc("GET /broken", page("/missing.json", "トークン"))
	mux.HandleFunc("GET /foreign", page("https://elsewhere.example/x.json", "トークン"))
	mux.HandleFunc("POST /report", func(w http.ResponseWriter, r *http.Request) {
		var rep uiReport
		if err := json.NewDecoder(r.Body).Decode(&rep); err != nil {
			t.Errorf("report: %v", err)
		}
		reports <- rep
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	run := func(path string) uiReport {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--user-data-dir="+t.TempDir(), "--virtual-time-budget=10000", "--dump-dom", srv.URL+path)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("chromium %s: %v\n%s", path, err, out)
		}
		select {
		case rep := <-reports:
			return rep
		default:
			t.Fatalf("%s: the page reported nothing", path)
		}
		return uiReport{}
	}

	var wantOptions [][3]string
	for _, r := range first {
		if r.Section != "" {
			wantOptions = append(wantOptions, [3]string{"option", r.Section, r.Page})
		} else {
			wantOptions = append(wantOptions, [3]string{"option", r.Page, ""})
		}
	}
	got := run(guide)
	want := uiReport{FormHidden: false, Role: "combobox", Expanded: []string{"false", "true", "false", "true"}, ListRole: "listbox",
		Labelled: "検索", Status: strings.Replace("{count} 件", "{count}", strconv.Itoa(len(first)), 1), Options: wantOptions,
		Active: "search-0-results-1", Selected: []string{"search-0-results-1"},
		AfterEscape: []any{true, "トークン", nil}, Reopened: "search-0-results-0", IMEEnter: []string{"", "true"}, Landed: first[0].URL}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("keyboard session:\n got %+v\nwant %+v", got, want)
	}

	none := run("/none")
	if none.Status != "NONE" || none.Expanded[1] != "false" || len(none.Options) != 0 {
		t.Errorf("no result: status %q, expanded %q, %d options", none.Status, none.Expanded, len(none.Options))
	}
	for _, path := range []string{"/broken", "/foreign"} {
		rep := run(path)
		if rep.Status != "ERROR" || rep.Expanded[1] != "false" || len(rep.Options) != 0 {
			t.Errorf("%s: status %q, expanded %q, %d options; want the error message and no list", path, rep.Status, rep.Expanded, len(rep.Options))
		}
	}
}
