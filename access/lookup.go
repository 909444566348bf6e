package access

// Lookup finds the endpoint for a request: method and a concrete path
// ("/repos/octo/hello/issues/42") or a template ("/repos/{owner}/{repo}/issues").
// See the package documentation, "Matching", for the rules. It does not
// allocate.
func (t *Table) Lookup(method, path string) (ep *Endpoint, params Params, ok bool) {
	ix := t.index()
	i := ix.router.lookup(method, path, &params)
	if i < 0 {
		return nil, Params{}, false
	}
	params.names = ix.paramNames(i)
	return &t.Endpoints[i], params, true
}
