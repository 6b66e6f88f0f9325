package scheduler_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
)

func day(s string) cards.Date {
	d, err := cards.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestNext(t *testing.T) {
	d0 := day("2024-01-01")
	tests := []struct {
		name string
		in   cards.State
		g    cards.Grade
		want cards.State
	}{
		{"new card perfect", cards.NewState(), cards.Perfect,
			cards.State{Reps: 1, EF: 260, Interval: 1, Due: d0 + 1, Reviews: 1, Last: d0}},
		{"new card good keeps EF", cards.NewState(), cards.Good,
			cards.State{Reps: 1, EF: 250, Interval: 1, Due: d0 + 1, Reviews: 1, Last: d0}},
		{"new card hard is a pass", cards.NewState(), cards.Hard,
			cards.State{Reps: 1, EF: 236, Interval: 1, Due: d0 + 1, Reviews: 1, Last: d0}},
		{"second pass is six days", cards.State{Reps: 1, EF: 250, Interval: 1, Reviews: 1}, cards.Good,
			cards.State{Reps: 2, EF: 250, Interval: 6, Due: d0 + 6, Reviews: 2, Last: d0}},
		{"third pass uses EF before update", cards.State{Reps: 2, EF: 270, Interval: 6, Reviews: 2}, cards.Perfect,
			cards.State{Reps: 3, EF: 280, Interval: 17, Due: d0 + 17, Reviews: 3, Last: d0}},
		{"exact product is not rounded up", cards.State{Reps: 5, EF: 300, Interval: 140, Reviews: 5}, cards.Perfect,
			cards.State{Reps: 6, EF: 310, Interval: 420, Due: d0 + 420, Reviews: 6, Last: d0}},
		{"lapse keeps EF and counts", cards.State{Reps: 4, EF: 210, Interval: 30, Reviews: 4}, cards.Wrong,
			cards.State{Reps: 0, EF: 210, Interval: 1, Due: d0 + 1, Lapses: 1, Reviews: 5, Last: d0}},
		{"fail on a new card is no lapse", cards.NewState(), cards.Blackout,
			cards.State{Reps: 0, EF: 250, Interval: 1, Due: d0 + 1, Reviews: 1, Last: d0}},
		{"EF floor", cards.State{Reps: 3, EF: 138, Interval: 10, Reviews: 3}, cards.Hard,
			cards.State{Reps: 4, EF: 130, Interval: 14, Due: d0 + 14, Reviews: 4, Last: d0}},
		{"interval capped, due capped", cards.State{Reps: 20, EF: 300, Interval: scheduler.MaxInterval, Reviews: 20}, cards.Perfect,
			cards.State{Reps: 21, EF: 310, Interval: scheduler.MaxInterval, Due: cards.MaxDate, Reviews: 21, Last: d0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scheduler.Next(tt.in, tt.g, d0)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Next(%+v, %d) mismatch (-want +got):\n%s", tt.in, tt.g, diff)
			}
		})
	}
}

func TestDay(t *testing.T) {
	montreal, err := time.LoadLocation("America/Montreal")
	if err != nil {
		t.Skipf("no tz data: %v", err)
	}
	tests := []struct {
		name     string
		now      time.Time
		rollover int
		want     string
	}{
		{"after rollover", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), 4, "2026-03-01"},
		{"before rollover is yesterday", time.Date(2026, 3, 1, 3, 59, 0, 0, time.UTC), 4, "2026-02-28"},
		{"exactly at rollover", time.Date(2026, 3, 1, 4, 0, 0, 0, time.UTC), 4, "2026-03-01"},
		{"midnight rollover", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), 0, "2026-03-01"},
		{"local wall clock, not UTC", time.Date(2026, 3, 1, 23, 30, 0, 0, montreal), 4, "2026-03-01"},
		{"DST spring forward day", time.Date(2026, 3, 8, 4, 30, 0, 0, montreal), 4, "2026-03-08"},
		{"DST fall back day, early", time.Date(2026, 11, 1, 1, 30, 0, 0, montreal), 4, "2026-10-31"},
		{"year boundary", time.Date(2027, 1, 1, 2, 0, 0, 0, time.UTC), 4, "2026-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scheduler.Day(tt.now, tt.rollover).String(); got != tt.want {
				t.Errorf("Day(%v, %d) = %s, want %s", tt.now, tt.rollover, got, tt.want)
			}
		})
	}
}

// TestVectors checks every "text" row of the shared SM-2 vectors: the grade
// sequence, reviewed on the previous due date unless a row says otherwise,
// must end in exactly the listed state.
func TestVectors(t *testing.T) {
	const path = "../../shared/sm2/vectors.tsv"
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("SM-2 vectors not available (%v): skipping", err)
	}
	defer f.Close()
	checked := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "id\t") {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) < 8 || col[1] != "text" {
			continue
		}
		t.Run(col[0], func(t *testing.T) {
			got, err := replay(col[2], col[3])
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("reps=%s ef=%s interval=%s due=%s", col[4], col[5], col[6], col[7])
			due := got.Due.String()
			if got.Due == cards.MaxDate && col[7] == "overflow" {
				due = "overflow"
			}
			have := fmt.Sprintf("reps=%d ef=%d.%02d interval=%d due=%s", got.Reps, got.EF/100, got.EF%100, got.Interval, due)
			if have != want {
				t.Errorf("grades %s from %s: got %s, want %s (%s)", col[3], col[2], have, want, col[8])
			}
		})
		checked++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatalf("%s has no text rows", path)
	}
	t.Logf("checked %d text vectors", checked)
}

func replay(start, grades string) (cards.State, error) {
	s := cards.NewState()
	d, err := cards.ParseDate(start)
	if err != nil {
		return s, err
	}
	for i, g := range strings.Split(grades, ",") {
		q, at, ok := strings.Cut(g, "@")
		if ok {
			if d, err = cards.ParseDate(at); err != nil {
				return s, err
			}
		} else if i > 0 {
			d = s.Due
		}
		n, err := strconv.Atoi(q)
		if err != nil {
			return s, fmt.Errorf("grade %q: %w", q, err)
		}
		s = scheduler.Next(s, cards.Grade(n), d)
	}
	return s, nil
}

func TestNextProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := cards.NewState()
		d := cards.DateOf(2024, 1, 1)
		for _, g := range rapid.SliceOfN(rapid.IntRange(0, 5), 1, 30).Draw(t, "grades") {
			prev := s
			s = scheduler.Next(s, cards.Grade(g), d)
			if s.Interval < 1 {
				t.Fatalf("interval %d < 1 after grade %d", s.Interval, g)
			}
			if s.EF < scheduler.MinEF {
				t.Fatalf("EF %d below floor", s.EF)
			}
			if s.Due <= d {
				t.Fatalf("due %v not after review day %v", s.Due, d)
			}
			if g < 3 && s.Interval > max(prev.Interval, 1) {
				t.Fatalf("lapse lengthened interval %d -> %d", prev.Interval, s.Interval)
			}
			if g < 3 && s.EF != prev.EF {
				t.Fatalf("lapse changed EF %d -> %d", prev.EF, s.EF)
			}
			d = s.Due
		}
	})
}

func BenchmarkNext(b *testing.B) {
	b.ReportAllocs()
	d := cards.DateOf(2024, 1, 1)
	for b.Loop() {
		s := cards.NewState()
		for range 10 {
			s = scheduler.Next(s, cards.Good, d)
		}
	}
}
