package access

// NaiveLookup exposes FuzzLookup's reference matcher (fuzz_test.go) to the
// external tests, which may import access/github: it returns the endpoint
// the documented rules pick for method and path, and its parameter values,
// or nil.
func NaiveLookup(t *Table) func(method, path string) (*Endpoint, []string) {
	nr := newNaiveRouter(t)
	return func(method, path string) (*Endpoint, []string) {
		i, vals := nr.lookup(method, path)
		if i < 0 {
			return nil, nil
		}
		return &t.Endpoints[i], vals
	}
}
