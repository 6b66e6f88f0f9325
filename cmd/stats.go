package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

const (
	// forecastDays is how many days the due forecast covers, today first.
	forecastDays = 30
	// heatmapWeeks is how many week columns the heatmap shows: the week of
	// today and the 52 before it, a year. One character per day plus the
	// 4-column weekday labels is 57 columns, so a year fits in 80.
	heatmapWeeks = 53
	// matureInterval is the interval (days) from which a card counts as
	// mature for retention, as in Anki.
	matureInterval = 21
	// retentionMonths is how many months the text report lists (--json
	// has them all).
	retentionMonths = 12
)

type statsOptions struct {
	App  *App
	Deck string
	JSON bool
}

func newStatsCmd(app *App, runF func(context.Context, *statsOptions) error) *cobra.Command {
	opts := &statsOptions{App: app}
	c := &cobra.Command{
		Use:   "stats",
		Short: "Show review history, due forecast, retention and streak",
		Long: `Stats reports on your reviews:

  - a calendar heatmap of graded reviews per day over the last year (53
    weeks, Monday to Sunday, one character per day: · none, then ░ ▒ ▓ █ by
    quarters of the busiest day; green blocks when colors are on). Same-day
    drill repeats are not counted;
  - the due forecast for the next 30 days, today first: overdue cards count
    on today;
  - retention by month: the share of passing grades (3 or more) among the
    graded reviews of mature cards (interval of 21 days or more before the
    answer); the last 12 months with such reviews are listed;
  - the cards by status, and how many are due today;
  - the streak: consecutive days with at least one graded review, ending
    today, or yesterday while today has no review yet (a streak is not lost
    before the day is over).

Days follow MNEMO_DAY_START like the review. With --deck, only the cards of
that deck and its sub-decks and their reviews count.

The report is meant to be read. For scripts, --json prints one JSON object:
today, deck, reviews_by_day (YYYY-MM-DD: count, every day with a graded
review), forecast (YYYY-MM-DD: cards due, 30 entries), retention (YYYY-MM:
fraction with 4 decimals, months without mature reviews omitted), counts
(new, review, suspended, orphaned, rejected, due_today) and streak (days).
Keys are sorted.

` + exitCodesHelp,
		Example: `  mnemo stats
  mnemo stats --deck lang::fr
  mnemo stats --json | jq .retention`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runStats(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Deck, "deck", "", "only this deck and its sub-decks")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print the figures as one JSON object")
	return c
}

func runStats(ctx context.Context, opts *statsOptions) error {
	app := opts.App
	entries, today, s, err := app.readEntries(ctx, store.Filter{Deck: opts.Deck})
	if err != nil {
		return err
	}
	if s == nil {
		fmt.Fprintln(app.IO.ErrOut, "No cards yet: run 'mnemo add NOTES' first.")
		return nil
	}
	defer s.Close()
	reviews, err := s.Reviews(ctx, time.Time{})
	if err != nil {
		return fmt.Errorf("read review log: %w", err)
	}
	if opts.Deck != "" {
		reviews = reviewsOf(entries, reviews)
	}
	f := computeStats(entries, reviews, today)
	if opts.JSON {
		return writeStatsJSON(app.IO.Out, f, opts.Deck)
	}
	return writeStats(app.IO, f)
}

// statsFigures is what stats reports, computed by computeStats.
type statsFigures struct {
	Today cards.Date
	// ReviewsByDay counts graded reviews (drills excluded) per review day;
	// days without reviews are absent.
	ReviewsByDay map[cards.Date]int
	// Forecast[i] is the number of review cards due on today+i; overdue
	// cards count on today (i = 0).
	Forecast []int
	// Retention maps "YYYY-MM" to the mature reviews of that month.
	Retention map[string]tally
	Counts    statusCounts
	Streak    int
}

// tally counts passing answers among all answers.
type tally struct{ Passed, Total int }

// statusCounts counts cards by status; DueToday counts the review cards
// due today or before.
type statusCounts struct {
	New, Review, Suspended, Orphaned, Rejected, DueToday int
}

// computeStats computes every figure of the report from the cards, the
// review log and the day.
func computeStats(entries []store.Entry, reviews []cards.Review, today cards.Date) statsFigures {
	byDay := reviewsByDay(reviews)
	return statsFigures{
		Today:        today,
		ReviewsByDay: byDay,
		Forecast:     dueForecast(entries, today, forecastDays),
		Retention:    retentionByMonth(reviews),
		Counts:       countStatuses(entries, today),
		Streak:       streak(byDay, today),
	}
}

// reviewsOf keeps the reviews of the cards in entries.
func reviewsOf(entries []store.Entry, reviews []cards.Review) []cards.Review {
	ids := make(map[cards.ID]bool, len(entries))
	for _, e := range entries {
		ids[e.Card.ID] = true
	}
	var out []cards.Review
	for _, r := range reviews {
		if ids[r.Card] {
			out = append(out, r)
		}
	}
	return out
}

// reviewsByDay counts the graded reviews (drills excluded) of each day.
func reviewsByDay(reviews []cards.Review) map[cards.Date]int {
	m := map[cards.Date]int{}
	for _, r := range reviews {
		if !r.Drill {
			m[r.Day]++
		}
	}
	return m
}

// dueForecast counts the review cards due on each of the days days from
// today; cards due before today count on today.
func dueForecast(entries []store.Entry, today cards.Date, days int) []int {
	f := make([]int, days)
	for _, e := range entries {
		if e.Status != cards.StatusReview {
			continue
		}
		i := max(int(e.State.Due)-int(today), 0)
		if i < days {
			f[i]++
		}
	}
	return f
}

// retentionByMonth tallies, per month of the review day, the passing
// grades among graded reviews of mature cards (Before.Interval of at least
// matureInterval days).
func retentionByMonth(reviews []cards.Review) map[string]tally {
	m := map[string]tally{}
	for _, r := range reviews {
		if r.Drill || r.Before.IsNew() || r.Before.Interval < matureInterval {
			continue
		}
		k := r.Day.String()[:7]
		t := m[k]
		t.Total++
		if r.Grade.Pass() {
			t.Passed++
		}
		m[k] = t
	}
	return m
}

// countStatuses counts the cards by status and the review cards due today.
func countStatuses(entries []store.Entry, today cards.Date) statusCounts {
	var c statusCounts
	for _, e := range entries {
		switch e.Status {
		case cards.StatusNew:
			c.New++
		case cards.StatusReview:
			c.Review++
			if e.State.Due <= today {
				c.DueToday++
			}
		case cards.StatusSuspended:
			c.Suspended++
		case cards.StatusOrphaned:
			c.Orphaned++
		case cards.StatusRejected:
			c.Rejected++
		}
	}
	return c
}

// streak counts the consecutive days with a graded review ending today, or
// ending yesterday when today has none yet.
func streak(byDay map[cards.Date]int, today cards.Date) int {
	d := today
	if byDay[d] == 0 {
		d = d.AddDays(-1)
	}
	n := 0
	for ; byDay[d] > 0; d = d.AddDays(-1) {
		n++
	}
	return n
}

// statsJSON is the --json output.
type statsJSON struct {
	Today        string                 `json:"today"`
	Deck         string                 `json:"deck"`
	ReviewsByDay map[string]int         `json:"reviews_by_day"`
	Forecast     map[string]int         `json:"forecast"`
	Retention    map[string]json.Number `json:"retention"`
	Counts       map[string]int         `json:"counts"`
	Streak       int                    `json:"streak"`
}

func writeStatsJSON(w io.Writer, f statsFigures, deck string) error {
	j := statsJSON{
		Today: f.Today.String(), Deck: deck,
		ReviewsByDay: map[string]int{}, Forecast: map[string]int{}, Retention: map[string]json.Number{},
		Counts: map[string]int{
			"new": f.Counts.New, "review": f.Counts.Review, "suspended": f.Counts.Suspended,
			"orphaned": f.Counts.Orphaned, "rejected": f.Counts.Rejected, "due_today": f.Counts.DueToday,
		},
		Streak: f.Streak,
	}
	for d, n := range f.ReviewsByDay {
		j.ReviewsByDay[d.String()] = n
	}
	for i, n := range f.Forecast {
		j.Forecast[f.Today.AddDays(i).String()] = n
	}
	for m, t := range f.Retention {
		j.Retention[m] = json.Number(strconv.FormatFloat(float64(t.Passed)/float64(t.Total), 'f', 4, 64))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(j); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// writeStats writes the report for a person: the same layout on a terminal
// or not, with colors only when io.Color.
func writeStats(ios *IOStreams, f statsFigures) error {
	var b strings.Builder
	heatmap(&b, ios, f.ReviewsByDay, f.Today)
	b.WriteString("\n")
	forecastChart(&b, ios, f.Forecast, f.Today)
	b.WriteString("\n")
	retentionTable(&b, ios, f.Retention)
	b.WriteString("\n")
	c := f.Counts
	fmt.Fprintf(&b, "%s %d new · %d review · %d suspended · %d orphaned · %d rejected · %s\n",
		ios.bold("Cards:"), c.New, c.Review, c.Suspended, c.Orphaned, c.Rejected, ios.yellow(fmt.Sprintf("%d due today", c.DueToday)))
	fmt.Fprintf(&b, "%s %s\n", ios.bold("Streak:"), plural(f.Streak, "day"))
	if _, err := io.WriteString(ios.Out, b.String()); err != nil {
		return fmt.Errorf("write stats: %w", err)
	}
	return nil
}

// weekday returns 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday).
func weekday(d cards.Date) int {
	return ((int(d)+3)%7 + 7) % 7
}

// heatLevel maps a count to 0 (none) to 4 by quarters of the busiest day.
func heatLevel(n, busiest int) int {
	if n <= 0 || busiest <= 0 {
		return 0
	}
	return min((4*n+busiest-1)/busiest, 4)
}

var (
	heatChars  = []string{"·", "░", "▒", "▓", "█"}
	heatColors = []string{"2", "38;5;22", "38;5;28", "38;5;34", "38;5;40"}
)

func heatCell(ios *IOStreams, level int) string {
	if ios.Color {
		if level == 0 {
			return ios.style(heatColors[0], "·")
		}
		return ios.style(heatColors[level], "█")
	}
	return heatChars[level]
}

// heatmap draws the reviews of the last heatmapWeeks weeks, one column per
// week (Monday on top), the month names over the weeks where they start.
func heatmap(b *strings.Builder, ios *IOStreams, byDay map[cards.Date]int, today cards.Date) {
	first := today.AddDays(-weekday(today) - 7*(heatmapWeeks-1))
	total, days, busiest := 0, 0, 0
	var busiestDay cards.Date
	for d := first; d <= today; d = d.AddDays(1) {
		n := byDay[d]
		if n > 0 {
			total += n
			days++
		}
		if n > busiest {
			busiest, busiestDay = n, d
		}
	}
	fmt.Fprintf(b, "%s %s to %s: %s on %s\n", ios.bold("Reviews"), first, today, plural(total, "review"), plural(days, "day"))
	// Month labels: over the column holding the 1st of the month, when
	// there is room left of it; the last may run 2 columns past the grid.
	labels := []byte(strings.Repeat(" ", 4+heatmapWeeks+2))
	next := 4
	for w := range heatmapWeeks {
		for i := range 7 {
			d := first.AddDays(7*w + i)
			if d.Time().Day() != 1 || d > today {
				continue
			}
			at := 4 + w
			if at >= next {
				name := d.Time().Format("Jan")
				if at+len(name) > len(labels) {
					break
				}
				copy(labels[at:], name)
				next = at + len(name) + 1
			}
		}
	}
	b.WriteString(strings.TrimRight(string(labels), " ") + "\n")
	names := []string{"Mon", "", "Wed", "", "Fri", "", "Sun"}
	for row := range 7 {
		var line strings.Builder
		fmt.Fprintf(&line, "%-4s", names[row])
		for w := range heatmapWeeks {
			d := first.AddDays(7*w + row)
			if d > today {
				break
			}
			line.WriteString(heatCell(ios, heatLevel(byDay[d], busiest)))
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	legend := "    Less"
	for l := range heatChars {
		legend += " " + heatCell(ios, l)
	}
	legend += " More"
	if busiest > 0 {
		legend += fmt.Sprintf("   (█ up to %d, busiest day %s)", busiest, busiestDay)
	}
	b.WriteString(legend + "\n")
}

// eighths are the partial blocks of a bar, 1/8 to 7/8 high.
var eighths = []string{"▁", "▂", "▃", "▄", "▅", "▆", "▇"}

// forecastChart draws the forecast as vertical bars, one per day, 8 rows
// high with eighth blocks.
func forecastChart(b *strings.Builder, ios *IOStreams, f []int, today cards.Date) {
	const height = 8
	total := 0
	top := 0
	for _, n := range f {
		total += n
		top = max(top, n)
	}
	fmt.Fprintf(b, "%s, next %d days: %s (%d today)\n", ios.bold("Due forecast"), len(f), plural(total, "card"), f[0])
	if top == 0 {
		b.WriteString("  nothing due\n")
		return
	}
	for row := height - 1; row >= 0; row-- {
		var line strings.Builder
		switch row {
		case height - 1:
			fmt.Fprintf(&line, "%4d ┤", top)
		default:
			line.WriteString("     │")
		}
		for _, n := range f {
			// The bar's height in eighths of a row, rounded up so that
			// one card still shows.
			e := (n*height*8 + top - 1) / top
			fill := e - row*8
			switch {
			case fill >= 8:
				line.WriteString(ios.cyan("█"))
			case fill > 0:
				line.WriteString(ios.cyan(eighths[fill-1]))
			default:
				line.WriteString(" ")
			}
			line.WriteString(" ")
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	b.WriteString("   0 └" + strings.Repeat("──", len(f)) + "\n")
	// A date under every 7th day, starting today.
	axis := []byte(strings.Repeat(" ", 6+2*len(f)+5))
	for i := 0; i < len(f); i += 7 {
		copy(axis[6+2*i:], shortDate(today.AddDays(i)))
	}
	b.WriteString(strings.TrimRight(string(axis), " ") + "\n")
}

// shortDate formats a date as MM-DD for chart axes.
func shortDate(d cards.Date) string { return d.String()[5:] }

// retentionTable lists the last retentionMonths months with mature reviews.
func retentionTable(b *strings.Builder, ios *IOStreams, r map[string]tally) {
	fmt.Fprintf(b, "%s (grade 3+ on cards with an interval of %d+ days)\n", ios.bold("Retention of mature cards"), matureInterval)
	if len(r) == 0 {
		b.WriteString("  no mature reviews yet\n")
		return
	}
	months := slices.Sorted(maps.Keys(r))
	if len(months) > retentionMonths {
		months = months[len(months)-retentionMonths:]
	}
	for _, m := range months {
		t := r[m]
		fmt.Fprintf(b, "  %s  %5.1f%%  %d/%d\n", m, 100*float64(t.Passed)/float64(t.Total), t.Passed, t.Total)
	}
}

// plural returns "1 day" or "n days".
func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
