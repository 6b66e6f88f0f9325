package apkg_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/export/apkg"
)

func ExampleWrite() {
	c := cards.Card{ID: "0123456789abcdef", Deck: "geo", Kind: cards.Basic, Front: "Capital of France", Back: "Paris"}
	var buf bytes.Buffer
	err := apkg.Write(&buf, []apkg.Note{{Card: c, State: cards.NewState()}},
		apkg.Options{Now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Rollover: 4})
	fmt.Println(err, string(buf.Bytes()[:2]))
	// Output: <nil> PK
}
