package scheduler_test

import (
	"fmt"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
)

func ExampleNext() {
	s := cards.NewState()
	day := cards.DateOf(2024, 1, 1)
	for _, g := range []cards.Grade{cards.Perfect, cards.Perfect, cards.Perfect} {
		s = scheduler.Next(s, g, day)
		fmt.Printf("grade %d: EF %d.%02d, next in %d days (%s)\n", g, s.EF/100, s.EF%100, s.Interval, s.Due)
		day = s.Due
	}
	// Output:
	// grade 5: EF 2.60, next in 1 days (2024-01-02)
	// grade 5: EF 2.70, next in 6 days (2024-01-08)
	// grade 5: EF 2.80, next in 17 days (2024-01-25)
}

func ExampleDay() {
	late := time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC)
	fmt.Println(scheduler.Day(late, scheduler.DefaultRollover))
	// Output: 2026-03-01
}
