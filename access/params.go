package access

// Params holds the parameter values of a matched path. It is a fixed-size
// value: looking up a path allocates nothing. Values are substrings of the
// looked-up path, exactly as they appear there (still percent-encoded; use
// url.PathUnescape when you need the decoded text); a greedy tail keeps
// its slashes ("docs/README.md"). Paths longer than
// 65535 bytes match nothing.
type Params struct {
	path  string
	names []string // the template's parameter names, in order
	spans [MaxParams][2]uint16
}

// Len returns the number of parameters.
func (p *Params) Len() int { return len(p.names) }

// Name returns the name of parameter i (0 ≤ i < Len), without braces.
func (p *Params) Name(i int) string { return p.names[i] }

// Value returns the value of parameter i (0 ≤ i < Len).
func (p *Params) Value(i int) string { s := p.spans[i]; return p.path[s[0]:s[1]] }

// Get returns the value of the parameter name ("owner", not "{owner}"), or
// "" when the template has no such parameter.
func (p *Params) Get(name string) string {
	for i, n := range p.names {
		if n == name {
			return p.Value(i)
		}
	}
	return ""
}
