package cards

import (
	"fmt"
	"time"
)

// Date is a calendar day, counted in days from 1970-01-01 (which is 0).
// It carries no time of day and no time zone: a review's day is decided
// once, by the scheduler, from the local clock and the rollover hour.
type Date int32

// The range of dates mnemo stores. Dates past MaxDate are capped to it.
const (
	MinDate Date = -719162 // 0001-01-01
	MaxDate Date = 2932896 // 9999-12-31
)

// DateOf returns the calendar date of y-m-d (normalized like time.Date).
func DateOf(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix() / 86400)
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t.Date()), nil
}

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String returns the date as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// AddDays returns d plus n days, capped to [MinDate, MaxDate]: it never
// wraps, however large n is.
func (d Date) AddDays(n int) Date {
	v := int64(d) + int64(n)
	switch {
	case v > int64(MaxDate):
		return MaxDate
	case v < int64(MinDate):
		return MinDate
	}
	return Date(v)
}

// Grade is an SM-2 grade, 0 (blackout) to 5 (perfect).
type Grade int

// The SM-2 grades.
const (
	Blackout  Grade = 0 // complete blackout
	Wrong     Grade = 1 // wrong, remembered on seeing the answer
	WrongEasy Grade = 2 // wrong, but the answer seemed easy to recall
	Hard      Grade = 3 // correct with serious difficulty
	Good      Grade = 4 // correct after hesitation
	Perfect   Grade = 5 // perfect response
)

// Valid reports whether g is one of 0..5.
func (g Grade) Valid() bool { return g >= 0 && g <= 5 }

// Pass reports whether g is a passing grade (3 or more).
func (g Grade) Pass() bool { return g >= 3 }

// DefaultEF is the E-Factor of a new card, in hundredths (2.50).
const DefaultEF = 250

// State is a card's SM-2 schedule. The zero State is not valid: a new card
// starts as NewState().
type State struct {
	Reps     int  // repetitions passed in a row (n in SM-2)
	EF       int  // E-Factor in hundredths: 250 means 2.50
	Interval int  // days, as SM-2 computed it (not capped)
	Due      Date // when the card is next due; 0 with Reps 0 and no review means new
	Lapses   int  // grades below 3 after the first pass
	Reviews  int  // graded reviews counted by the schedule (drills excluded)
	// Last is the day of the last graded review; 0 when never reviewed.
	Last Date
}

// NewState returns the schedule of a card never reviewed.
func NewState() State { return State{EF: DefaultEF} }

// IsNew reports whether the card was never reviewed.
func (s State) IsNew() bool { return s.Reviews == 0 }

// Review is one answer, as kept in the append-only review log.
type Review struct {
	Card ID
	// At is when the answer was given (the injected clock, with its zone).
	At time.Time
	// Day is the review day At falls on after the rollover hour.
	Day   Date
	Grade Grade
	// Drill is true for a same-day drill repeat, which changes no state.
	Drill bool
	// Before and After are the card's state before and after the answer
	// (equal for a drill), so a log can be replayed, checked and undone.
	Before, After State
}
