//go:build !unix

package notes

import "time"

// cpuTime cannot tell the CPU time here.
func cpuTime() (time.Duration, bool) { return 0, false }
