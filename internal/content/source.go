package content

import (
	"sort"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/diag"
)

// srcFile is one Markdown file: its name relative to the root, its bytes, and where the body
// (the text after the front matter) starts.
type srcFile struct {
	name  string
	data  []byte
	body  int   // offset of the body in data
	lines []int // offset of each line's first byte
}

func newSrcFile(name string, data []byte) *srcFile {
	f := &srcFile{name: name, data: data, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

func (f *srcFile) text() string { return string(f.data[f.body:]) }

// pos is the position of offset off of the body; columns count characters.
func (f *srcFile) pos(off int) diag.Pos {
	abs := min(max(f.body+off, 0), len(f.data))
	line := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > abs }) - 1
	return diag.Pos{File: f.name, Line: line + 1, Col: 1 + utf8.RuneCount(f.data[f.lines[line]:abs])}
}

// start is the position of the body's first character.
func (f *srcFile) start() diag.Pos { return f.pos(0) }

// span maps a run of expanded text, from out on, back to its source: offsets of f's body
// continuing from off, or one fixed position (variable values, inserted indentation, intros).
type span struct {
	out   int
	file  *srcFile
	off   int
	fixed diag.Pos
}

// srcMap maps offsets of an expanded text to source positions.
type srcMap []span

func (m srcMap) pos(out int) diag.Pos {
	i := sort.Search(len(m), func(i int) bool { return m[i].out > out }) - 1
	if i < 0 {
		return diag.Pos{}
	}
	s := m[i]
	if s.file == nil {
		return s.fixed
	}
	return s.file.pos(s.off + out - s.out)
}
