package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
)

func TestRecord_RoundTrip(t *testing.T) {
	tests := []struct {
		name string
		r    record
	}{
		{"zero", record{}},
		{"full", record{
			Card: cards.Card{
				ID: "0123456789abcdef", Deck: "lang::fr", Kind: cards.Cloze,
				Front: "La [...] est bleue", Back: "mer", Cloze: "La {{c1::mer}} est bleue",
				Context: []string{"Title", "Heading", ""}, Source: cards.Source{Path: "n/a b.md", Line: 12},
				Tags: []string{"fr", "é"}, Rule: "explicit",
			},
			Seq: 1 << 40, Flags: flagSuspended,
		}},
		{"orphaned", record{Card: cards.Card{ID: "x", Kind: cards.Basic}, Seq: 1, Flags: flagOrphaned}},
		{"rejected and orphaned", record{Card: cards.Card{ID: "x", Kind: cards.Basic}, Seq: 2, Flags: flagRejected | flagOrphaned}},
		{"invalid UTF-8 kept", record{Card: cards.Card{ID: "x", Front: "\xff\xfe", Source: cards.Source{Line: -3}}}},
		{"buried", record{Card: cards.Card{ID: "x", Kind: cards.Basic, Source: cards.Source{Path: "p.md"}}, Seq: 4, Flags: flagSuspended, Buried: cards.DateOf(2026, 3, 11)}},
		{"dated", record{Card: cards.Card{ID: "x", Deck: "d", Kind: cards.Basic, Source: cards.Source{Path: "p.md"}}, Seq: 5, Added: cards.DateOf(2026, 3, 1), Changed: cards.DateOf(2026, 3, 2)}},
		{"dated and buried", record{Card: cards.Card{ID: "x", Kind: cards.Basic}, Seq: 6, Buried: 3, Added: -4, Changed: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := appendRecord(nil, &tt.r)
			got, err := decodeRecord([]byte(tt.r.Card.ID), v)
			if err != nil {
				t.Fatalf("decodeRecord() error = %v", err)
			}
			if diff := cmp.Diff(tt.r, got); diff != "" {
				t.Errorf("decodeRecord(appendRecord()) mismatch (-want +got):\n%s", diff)
			}
			h, err := decodeHead(v)
			if err != nil {
				t.Fatalf("decodeHead() error = %v", err)
			}
			want := recordHead{Flags: tt.r.Flags, Seq: tt.r.Seq, Buried: tt.r.Buried,
				Added: tt.r.Added, Changed: tt.r.Changed}
			if diff := cmp.Diff(want, h, cmp.AllowUnexported(recordHead{}), cmp.FilterPath(func(p cmp.Path) bool {
				last := p.Last().String()
				return last == ".body" || last == ".deck" || last == ".path"
			}, cmp.Ignore())); diff != "" {
				t.Errorf("decodeHead() mismatch (-want +got):\n%s", diff)
			}
			if string(h.path) != tt.r.Card.Source.Path || string(h.deck) != tt.r.Card.Deck {
				t.Errorf("decodeHead() path, deck = %q, %q; want %q, %q", h.path, h.deck, tt.r.Card.Source.Path, tt.r.Card.Deck)
			}
			flipped := tt.r.Flags ^ flagOrphaned
			got, err = decodeRecord([]byte(tt.r.Card.ID), setFlags(v, flipped))
			if err != nil || got.Flags != flipped {
				t.Errorf("setFlags() = %+v, %v; want flags %#x", got, err, flipped)
			}
		})
	}
}

func TestDecodeRecord_Errors(t *testing.T) {
	valid := appendRecord(nil, &record{Card: cards.Card{ID: "x", Front: "front", Tags: []string{"a"}}, Seq: 3})
	tests := []struct {
		name string
		v    []byte
	}{
		{"empty", nil},
		{"format only", []byte{recordV1}},
		{"unknown format", append([]byte{9}, valid[1:]...)},
		{"unknown flag", append([]byte{recordV1, 0x80}, valid[2:]...)},
		{"suspended and rejected", append([]byte{recordV1, byte(flagSuspended | flagRejected)}, valid[2:]...)},
		{"truncated", valid[:len(valid)-1]},
		{"trailing bytes", append(valid, 0)},
		{"huge string", []byte{recordV1, 0, 1, 0xff, 0xff, 0xff, 0xff, 0x0f}},
		{"huge list", append(append([]byte{recordV1, 0, 1}, make([]byte, 7)...), 0xff, 0xff, 0xff, 0x0f)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := decodeRecord([]byte("x"), tt.v); err == nil {
				t.Errorf("decodeRecord(%x) = %+v, want an error", tt.v, got)
			}
		})
	}
}

func TestReview_RoundTrip(t *testing.T) {
	s := cards.State{Reps: 3, EF: 130, Interval: 40, Due: cards.MaxDate, Lapses: 2, Reviews: 9, Last: cards.MinDate}
	tests := []struct {
		name string
		r    cards.Review
		zone string // At formatted with its zone
	}{
		{"zero", cards.Review{}, "0001-01-01T00:00:00Z UTC"},
		{"UTC", cards.Review{Card: "a", At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Day: 20513, Grade: cards.Good, Before: cards.NewState(), After: s},
			"2026-03-01T09:00:00Z UTC"},
		{"fixed zone and nanoseconds", cards.Review{Card: "b", At: time.Date(2026, 3, 1, 23, 59, 59, 999999999, time.FixedZone("CEST", 7200)), Drill: true, Before: s, After: s},
			"2026-03-01T23:59:59.999999999+02:00 CEST"},
		{"zone without name", cards.Review{Card: "c", At: time.Date(1969, 7, 20, 20, 17, 0, 0, time.FixedZone("", -3*3600-1800))},
			"1969-07-20T20:17:00-03:30 -0330"},
		{"negative grade kept", cards.Review{Card: "d", Grade: -1, Day: -5}, "0001-01-01T00:00:00Z UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeReview(appendReview(nil, &tt.r))
			if err != nil {
				t.Fatalf("decodeReview() error = %v", err)
			}
			if diff := cmp.Diff(tt.r, got); diff != "" {
				t.Errorf("decodeReview(appendReview()) mismatch (-want +got):\n%s", diff)
			}
			if zone := got.At.Format(time.RFC3339Nano + " MST"); zone != tt.zone {
				t.Errorf("decoded At = %s, want %s", zone, tt.zone)
			}
			if !roundTime(tt.r.At).Equal(got.At) || roundTime(tt.r.At).Location().String() != got.At.Location().String() {
				t.Errorf("roundTime(%v) = %v, want %v", tt.r.At, roundTime(tt.r.At), got.At)
			}
		})
	}
}

func TestState_RoundTrip(t *testing.T) {
	for _, s := range []cards.State{{}, cards.NewState(), {Reps: -1, EF: 1 << 40, Interval: 3, Due: cards.MinDate, Lapses: 7, Reviews: 1, Last: 9}} {
		got, err := decodeState(appendState(nil, s))
		if err != nil || got != s {
			t.Errorf("decodeState(appendState(%+v)) = %+v, %v", s, got, err)
		}
	}
	for _, v := range [][]byte{nil, {9}, {stateV1}, append(appendState(nil, cards.NewState()), 1)} {
		if got, err := decodeState(v); err == nil {
			t.Errorf("decodeState(%x) = %+v, want an error", v, got)
		}
	}
}

// FuzzDecode feeds arbitrary bytes to the decoders: no panic, and what
// decodes encodes back to the same value.
func FuzzDecode(f *testing.F) {
	f.Add(appendRecord(nil, &record{Card: cards.Card{Deck: "d", Context: []string{"a"}, Tags: []string{"t"}}, Seq: 9}))
	f.Add(appendReview(nil, &cards.Review{Card: "a", At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("X", 60))}))
	f.Add(appendState(nil, cards.NewState()))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, v []byte) {
		if r, err := decodeRecord([]byte("id"), v); err == nil {
			again, err := decodeRecord([]byte("id"), appendRecord(nil, &r))
			if err != nil {
				t.Fatalf("decodeRecord(appendRecord(%+v)) error = %v", r, err)
			}
			if diff := cmp.Diff(r, again); diff != "" {
				t.Errorf("record round trip mismatch (-first +second):\n%s", diff)
			}
		}
		if r, err := decodeReview(v); err == nil {
			again, err := decodeReview(appendReview(nil, &r))
			if err != nil {
				t.Fatalf("decodeReview(appendReview(%+v)) error = %v", r, err)
			}
			if diff := cmp.Diff(r, again); diff != "" {
				t.Errorf("review round trip mismatch (-first +second):\n%s", diff)
			}
		}
		if s, err := decodeState(v); err == nil {
			if again, err := decodeState(appendState(nil, s)); err != nil || again != s {
				t.Errorf("decodeState(appendState(%+v)) = %+v, %v", s, again, err)
			}
		}
	})
}

func TestUnder(t *testing.T) {
	tests := []struct {
		path, root string
		want       bool
	}{
		{"n/x.md", "n", true},
		{"n/sub/x.md", "n", true},
		{"n", "n", true},
		{"nx/y.md", "n", false},
		{"n/x.md", "n/x.md", true},
		{"n/x.md.bak", "n/x.md", false},
		{"m/x.md", "n", false},
		{"x.md", ".", true},
		{"a/b.md", ".", true},
		{"../x.md", ".", false},
		{"/abs/x.md", ".", false},
		{"/abs/x.md", "/", true},
		{"/abs/x.md", "/abs", true},
		{"x.md", "", true},
		{"", ".", false},
	}
	for _, tt := range tests {
		if got := under(tt.path, tt.root); got != tt.want {
			t.Errorf("under(%q, %q) = %t, want %t", tt.path, tt.root, got, tt.want)
		}
	}
}

func TestNote_RoundTrip(t *testing.T) {
	tests := []Note{
		{Path: "n.md"},
		{Path: "/notes/a b.md", Size: 1 << 40, ModTime: -1, Hash: "0123456789abcdef", Gen: "1\x00deck", Cards: 546},
		{Path: "n.md", ModTime: 1 << 62, Cards: 1 << 30},
	}
	for _, n := range tests {
		got, err := decodeNote([]byte(n.Path), appendNote(nil, &n))
		if err != nil {
			t.Fatalf("decodeNote(appendNote(%+v)) error = %v", n, err)
		}
		if diff := cmp.Diff(n, got); diff != "" {
			t.Errorf("decodeNote(appendNote()) mismatch (-want +got):\n%s", diff)
		}
	}
	for _, v := range [][]byte{nil, {2}, {noteV1, 1}, append(appendNote(nil, &tests[1]), 0)} {
		if _, err := decodeNote([]byte("n.md"), v); err == nil {
			t.Errorf("decodeNote(%x) error = nil, want one", v)
		}
	}
}

func TestSetBuried(t *testing.T) {
	r := record{Card: cards.Card{ID: "x", Front: "front", Source: cards.Source{Path: "n.md"}}, Seq: 7, Flags: flagOrphaned}
	v1 := appendRecord(nil, &r)
	if v1[0] != recordV1 {
		t.Fatalf("record without a bury has format %d, want %d", v1[0], recordV1)
	}
	h, err := decodeHead(v1)
	if err != nil {
		t.Fatalf("decodeHead() error = %v", err)
	}
	d := cards.DateOf(2026, 3, 12)
	v2 := setBuried(&h, d)
	got, err := decodeRecord([]byte("x"), v2)
	if err != nil {
		t.Fatalf("decodeRecord(setBuried()) error = %v", err)
	}
	want := r
	want.Buried = d
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decodeRecord(setBuried()) mismatch (-want +got):\n%s", diff)
	}
	// Flags are set in place in either format.
	if got, err := decodeRecord([]byte("x"), setFlags(v2, flagRejected)); err != nil || got.Flags != flagRejected || got.Buried != d {
		t.Errorf("setFlags(buried record) = %+v, %v; want rejected, buried until %s", got, err, d)
	}
	h2, err := decodeHead(v2)
	if err != nil {
		t.Fatalf("decodeHead(buried) error = %v", err)
	}
	if back := setBuried(&h2, 0); string(back) != string(v1) {
		t.Errorf("un-buried record = %x, want the version-1 record %x", back, v1)
	}
}
