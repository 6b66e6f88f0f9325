package export

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
)

// sampleBackup has cards of every kind and flag and a log with a drill
// and answers in three zones.
func sampleBackup() Backup {
	day := cards.DateOf(2026, 3, 10)
	reviewed := cards.State{Reps: 1, EF: 236, Interval: 1, Due: day + 1, Reviews: 1, Last: day}
	b := Backup{
		Cards: []BackupCard{
			{
				Card: cards.Card{
					ID: "b2", Deck: "fr::verbes", Kind: cards.Cloze, Front: "Il [...] beau", Back: "fait",
					Cloze: "Il {{c1::fait}} beau", Context: []string{"Météo", "Phrases"},
					Source: cards.Source{Path: "fr/meteo.md", Line: 7}, Tags: []string{"fr", "<b>&"}, Rule: "emphasis",
				},
				State: reviewed, Suspended: true, Buried: day + 2, Seq: 2, Added: day - 3, Changed: day - 1,
			},
			{
				Card: cards.Card{
					ID: "a1", Deck: "go", Kind: cards.Basic, Front: "What is `nil`?\n\"zero\"", Back: "a\tvalue",
					Source: cards.Source{Path: "go.md", Line: 1}, Rule: "explicit",
				},
				State: cards.NewState(), Orphaned: true, Rejected: true, Seq: 1,
			},
			{
				Card:  cards.Card{ID: "c3", Deck: "go", Kind: cards.Reversed, Front: "a value", Back: "nil", Source: cards.Source{Path: "go.md", Line: 1}},
				State: cards.NewState(), Seq: 3,
			},
		},
		Log: []cards.Review{
			{Card: "b2", At: time.Date(2026, 3, 10, 9, 30, 0, 120, time.FixedZone("CET", 3600)), Day: day, Grade: cards.Good, Before: cards.NewState(), After: reviewed},
			{Card: "b2", At: time.Date(2026, 3, 10, 8, 31, 0, 0, time.UTC), Day: day, Grade: cards.Hard, Drill: true, Before: reviewed, After: reviewed},
			{Card: "a1", At: time.Date(2026, 3, 10, 3, 0, 0, 999999999, time.FixedZone("", -5*3600)), Day: day, Grade: cards.Blackout, Before: cards.NewState(), After: cards.NewState()},
			// Paris mean time, before 1911: an offset of 9 min 21 s.
			{Card: "c3", At: time.Date(1900, 3, 10, 9, 0, 0, 0, time.FixedZone("LMT", 561)), Day: cards.DateOf(1900, 3, 10), Grade: cards.Perfect, Before: cards.NewState(), After: cards.NewState()},
		},
	}
	return b
}

func TestWriteBackup_Golden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteBackup(&buf, sampleBackup()); err != nil {
		t.Fatalf("WriteBackup() error = %v", err)
	}
	golden(t, filepath.Join("testdata", "backup.golden"), buf.Bytes())
}

func TestBackup_RoundTrip(t *testing.T) {
	in := sampleBackup()
	var first bytes.Buffer
	if err := WriteBackup(&first, in); err != nil {
		t.Fatalf("WriteBackup() error = %v", err)
	}
	got, err := ReadBackup(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatalf("ReadBackup() error = %v", err)
	}
	// WriteBackup sorts the cards by ID.
	want := sampleBackup()
	want.Cards[0], want.Cards[1] = want.Cards[1], want.Cards[0]
	if diff := cmp.Diff(want.Cards, got.Cards); diff != "" {
		t.Errorf("ReadBackup() cards mismatch (-want +got):\n%s", diff)
	}
	if len(got.Log) != len(want.Log) {
		t.Fatalf("ReadBackup() has %d reviews, want %d", len(got.Log), len(want.Log))
	}
	for i, r := range got.Log {
		w := want.Log[i]
		wantName, wantOffset := w.At.Zone()
		gotName, gotOffset := r.At.Zone()
		if !r.At.Equal(w.At) || gotName != wantName || gotOffset != wantOffset {
			t.Errorf("review %d At = %s (%s %d), want %s (%s %d)", i, r.At, gotName, gotOffset, w.At, wantName, wantOffset)
		}
		r.At, w.At = time.Time{}, time.Time{}
		if diff := cmp.Diff(w, r); diff != "" {
			t.Errorf("review %d mismatch (-want +got):\n%s", i, diff)
		}
	}
	var second bytes.Buffer
	if err := WriteBackup(&second, got); err != nil {
		t.Fatalf("WriteBackup() error = %v", err)
	}
	if diff := cmp.Diff(first.String(), second.String()); diff != "" {
		t.Errorf("second WriteBackup() differs (-first +second):\n%s", diff)
	}
}

func TestWriteBackup_Empty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteBackup(&buf, Backup{}); err != nil {
		t.Fatalf("WriteBackup() error = %v", err)
	}
	want := "{\n  \"format\": \"mnemo-backup\",\n  \"version\": 1,\n  \"cards\": [],\n  \"log\": []\n}\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("WriteBackup(empty) mismatch (-want +got):\n%s", diff)
	}
	got, err := ReadBackup(strings.NewReader(want))
	if err != nil {
		t.Fatalf("ReadBackup() error = %v", err)
	}
	if diff := cmp.Diff(Backup{}, got); diff != "" {
		t.Errorf("ReadBackup(empty) mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteBackup_Errors(t *testing.T) {
	tests := []struct {
		name string
		b    Backup
	}{
		{"unknown kind", Backup{Cards: []BackupCard{{Card: cards.Card{ID: "x"}, State: cards.NewState(), Seq: 1}}}},
		{"date past 9999", Backup{Cards: []BackupCard{{Card: cards.Card{ID: "x", Kind: cards.Basic}, State: cards.State{Due: cards.MaxDate + 1}, Seq: 1}}}},
		{"time past 9999", Backup{Log: []cards.Review{{Card: "x", At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteBackup(&buf, tt.b); err == nil {
				t.Fatal("WriteBackup() error = nil, want an error")
			}
			if buf.Len() != 0 {
				t.Errorf("WriteBackup() wrote %d bytes on error", buf.Len())
			}
		})
	}
}

func TestReadBackup_Errors(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteBackup(&buf, sampleBackup()); err != nil {
		t.Fatalf("WriteBackup() error = %v", err)
	}
	good := buf.String()
	tests := []struct {
		name string
		in   string
		want error // nil: any error
	}{
		{"empty", "", ErrNotBackup},
		{"not json", "hello", ErrNotBackup},
		{"array", "[]", ErrNotBackup},
		{"other format", `{"format":"anki","version":1}`, ErrNotBackup},
		{"newer version", `{"format":"mnemo-backup","version":2,"cards":[],"log":[],"new":1}`, ErrBackupVersion},
		{"no version", `{"format":"mnemo-backup","cards":[],"log":[]}`, ErrBackupVersion},
		{"unknown key", strings.Replace(good, `"seq": 1`, `"seq": 1, "extra": true`, 1), nil},
		{"trailing data", good + "{}", nil},
		{"bad kind", strings.Replace(good, `"kind": "basic"`, `"kind": "note"`, 1), ErrUnknownKind},
		{"bad date", strings.Replace(good, `"due": "2026-03-11"`, `"due": "2026-13-11"`, 1), nil},
		{"offset with a zoned time", strings.Replace(good, `"at": "2026-03-10T08:31:00.000000000Z"`, `"at": "2026-03-10T08:31:00.000000000+01:00", "offset": 61`, 1), nil},
		{"bad time", strings.Replace(good, `"at": "2026-03-10T08:31:00.000000000Z"`, `"at": "yesterday"`, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.in == good {
				t.Fatal("test input is unchanged")
			}
			_, err := ReadBackup(strings.NewReader(tt.in))
			if err == nil {
				t.Fatal("ReadBackup() error = nil, want an error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("ReadBackup() error = %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzReadBackup(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteBackup(&buf, sampleBackup()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"mnemo-backup","version":1,"cards":[],"log":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBackup(bytes.NewReader(data))
		if err != nil {
			return
		}
		// What reads, writes back and reads again the same.
		var out bytes.Buffer
		if err := WriteBackup(&out, b); err != nil {
			return // a card of unknown kind cannot come back, but dates can be out of range
		}
		again, err := ReadBackup(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("ReadBackup(WriteBackup()) error = %v", err)
		}
		var out2 bytes.Buffer
		if err := WriteBackup(&out2, again); err != nil {
			t.Fatalf("second WriteBackup() error = %v", err)
		}
		if !bytes.Equal(out.Bytes(), out2.Bytes()) {
			t.Fatalf("second WriteBackup() differs:\n%s\n%s", out.Bytes(), out2.Bytes())
		}
	})
}

func BenchmarkWriteBackup(b *testing.B) {
	var bk Backup
	day := cards.DateOf(2026, 3, 10)
	for i := range 10000 {
		id := cards.ID(fmt.Sprintf("%016x", i))
		bk.Cards = append(bk.Cards, BackupCard{
			Card: cards.Card{ID: id, Deck: "deck", Kind: cards.Basic, Front: fmt.Sprintf("question %d", i), Back: "answer",
				Context: []string{"Note", "Heading"}, Source: cards.Source{Path: "notes/a.md", Line: i}, Tags: []string{"t"}, Rule: "explicit"},
			State: cards.NewState(), Seq: uint64(i + 1),
		})
		bk.Log = append(bk.Log, cards.Review{Card: id, At: time.Date(2026, 3, 10, 9, 0, i, 0, time.UTC), Day: day, Grade: cards.Good, Before: cards.NewState(), After: cards.NewState()})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteBackup(&bytes.Buffer{}, bk); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleWriteBackup() {
	day := cards.DateOf(2026, 3, 10)
	b := Backup{Cards: []BackupCard{{
		Card:  cards.Card{ID: "5b2e", Deck: "go", Kind: cards.Basic, Front: "nil?", Back: "zero value", Source: cards.Source{Path: "go.md", Line: 3}, Rule: "explicit"},
		State: cards.State{Reps: 1, EF: 250, Interval: 1, Due: day + 1, Reviews: 1, Last: day},
		Seq:   1,
	}}}
	if err := WriteBackup(os.Stdout, b); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "format": "mnemo-backup",
	//   "version": 1,
	//   "cards": [
	//     {
	//       "id": "5b2e",
	//       "deck": "go",
	//       "kind": "basic",
	//       "front": "nil?",
	//       "back": "zero value",
	//       "cloze": "",
	//       "context": [],
	//       "source": {
	//         "path": "go.md",
	//         "line": 3
	//       },
	//       "tags": [],
	//       "rule": "explicit",
	//       "state": {
	//         "reps": 1,
	//         "ef": 250,
	//         "interval": 1,
	//         "due": "2026-03-11",
	//         "lapses": 0,
	//         "reviews": 1,
	//         "last": "2026-03-10"
	//       },
	//       "flags": {
	//         "orphaned": false,
	//         "suspended": false,
	//         "rejected": false
	//       },
	//       "seq": 1
	//     }
	//   ],
	//   "log": []
	// }
}
