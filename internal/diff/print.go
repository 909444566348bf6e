package diff

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes r as indented JSON followed by a newline.
func (r *Result) WriteJSON(w io.Writer) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// WriteText writes r for people: one section per non-empty list.
func (r *Result) WriteText(w io.Writer) error {
	p := &printer{w: w}
	p.printf("%s -> %s\n", r.From, r.To)
	if r.Empty() {
		p.printf("no changes\n")
		return p.err
	}
	p.endpoints("endpoints added", r.EndpointsAdded)
	p.endpoints("endpoints removed", r.EndpointsRemoved)
	if len(r.RequirementChanges) > 0 {
		p.printf("\nrequirements changed (%d):\n", len(r.RequirementChanges))
		for _, c := range r.RequirementChanges {
			p.printf("  %s %s (%s)\n", c.Endpoint.Method, c.Endpoint.Path, c.Endpoint.Operation)
			for _, a := range c.Aspects {
				p.printf("    %s: %s -> %s\n", a.Name, a.Before, a.After)
			}
		}
	}
	p.ids("permissions added", r.PermissionsAdded)
	p.ids("permissions removed", r.PermissionsRemoved)
	p.ids("scopes added", r.ScopesAdded)
	p.ids("scopes removed", r.ScopesRemoved)
	return p.err
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) endpoints(title string, list []Endpoint) {
	if len(list) == 0 {
		return
	}
	p.printf("\n%s (%d):\n", title, len(list))
	for _, e := range list {
		p.printf("  %s %s (%s)\n", e.Method, e.Path, e.Operation)
	}
}

func (p *printer) ids(title string, list []string) {
	if len(list) == 0 {
		return
	}
	p.printf("\n%s (%d):\n", title, len(list))
	for _, id := range list {
		p.printf("  %s\n", id)
	}
}
