#!/usr/bin/env bash
# Scale benchmarks of mnemo (issue 6): see bench/README.md.
#
#   bench/run.sh                 # the full run: 40,000 notes, 200 MB
#   N=2000 bench/run.sh          # a smoke test
#
# Environment:
#   N           notes in the vault (default 40000)
#   SIZE        vault size (default N × 5 kB: 200MB for 40,000 notes)
#   HIST_NOTES  notes of the vault behind the reviewed store (default 3500,
#               about 100,000 cards; N when N is smaller)
#   REPS        runs of each measure, the median is reported (default 3)
#   SEED        vault seed (default 1)
#   WORK        folder for vaults, stores and binaries (default /tmp/mnemo-bench)
#   KEEP=1      reuse the vaults and the history store of an earlier run
#               with the same N, SIZE, HIST_NOTES and SEED
set -euo pipefail

N=${N:-40000}
SIZE=${SIZE:-$((N * 5000))}
HIST_NOTES=${HIST_NOTES:-3500}
if [ "$N" -lt "$HIST_NOTES" ]; then HIST_NOTES=$N; fi
REPS=${REPS:-3}
SEED=${SEED:-1}
WORK=${WORK:-/tmp/mnemo-bench}
NOW=2026-03-02T10:00:00Z # the day after the simulated year ends

root=$(cd "$(dirname "$0")/.." && pwd)
timer=/usr/bin/time
if ! "$timer" -f %e true 2>/dev/null; then
	echo "run.sh: GNU time is needed at $timer (apt-get install time)" >&2
	exit 1
fi

mkdir -p "$WORK/bin" "$WORK/out"
bin=$WORK/bin
out=$WORK/out
vault=$WORK/vault-$N-$SIZE-$SEED
hvault=$WORK/hvault-$HIST_NOTES-$SEED
hdb=$WORK/history-$HIST_NOTES-$SEED.db
db=$WORK/add.db
results=$out/results.tsv
: >"$results"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== build" >&2
(cd "$root" && go build -o "$bin/mnemo" ./cmd/mnemo && go build -o "$bin/vaultgen" ./bench/vaultgen &&
	go build -o "$bin/floor" ./bench/floor && go build -o "$bin/history" ./bench/history)

# measure NAME CMD...: runs CMD REPS times under GNU time, with the setup
# command in $before run (untimed) before each, and records the median
# wall time, the median CPU time (user + system: less sensitive than the
# wall time to other processes on a shared machine) and the largest peak
# RSS.
before=:
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
measure() {
	local name=$1
	shift
	local walls=() cpus=() rss=0 i w u s m
	for ((i = 1; i <= REPS; i++)); do
		eval "$before"
		if ! "$timer" -f '%e %U %S %M' -o "$out/time" "$@" >"$out/$name.out" 2>"$out/$name.err"; then
			echo "run.sh: $name failed:" >&2
			cat "$out/$name.err" >&2
			exit 1
		fi
		read -r w u s m <"$out/time"
		walls+=("$w")
		cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
		if [ "$m" -gt "$rss" ]; then rss=$m; fi
	done
	local med cpu
	med=$(printf '%s\n' "${walls[@]}" | median)
	cpu=$(printf '%s\n' "${cpus[@]}" | median)
	printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$med" "$rss" "$cpu" "$(printf '%s ' "${walls[@]}")" >>"$results"
	printf '  %-14s median %6.2fs (CPU %6.2fs)  peak %5d MB  (runs: %s)\n' "$name" "$med" "$cpu" $((rss / 1024)) "${walls[*]}" >&2
}

echo "== vault: $N notes, $SIZE bytes, seed $SEED" >&2
if [ "${KEEP:-}" != 1 ] || [ ! -d "$vault" ]; then
	rm -rf "$vault"
	"$bin/vaultgen" -notes "$N" -size "$SIZE" -seed "$SEED" -o "$vault" >&2
fi
find "$vault" -name '*.md' -exec cat {} + >/dev/null # the page cache is warm for every measure

echo "== floor: goldmark alone" >&2
measure floor "$bin/floor" "$vault"

echo "== mnemo add" >&2
export MNEMO_DB=$db
before='rm -f "$db"'
measure add_cold "$bin/mnemo" add "$vault"
cards=$(awk '{print $1}' "$out/add_cold.out")
before=:
measure add_warm "$bin/mnemo" add "$vault"
touched=$(find "$vault" -name '*.md' | sort | awk 'NR == 1')
cp "$touched" "$out/touched.md"
k=0
before='k=$((k + 1)); printf "\nEdited for the benchmark, run %d: the %s regulates the river.\n" "$k" "$k" >>"$touched"'
measure add_touch1 "$bin/mnemo" add "$vault"
cp "$out/touched.md" "$touched"
before=:
measure status_big "$bin/mnemo" status
db_size=$(du -m "$db" | cut -f1)

echo "== store with a year of reviews: $HIST_NOTES notes" >&2
export MNEMO_DB=$hdb
if [ "${KEEP:-}" != 1 ] || [ ! -f "$hdb" ]; then
	rm -rf "$hvault" "$hdb"
	"$bin/vaultgen" -notes "$HIST_NOTES" -size $((HIST_NOTES * 5000)) -seed $((SEED + 1)) -o "$hvault" >&2
	"$bin/mnemo" add "$hvault" >&2
	"$bin/history" -db "$hdb" -end 2026-03-01 >"$out/history.out"
	cat "$out/history.out" >&2
fi
export MNEMO_NOW=$NOW
hcards=$("$bin/mnemo" status 2>/dev/null | awk -F'\t' 'NR > 1 && NF == 5 {t += $4} END {print t}')
# The deck whose card count is nearest 1,000, for the PDF.
IFS=$'\t' read -r deck dcards < <("$bin/mnemo" status 2>/dev/null | awk -F'\t' '
	NR > 1 && NF == 5 { d = $4 - 1000; if (d < 0) d = -d; if (best == "" || d < bd) { best = $1; bd = d; n = $4 } }
	END { print best "\t" n }')
# The store file is in the page cache, as the vault is: the big add just
# wrote 1.4 GB, which may have pushed it out.
cat "$hdb" >/dev/null
measure status "$bin/mnemo" status
before=:
measure review_first sh -c 'echo quit | "$0" review' "$bin/mnemo"
measure export_anki "$bin/mnemo" export anki -o "$out/export.txt"
measure export_pdf "$bin/mnemo" export pdf --deck "$deck" -o "$out/export.pdf"
unset MNEMO_NOW

# The table.
get() { awk -F'\t' -v n="$1" -v c="$2" '$1 == n {print $c}' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mb() { echo $(($1 / 1024)); }
floor_s=$(get floor 2) cold=$(get add_cold 2) warm=$(get add_warm 2) touch1=$(get add_touch1 2)
vbytes=$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^bytes=/) print substr($i, 7)}' "$out/floor.out")

cat <<EOF

mnemo scale benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(go version | awk '{print $3}'), load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)
vault: $N notes, $((vbytes / 1000000)) MB, $cards cards (store $db_size MB)
reviewed store: $hcards cards from $HIST_NOTES notes, a year of reviews; PDF deck "$deck" ($dcards cards)
median of $REPS runs (wall and CPU = user + system); peak RSS is the largest of the runs

| measure | median s | CPU s | peak RSS MB | ratio | target |
|---|---:|---:|---:|---:|---|
| floor: goldmark parse of the vault | $floor_s | $(get floor 4) | $(mb "$(get floor 3)") | 1.00 | |
| add, cold (new store) | $cold | $(get add_cold 4) | $(mb "$(get add_cold 3)") | $(ratio "$cold" "$floor_s") × floor (CPU $(ratio "$(get add_cold 4)" "$(get floor 4)") ×) | ≤ 1.5 × floor, ≤ 300 MB |
| add, warm (nothing changed) | $warm | $(get add_warm 4) | $(mb "$(get add_warm 3)") | $(ratio "$warm" "$cold") × cold | ≤ 0.05 × cold |
| add, one note edited | $touch1 | $(get add_touch1 4) | $(mb "$(get add_touch1 3)") | $(ratio "$touch1" "$cold") × cold | |
| status ($cards cards) | $(get status_big 2) | $(get status_big 4) | $(mb "$(get status_big 3)") | | |
| status ($hcards cards, a year of reviews) | $(get status 2) | $(get status 4) | $(mb "$(get status 3)") | | < 0.1 s |
| review, first card | $(get review_first 2) | $(get review_first 4) | $(mb "$(get review_first 3)") | | < 0.1 s |
| export anki ($hcards cards) | $(get export_anki 2) | $(get export_anki 4) | $(mb "$(get export_anki 3)") | | < 2 s |
| export pdf ($dcards cards) | $(get export_pdf 2) | $(get export_pdf 4) | $(mb "$(get export_pdf 3)") | | |
EOF
echo "raw times: $results" >&2
