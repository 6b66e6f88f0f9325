package cmd

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

func date(t *testing.T, s string) cards.Date {
	t.Helper()
	d, err := cards.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestStatsFigures checks every figure against a small log counted by hand:
// 10 graded reviews and 1 drill over 5 days (02-27, 03-06, 03-07, 03-08,
// 03-09), with 2 mature lapses (C on 02-27 and 03-08).
func TestStatsFigures(t *testing.T) {
	d := func(s string) cards.Date { return date(t, "2026-"+s) }
	// before returns the state before an answer: interval 0 means new.
	before := func(interval int) cards.State {
		if interval == 0 {
			return cards.NewState()
		}
		return cards.State{Reps: 1, EF: 250, Interval: interval, Reviews: 1}
	}
	rv := func(id, day string, g cards.Grade, interval int, drill bool) cards.Review {
		return cards.Review{Card: cards.ID(id), Day: d(day), Grade: g, Drill: drill, Before: before(interval)}
	}
	reviews := []cards.Review{
		rv("C", "02-27", 2, 40, false), // mature lapse, February
		rv("B", "02-27", 4, 22, false), // mature pass, February
		rv("A", "03-06", 4, 0, false),
		rv("B", "03-06", 4, 0, false),
		rv("B", "03-06", 5, 0, true),   // drill: not counted anywhere
		rv("A", "03-07", 5, 20, false), // 20 days: not mature
		rv("C", "03-07", 3, 25, false), // mature pass, March
		rv("C", "03-08", 1, 30, false), // mature lapse, March
		rv("B", "03-08", 0, 3, false),
		rv("A", "03-09", 4, 21, false), // 21 days: mature pass, March
		rv("C", "03-09", 4, 1, false),
	}
	entry := func(id string, st cards.Status, due string) store.Entry {
		e := store.Entry{Card: cards.Card{ID: cards.ID(id)}, Status: st, State: cards.NewState()}
		if due != "" {
			e.State = cards.State{Reps: 1, EF: 250, Interval: 1, Due: d(due), Reviews: 1}
		}
		return e
	}
	entries := []store.Entry{
		entry("A", cards.StatusReview, "03-10"),
		entry("B", cards.StatusReview, "03-09"),
		entry("C", cards.StatusReview, "03-15"),
		entry("D", cards.StatusNew, ""),
		entry("E", cards.StatusSuspended, "03-11"), // suspended: not in the forecast
		entry("F", cards.StatusOrphaned, "03-10"),  // orphaned: neither
		entry("G", cards.StatusRejected, ""),
		entry("H", cards.StatusReview, "04-20"), // past the 30 days
		entry("I", cards.StatusReview, "04-08"), // 03-10 + 29
	}
	byDay := map[cards.Date]int{d("02-27"): 2, d("03-06"): 2, d("03-07"): 2, d("03-08"): 2, d("03-09"): 2}
	retention := map[string]tally{"2026-02": {Passed: 1, Total: 2}, "2026-03": {Passed: 2, Total: 3}}
	forecast := func(at map[int]int) []int {
		f := make([]int, forecastDays)
		for i, n := range at {
			f[i] = n
		}
		return f
	}
	tests := []struct {
		name  string
		today string
		want  statsFigures
	}{
		{
			name:  "the day after the last review",
			today: "03-10",
			want: statsFigures{
				ReviewsByDay: byDay, Retention: retention,
				Forecast: forecast(map[int]int{0: 2, 5: 1, 29: 1}),
				Counts:   statusCounts{New: 1, Review: 5, Suspended: 1, Orphaned: 1, Rejected: 1, DueToday: 2},
				Streak:   4, // 03-09 back to 03-06; today has no review yet
			},
		},
		{
			name:  "on the last review day",
			today: "03-09",
			want: statsFigures{
				ReviewsByDay: byDay, Retention: retention,
				Forecast: forecast(map[int]int{0: 1, 1: 1, 6: 1}), // I (04-08) is day 30: out
				Counts:   statusCounts{New: 1, Review: 5, Suspended: 1, Orphaned: 1, Rejected: 1, DueToday: 1},
				Streak:   4,
			},
		},
		{
			name:  "a day missed",
			today: "03-11",
			want: statsFigures{
				ReviewsByDay: byDay, Retention: retention,
				Forecast: forecast(map[int]int{0: 2, 4: 1, 28: 1}),
				Counts:   statusCounts{New: 1, Review: 5, Suspended: 1, Orphaned: 1, Rejected: 1, DueToday: 2},
				Streak:   0,
			},
		},
		{
			name:  "within the first run",
			today: "03-07",
			want: statsFigures{
				ReviewsByDay: byDay, Retention: retention,
				Forecast: forecast(map[int]int{2: 1, 3: 1, 8: 1}), // I (04-08) is day 32: out
				Counts:   statusCounts{New: 1, Review: 5, Suspended: 1, Orphaned: 1, Rejected: 1, DueToday: 0},
				Streak:   2, // 03-07, 03-06; 03-05 has none
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Today = d(tt.today)
			got := computeStats(entries, reviews, d(tt.today))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("computeStats(%s) (-want +got):\n%s", tt.today, diff)
			}
		})
	}
}

func TestReviewsOf(t *testing.T) {
	entries := []store.Entry{{Card: cards.Card{ID: "a"}}}
	reviews := []cards.Review{{Card: "a", Grade: 4}, {Card: "b", Grade: 3}, {Card: "a", Grade: 5}}
	want := []cards.Review{{Card: "a", Grade: 4}, {Card: "a", Grade: 5}}
	if diff := cmp.Diff(want, reviewsOf(entries, reviews)); diff != "" {
		t.Errorf("reviewsOf (-want +got):\n%s", diff)
	}
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		day  string
		want int
	}{
		{"1970-01-01", 3}, {"2026-03-02", 0}, {"2026-03-01", 6}, {"1969-12-29", 0}, {"1969-12-28", 6},
	}
	for _, tt := range tests {
		if got := weekday(date(t, tt.day)); got != tt.want {
			t.Errorf("weekday(%s) = %d, want %d", tt.day, got, tt.want)
		}
	}
}

func TestHeatLevel(t *testing.T) {
	tests := []struct{ n, busiest, want int }{
		{0, 0, 0}, {0, 8, 0}, {1, 8, 1}, {2, 8, 1}, {3, 8, 2}, {4, 8, 2}, {6, 8, 3}, {7, 8, 4}, {8, 8, 4}, {1, 1, 4},
	}
	for _, tt := range tests {
		if got := heatLevel(tt.n, tt.busiest); got != tt.want {
			t.Errorf("heatLevel(%d, %d) = %d, want %d", tt.n, tt.busiest, got, tt.want)
		}
	}
}

// TestWriteStats checks the report's shape: 80 columns at most, the 7
// weekday rows of 53 weeks, the forecast bars, and escape codes only with
// colors on.
func TestWriteStats(t *testing.T) {
	today := date(t, "2026-03-04") // a Wednesday
	f := statsFigures{
		Today:        today,
		ReviewsByDay: map[cards.Date]int{today: 8, today.AddDays(-1): 2, today.AddDays(-364): 1},
		Forecast:     make([]int, forecastDays),
		Retention:    map[string]tally{"2026-02": {Passed: 9, Total: 10}},
		Counts:       statusCounts{New: 3, Review: 10, DueToday: 4},
		Streak:       2,
	}
	f.Forecast[0], f.Forecast[3] = 4, 1
	for _, color := range []bool{false, true} {
		t.Run(fmt.Sprintf("color %v", color), func(t *testing.T) {
			ios, out, _ := newTestIO("")
			ios.OutTTY, ios.Color = color, color
			if err := writeStats(ios, f); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if strings.Contains(got, "\x1b[") != color {
				t.Errorf("writeStats with color %v: escape codes present = %v", color, !color)
			}
			lines := strings.Split(stripANSI(got), "\n")
			for _, l := range lines {
				if n := utf8.RuneCountInString(l); n > 80 {
					t.Errorf("line of %d columns, want ≤ 80: %q", n, l)
				}
			}
			want := []string{
				"Reviews 2025-03-03 to 2026-03-04: 11 reviews on 3 days",
				"Mon ·······································",
				"Due forecast, next 30 days: 5 cards (4 today)",
				"   4 ┤█",
				"   0 └",
				"  2026-02   90.0%  9/10",
				"Cards: 3 new · 10 review · 0 suspended · 0 orphaned · 0 rejected · 4 due today",
				"Streak: 2 days",
			}
			for _, w := range want {
				if !strings.Contains(stripANSI(got), w) {
					t.Errorf("writeStats output lacks %q:\n%s", w, got)
				}
			}
			if color {
				return
			}
			// Monday row: 53 weeks; Wednesday's last cell is today.
			for _, l := range lines {
				if strings.HasPrefix(l, "Mon ") && utf8.RuneCountInString(l) != 4+53 {
					t.Errorf("Monday row has %d columns, want 57: %q", utf8.RuneCountInString(l), l)
				}
				if strings.HasPrefix(l, "Wed ") && !strings.HasSuffix(l, "·█") {
					t.Errorf("Wednesday row = %q, want it to end with none a week ago and the 8 reviews of today (·█)", l)
				}
			}
		})
	}
}

// stripANSI removes SGR escapes.
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestNewStatsCmd(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    statsOptions
		wantErr bool
	}{
		{"defaults", nil, statsOptions{}, false},
		{"all flags", []string{"--deck", "a::b", "--json"}, statsOptions{Deck: "a::b", JSON: true}, false},
		{"extra argument", []string{"x"}, statsOptions{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFlags(t, &App{IO: &IOStreams{}}, newStatsCmd, tt.args, tt.want, tt.wantErr)
		})
	}
}

// TestStatsAfterSixtyTwoDays reviews every day from 2026-01-01 to
// 2026-03-03 with the real commands, then checks stats --json on
// 2026-03-04 against counts derived from the SM-2 schedule by hand.
//
// Deck "old" has 4 cards, all introduced on day 0 and graded 4: with the
// E-Factor kept at 2.50 they are due on days 0, 1, 7, 22 (intervals 1, 6,
// 15) and 60 (interval 38: mature). On day 60 two pass and two lapse (2
// and 1); the lapsed ones come back on day 61 (graded 4, interval 1, due
// day 62); the passed ones get 95 days. Deck "daily" gets 1 new card a day
// (days 0 to 61), always graded 4: the card of day s is reviewed on s, s+1,
// s+7, s+22, s+60 (mature), then due s+155. Out of 70 daily cards, 8 stay
// new, and one of them is rejected.
func TestStatsAfterSixtyTwoDays(t *testing.T) {
	dir := t.TempDir()
	var old, daily strings.Builder
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&old, "- Old question %d::old answer %d\n", i, i)
	}
	for i := 1; i <= 70; i++ {
		fmt.Fprintf(&daily, "- Daily question %d::daily answer %d\n", i, i)
	}
	writeFile(t, filepath.Join(dir, "notes", "old", "o.md"), old.String())
	writeFile(t, filepath.Join(dir, "notes", "daily", "d.md"), daily.String())
	e := map[string]string{"MNEMO_DB": filepath.Join(dir, "mnemo.db")}
	mnemo := func(stdin string, args ...string) string {
		t.Helper()
		io, out, errOut := newTestIO(stdin)
		if code := run(t.Context(), args, io, env(e)); code != 0 {
			t.Fatalf("mnemo %q on %s = %d; stderr:\n%s", args, e["MNEMO_NOW"], code, errOut)
		}
		return out.String()
	}
	start := date(t, "2026-01-01")
	at := func(day int) string { return start.AddDays(day).String() + "T09:00:00Z" }
	// Plenty of "attempt, grade 4" pairs: the session stops when no card
	// is left, and a 4 brings no drill.
	fours := strings.Repeat("\n4\n", 30)
	const days = 62
	e["MNEMO_NOW"] = at(0)
	mnemo("", "add", filepath.Join(dir, "notes"))
	for day := range days {
		e["MNEMO_NOW"] = at(day)
		switch day {
		case 0:
			mnemo(fours, "review", "--deck", "old", "--new", "4")
		case 60:
			// Grades 2, 4, 4, 1, then the two lapses' drill repeats.
			mnemo("\n2\n\n4\n\n4\n\n1\n\n4\n\n4\n", "review", "--deck", "old", "--new", "0")
		default:
			mnemo(fours, "review", "--deck", "old", "--new", "0")
		}
		// 4 new cards were introduced on day 0 already: --new 5 leaves 1.
		n := "1"
		if day == 0 {
			n = "5"
		}
		mnemo(fours, "review", "--deck", "daily", "--new", n)
	}
	e["MNEMO_NOW"] = at(days)
	var unseen string
	for _, l := range strings.Split(strings.TrimSpace(mnemo("", "list", "--json")), "\n") {
		var c struct{ ID, Status string }
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatal(err)
		}
		if c.Status == "new" {
			unseen = c.ID
		}
	}
	mnemo("", "reject", unseen)

	// The expected figures, from the schedule above.
	byDay := map[string]int{}
	add := func(day, n int) { byDay[start.AddDays(day).String()] += n }
	for _, day := range []int{0, 1, 7, 22, 60} {
		add(day, 4)
	}
	add(61, 2)
	forecast := map[string]int{}
	for i := range forecastDays {
		forecast[start.AddDays(days+i).String()] = 0
	}
	forecast[start.AddDays(62).String()] += 2 // the two lapsed old cards
	for s := range days {
		for _, off := range []int{0, 1, 7, 22, 60} {
			if s+off < days {
				add(s+off, 1)
			}
		}
		for _, off := range []int{1, 7, 22, 60, 155} {
			if s+off >= days {
				if s+off < days+forecastDays {
					forecast[start.AddDays(s+off).String()]++
				}
				break
			}
		}
	}
	// Mature reviews, all in March: day 60 (old: 2 of 4 pass; daily card 0
	// passes) and day 61 (daily card 1 passes): 4 of 6.
	want := map[string]any{
		"today":          start.AddDays(days).String(),
		"deck":           "",
		"reviews_by_day": byDay,
		"forecast":       forecast,
		"retention":      map[string]float64{"2026-03": 0.6667},
		"counts":         map[string]int{"new": 7, "review": 66, "suspended": 0, "orphaned": 0, "rejected": 1, "due_today": 2 + 4},
		"streak":         62,
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(mnemo("", "stats", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	// Compare through JSON so that numbers have one type.
	var wantJSON map[string]any
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &wantJSON); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantJSON, got); diff != "" {
		t.Errorf("stats --json (-want +got):\n%s", diff)
	}
	if n := len(got["forecast"].(map[string]any)); n != forecastDays {
		t.Errorf("stats --json forecast has %d days, want %d", n, forecastDays)
	}

	// The report: the heatmap's rows and the forecast's bars.
	text := mnemo("", "stats")
	for _, w := range []string{
		"Reviews 2025-03-03 to 2026-03-04: ",
		"Mon ···",
		"Sun ···",
		"Due forecast, next 30 days: ",
		"   0 └────",
		"  2026-03   66.7%  4/6",
		"Streak: 62 days",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("stats output lacks %q:\n%s", w, text)
		}
	}

	// With --deck, only that deck's cards and reviews count.
	if err := json.Unmarshal([]byte(mnemo("", "stats", "--json", "--deck", "old")), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"2026-03": 0.5}, got["retention"]); diff != "" {
		t.Errorf("stats --json --deck old retention (-want +got):\n%s", diff)
	}
	if got["streak"] != 2.0 { // days 60 and 61; day 59 had no old card due
		t.Errorf("stats --json --deck old streak = %v, want 2", got["streak"])
	}
}
