package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// dumper is what Bolt and Memory have for backups.
type dumper interface {
	store.Store
	Dump(ctx context.Context) (store.Dump, error)
	Load(ctx context.Context, d store.Dump) error
	Bury(ctx context.Context, ids []cards.ID, until cards.Date) error
	Check(ctx context.Context) error
	Counts(ctx context.Context, day cards.Date) (store.Counts, error)
}

var dumpStores = []struct {
	name string
	open func(t *testing.T) dumper
}{
	{"bolt", func(t *testing.T) dumper { return openBolt(t) }},
	{"memory", func(t *testing.T) dumper { return store.NewMemory() }},
}

// fillForDump gives s cards of every kind of status: reviewed, new,
// orphaned, suspended, rejected, buried, and a log with a drill and
// answers in two zones.
func fillForDump(t *testing.T, s dumper) {
	t.Helper()
	ctx := t.Context()
	cs := testCards(30, "d")
	if _, err := s.Sync(ctx, store.Batch{Cards: cs, Roots: []string{"n"}, Day: day - 2}); err != nil {
		t.Fatalf("Sync() error = %v", err)
	}
	// Drop the last note: its cards become orphaned; edit one card.
	cs[4].Back += " (edited)"
	if _, err := s.Sync(ctx, store.Batch{Cards: cs[:20], Roots: []string{"n"}, Day: day - 1}); err != nil {
		t.Fatalf("Sync() error = %v", err)
	}
	paris := time.FixedZone("CET", 3600)
	at := time.Date(2026, 3, 10, 9, 30, 0, 123456789, paris)
	for i, c := range cs[:6] {
		before := cards.NewState()
		after := cards.State{Reps: 1, EF: 250 + i, Interval: 1, Due: day + cards.Date(i), Reviews: 1, Last: day}
		r := cards.Review{Card: c.ID, At: at.Add(time.Duration(i) * time.Minute), Day: day, Grade: cards.Good, Before: before, After: after}
		if i%2 == 1 {
			r.At = r.At.UTC()
		}
		if err := s.Record(ctx, r); err != nil {
			t.Fatalf("Record() error = %v", err)
		}
		if i == 0 {
			drill := cards.Review{Card: c.ID, At: r.At.Add(time.Second), Day: day, Grade: cards.Hard, Drill: true, Before: after, After: after}
			if err := s.Record(ctx, drill); err != nil {
				t.Fatalf("Record(drill) error = %v", err)
			}
		}
	}
	if err := s.SetStatus(ctx, []cards.ID{cs[1].ID, cs[10].ID}, cards.StatusRejected); err != nil {
		t.Fatalf("SetStatus(rejected) error = %v", err)
	}
	if err := s.SetStatus(ctx, []cards.ID{cs[2].ID, cs[25].ID}, cards.StatusSuspended); err != nil {
		t.Fatalf("SetStatus(suspended) error = %v", err)
	}
	if err := s.Bury(ctx, []cards.ID{cs[3].ID, cs[12].ID}, day+1); err != nil {
		t.Fatalf("Bury() error = %v", err)
	}
}

func TestDumpLoad(t *testing.T) {
	for _, from := range dumpStores {
		for _, to := range dumpStores {
			t.Run(from.name+"_to_"+to.name, func(t *testing.T) {
				ctx := t.Context()
				src := from.open(t)
				fillForDump(t, src)
				want, err := src.Dump(ctx)
				if err != nil {
					t.Fatalf("Dump() error = %v", err)
				}
				if len(want.Cards) != 30 || len(want.Log) != 7 {
					t.Fatalf("Dump() has %d cards and %d reviews, want 30 and 7", len(want.Cards), len(want.Log))
				}
				changed := 0
				for _, c := range want.Cards {
					if c.Added != day-2 {
						t.Errorf("Dump() card %s added %s, want %s", c.Card.ID, c.Added, day-2)
					}
					if c.Changed == day-1 {
						changed++
					}
				}
				if changed != 1 {
					t.Errorf("Dump() has %d cards changed on %s, want 1", changed, day-1)
				}
				dst := to.open(t)
				if err := dst.Load(ctx, want); err != nil {
					t.Fatalf("Load() error = %v", err)
				}
				if err := dst.Check(ctx); err != nil {
					t.Errorf("Check() after Load error = %v", err)
				}
				got, err := dst.Dump(ctx)
				if err != nil {
					t.Fatalf("Dump() error = %v", err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Dump() after Load mismatch (-want +got):\n%s", diff)
				}
				for _, d := range []cards.Date{day, day + 1, day + 10} {
					q := store.Query{New: 100}
					wantDue, err := src.Due(ctx, d, q)
					if err != nil {
						t.Fatalf("Due() error = %v", err)
					}
					gotDue, err := dst.Due(ctx, d, q)
					if err != nil {
						t.Fatalf("Due() error = %v", err)
					}
					if diff := cmp.Diff(wantDue, gotDue); diff != "" {
						t.Errorf("Due(%s) after Load mismatch (-want +got):\n%s", d, diff)
					}
				}
				wantCounts, err := src.Counts(ctx, day)
				if err != nil {
					t.Fatal(err)
				}
				gotCounts, err := dst.Counts(ctx, day)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(wantCounts, gotCounts); diff != "" {
					t.Errorf("Counts() after Load mismatch (-want +got):\n%s", diff)
				}
				for _, id := range []cards.ID{want.Cards[0].Card.ID} {
					wantCards, _ := src.Cards(ctx, store.Filter{IDs: []cards.ID{id}})
					gotCards, _ := dst.Cards(ctx, store.Filter{IDs: []cards.ID{id}})
					if diff := cmp.Diff(wantCards, gotCards); diff != "" {
						t.Errorf("Cards() after Load mismatch (-want +got):\n%s", diff)
					}
				}

				// A card added after Load comes after the loaded ones.
				extra := testCards(1, "extra")
				if _, err := dst.Sync(ctx, store.Batch{Cards: extra}); err != nil {
					t.Fatalf("Sync() after Load error = %v", err)
				}
				if err := dst.Check(ctx); err != nil {
					t.Errorf("Check() after Sync error = %v", err)
				}
				after, err := dst.Dump(ctx)
				if err != nil {
					t.Fatalf("Dump() error = %v", err)
				}
				var maxSeq, extraSeq uint64
				for _, c := range after.Cards {
					if c.Card.ID == extra[0].ID {
						extraSeq = c.Seq
					} else {
						maxSeq = max(maxSeq, c.Seq)
					}
				}
				if extraSeq <= maxSeq {
					t.Errorf("card added after Load has add sequence %d, want > %d", extraSeq, maxSeq)
				}

				if err := dst.Load(ctx, want); !errors.Is(err, store.ErrNotEmpty) {
					t.Errorf("Load() into a non-empty store error = %v, want ErrNotEmpty", err)
				}
			})
		}
	}
}

func TestLoad_NotEmpty(t *testing.T) {
	for _, s := range dumpStores {
		t.Run(s.name, func(t *testing.T) {
			ctx := t.Context()
			dst := s.open(t)
			if _, err := dst.Sync(ctx, store.Batch{Cards: testCards(1, "x")}); err != nil {
				t.Fatalf("Sync() error = %v", err)
			}
			d := store.Dump{Cards: []store.DumpCard{{Card: testCards(1, "y")[0], State: cards.NewState(), Seq: 1}}}
			if err := dst.Load(ctx, d); !errors.Is(err, store.ErrNotEmpty) {
				t.Errorf("Load() error = %v, want ErrNotEmpty", err)
			}
		})
	}
}

func TestLoad_Invalid(t *testing.T) {
	c := testCards(2, "v")
	ok := store.DumpCard{Card: c[0], State: cards.NewState(), Seq: 1}
	tests := []struct {
		name string
		d    store.Dump
	}{
		{"no ID", store.Dump{Cards: []store.DumpCard{{State: cards.NewState(), Seq: 1}}}},
		{"twice", store.Dump{Cards: []store.DumpCard{ok, {Card: c[0], State: cards.NewState(), Seq: 2}}}},
		{"seq 0", store.Dump{Cards: []store.DumpCard{{Card: c[0], State: cards.NewState()}}}},
		{"same seq", store.Dump{Cards: []store.DumpCard{ok, {Card: c[1], State: cards.NewState(), Seq: 1}}}},
		{"two marks", store.Dump{Cards: []store.DumpCard{{Card: c[0], State: cards.NewState(), Seq: 1, Suspended: true, Rejected: true}}}},
		{"unknown card", store.Dump{Cards: []store.DumpCard{ok}, Log: []cards.Review{{Card: c[1].ID}}}},
	}
	for _, s := range dumpStores {
		for _, tt := range tests {
			t.Run(s.name+"/"+tt.name, func(t *testing.T) {
				dst := s.open(t)
				if err := dst.Load(t.Context(), tt.d); err == nil {
					t.Fatal("Load() error = nil, want an error")
				}
				got, err := dst.Dump(t.Context())
				if err != nil {
					t.Fatalf("Dump() error = %v", err)
				}
				if diff := cmp.Diff(store.Dump{}, got); diff != "" {
					t.Errorf("Load() changed the store (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func BenchmarkDumpLoad(b *testing.B) {
	src := benchStore(b, testCards(10_000, "a"))
	d, err := src.Dump(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("dump/10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := src.Dump(b.Context()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load/10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			dst := openBolt(b)
			b.StartTimer()
			if err := dst.Load(b.Context(), d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
