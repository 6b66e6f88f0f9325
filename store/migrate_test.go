package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

// v1Card is a card of a version-1 store, as writeV1 lays it out.
type v1Card struct {
	card  cards.Card
	flags flags // flagOrphaned or flagSuspended: version 1 has no other
	state cards.State
}

// writeV1 writes a store in the layout of schema version 1: the buckets
// meta, cards, states, due, new and log, no content index. A card whose
// record is nil is written as the bytes bad.
func writeV1(t testing.TB, path string, cs []v1Card, log []cards.Review, bad map[cards.ID][]byte) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		bk := make(map[string]*bolt.Bucket)
		for _, name := range []string{"meta", "cards", "states", "due", "new", "log"} {
			b, err := tx.CreateBucket([]byte(name))
			if err != nil {
				return err
			}
			bk[name] = b
		}
		if err := bk["meta"].Put([]byte("version"), binary.BigEndian.AppendUint32(nil, 1)); err != nil {
			return err
		}
		for i, c := range cs {
			id := []byte(c.card.ID)
			seq := uint64(i + 1)
			v := appendRecord(nil, &record{Card: c.card, Seq: seq, Flags: c.flags})
			if b, ok := bad[c.card.ID]; ok {
				v = b
			}
			if err := bk["cards"].Put(id, v); err != nil {
				return err
			}
			if err := bk["states"].Put(id, appendState(nil, c.state)); err != nil {
				return err
			}
			switch {
			case c.flags != 0:
			case c.state.IsNew():
				err = bk["new"].Put(newKey(seq, id), []byte{})
			default:
				err = bk["due"].Put(dueKey(c.state.Due, id), []byte{})
			}
			if err != nil {
				return err
			}
		}
		if err := bk["cards"].SetSequence(uint64(len(cs))); err != nil {
			return err
		}
		for i, r := range log {
			if err := bk["log"].Put(binary.BigEndian.AppendUint64(nil, uint64(i+1)), appendReview(nil, &r)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// v1Store returns the cards and log of a version-1 store: a reviewed card,
// a new one, an orphaned one and a suspended one, two of them with IDs
// that are not content hashes and the same content.
func v1Store() ([]v1Card, []cards.Review) {
	card := func(id cards.ID, front, back string, line int) cards.Card {
		if id == "" {
			id = cards.NewID(cards.Basic, front, back)
		}
		return cards.Card{ID: id, Deck: "d", Kind: cards.Basic, Front: front, Back: back,
			Source: cards.Source{Path: "n/x.md", Line: line}, Rule: "explicit"}
	}
	reviewed := cards.State{Reps: 1, EF: 250, Interval: 1, Due: testDay, Reviews: 1, Last: testDay - 1}
	cs := []v1Card{
		{card: card("", "What is the capital of Australia?", "Canberra", 1), state: reviewed},
		{card: card("", "What is the capital of Canada?", "Ottawa", 2), state: cards.NewState()},
		{card: card("c1", "same", "content", 3), state: cards.NewState(), flags: flagOrphaned},
		{card: card("c2", "same", "content", 4), state: reviewed, flags: flagSuspended},
	}
	log := []cards.Review{
		{Card: cs[0].card.ID, At: time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC), Day: testDay - 1,
			Grade: cards.Good, Before: cards.NewState(), After: reviewed},
		{Card: "c2", At: time.Date(2026, 3, 9, 9, 1, 0, 0, time.UTC), Day: testDay - 1,
			Grade: cards.Good, Before: cards.NewState(), After: reviewed},
	}
	return cs, log
}

func TestOpen_Migrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mnemo.db")
	cs, log := v1Store()
	writeV1(t, path, cs, log, nil)
	v1, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []Entry
	for _, c := range cs {
		want = append(want, Entry{Card: c.card, State: c.state, Status: statusOf(c.flags, c.state)})
	}
	ctx := t.Context()
	wantCounts := Counts{
		Decks: []DeckCounts{{Deck: "d", Due: 1, New: 1, Review: 1, Suspended: 1, Orphaned: 1, Total: 4}},
		All:   DeckCounts{Due: 1, New: 1, Review: 1, Suspended: 1, Orphaned: 1, Total: 4},
	}

	t.Run("read-only reads version 1 as it is", func(t *testing.T) {
		b, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("Open(v1, ReadOnly) error = %v", err)
		}
		got, err := b.Cards(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Cards() of a read-only v1 store mismatch (-want +got):\n%s", diff)
		}
		if err := b.Check(ctx); err != nil {
			t.Errorf("Check() of a read-only v1 store error = %v", err)
		}
		counts, err := b.Counts(ctx, testDay)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantCounts, counts); diff != "" {
			t.Errorf("Counts() of a read-only v1 store mismatch (-want +got):\n%s", diff)
		}
		if err := b.SetStatus(ctx, []cards.ID{"c1"}, cards.StatusRejected); !errors.Is(err, ErrReadOnly) {
			t.Errorf("SetStatus() error = %v, want ErrReadOnly", err)
		}
		b.Close()
		if after, _ := os.ReadFile(path); !bytes.Equal(v1, after) {
			t.Errorf("a read-only Open changed the v1 file")
		}
	})

	b, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open(v1) error = %v", err)
	}
	defer b.Close()
	if err := b.Check(ctx); err != nil {
		t.Errorf("Check() after the upgrade error = %v", err)
	}
	if counts, err := b.Counts(ctx, testDay); err != nil || !cmp.Equal(wantCounts, counts) {
		t.Errorf("Counts() after the upgrade = %+v, %v; want %+v", counts, err, wantCounts)
	}
	got, err := b.Cards(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Cards() after the upgrade mismatch (-want +got):\n%s", diff)
	}
	due, err := b.Due(ctx, testDay, Query{New: 10})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Entry{want[0], want[1]}, due); diff != "" {
		t.Errorf("Due() after the upgrade mismatch (-want +got):\n%s", diff)
	}
	rs, err := b.Reviews(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(log, rs); diff != "" {
		t.Errorf("Reviews() after the upgrade mismatch (-want +got):\n%s", diff)
	}
	var version []byte
	var content []string
	b.db.View(func(tx *bolt.Tx) error {
		version = bytes.Clone(tx.Bucket([]byte(bucketMeta)).Get([]byte(keyVersion)))
		return tx.Bucket([]byte(bucketContent)).ForEach(func(k, _ []byte) error {
			content = append(content, string(k))
			return nil
		})
	})
	if got := binary.BigEndian.Uint32(version); got != schemaVersion {
		t.Errorf("schema version after the upgrade = %d, want %d", got, schemaVersion)
	}
	same := string(cards.NewID(cards.Basic, "same", "content"))
	wantContent := []string{string(cs[0].card.ID) + string(cs[0].card.ID), string(cs[1].card.ID) + string(cs[1].card.ID), same + "c1", same + "c2"}
	slices.Sort(wantContent)
	if diff := cmp.Diff(wantContent, content); diff != "" {
		t.Errorf("content index mismatch (-want +got):\n%s", diff)
	}

	// The index serves Sync at once: an edit is re-matched, and SetStatus
	// takes a content hash.
	edited := cs[0].card
	edited.Front = "What is the capital city of Australia?"
	edited.ID = cards.NewID(cards.Basic, edited.Front, edited.Back)
	sum, err := b.Sync(ctx, Batch{Cards: []cards.Card{edited, cs[1].card, cs[3].card}, Roots: []string{"n"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Updated: 1, Rematched: 1, Unchanged: 2}); sum != want {
		t.Errorf("Sync() after the upgrade = %+v, want %+v", sum, want)
	}
	if err := b.SetStatus(ctx, []cards.ID{edited.ID, cards.ID(same)}, cards.StatusRejected); err != nil {
		t.Errorf("SetStatus() after the upgrade error = %v", err)
	}
	if err := b.Check(ctx); err != nil {
		t.Errorf("Check() error = %v", err)
	}
	b.Close()

	// Opening again upgrades nothing more.
	before, _ := os.ReadFile(path)
	b2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b2.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("a second Open changed the upgraded file")
	}
}

// TestOpen_MigrateDamaged upgrades a version-1 store with a damaged record:
// the upgrade leaves the card out of the content index, and Check reports
// the damage, not the index.
func TestOpen_MigrateDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mnemo.db")
	cs, log := v1Store()
	writeV1(t, path, cs, log, map[cards.ID][]byte{"c1": {recordV1}})
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open(damaged v1) error = %v", err)
	}
	defer b.Close()
	err = b.Check(t.Context())
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Check() error = %v, want ErrCorrupt", err)
	}
	if !strings.Contains(err.Error(), "1 problems") || !strings.Contains(err.Error(), "card c1: value is truncated") {
		t.Errorf("Check() error = %v, want only the damaged record", err)
	}
}
