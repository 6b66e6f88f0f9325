package cmd

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// lockWait is how long a review waits for the store when another mnemo
// holds it at the moment an answer is saved (the store's own timeout is
// tried again until then): a long `mnemo add` beside a review delays the
// answer instead of losing it.
const lockWait = 10 * time.Second

// callStore is the store as a review session sees it: it opens the file
// for each call and closes it after, so the lock is held only while an
// answer is written. `mnemo status`, `list` and `export` can read beside a
// review, and a crash between two answers leaves no store open. Answers
// stay safe against another process: Record refuses a card whose state
// changed since it was read (store.ErrConflict).
type callStore struct {
	open func(readOnly bool) (store.Store, error)
	wait time.Duration
}

var (
	_ store.Store = (*callStore)(nil)
	_ undoer      = (*callStore)(nil)
	_ burier      = (*callStore)(nil)
)

// with opens the store, runs fn and closes the store; a write waits up to
// c.wait for another process's lock.
func (c *callStore) with(readOnly bool, fn func(store.Store) error) error {
	deadline := time.Now().Add(c.wait)
	s, err := c.open(readOnly)
	for errors.Is(err, store.ErrLocked) && !readOnly && time.Now().Before(deadline) {
		s, err = c.open(readOnly)
	}
	if err != nil {
		return err
	}
	if err := fn(s); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// Sync implements store.Store.
func (c *callStore) Sync(ctx context.Context, b store.Batch) (sum store.Summary, err error) {
	err = c.with(false, func(s store.Store) (err error) {
		sum, err = s.Sync(ctx, b)
		return err
	})
	return sum, err
}

// Cards implements store.Store.
func (c *callStore) Cards(ctx context.Context, f store.Filter) (es []store.Entry, err error) {
	err = c.with(true, func(s store.Store) (err error) {
		es, err = s.Cards(ctx, f)
		return err
	})
	return es, err
}

// Due implements store.Store.
func (c *callStore) Due(ctx context.Context, day cards.Date, q store.Query) (es []store.Entry, err error) {
	err = c.with(true, func(s store.Store) (err error) {
		es, err = s.Due(ctx, day, q)
		return err
	})
	return es, err
}

// Record implements store.Store.
func (c *callStore) Record(ctx context.Context, r cards.Review) error {
	return c.with(false, func(s store.Store) error { return s.Record(ctx, r) })
}

// SetStatus implements store.Store.
func (c *callStore) SetStatus(ctx context.Context, ids []cards.ID, st cards.Status) error {
	return c.with(false, func(s store.Store) error { return s.SetStatus(ctx, ids, st) })
}

// Reviews implements store.Store.
func (c *callStore) Reviews(ctx context.Context, since time.Time) (rs []cards.Review, err error) {
	err = c.with(true, func(s store.Store) (err error) {
		rs, err = s.Reviews(ctx, since)
		return err
	})
	return rs, err
}

// Undo takes back an answer when the store can.
func (c *callStore) Undo(ctx context.Context, r cards.Review) error {
	return c.with(false, func(s store.Store) error {
		u, ok := s.(undoer)
		if !ok {
			return errors.New("this store cannot undo")
		}
		return u.Undo(ctx, r)
	})
}

// Bury hides cards until a day when the store can.
func (c *callStore) Bury(ctx context.Context, ids []cards.ID, until cards.Date) error {
	return c.with(false, func(s store.Store) error {
		b, ok := s.(burier)
		if !ok {
			return errors.New("this store cannot bury")
		}
		return b.Bury(ctx, ids, until)
	})
}

// Close implements store.Store: there is nothing to release between calls.
func (c *callStore) Close() error { return nil }
