package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/cmd/tui"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

// leechLapses is how many lapses make a card a leech: it is suspended and
// the session says so (Anki's default).
const leechLapses = 8

// undoer and burier are the store abilities behind the review's undo and
// bury keys.
type undoer interface {
	Undo(ctx context.Context, r cards.Review) error
}

type burier interface {
	Bury(ctx context.Context, ids []cards.ID, until cards.Date) error
}

// visit is one showing of a card in the session: its first showing today,
// or a same-day drill repeat.
type visit struct {
	e     *store.Entry
	drill bool
}

// step is one answer or action, kept so that undo can take it back.
type step struct {
	pending []visit // the queue before the step
	review  *cards.Review
	mark    cards.Status // StatusSuspended or StatusRejected for a mark, 0 otherwise
	bury    bool
	leech   bool
	counted bool // the step counted a graded card
	done    map[string]bool
}

// reviewSession is one day's review, shared by the terminal screen and the
// line mode. Every answer is saved before the session moves on.
type reviewSession struct {
	ctx     context.Context
	app     *App
	s       store.Store
	today   cards.Date
	cram    bool
	bury    bool // bury siblings (cards from the same source line)
	pending []visit
	history []step
	// done holds the sources (path:line) answered today, whose other
	// cards are buried for the day.
	done    map[string]bool
	graded  int
	drilled int
	grades  [6]int
	leeches int
	started time.Time
}

var _ tui.Session = (*reviewSession)(nil)

func sourceKey(c cards.Card) string { return fmt.Sprintf("%s:%d", c.Source.Path, c.Source.Line) }

// newReviewSession builds today's queue: due cards, then new cards up to
// the day's limit; with bury, cards whose source line already had a card
// answered today wait for tomorrow. With cram, every card of the deck is
// shown and nothing is saved.
func newReviewSession(ctx context.Context, app *App, s store.Store, today cards.Date, opts *reviewOptions) (*reviewSession, error) {
	rs := &reviewSession{ctx: ctx, app: app, s: s, today: today, cram: opts.Cram, bury: !opts.NoBury && !opts.Cram, done: map[string]bool{}, started: app.Now()}
	var queue []store.Entry
	if opts.Cram {
		all, err := s.Cards(ctx, store.Filter{Deck: opts.Deck})
		if err != nil {
			return nil, fmt.Errorf("read cards: %w", err)
		}
		for _, e := range all {
			if e.Status == cards.StatusNew || e.Status == cards.StatusReview {
				queue = append(queue, e)
			}
		}
		if opts.Limit > 0 && len(queue) > opts.Limit {
			queue = queue[:opts.Limit]
		}
	} else {
		log, err := s.Reviews(ctx, today.Time().Add(-48*time.Hour))
		if err != nil {
			return nil, fmt.Errorf("read review log: %w", err)
		}
		introduced := 0
		answered := map[cards.ID]bool{}
		for _, r := range log {
			if r.Day == today && !r.Drill {
				answered[r.Card] = true
				if r.Before.IsNew() {
					introduced++
				}
			}
		}
		fresh := max(opts.New-introduced, 0)
		// Buried siblings are dropped below, so a day may show fewer new
		// cards than its limit; they come tomorrow.
		q, err := s.Due(ctx, today, store.Query{Deck: opts.Deck, New: fresh})
		if err != nil {
			return nil, fmt.Errorf("read today's cards: %w", err)
		}
		if rs.bury && len(answered) > 0 {
			// Siblings of cards answered earlier today wait for tomorrow.
			ids := make([]cards.ID, 0, len(answered))
			for id := range answered {
				ids = append(ids, id)
			}
			done, err := s.Cards(ctx, store.Filter{IDs: ids})
			if err != nil {
				return nil, fmt.Errorf("read cards: %w", err)
			}
			for _, e := range done {
				if answered[e.Card.ID] {
					rs.done[sourceKey(e.Card)] = true
				}
			}
		}
		for _, e := range q {
			if rs.bury && rs.done[sourceKey(e.Card)] {
				continue
			}
			queue = append(queue, e)
		}
		if opts.Limit > 0 && len(queue) > opts.Limit {
			queue = queue[:opts.Limit]
		}
	}
	for i := range queue {
		rs.pending = append(rs.pending, visit{e: &queue[i]})
	}
	return rs, nil
}

// current returns the visit to show now, skipping cards buried because a
// sibling was answered in this session.
func (rs *reviewSession) current() (visit, bool) {
	for len(rs.pending) > 0 {
		v := rs.pending[0]
		if v.drill || !rs.bury || !rs.done[sourceKey(v.e.Card)] {
			return v, true
		}
		rs.pending = rs.pending[1:]
	}
	return visit{}, false
}

// Current implements tui.Session.
func (rs *reviewSession) Current() (tui.Card, bool) {
	v, ok := rs.current()
	if !ok {
		return tui.Card{}, false
	}
	c := v.e.Card
	status := "review"
	switch {
	case v.drill:
		status = "drill"
	case v.e.State.IsNew():
		status = "new"
	}
	return tui.Card{Front: c.Front, Back: c.Back, Kind: c.Kind.String(), Deck: c.Deck, Context: c.Context,
		Source: fmt.Sprintf("%s:%d", rs.app.rel(c.Source.Path), c.Source.Line), Status: status}, true
}

// snapshot starts an undo step.
func (rs *reviewSession) snapshot() step {
	return step{pending: slices.Clone(rs.pending), done: cloneSet(rs.done)}
}

func cloneSet(m map[string]bool) map[string]bool {
	c := make(map[string]bool, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// Grade implements tui.Session: it saves grade g for the current card.
func (rs *reviewSession) Grade(g int) error {
	v, ok := rs.current()
	if !ok {
		return errors.New("no card to grade")
	}
	if !cards.Grade(g).Valid() {
		return fmt.Errorf("grade %d: want 0 to 5", g)
	}
	st := rs.snapshot()
	e := v.e
	r := cards.Review{Card: e.Card.ID, At: rs.app.Now(), Day: rs.today, Grade: cards.Grade(g), Drill: v.drill || rs.cram, Before: e.State, After: e.State}
	if !r.Drill {
		r.After = scheduler.Next(e.State, r.Grade, rs.today)
	}
	if !rs.cram {
		// A saved answer must survive Ctrl-C: write it with a context the
		// interrupt does not cancel.
		if err := rs.s.Record(context.WithoutCancel(rs.ctx), r); err != nil {
			return fmt.Errorf("save answer for card %s: %w", e.Card.ID, err)
		}
		st.review = &r
	}
	e.State = r.After
	rs.pending = rs.pending[1:]
	if v.drill {
		rs.drilled++
	} else {
		rs.graded++
		rs.grades[g]++
		st.counted = true
		rs.done[sourceKey(e.Card)] = true
	}
	// SM-2 step 5: a card graded below 4 comes back until it scores 4.
	if cards.Grade(g) < cards.Good {
		rs.pending = append(rs.pending, visit{e: e, drill: true})
	}
	if !rs.cram && !r.Drill && r.After.Lapses >= leechLapses && r.Before.Lapses < leechLapses {
		if err := rs.s.SetStatus(context.WithoutCancel(rs.ctx), []cards.ID{e.Card.ID}, cards.StatusSuspended); err != nil {
			return fmt.Errorf("suspend leech %s: %w", e.Card.ID, err)
		}
		rs.leeches++
		st.leech = true
		rs.pending = slices.DeleteFunc(rs.pending, func(x visit) bool { return x.e == e })
	}
	rs.history = append(rs.history, st)
	return nil
}

// Undo implements tui.Session: it takes back the last grade or mark.
func (rs *reviewSession) Undo() error {
	if len(rs.history) == 0 {
		return tui.ErrNothingToUndo
	}
	st := rs.history[len(rs.history)-1]
	ctx := context.WithoutCancel(rs.ctx)
	var first *store.Entry
	if len(st.pending) > 0 {
		first = st.pending[0].e
	}
	if st.leech {
		if err := rs.s.SetStatus(ctx, []cards.ID{first.Card.ID}, cards.StatusReview); err != nil {
			return fmt.Errorf("undo: %w", err)
		}
		rs.leeches--
	}
	switch {
	case st.review != nil:
		u, ok := rs.s.(undoer)
		if !ok {
			return errors.New("undo: this store cannot undo answers")
		}
		if err := u.Undo(ctx, *st.review); err != nil {
			return fmt.Errorf("undo: %w", err)
		}
		first.State = st.review.Before
	case st.mark != 0:
		if err := rs.s.SetStatus(ctx, []cards.ID{first.Card.ID}, cards.StatusReview); err != nil {
			return fmt.Errorf("undo: %w", err)
		}
	case st.bury:
		b, ok := rs.s.(burier)
		if !ok {
			return errors.New("undo: this store cannot bury")
		}
		if err := b.Bury(ctx, []cards.ID{first.Card.ID}, rs.today); err != nil {
			return fmt.Errorf("undo: %w", err)
		}
	}
	if st.counted {
		rs.graded--
		if st.review != nil {
			rs.grades[st.review.Grade]--
		}
	} else if st.review != nil && st.review.Drill {
		rs.drilled--
	}
	rs.pending, rs.done = st.pending, st.done
	rs.history = rs.history[:len(rs.history)-1]
	return nil
}

// mark sets a user mark on the current card and moves on.
func (rs *reviewSession) mark(m cards.Status) error {
	v, ok := rs.current()
	if !ok {
		return errors.New("no card")
	}
	st := rs.snapshot()
	if err := rs.s.SetStatus(context.WithoutCancel(rs.ctx), []cards.ID{v.e.Card.ID}, m); err != nil {
		return fmt.Errorf("mark card %s: %w", v.e.Card.ID, err)
	}
	st.mark = m
	rs.pending = slices.DeleteFunc(rs.pending, func(x visit) bool { return x.e == v.e })
	rs.history = append(rs.history, st)
	return nil
}

// Suspend implements tui.Session.
func (rs *reviewSession) Suspend() error { return rs.mark(cards.StatusSuspended) }

// Reject implements tui.Session.
func (rs *reviewSession) Reject() error { return rs.mark(cards.StatusRejected) }

// Bury implements tui.Session: the current card waits until tomorrow.
func (rs *reviewSession) Bury() error {
	v, ok := rs.current()
	if !ok {
		return errors.New("no card")
	}
	b, ok := rs.s.(burier)
	if !ok {
		return errors.New("bury: this store cannot bury cards")
	}
	st := rs.snapshot()
	if err := b.Bury(context.WithoutCancel(rs.ctx), []cards.ID{v.e.Card.ID}, rs.today+1); err != nil {
		return fmt.Errorf("bury card %s: %w", v.e.Card.ID, err)
	}
	st.bury = true
	rs.pending = slices.DeleteFunc(rs.pending, func(x visit) bool { return x.e == v.e })
	rs.history = append(rs.history, st)
	return nil
}

// Source implements tui.Session: the note's lines around the card.
func (rs *reviewSession) Source() ([]tui.SourceLine, error) {
	v, ok := rs.current()
	if !ok {
		return nil, errors.New("no card")
	}
	src := v.e.Card.Source
	f, err := os.Open(filepath.FromSlash(src.Path))
	if err != nil {
		return nil, fmt.Errorf("read source: %w", err)
	}
	defer f.Close()
	const around = 4
	var lines []tui.SourceLine
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan() && n <= src.Line+around; n++ {
		if n >= src.Line-around {
			lines = append(lines, tui.SourceLine{N: n, Text: strings.TrimRight(sc.Text(), "\r"), Current: n == src.Line})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read source %s: %w", src.Path, err)
	}
	return lines, nil
}

// Progress implements tui.Session.
func (rs *reviewSession) Progress() tui.Progress {
	p := tui.Progress{Done: rs.graded}
	for _, v := range rs.pending {
		if !v.drill && rs.bury && rs.done[sourceKey(v.e.Card)] {
			continue
		}
		p.Left++
		switch {
		case v.drill:
			p.Drill++
		case v.e.State.IsNew():
			p.New++
		default:
			p.Review++
		}
	}
	return p
}

// Summary implements tui.Session.
func (rs *reviewSession) Summary() tui.Summary {
	s := tui.Summary{Cards: rs.graded, Drilled: rs.drilled, Grades: rs.grades, Leeches: rs.leeches, Elapsed: rs.app.Now().Sub(rs.started)}
	if q, err := rs.s.Due(rs.ctx, rs.today+1, store.Query{}); err == nil {
		s.NextDue = fmt.Sprintf("tomorrow: %d card(s) due", len(q))
	}
	return s
}
