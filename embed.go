// Package scoperef holds the files that the scoperef binary embeds: the JSON Schemas in schema/
// and the site templates in templates/. A project root with its own schema/ or templates/ folder
// overrides these copies (see internal/project).
package scoperef

import "embed"

// Schemas holds schema/*.schema.json.
//
//go:embed schema/*.schema.json
var Schemas embed.FS

// Templates holds the site's layouts, partials and static assets.
//
//go:embed templates
var Templates embed.FS
