package store_test

import (
	"testing"

	"github.com/mnemo-dev/mnemo/store"
	"github.com/mnemo-dev/mnemo/store/storetest"
)

func TestMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return store.NewMemory() })
}
