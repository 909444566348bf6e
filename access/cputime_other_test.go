//go:build !linux

package access

// threadCPU is unavailable outside Linux.
func threadCPU() int64 { return -1 }
