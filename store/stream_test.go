package store

import (
	"fmt"
	"testing"

	"github.com/mnemo-dev/mnemo/cards"
)

func TestIDSet(t *testing.T) {
	var s IDSet
	in := func(i int) cards.ID { return cards.NewID(cards.Basic, fmt.Sprint("front ", i), "back") }
	for i := range 3000 {
		if i%2 == 0 {
			s.Add(in(i))
		}
		if i%500 == 0 {
			s.flush()
		}
	}
	s.Add("a")
	s.Add("not a hash at all")
	for i := range 3000 {
		if got, want := s.Has(in(i)), i%2 == 0; got != want {
			t.Fatalf("Has(%s) = %v, want %v", in(i), got, want)
		}
	}
	s.flush()
	for _, tt := range []struct {
		id   cards.ID
		want bool
	}{
		{in(0), true},
		{in(1), false},
		{"a", true},
		{"b", false},
		{"not a hash at all", true},
		{cards.ID(fmt.Sprintf("%016X", 1)), false}, // upper case: not a hash
	} {
		if got := s.Has(tt.id); got != tt.want {
			t.Errorf("Has(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
	if n := len(s.sorted); n != 1500 {
		t.Errorf("the set holds %d hashes, want 1500", n)
	}
}

func TestIDSet_Add(t *testing.T) {
	var s IDSet
	id := func(i int) cards.ID { return cards.NewID(cards.Basic, fmt.Sprint("front ", i), "back") }
	const n = 1<<15 + 5000 // past a flush into the sorted slice
	for round, want := range []bool{true, false} {
		for i := range n {
			if got := s.Add(id(i)); got != want {
				t.Fatalf("round %d: Add(%s) = %v, want %v", round, id(i), got, want)
			}
		}
	}
	for _, tt := range []struct {
		id   cards.ID
		want bool
	}{
		{"x", true},
		{"x", false},
		{"0123456789ABCDEF", true}, // upper case: not a hash, kept as is
		{"0123456789abcdef", true},
		{"0123456789abcdef", false},
	} {
		if got := s.Add(tt.id); got != tt.want {
			t.Errorf("Add(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}
