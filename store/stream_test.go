package store

import (
	"fmt"
	"testing"

	"github.com/mnemo-dev/mnemo/cards"
)

func TestIDSet(t *testing.T) {
	var s idSet
	in := func(i int) cards.ID { return cards.NewID(cards.Basic, fmt.Sprint("front ", i), "back") }
	for i := range 3000 {
		if i%2 == 0 {
			s.add(in(i))
		}
		if i%500 == 0 {
			s.flush()
		}
	}
	s.add("a")
	s.add("not a hash at all")
	for i := range 3000 {
		if got, want := s.has(in(i)), i%2 == 0; got != want {
			t.Fatalf("has(%s) = %v, want %v", in(i), got, want)
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
		if got := s.has(tt.id); got != tt.want {
			t.Errorf("has(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
	if n := len(s.sorted); n != 1500 {
		t.Errorf("the set holds %d hashes, want 1500", n)
	}
}
