package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// fakeSession is an in-memory Session over a fixed list of cards. It
// records every call, supports undo, and can be told to fail.
type fakeSession struct {
	cards   []Card
	queue   []int // indexes into cards still to show
	done    int
	grades  [6]int
	history []fakeAction
	calls   []string
	source  []SourceLine
	fail    error // returned by the next mutating call, then cleared
	elapsed time.Duration
	nextDue string
}

type fakeAction struct {
	what  string
	card  int
	grade int
}

var _ Session = (*fakeSession)(nil)

func newFake(cards ...Card) *fakeSession {
	f := &fakeSession{cards: cards, elapsed: 7*time.Minute + 42*time.Second, nextDue: "tomorrow: 12 cards"}
	for i := range cards {
		f.queue = append(f.queue, i)
	}
	f.source = []SourceLine{
		{N: 10, Text: "## Channels"},
		{N: 11, Text: ""},
		{N: 12, Text: "- A send on a nil channel blocks forever.", Current: true},
		{N: 13, Text: "- A receive from a closed channel returns the zero value at once."},
		{N: 14, Text: ""},
	}
	return f
}

func (f *fakeSession) Current() (Card, bool) {
	if len(f.queue) == 0 {
		return Card{}, false
	}
	return f.cards[f.queue[0]], true
}

func (f *fakeSession) take(what string, g int) error {
	f.calls = append(f.calls, what)
	if f.fail != nil {
		err := f.fail
		f.fail = nil
		return err
	}
	if len(f.queue) == 0 {
		return errors.New("no current card")
	}
	f.history = append(f.history, fakeAction{what, f.queue[0], g})
	f.queue = f.queue[1:]
	f.done++
	if strings.HasPrefix(what, "grade") {
		f.grades[g]++
	}
	return nil
}

func (f *fakeSession) Grade(g int) error { return f.take(fmt.Sprintf("grade %d", g), g) }
func (f *fakeSession) Suspend() error    { return f.take("suspend", 0) }
func (f *fakeSession) Bury() error       { return f.take("bury", 0) }
func (f *fakeSession) Reject() error     { return f.take("reject", 0) }

func (f *fakeSession) Undo() error {
	f.calls = append(f.calls, "undo")
	if len(f.history) == 0 {
		return ErrNothingToUndo
	}
	a := f.history[len(f.history)-1]
	f.history = f.history[:len(f.history)-1]
	f.queue = append([]int{a.card}, f.queue...)
	f.done--
	if strings.HasPrefix(a.what, "grade") {
		f.grades[a.grade]--
	}
	return nil
}

func (f *fakeSession) Source() ([]SourceLine, error) {
	f.calls = append(f.calls, "source")
	return f.source, nil
}

func (f *fakeSession) Progress() Progress {
	p := Progress{Done: f.done, Left: len(f.queue)}
	for _, i := range f.queue {
		switch f.cards[i].Status {
		case "new":
			p.New++
		case "drill":
			p.Drill++
		default:
			p.Review++
		}
	}
	return p
}

func (f *fakeSession) Summary() Summary {
	s := Summary{Elapsed: f.elapsed, Grades: f.grades, NextDue: f.nextDue, Leeches: 1, Drilled: 2}
	for _, n := range f.grades {
		s.Cards += n
	}
	return s
}

// sampleCards is a small, varied deck: a basic card with inline Markdown,
// a cloze, a reversed card and a long one.
func sampleCards() []Card {
	return []Card{
		{
			Front:   "What happens on a **send** to a `nil` channel?",
			Back:    "It blocks *forever*; a `select` with other cases can still proceed.",
			Kind:    "basic",
			Deck:    "Go",
			Context: []string{"Concurrency in practice", "Channels", "Nil channels"},
			Source:  "notes/go/concurrency.md:12",
			Status:  "review",
		},
		{
			Front:   "A receive from a closed channel returns [...] at once.",
			Back:    "the zero value",
			Kind:    "cloze",
			Deck:    "Go",
			Context: []string{"Concurrency in practice", "Channels"},
			Source:  "notes/go/concurrency.md:13",
			Status:  "new",
		},
		{
			Front:   "_Le petit prince_",
			Back:    "Antoine de Saint-Exupéry, 1943",
			Kind:    "reversed",
			Deck:    "Lectures",
			Context: []string{"Classiques"},
			Source:  "notes/livres.md:4",
			Status:  "drill",
		},
	}
}
