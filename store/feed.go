package store

import (
	"context"
	"fmt"

	"github.com/mnemo-dev/mnemo/cards"
)

// A Finish stores its new cards in bbolt transactions, which run on one
// goroutine, one after the other. Reading the spool, decoding the records
// and hashing their contents take a goroutine of their own, a batch ahead
// of the transaction that stores them: at the end of an add the other
// cores are idle.

// newCard is a spooled card ready to store.
type newCard struct {
	spooled
	seq  uint64   // add sequence
	deck []byte   // its deck (shares rec)
	hash cards.ID // content hash
}

// feeder reads new cards in a goroutine of its own, a batch at a time.
type feeder struct {
	ch   chan feedBatch
	stop chan struct{} // closed by close: the goroutine returns
	done chan struct{} // closed when the goroutine has returned
}

type feedBatch struct {
	cards []newCard
	err   error
}

// feed starts reading m, batch cards at a time (the last batch may be
// short, or empty when the cards are a multiple of batch). The caller owns
// the batches it receives, must not use m again, and must call close.
func feed(m *spoolMerge, batch int) *feeder {
	f := &feeder{ch: make(chan feedBatch, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		defer close(f.ch)
		for {
			b := feedBatch{cards: make([]newCard, 0, batch)}
			for len(b.cards) < batch {
				c, ok, err := m.next()
				if err == nil && ok {
					var nc newCard
					if nc, err = decodeNew(c); err == nil {
						b.cards = append(b.cards, nc)
						continue
					}
				}
				b.err = err
				break
			}
			select {
			case f.ch <- b:
			case <-f.stop:
				return
			}
			if b.err != nil || len(b.cards) < batch {
				return
			}
		}
	}()
	return f
}

// next returns the next batch: nil at the end, also after an error.
func (f *feeder) next(ctx context.Context) ([]newCard, error) {
	select {
	case b, ok := <-f.ch:
		if !ok {
			return nil, nil
		}
		return b.cards, b.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// close stops the goroutine and waits for it.
func (f *feeder) close() {
	close(f.stop)
	<-f.done
}

// decodeNew decodes what storing c needs from its record.
func decodeNew(c spooled) (newCard, error) {
	h, err := decodeHead(c.rec)
	if err != nil {
		return newCard{}, fmt.Errorf("read spooled cards: %w", err)
	}
	d := decoder{b: h.body}
	d.bytes()  // path
	d.varint() // line
	d.bytes()  // deck
	kind := cards.Kind(d.int())
	front, back := d.string(), d.string()
	if d.err != nil {
		return newCard{}, fmt.Errorf("read spooled cards: card %s: %w", c.sid, d.err)
	}
	return newCard{spooled: c, seq: h.Seq, deck: h.deck, hash: cards.NewID(kind, front, back)}, nil
}
