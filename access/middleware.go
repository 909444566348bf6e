package access

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// MiddlewareOptions configures Middleware. Version and Grants are required.
type MiddlewareOptions struct {
	// Version names the product version a request is for: "dotcom",
	// "ghec", "ghes-3.19", or a URL segment such as "enterprise-server@3.19"
	// (see Set.Table).
	Version func(r *http.Request) string

	// Grants resolves the request's token against route.Table (so grants
	// and table always belong to the same version) and says whether the
	// resource the request addresses is public or private; route carries
	// the matched endpoint and its parameters (owner, repo, ...) for that.
	// Resolve each token once and cache its Grants: building them
	// allocates, checking them does not.
	//
	// The zero Grants means no token: the request is answered 401 (return
	// route.Table.ClassicGrants() instead to let anonymous requests call
	// what needs no scope). An error denies the request: 401 when it wraps
	// ErrBadCredentials, else 500.
	Grants func(r *http.Request, route Route) (Grants, Visibility, error)

	// NotFoundForPrivate answers 404 instead of 403 when a request for a
	// private resource is denied, as GitHub does, so as not to reveal that
	// the resource exists.
	NotFoundForPrivate bool
}

// Route is the endpoint a request matched, in the table of its version.
type Route struct {
	Table    *Table
	Endpoint *Endpoint
	Params   Params
}

// ErrBadCredentials is the error a Grants resolver wraps for a token that
// is invalid, expired or revoked; Middleware answers 401 "Bad credentials".
var ErrBadCredentials = errors.New("bad credentials")

type decisionKey struct{}

// DecisionFromContext returns the Decision Middleware made for the request
// whose context this is.
func DecisionFromContext(ctx context.Context) (Decision, bool) {
	d, ok := ctx.Value(decisionKey{}).(*Decision)
	if !ok {
		return Decision{}, false
	}
	return *d, true
}

// Middleware enforces the access model in front of an HTTP handler. For
// each request it finds the table of the request's version, looks up the
// endpoint (method and escaped path), resolves the token's grants and
// checks them. Allowed requests reach next, with the Decision in their
// context (DecisionFromContext); everything else is answered here with a
// JSON error in GitHub's format. It fails closed: an unknown version or
// endpoint, a missing token and a resolver error are all denied. See the
// package documentation, "Middleware", for statuses, messages and headers.
//
// Middleware panics when opts.Version or opts.Grants is nil.
func Middleware(set *Set, opts MiddlewareOptions) func(http.Handler) http.Handler {
	if opts.Version == nil || opts.Grants == nil {
		panic("access.Middleware: MiddlewareOptions.Version and MiddlewareOptions.Grants are required")
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			d, t, err := authorize(set, &opts, r)
			if d.Endpoint != nil {
				h := w.Header()
				h.Set("X-Accepted-OAuth-Scopes", d.AcceptedOAuthScopes)
				h.Set("X-Accepted-GitHub-Permissions", d.AcceptedGitHubPermissions)
				if d.grants.Kind() == ClassicToken && d.grants.t == t {
					h.Set("X-OAuth-Scopes", d.grants.String())
				}
			}
			if !d.Allowed {
				deny(w, t, d, err, &opts)
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), decisionKey{}, d)))
		})
	}
}

// authorize decides one request. The table is nil when the version is
// unknown; err is the resolver's error.
func authorize(set *Set, opts *MiddlewareOptions, r *http.Request) (*Decision, *Table, error) {
	d := &Decision{}
	version := opts.Version(r)
	t, ok := set.Table(version)
	if !ok {
		d.Reason = ReasonUnknownVersion
		return d, nil, nil
	}
	ix := t.index()
	i := ix.router.lookup(r.Method, r.URL.EscapedPath(), &d.Params)
	if i < 0 {
		d.Params = Params{}
		d.Reason = ReasonUnknownEndpoint
		return d, t, nil
	}
	d.Params.names = ix.paramNames(i)
	g, vis, err := opts.Grants(r, Route{Table: t, Endpoint: &t.Endpoints[i], Params: d.Params})
	if err != nil {
		t.decide(ix, i, Grants{}, vis, d)
		d.Reason = ReasonCredentials
		return d, t, err
	}
	t.decide(ix, i, g, vis, d)
	return d, t, nil
}

// errorBody is GitHub's error document.
type errorBody struct {
	Message          string `json:"message"`
	DocumentationURL string `json:"documentation_url,omitempty"`
	Status           string `json:"status"`
}

func deny(w http.ResponseWriter, t *Table, d *Decision, err error, opts *MiddlewareOptions) {
	status, msg := http.StatusForbidden, "Resource not accessible by personal access token"
	switch d.Reason {
	case ReasonUnknownVersion:
		status, msg = http.StatusNotFound, "Not Found: no access table for this API version"
	case ReasonUnknownEndpoint:
		status, msg = http.StatusNotFound, "Not Found"
	case ReasonNoGrants:
		status, msg = http.StatusUnauthorized, "Requires authentication"
	case ReasonWrongTable:
		status, msg = http.StatusInternalServerError, "Credentials were resolved for another API version"
	case ReasonCredentials:
		status, msg = http.StatusInternalServerError, "Could not resolve credentials"
		if errors.Is(err, ErrBadCredentials) {
			status, msg = http.StatusUnauthorized, "Bad credentials"
		}
	default: // the token lacks what the endpoint needs
		if opts.NotFoundForPrivate && d.vis == Private {
			status, msg = http.StatusNotFound, "Not Found"
		}
	}
	body := errorBody{Message: msg, Status: fmt.Sprint(status)}
	if t != nil {
		body.DocumentationURL = t.DocsBaseURL + "/rest"
		if d.Endpoint != nil {
			body.DocumentationURL = t.DocsBaseURL + d.Endpoint.DocsPath
		}
	}
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
