package access

import "fmt"

// Visibility is the visibility of the resource a request addresses. The
// zero value is Private, the stricter case.
type Visibility uint8

const (
	Private Visibility = iota // private or internal resource
	Public
)

func (v Visibility) String() string {
	if v == Public {
		return "public"
	}
	return "private"
}

// Reason says why a Decision came out as it did.
type Reason uint8

const (
	NoDecision                   Reason = iota // zero value; never returned by Check
	ReasonAllowed                              // "allowed"
	ReasonUnknownEndpoint                      // no endpoint matches method and path
	ReasonUnknownVersion                       // no table for the version (Middleware)
	ReasonNoGrants                             // the zero Grants: no token
	ReasonWrongTable                           // Grants resolved against another Table
	ReasonFineGrainedNotAccepted               // fine-grained tokens cannot call the endpoint
	ReasonClassicNotAccepted                   // classic tokens cannot call the endpoint
	ReasonMissingPermission                    // no AnyOf set is fully held
	ReasonMissingScope                         // no scope set is fully held
	ReasonCredentials                          // the credential resolver failed (Middleware)
)

var reasonNames = [...]string{
	NoDecision:                   "no decision",
	ReasonAllowed:                "allowed",
	ReasonUnknownEndpoint:        "unknown endpoint",
	ReasonUnknownVersion:         "unknown version",
	ReasonNoGrants:               "no grants",
	ReasonWrongTable:             "grants for another table",
	ReasonFineGrainedNotAccepted: "fine-grained not accepted",
	ReasonClassicNotAccepted:     "classic not accepted",
	ReasonMissingPermission:      "missing permission",
	ReasonMissingScope:           "missing scope",
	ReasonCredentials:            "credentials not resolved",
}

func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// Decision is the outcome of Check. Allowed is true only with
// ReasonAllowed; the zero Decision denies.
type Decision struct {
	Allowed  bool
	Reason   Reason
	Endpoint *Endpoint // nil when the endpoint is unknown
	Params   Params
	// Header values for the endpoint (empty when it is unknown); see the
	// package documentation for their format.
	AcceptedOAuthScopes       string // X-Accepted-OAuth-Scopes, for the visibility checked
	AcceptedGitHubPermissions string // X-Accepted-GitHub-Permissions

	grants Grants
	vis    Visibility
}

// Check decides whether a token with grants g may call method path on a
// resource of visibility vis. It does not allocate. Unknown endpoints, the
// zero Grants (no token) and Grants resolved against another Table are
// denied.
func (t *Table) Check(g Grants, method, path string, vis Visibility) Decision {
	ix := t.index()
	var d Decision
	i := ix.router.lookup(method, path, &d.Params)
	if i < 0 {
		d.Params = Params{}
		d.Reason = ReasonUnknownEndpoint
		return d
	}
	d.Params.names = ix.paramNames(i)
	t.decide(ix, i, g, vis, &d)
	return d
}

// decide fills d for endpoint i.
func (t *Table) decide(ix *index, i int, g Grants, vis Visibility, d *Decision) {
	ep, ei := &t.Endpoints[i], &ix.eps[i]
	if vis != Public {
		vis = Private
	}
	ei.headerOnce.Do(func() { ix.buildHeaders(t, ep, ei) })
	d.Endpoint, d.grants, d.vis = ep, g, vis
	d.AcceptedOAuthScopes = ei.headers.scopes[vis]
	d.AcceptedGitHubPermissions = ei.headers.perms
	d.Reason = reason(ep, ei, g, t, vis)
	d.Allowed = d.Reason == ReasonAllowed
}

func reason(ep *Endpoint, ei *epIndex, g Grants, t *Table, vis Visibility) Reason {
	if g.grants == nil {
		return ReasonNoGrants
	}
	if g.t != t {
		return ReasonWrongTable
	}
	switch g.kind {
	case ClassicToken:
		if !ep.Classic.Accepted {
			return ReasonClassicNotAccepted
		}
		c := &ei.classic[vis]
		if c.free {
			return ReasonAllowed
		}
		for _, alt := range c.alts {
			if alt.subsetOf(g.scopes) {
				return ReasonAllowed
			}
		}
		return ReasonMissingScope
	case FineGrainedToken:
		if !ep.FineGrained.Accepted {
			return ReasonFineGrainedNotAccepted
		}
		if ei.fineFree || vis == Public && ep.FineGrained.PublicWithoutPermission {
			return ReasonAllowed
		}
		for _, set := range ei.fine {
			if holds(g.levels, set) {
				return ReasonAllowed
			}
		}
		return ReasonMissingPermission
	}
	return ReasonNoGrants
}

func holds(levels []Level, set []need) bool {
	for _, n := range set {
		if levels[n.perm] < n.level {
			return false
		}
	}
	return true
}

// Grants returns the grants the decision was made for.
func (d *Decision) Grants() Grants { return d.grants }

// Visibility returns the visibility the decision was made for.
func (d *Decision) Visibility() Visibility { return d.vis }

// MissingScopes returns, for a classic token, what each scope set the
// endpoint accepts lacks (in the data's order, sets naming unknown scopes
// included as they are). It is nil when the decision allowed or the token
// is not classic.
func (d *Decision) MissingScopes() [][]string {
	if d.Allowed || d.Endpoint == nil || d.grants.Kind() != ClassicToken {
		return nil
	}
	src := d.Endpoint.Classic.Private
	if d.vis == Public {
		src = d.Endpoint.Classic.Public
	}
	var out [][]string
	for _, set := range src {
		var miss []string
		for _, s := range set {
			if !d.grants.HasScope(s) {
				miss = append(miss, s)
			}
		}
		out = append(out, miss)
	}
	return out
}

// MissingPermissions returns, for a fine-grained token, what each set of
// FineGrained.AnyOf lacks: the grants held below the level needed. It is
// nil when the decision allowed or the token is not fine-grained.
func (d *Decision) MissingPermissions() [][]Grant {
	if d.Allowed || d.Endpoint == nil || d.grants.Kind() != FineGrainedToken {
		return nil
	}
	var out [][]Grant
	for _, set := range d.Endpoint.FineGrained.AnyOf {
		var miss []Grant
		for _, g := range set {
			if d.grants.Level(g.Permission) < g.Level {
				miss = append(miss, g)
			}
		}
		out = append(out, miss)
	}
	return out
}
