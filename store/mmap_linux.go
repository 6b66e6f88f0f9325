//go:build linux

package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMap drops from the process the pages of the store file mapped in
// memory that tx sees, which bbolt reads through a shared, read-only map:
// a page read once stays counted in the process's resident memory until
// the map goes, and on a large add that is hundreds of megabytes. The
// pages stay in the system's file cache, and a later read maps them again
// from there, with the same content (bbolt never writes through the map).
// It must run inside a transaction: bbolt maps the file again only when no
// transaction is open but the one that grows it. It is only advice to the
// kernel: an error changes nothing.
func releaseMap(tx *bolt.Tx) {
	size := tx.Size() // the pages in use: never past the end of the map
	if size <= 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, tx.DB().Info().Data, uintptr(size), syscall.MADV_DONTNEED)
}
