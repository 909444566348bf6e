package site

import (
	"os"
	"runtime/debug"
)

// The collector settings of a build that has its process to itself (scoperef build). The
// collector's default lets the heap grow to twice the live data before it runs (GOGC=100):
// with a build's live data that put the peak anywhere from 150 to 190 MB, and a plain lower
// soft limit made it collect more often for it. Letting the heap grow three times the live
// data (GOGC=200) under a soft limit of 170 MiB collects less often and keeps the peak (heap,
// stacks and the runtime's own) below 200 MB.
const (
	buildGCPercent   = 200
	buildMemoryLimit = 170 << 20
)

// TuneGC sets the garbage collector for a build, unless the GOGC or GOMEMLIMIT environment
// variables set it, and returns a function that restores the previous settings.
func TuneGC() (restore func()) {
	percent, limit := -2, int64(-1) // -2: not changed; a negative limit only reads it
	if os.Getenv("GOGC") == "" {
		percent = debug.SetGCPercent(buildGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(buildMemoryLimit)
	}
	return func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
