package reference

import (
	"slices"
	"testing"

	"github.com/scoperef/scoperef/internal/model"
)

// TestComputeAccepted: computeAccepted, which goes from endpoints to the scopes that open them,
// gives for every scope of every version the endpoints opens says it opens, in model order.
func TestComputeAccepted(t *testing.T) {
	for name, m := range models(t) {
		g := New(m, English{}, Options{})
		for _, v := range m.Versions {
			c := g.ctx(v, "en")
			scopes, eps := c.scopes(), m.EndpointsIn(c.vi)
			got := c.computeAccepted(scopes, eps)
			for _, s := range scopes {
				held := c.closure([]*model.Scope{s})
				var want []*model.Endpoint
				for _, e := range eps {
					if priv, pub := opens(held, e.Requirement(c.vi)); priv || pub {
						want = append(want, e)
					}
				}
				if !slices.Equal(got[s], want) {
					t.Errorf("%s %s: scope %s opens %d endpoints, computeAccepted says %d", name, v.Name(), s.ID, len(want), len(got[s]))
				}
			}
		}
	}
}
