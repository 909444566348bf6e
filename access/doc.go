// Package access enforces GitHub's REST API access model at run time.
//
// (Draft: the full specification follows with the checking code.)
package access
