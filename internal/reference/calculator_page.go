package reference

import "github.com/scoperef/scoperef/internal/model"

// calculatorMessages are the calculator page's UI strings (merged into english).
var calculatorMessages = map[string]Message{
	"reference.calculator.title":                    {Other: "Least-privilege calculator"},
	"reference.calculator.heading":                  {Other: "Choose endpoints"},
	"reference.calculator.intro":                    {Other: "Select the endpoints you call to get the smallest set of fine-grained permissions and the smallest set of classic scopes that can call them all, with the endpoints that need each."},
	"reference.calculator.visibility":               {Other: "The endpoints work on"},
	"reference.calculator.visibility_private":       {Other: "Private or internal resources"},
	"reference.calculator.visibility_public":        {Other: "Public resources only"},
	"reference.calculator.search":                   {Other: "Search endpoints"},
	"reference.calculator.search_hint":              {Other: "Type words from a path, an operation or a summary. Enter selects the first match; the down arrow moves to the matches, where Space selects or deselects one and Escape returns here."},
	"reference.calculator.matches":                  {Other: "Matching endpoints"},
	"reference.calculator.match_count":              {Other: "Matching endpoints: {{.Count}}"},
	"reference.calculator.many_matches":             {Other: "Showing the first {{.Shown}} of {{.Count}} matching endpoints. Type more to narrow the list."},
	"reference.calculator.no_matches":               {Other: "No endpoint matches."},
	"reference.calculator.selected":                 {Other: "Selected endpoints"},
	"reference.calculator.none_selected":            {Other: "No endpoint selected yet."},
	"reference.calculator.remove":                   {Other: "Remove"},
	"reference.calculator.remove_label":             {Other: "Remove {{.Endpoint}}"},
	"reference.calculator.clear":                    {Other: "Clear the selection"},
	"reference.calculator.empty":                    {Other: "Select one or more endpoints to see the result."},
	"reference.calculator.classic_only":             {Other: "Fine-grained personal access tokens don't exist in {{.Version}}, so the calculator gives classic scopes only."},
	"reference.calculator.fine_grained":             {Other: "Smallest set of fine-grained permissions"},
	"reference.calculator.metadata":                 {Other: "Read access to metadata comes with every fine-grained token, so it is not listed."},
	"reference.calculator.permissions_caption":      {Other: "Permissions to grant, and the selected endpoints that need each"},
	"reference.calculator.needed_by":                {Other: "Needed by"},
	"reference.calculator.no_permissions":           {Other: "No permission beyond read access to metadata is needed."},
	"reference.calculator.fine_grained_unavailable": {Other: "Endpoints no fine-grained token can call"},
	"reference.calculator.classic":                  {Other: "Smallest set of classic scopes"},
	"reference.calculator.scopes_caption":           {Other: "Scopes to grant, and the selected endpoints that need each"},
	"reference.calculator.no_scopes":                {Other: "No scope is needed."},
	"reference.calculator.classic_unavailable":      {Other: "Endpoints no classic token can call"},
	"reference.calculator.load_error":               {Other: "The list of endpoints could not be loaded. Reload the page to try again."},
	"reference.calculator.noscript":                 {Other: "The calculator needs JavaScript. Without it, look up each endpoint's requirements in the endpoint reference, or run scoperef minimize, which gives the same answers:"},
}

func init() {
	for id, m := range calculatorMessages {
		english[id] = m
	}
}

// calculatorPage is reference/calculator: a form run by calculator.js on calculator.json. The
// placeholders __count__, __shown__ and __endpoint__ in its messages are filled in by the script.
func (c *ctx) calculatorPage() Page {
	body := render("calculator", map[string]any{"C": c,
		"Data":          c.URL(DownloadsPath+"/calculator.json", ""),
		"Script":        c.URL(DownloadsPath+"/calculator.js", ""),
		"EndpointURL":   c.URL("reference/endpoints/__category__", "__anchor__"),
		"PermissionURL": c.URL("reference/permissions/__id__", "__level__"),
		"ScopeURL":      c.URL("reference/scopes", "__anchor__"),
		"EndpointsURL":  c.URL("reference/endpoints", ""),
		"LevelWords": string(mustJSON(map[string]string{"read": c.levelWord(model.Read), "write": c.levelWord(model.Write),
			"admin": c.levelWord(model.Admin)})),
		"MatchCount":  c.T("reference.calculator.match_count", "Count", "__count__"),
		"ManyMatches": c.T("reference.calculator.many_matches", "Count", "__count__", "Shown", "__shown__"),
		"RemoveLabel": c.T("reference.calculator.remove_label", "Endpoint", "__endpoint__"),
	})
	return Page{Path: "reference/calculator", Title: c.T("reference.calculator.title"), Body: body,
		Records: []SearchRecord{{Anchor: "choose-endpoints", Title: c.T("reference.calculator.heading"), Text: c.T("reference.calculator.intro")}}}
}
