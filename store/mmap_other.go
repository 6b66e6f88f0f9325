//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMap does nothing outside Linux (see mmap_linux.go).
func releaseMap(*bolt.Tx) {}
