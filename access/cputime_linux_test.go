package access

import "syscall"

// threadCPU returns the CPU time the calling OS thread has used, in
// nanoseconds (getrusage RUSAGE_THREAD), or -1 if unavailable. Benchmarks
// report it per op next to wall time: on a shared, busy machine wall time
// also counts the time other processes hold the CPU.
func threadCPU() int64 {
	const rusageThread = 1 // RUSAGE_THREAD, Linux only
	var ru syscall.Rusage
	if syscall.Getrusage(rusageThread, &ru) != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
