// Package scoperef holds the files that the scoperef binary embeds: the JSON Schemas in schema/
// and the site templates in templates/. A project root with its own schema/ or templates/ folder
// overrides these copies (see internal/project).
package scoperef

import "embed"

// Schemas holds schema/*.schema.json.
//
//go:embed schema/*.schema.json
var Schemas embed.FS

// Templates holds the site's layouts, partials and static assets in templates/, and the default
// interface strings in locales/<lang>/ui.<lang>.yaml, which a project's own locales/ files
// override message by message (see internal/i18n).
//
//go:embed templates locales/*/ui.*.yaml
var Templates embed.FS
