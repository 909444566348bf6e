//go:build unix

package site

import (
	"io/fs"
	"syscall"
)

// links returns the number of names a file has (hard links), or 0 when it is unknown.
func links(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}
