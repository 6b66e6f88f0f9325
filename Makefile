# mnemo — see README.md. `make run` tries mnemo on the bundled example notes
# (with a store under .run/, never your own); `make test` runs every test.
GO       ?= go
BIN      := bin/mnemo
RUN_DB   ?= $(CURDIR)/.run/mnemo.db
FUZZTIME ?= 60s
export MNEMO_DB = $(RUN_DB)

.PHONY: all build run test bench bench-scale fuzz quality check clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/mnemo

run: build
	@echo "== mnemo add examples   (store: $(RUN_DB))"
	@$(BIN) add examples
	@echo "== mnemo status"
	@$(BIN) status
	@echo "== a few of the cards (mnemo list)"
	@$(BIN) list | head -n 12
	@echo "== next: '$(BIN) --db $(RUN_DB) review' to review them, 'make clean' to start over"

test:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

check: test
	$(GO) mod tidy -diff

# Card quality on ../shared/corpus and the seed: cards per rule, junk rate,
# coverage; fails below the thresholds.
quality:
	$(GO) test -count=1 -run 'TestQuality' -v ./cards

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The scale benchmarks of bench/README.md: a synthetic 40,000-note vault
# (N=2000 make bench-scale for a smoke test); data under /tmp/mnemo-bench.
bench-scale:
	bench/run.sh

# Each fuzz target runs for FUZZTIME (make fuzz FUZZTIME=5m).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin .run
