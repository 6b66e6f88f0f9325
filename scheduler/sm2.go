// Package scheduler schedules reviews with SM-2 exactly as published
// (P. A. Wozniak, 1990), as pure functions over cards.State.
//
// Arithmetic is exact: the E-Factor is kept in integer hundredths, so
// intervals never suffer from binary floating point (140 × 3.00 is 420, not
// 421), and dates are calendar days (cards.Date), never 24-hour multiples,
// so daylight-saving changes neither skip nor repeat a day. Where the
// published text is explicit it is followed; where it is silent the SM-2
// sample source decides. Nothing here reads the clock: callers pass the day.
//
// scheduler imports only cards; it must not import store, export or cmd.
package scheduler

import (
	"time"

	"github.com/mnemo-dev/mnemo/cards"
)

// MinEF is the lowest E-Factor SM-2 allows, in hundredths (1.30).
const MinEF = 130

// MaxInterval caps an interval, in days: the span from 0001-01-01 to
// 9999-12-31. Intervals grow without bound under SM-2 (13 perfect reviews
// already pass year 9999); past the cap they stay there and due dates stay
// at cards.MaxDate instead of wrapping.
const MaxInterval = int(cards.MaxDate - cards.MinDate)

// DefaultRollover is the hour at which a new review day starts (4:00 local,
// as in Anki): an answer given at 01:30 counts for the day before.
const DefaultRollover = 4

// Day returns the review day that the instant now falls on, in now's own
// location, when days start at the rollover hour (0–23). It uses the wall
// clock, so a day that is 23 or 25 hours long (DST) is still one day.
func Day(now time.Time, rollover int) cards.Date {
	y, m, d := now.Date()
	if now.Hour() < rollover {
		d--
	}
	return cards.DateOf(y, m, d)
}

// Next returns the state after grade g is given on day. A grade of 3 or
// more is a pass: the repetition count grows, the interval becomes 1, then
// 6, then the previous interval times the E-Factor held before this grade
// (rounded up), and the E-Factor moves by 0.1-(5-q)(0.08+(5-q)0.02), never
// below 1.30. A grade below 3 is a lapse: the count restarts, the card is
// due the next day and the E-Factor is kept. The interval does not depend
// on how late or early the review is; the due date counts from day.
//
// Next does not validate g: callers check cards.Grade.Valid first; an
// out-of-range grade is treated as the nearest valid one.
func Next(s cards.State, g cards.Grade, day cards.Date) cards.State {
	g = min(max(g, cards.Blackout), cards.Perfect)
	if s.EF == 0 {
		s.EF = cards.DefaultEF
	}
	s.Reviews++
	s.Last = day
	if !g.Pass() {
		if s.Reps > 0 {
			s.Lapses++
		}
		s.Reps = 0
		s.Interval = 1
		s.Due = day.AddDays(1)
		return s
	}
	s.Reps++
	switch s.Reps {
	case 1:
		s.Interval = 1
	case 2:
		s.Interval = 6
	default:
		s.Interval = mulCeil(s.Interval, s.EF)
	}
	q := int(cards.Perfect - g)
	s.EF = max(s.EF+10-q*(8+q*2), MinEF)
	s.Due = day.AddDays(s.Interval)
	return s
}

// mulCeil returns ⌈interval × ef / 100⌉ capped to MaxInterval.
func mulCeil(interval, ef int) int {
	v := (int64(interval)*int64(ef) + 99) / 100
	if v > int64(MaxInterval) {
		return MaxInterval
	}
	return int(max(v, 1))
}
