package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// basic returns a card as cards.Generate makes it from "front::back" at
// line of path: its ID is its content hash.
func basic(front, back, path string, line int) cards.Card {
	return cards.Card{
		ID:      cards.NewID(cards.Basic, front, back),
		Deck:    "d",
		Kind:    cards.Basic,
		Front:   front,
		Back:    back,
		Context: []string{"Note"},
		Source:  cards.Source{Path: path, Line: line},
		Rule:    "explicit",
	}
}

// cloze returns a cloze card made by rule from text, whose one deletion is
// written {{c1::answer}}; its ID is its content hash.
func cloze(text, path string, line int, rule string) cards.Card {
	start := strings.Index(text, "{{c1::")
	end := strings.Index(text, "}}")
	answer := text[start+len("{{c1::") : end]
	front := text[:start] + cards.ClozeMark + text[end+len("}}"):]
	return cards.Card{
		ID:      cards.NewID(cards.Cloze, front, answer),
		Deck:    "d",
		Kind:    cards.Cloze,
		Front:   front,
		Back:    answer,
		Cloze:   text,
		Context: []string{"Note"},
		Source:  cards.Source{Path: path, Line: line},
		Rule:    rule,
	}
}

// withRule returns c made by another rule.
func withRule(c cards.Card, rule string) cards.Card {
	c.Rule = rule
	return c
}

// holders renders the stored cards as "stored=content status", naming a
// card bN or aN after its index in before or after: "b0=a0 new" is the
// card stored as before[0] that now holds the text of after[0].
func holders(t *testing.T, s store.Store, before, after []cards.Card) []string {
	t.Helper()
	name := func(id cards.ID) string {
		for i, c := range before {
			if c.ID == id {
				return fmt.Sprintf("b%d", i)
			}
		}
		for i, c := range after {
			if c.ID == id {
				return fmt.Sprintf("a%d", i)
			}
		}
		return "?" + string(id)
	}
	holds := func(e store.Entry) string {
		for prefix, cs := range map[string][]cards.Card{"a": after, "b": before} {
			for i, c := range cs {
				if c.Front == e.Card.Front && c.Back == e.Card.Back && c.Source == e.Card.Source &&
					(prefix == "a" || !slices.ContainsFunc(after, func(a cards.Card) bool { return a.ID == c.ID })) {
					return fmt.Sprintf("%s%d", prefix, i)
				}
			}
		}
		return "?"
	}
	var out []string
	for _, e := range mustCards(t, s, store.Filter{}) {
		out = append(out, fmt.Sprintf("%s=%s %s", name(e.Card.ID), holds(e), e.Status))
	}
	slices.Sort(out)
	return out
}

func testRematch(t *testing.T, open func(*testing.T) store.Store) {
	const p = "n/list.md"
	australia := basic("What is the capital of Australia?", "Canberra", p, 1)
	canada := basic("What is the capital of Canada?", "Ottawa", p, 2)
	japan := basic("What is the capital of Japan?", "Tokyo", p, 3)
	capitals := []cards.Card{australia, canada, japan}
	with := func(cs []cards.Card, i int, c cards.Card) []cards.Card {
		cs = slices.Clone(cs)
		cs[i] = c
		return cs
	}
	eiffel := "The Eiffel Tower, finished in 1889 for the World's Fair in Paris, is {{c1::%s}} metres tall"
	sentence := "The {{c1::mitochondrion}} is the powerhouse of the cell"
	sentence2 := "The mitochondrion is the powerhouse of the {{c1::cell}}"
	tests := []struct {
		name          string
		before, after []cards.Card
		batch         store.Batch // Roots and Skip of the second Sync; nil Roots: "n"
		want          store.Summary
		holders       []string
	}{
		{
			name:    "typo fixed",
			before:  with(capitals, 0, basic("What is the capitol of Australia?", "Canberra", p, 1)),
			after:   capitals,
			want:    store.Summary{Updated: 1, Rematched: 1, Unchanged: 2},
			holders: []string{"b0=a0 new", "b1=a1 new", "b2=a2 new"},
		},
		{
			name:    "typo in a short card",
			before:  []cards.Card{basic("le chta", "the cat", p, 1), basic("le chien", "the dog", p, 2)},
			after:   []cards.Card{basic("le chat", "the cat", p, 1), basic("le chien", "the dog", p, 2)},
			want:    store.Summary{Updated: 1, Rematched: 1, Unchanged: 1},
			holders: []string{"b0=a0 new", "b1=a1 new"},
		},
		{
			name:    "word added",
			before:  capitals,
			after:   with(capitals, 1, basic("What is the capital city of Canada?", "Ottawa", p, 2)),
			want:    store.Summary{Updated: 1, Rematched: 1, Unchanged: 2},
			holders: []string{"b0=a0 new", "b1=a1 new", "b2=a2 new"},
		},
		{
			name:    "word removed",
			before:  with(capitals, 2, basic("What is the current capital of Japan?", "Tokyo", p, 3)),
			after:   capitals,
			want:    store.Summary{Updated: 1, Rematched: 1, Unchanged: 2},
			holders: []string{"b0=a0 new", "b1=a1 new", "b2=a2 new"},
		},
		{
			name:    "number changed in a long sentence",
			before:  []cards.Card{cloze(fmt.Sprintf(eiffel, "324"), p, 1, "number"), australia},
			after:   []cards.Card{cloze(fmt.Sprintf(eiffel, "330"), p, 1, "number"), australia},
			want:    store.Summary{Updated: 1, Rematched: 1, Unchanged: 1},
			holders: []string{"b0=a0 new", "b1=a1 new"},
		},
		{
			name:    "wrong answer corrected",
			before:  []cards.Card{basic("What is the capital of Australia?", "Sydney", p, 1), canada, japan},
			after:   capitals,
			want:    store.Summary{Updated: 1, Rematched: 1, Unchanged: 2},
			holders: []string{"b0=a0 new", "b1=a1 new", "b2=a2 new"},
		},
		{
			name:    "different item of the same list",
			before:  capitals,
			after:   with(capitals, 1, basic("What is the capital of Brazil?", "Brasília", p, 2)),
			want:    store.Summary{New: 1, Unchanged: 2, Orphaned: 1},
			holders: []string{"a1=a1 new", "b0=a0 new", "b1=b1 orphaned", "b2=a2 new"},
		},
		{
			name:    "different item of a list of two",
			before:  []cards.Card{australia, canada},
			after:   []cards.Card{australia, basic("What is the capital of Brazil?", "Brasília", p, 2)},
			want:    store.Summary{New: 1, Unchanged: 1, Orphaned: 1},
			holders: []string{"a1=a1 new", "b0=a0 new", "b1=b1 orphaned"},
		},
		{
			name: "cloze moved to another word of the sentence",
			before: []cards.Card{
				cloze("Our benchmarks and **profiling** show that traffic spikes during business hours, so we will scale the {{c1::web servers}} out", p, 1, "emphasis"),
				australia,
			},
			after: []cards.Card{
				cloze("Our benchmarks and {{c1::profiling}} show that traffic spikes during business hours, so we will scale the **web servers** out", p, 1, "emphasis"),
				australia,
			},
			want:    store.Summary{New: 1, Unchanged: 1, Orphaned: 1},
			holders: []string{"a0=a0 new", "b0=b0 orphaned", "b1=a1 new"},
		},
		{
			name:   "two clozes of an edited sentence",
			before: []cards.Card{cloze(sentence, p, 1, "emphasis"), cloze(sentence2, p, 1, "emphasis")},
			after: []cards.Card{
				cloze(strings.Replace(sentence, "powerhouse", "power plant", 1), p, 1, "emphasis"),
				cloze(strings.Replace(sentence2, "powerhouse", "power plant", 1), p, 1, "emphasis"),
			},
			want:    store.Summary{Updated: 2, Rematched: 2},
			holders: []string{"b0=a0 new", "b1=a1 new"},
		},
		{
			name: "two edited items pair with their own",
			before: []cards.Card{
				basic("Which gas do plants absorb during photosynthesis?", "Carbon dioxide", p, 1),
				basic("Which gas do plants release during photosynthesis?", "Oxygen", p, 2),
				japan,
			},
			after: []cards.Card{
				basic("Which gas do plants release during photosynthesis?", "Oxygen (O2)", p, 1),
				basic("Which gas do green plants absorb during photosynthesis?", "Carbon dioxide", p, 2),
				japan,
			},
			want:    store.Summary{Updated: 2, Rematched: 2, Unchanged: 1},
			holders: []string{"b0=a1 new", "b1=a0 new", "b2=a2 new"},
		},
		{
			name:    "edit and a new card in one note",
			before:  capitals[:2],
			after:   []cards.Card{australia, basic("What is the capital city of Canada?", "Ottawa", p, 2), japan},
			want:    store.Summary{New: 1, Updated: 1, Rematched: 1, Unchanged: 1},
			holders: []string{"a2=a2 new", "b0=a0 new", "b1=a1 new"},
		},
		{
			name:    "another rule is another card",
			before:  capitals,
			after:   with(capitals, 1, withRule(basic("What is the capital city of Canada?", "Ottawa", p, 2), "definition")),
			want:    store.Summary{New: 1, Unchanged: 2, Orphaned: 1},
			holders: []string{"a1=a1 new", "b0=a0 new", "b1=b1 orphaned", "b2=a2 new"},
		},
		{
			name:    "another kind is another card",
			before:  []cards.Card{cloze("The capital of Canada is {{c1::Ottawa}}", p, 1, "explicit"), japan},
			after:   []cards.Card{basic("The capital of Canada is", "Ottawa", p, 1), japan},
			want:    store.Summary{New: 1, Unchanged: 1, Orphaned: 1},
			holders: []string{"a0=a0 new", "b0=b0 orphaned", "b1=a1 new"},
		},
		{
			name:    "edited and moved to another note",
			before:  capitals,
			after:   with(capitals, 1, basic("What is the capital city of Canada?", "Ottawa", "n/other.md", 1)),
			want:    store.Summary{New: 1, Unchanged: 2, Orphaned: 1},
			holders: []string{"a1=a1 new", "b0=a0 new", "b1=b1 orphaned", "b2=a2 new"},
		},
		{
			name:    "moved without an edit",
			before:  capitals,
			after:   with(capitals, 1, basic(canada.Front, canada.Back, "m/other.md", 7)),
			batch:   store.Batch{Roots: []string{"n", "m"}},
			want:    store.Summary{Updated: 1, Unchanged: 2},
			holders: []string{"b0=a0 new", "b1=a1 new", "b2=a2 new"},
		},
		{
			name:    "whole note renamed",
			before:  capitals,
			after:   moveAll(capitals, "n/renamed.md"),
			want:    store.Summary{Updated: 3},
			holders: []string{"b0=a0 new", "b1=a1 new", "b2=a2 new"},
		},
		{
			name:    "no roots: nothing is orphaned nor re-matched",
			before:  capitals,
			after:   with(capitals, 1, basic("What is the capital city of Canada?", "Ottawa", p, 2)),
			batch:   store.Batch{Roots: []string{}},
			want:    store.Summary{New: 1, Unchanged: 2},
			holders: []string{"a1=a1 new", "b0=a0 new", "b1=b1 new", "b2=a2 new"},
		},
		{
			name:    "out of scope: not re-matched",
			before:  capitals,
			after:   with(capitals, 1, basic("What is the capital city of Canada?", "Ottawa", p, 2)),
			batch:   store.Batch{Roots: []string{"m"}},
			want:    store.Summary{New: 1, Unchanged: 2},
			holders: []string{"a1=a1 new", "b0=a0 new", "b1=b1 new", "b2=a2 new"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			mustSync(t, s, store.Batch{Cards: tt.before, Roots: []string{"n"}})
			b := tt.batch
			b.Cards = tt.after
			if b.Roots == nil {
				b.Roots = []string{"n"}
			}
			if got := mustSync(t, s, b); got != tt.want {
				t.Errorf("Sync(after) = %+v, want %+v", got, tt.want)
			}
			if diff := cmp.Diff(tt.holders, holders(t, s, tt.before, tt.after)); diff != "" {
				t.Errorf("stored cards mismatch (-want +got):\n%s", diff)
			}
			// The same batch again changes nothing: re-matched cards are
			// found by their new content.
			again := tt.want.Unchanged + tt.want.Updated + tt.want.New
			if got := mustSync(t, s, b); got != (store.Summary{Unchanged: again}) {
				t.Errorf("Sync(after) again = %+v, want %d unchanged", got, again)
			}
		})
	}
}

func moveAll(cs []cards.Card, path string) []cards.Card {
	out := slices.Clone(cs)
	for i := range out {
		out[i].Source.Path = path
	}
	return out
}

// testRematchKeepsSchedule checks that an edited card keeps its stored ID,
// state and history, and is found by its new content afterwards.
func testRematchKeepsSchedule(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	const p = "n/bio.md"
	n := []string{"n"}
	v1 := basic("Which organelle is the powerhouse of the cell?", "The mitochondrion", p, 3)
	other := basic("What does a ribosome make?", "Proteins", p, 4)
	mustSync(t, s, store.Batch{Cards: []cards.Card{v1, other}, Roots: n})
	r := schedule(t, s, v1.ID, day+3)

	keep := func(c cards.Card) store.Entry {
		c.ID = v1.ID
		return store.Entry{Card: c, State: r.After, Status: cards.StatusReview}
	}
	steps := []struct {
		name string
		card cards.Card // the new text of v1
		want store.Summary
	}{
		{"typo", basic("Which organelle is the powerhouse of the cel?", "The mitochondrion", p, 3), store.Summary{Updated: 1, Rematched: 1, Unchanged: 1}},
		{"same again", basic("Which organelle is the powerhouse of the cel?", "The mitochondrion", p, 3), store.Summary{Unchanged: 2}},
		{"second edit", basic("Which organelle is the powerhouse of a cell?", "The mitochondrion", p, 3), store.Summary{Updated: 1, Rematched: 1, Unchanged: 1}},
		{"moved line", basic("Which organelle is the powerhouse of a cell?", "The mitochondrion", p, 9), store.Summary{Updated: 1, Unchanged: 1}},
		// v1.ID is the stored ID: matched by it, not re-matched.
		{"first text back", v1, store.Summary{Updated: 1, Unchanged: 1}},
	}
	for _, st := range steps {
		if got := mustSync(t, s, store.Batch{Cards: []cards.Card{st.card, other}, Roots: n}); got != st.want {
			t.Errorf("Sync(%s) = %+v, want %+v", st.name, got, st.want)
		}
		want := []store.Entry{keep(st.card), newEntry(other, cards.StatusNew)}
		if st.card.Source.Line > other.Source.Line {
			want[0], want[1] = want[1], want[0]
		}
		if diff := cmp.Diff(want, mustCards(t, s, store.Filter{})); diff != "" {
			t.Errorf("Cards() after %s mismatch (-want +got):\n%s", st.name, diff)
		}
		if got := ids(mustDue(t, s, day+3, store.Query{})); !cmp.Equal(got, []cards.ID{v1.ID}) {
			t.Errorf("Due() after %s = %v, want the stored ID %s", st.name, got, v1.ID)
		}
	}
	// The history still names the stored ID, and answers go on under it.
	r2 := cards.Review{Card: v1.ID, At: atTime().Add(72 * time.Hour), Day: day + 3, Grade: cards.Good, Before: r.After, After: reviewed(day + 9)}
	mustRecord(t, s, r2)
	if diff := cmp.Diff([]cards.Review{r, r2}, mustReviews(t, s, time.Time{})); diff != "" {
		t.Errorf("Reviews() mismatch (-want +got):\n%s", diff)
	}
}

// testStableIDs checks the stored IDs when a text comes back beside its
// edit, and when a card is gone and back.
func testStableIDs(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	const p = "n/x.md"
	n := []string{"n"}
	v1 := basic("What is the boiling point of water at sea level?", "100 °C", p, 1)
	v2 := basic("What is the boiling point of water at sea level?", "100 °C (212 °F)", p, 1)
	mustSync(t, s, store.Batch{Cards: []cards.Card{v1}, Roots: n})
	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{v2}, Roots: n}); got != (store.Summary{Updated: 1, Rematched: 1}) {
		t.Fatalf("Sync(v2) = %+v, want 1 re-matched", got)
	}

	// Both texts now: v2 keeps the stored card, v1 is a new card, stored
	// under another ID since v1.ID is taken.
	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{v1, v2}, Roots: n}); got != (store.Summary{New: 1, Unchanged: 1}) {
		t.Errorf("Sync(v1, v2) = %+v, want 1 new, 1 unchanged", got)
	}
	es := mustCards(t, s, store.Filter{})
	if len(es) != 2 {
		t.Fatalf("Cards() = %d cards, want 2", len(es))
	}
	byText := make(map[string]cards.ID)
	for _, e := range es {
		byText[e.Card.Back] = e.Card.ID
	}
	if got := byText[v2.Back]; got != v1.ID {
		t.Errorf("stored ID of v2 = %s, want %s (the first stored ID)", got, v1.ID)
	}
	alt := byText[v1.Back]
	if alt == "" || alt == v1.ID || alt == v2.ID || len(alt) != len(v1.ID) {
		t.Errorf("stored ID of v1 = %q, want a new 16-digit ID", alt)
	}
	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{v2, v1}, Roots: n}); got != (store.Summary{Unchanged: 2}) {
		t.Errorf("Sync(v2, v1) again = %+v, want 2 unchanged", got)
	}

	// v2 gone: its card is orphaned, v1's stays; v2 back: revived.
	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{v1}, Roots: n}); got != (store.Summary{Unchanged: 1, Orphaned: 1}) {
		t.Errorf("Sync(v1) = %+v, want 1 unchanged, 1 orphaned", got)
	}
	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{v1, v2}, Roots: n}); got != (store.Summary{Updated: 1, Unchanged: 1}) {
		t.Errorf("Sync(v1, v2) = %+v, want 1 revived, 1 unchanged", got)
	}
	want := map[string]cards.ID{v1.Back: alt, v2.Back: v1.ID}
	got := make(map[string]cards.ID)
	for _, e := range mustCards(t, s, store.Filter{Status: cards.StatusNew}) {
		got[e.Card.Back] = e.Card.ID
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored IDs mismatch (-want +got):\n%s", diff)
	}

	// An orphaned card is not re-matched: an edit of a text gone in an
	// earlier sync is a new card.
	mustSync(t, s, store.Batch{Roots: n})
	v3 := basic("What is the boiling point of water at sea level?", "100 °C (212 °F) at 1 atm", p, 1)
	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{v3}, Roots: n}); got != (store.Summary{New: 1}) {
		t.Errorf("Sync(v3) after orphaning = %+v, want 1 new", got)
	}
}
