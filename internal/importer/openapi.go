package importer

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Operation is what the importer reads from one operation of an OpenAPI description.
type Operation struct {
	ID          string // operationId, e.g. issues/create
	Method      string // upper case
	Path        string
	Summary     string
	Description string
	Docs        string // externalDocs.url
	Category    string
	Subcategory string
	CloudOnly   bool
	GitHubApps  *bool  // x-github.enabledForGitHubApps; nil when absent
	Deprecation string // x-github.deprecationDate
	Removal     string // x-github.removalDate
}

// methods lists the HTTP methods an endpoint may have, in output order.
var methods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}

type openapiDoc struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

type openapiOp struct {
	OperationID  string `json:"operationId"`
	Summary      string `json:"summary"`
	Description  string `json:"description"`
	ExternalDocs struct {
		URL string `json:"url"`
	} `json:"externalDocs"`
	XGitHub struct {
		Category             string `json:"category"`
		Subcategory          string `json:"subcategory"`
		GitHubCloudOnly      bool   `json:"githubCloudOnly"`
		EnabledForGitHubApps *bool  `json:"enabledForGitHubApps"`
		DeprecationDate      string `json:"deprecationDate"`
		RemovalDate          string `json:"removalDate"`
	} `json:"x-github"`
}

// ParseOpenAPI reads the operations of an OpenAPI 3 description, sorted by path then method.
// Every operation must have an operationId and an x-github category; an operationId or a
// method and path seen twice is an error.
func ParseOpenAPI(name string, data []byte) ([]Operation, error) {
	var doc openapiDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		return nil, fmt.Errorf("%s: not an OpenAPI 3 description (openapi: %q)", name, doc.OpenAPI)
	}
	var ops []Operation
	ids := map[string]bool{}
	for path, item := range doc.Paths {
		for key, raw := range item {
			method := strings.ToUpper(key)
			if !slices.Contains(methods, method) {
				continue // parameters, summary, servers, ...
			}
			var o openapiOp
			if err := json.Unmarshal(raw, &o); err != nil {
				return nil, fmt.Errorf("%s: %s %s: %v", name, method, path, err)
			}
			switch {
			case o.OperationID == "":
				return nil, fmt.Errorf("%s: %s %s: no operationId", name, method, path)
			case o.XGitHub.Category == "":
				return nil, fmt.Errorf("%s: %s: no x-github category", name, o.OperationID)
			case ids[o.OperationID]:
				return nil, fmt.Errorf("%s: operationId %s used twice", name, o.OperationID)
			}
			ids[o.OperationID] = true
			ops = append(ops, Operation{
				ID:          o.OperationID,
				Method:      method,
				Path:        path,
				Summary:     strings.TrimSpace(o.Summary),
				Description: o.Description,
				Docs:        o.ExternalDocs.URL,
				Category:    o.XGitHub.Category,
				Subcategory: o.XGitHub.Subcategory,
				CloudOnly:   o.XGitHub.GitHubCloudOnly,
				GitHubApps:  o.XGitHub.EnabledForGitHubApps,
				Deprecation: o.XGitHub.DeprecationDate,
				Removal:     o.XGitHub.RemovalDate,
			})
		}
	}
	slices.SortFunc(ops, compareOps)
	return ops, nil
}

func compareOps(a, b Operation) int {
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	return slices.Index(methods, a.Method) - slices.Index(methods, b.Method)
}
