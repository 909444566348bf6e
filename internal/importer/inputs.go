package importer

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Input is one input file and the product version it describes.
type Input struct {
	Version Version
	Path    string
}

// VersionFromFileName maps an input file name to a product version: the name without its
// directory and without the extensions .gz, .json and .txt must be api.github.com or fpt
// (dotcom), dotcom, ghec, or ghes-X.Y. ok is false for any other name.
func VersionFromFileName(name string) (Version, bool) {
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, ".gz")
	base = strings.TrimSuffix(base, ".json")
	base = strings.TrimSuffix(base, ".txt")
	switch base {
	case "api.github.com", "fpt", "dotcom":
		return Version{Product: "dotcom"}, true
	}
	v, err := ParseVersion(base)
	return v, err == nil
}

// ResolveInputs expands the arguments of one input flag into files. An argument is a file, a
// directory (its files whose names map to a version are taken, the others are returned in
// skipped), or VERSION=FILE to name the version explicitly. Two files for one version are an
// error.
func ResolveInputs(args []string) (inputs []Input, skipped []string, err error) {
	seen := map[Version]string{}
	add := func(v Version, path string) error {
		if prev, dup := seen[v]; dup {
			return fmt.Errorf("two inputs for %s: %s and %s", v, prev, path)
		}
		seen[v] = path
		inputs = append(inputs, Input{Version: v, Path: path})
		return nil
	}
	for _, arg := range args {
		if name, path, ok := strings.Cut(arg, "="); ok {
			v, err := ParseVersion(name)
			if err != nil {
				return nil, nil, err
			}
			if err := add(v, path); err != nil {
				return nil, nil, err
			}
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			return nil, nil, err
		}
		if !info.IsDir() {
			v, ok := VersionFromFileName(arg)
			if !ok {
				return nil, nil, fmt.Errorf("%s: cannot tell the product version from the file name (use VERSION=FILE)", arg)
			}
			if err := add(v, arg); err != nil {
				return nil, nil, err
			}
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range entries { // ReadDir sorts by name
			path := filepath.Join(arg, e.Name())
			if e.IsDir() {
				continue
			}
			v, ok := VersionFromFileName(e.Name())
			if !ok {
				skipped = append(skipped, path)
				continue
			}
			if err := add(v, path); err != nil {
				return nil, nil, err
			}
		}
	}
	slices.SortFunc(inputs, func(a, b Input) int { return compareVersions(a.Version, b.Version) })
	return inputs, skipped, nil
}

// readInput returns a file's bytes, gunzipped when the name ends in .gz.
func readInput(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return out, nil
}
