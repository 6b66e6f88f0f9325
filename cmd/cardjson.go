package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// cardJSON is one card as preview --json and list --json print it, one
// object per line.
type cardJSON struct {
	ID      cards.ID   `json:"id"`
	Deck    string     `json:"deck"`
	Kind    string     `json:"kind"`
	Front   string     `json:"front"`
	Back    string     `json:"back"`
	Context []string   `json:"context"`
	Source  sourceJSON `json:"source"`
	Tags    []string   `json:"tags"`
	Rule    string     `json:"rule"`
	*stateJSON
}

type sourceJSON struct {
	Path string `json:"path"`
	Line int    `json:"line"`
}

// stateJSON is the schedule part that list --json adds.
type stateJSON struct {
	Status     string      `json:"status"`
	Reps       int         `json:"reps"`
	EF         json.Number `json:"ef"`
	Interval   int         `json:"interval"`
	Due        *string     `json:"due"`
	Lapses     int         `json:"lapses"`
	LastReview *string     `json:"last_review"`
}

func (a *App) toJSON(c cards.Card) cardJSON {
	nonNil := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return cardJSON{
		ID: c.ID, Deck: c.Deck, Kind: c.Kind.String(), Front: c.Front, Back: c.Back,
		Context: nonNil(c.Context), Source: sourceJSON{a.rel(c.Source.Path), c.Source.Line},
		Tags: nonNil(c.Tags), Rule: c.Rule,
	}
}

func entryJSON(a *App, e store.Entry) cardJSON {
	j := a.toJSON(e.Card)
	s := e.State
	j.stateJSON = &stateJSON{
		Status: e.Status.String(), Reps: s.Reps,
		EF:       json.Number(fmt.Sprintf("%d.%02d", s.EF/100, s.EF%100)),
		Interval: s.Interval, Lapses: s.Lapses,
	}
	if !s.IsNew() {
		due, last := s.Due.String(), s.Last.String()
		j.Due, j.LastReview = &due, &last
	}
	if s.Lapses >= leechLapses {
		// A leech is tagged as such wherever its tags are shown.
		j.Tags = append(slices.Clone(j.Tags), "leech")
	}
	return j
}

func writeJSONLines[T any](w io.Writer, vs []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, v := range vs {
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
	}
	return nil
}

// oneLine folds a card text to one line for tables.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); max > 0 && len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
