//go:build !unix

package benchvault

import "time"

// CPUTime cannot tell the CPU time here: it returns false.
func CPUTime() (time.Duration, bool) { return 0, false }
