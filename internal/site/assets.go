package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// assets are the static files in templates/assets/, each published under a name that carries a
// hash of its content ("assets/site.3f9a1c0d2b.css"), so that browsers and CDNs may cache them
// forever.
type assets struct {
	url   map[string]string // "site.css" -> "/assets/site.3f9a1c0d2b.css"
	files map[string][]byte // "assets/site.3f9a1c0d2b.css" -> content
	names []string          // output names, sorted
}

func loadAssets(templates fs.FS) (*assets, error) {
	a := &assets{url: map[string]string{}, files: map[string][]byte{}}
	entries, err := fs.ReadDir(templates, "assets")
	if err != nil {
		return nil, fmt.Errorf("site assets: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := fs.ReadFile(templates, "assets/"+e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(e.Name())
		out := "assets/" + strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:5]) + ext
		a.url[e.Name()] = "/" + out
		a.files[out] = data
		a.names = append(a.names, out)
	}
	return a, nil
}

// URL returns the published address of asset name, failing the layout when it does not exist.
func (a *assets) URL(name string) (string, error) {
	u, ok := a.url[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in templates/assets", name)
	}
	return u, nil
}

func (b *builder) writeAssets(w Writer) error {
	for _, name := range b.assets.names {
		if err := b.write(w, name, b.assets.files[name]); err != nil {
			return err
		}
	}
	return nil
}

// Fingerprinted reports whether a built file's name is a fingerprinted asset
// ("assets/site.f9bf715cc3.css"): its content never changes under that name, so it may be cached
// for good.
func Fingerprinted(name string) bool {
	rest, ok := strings.CutPrefix(name, "assets/")
	if !ok || strings.Contains(rest, "/") {
		return false
	}
	ext := path.Ext(rest)
	stem := strings.TrimSuffix(rest, ext)
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 || len(stem)-i-1 != 10 {
		return false
	}
	_, err := hex.DecodeString(stem[i+1:])
	return err == nil && strings.ToLower(stem[i+1:]) == stem[i+1:]
}
