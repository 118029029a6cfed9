#!/usr/bin/env bash
# History store benchmark (issue 9): a 100,000-row Base Mal Escalados processed into a fresh
# SQLite store (`celda process --store`), against the same processing without a store, then the
# month's consolidated report over those 100,000 stored rows (`celda report mal-escalados
# --period month`). Median of RUNS runs each, wall time and peak memory.
#   bash Benchmarks/run_store.sh            # ROWS=100000 RUNS=3 by default
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-100000}
RUNS=${RUNS:-3}
OUT=Benchmarks/out/store
DATA=Benchmarks/data/process-$ROWS
mkdir -p "$OUT" "$DATA"
swift build -c release --product celda >/dev/null
BIN=$(swift build -c release --show-bin-path)
[ -f "$DATA/Base Mal Escalados 22-03.xlsx" ] || "$BIN/celda" samples "$DATA" --rows "$ROWS" --seed 7 >/dev/null
BASE="$DATA/Base Mal Escalados 22-03.xlsx"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { /usr/bin/time -f "%e %M" -o "$OUT/t.txt" "$@" >/dev/null 2>&1; cat "$OUT/t.txt"; }

p=(); s=(); sm=(); r=(); rm_=()
for _ in $(seq "$RUNS"); do
  rm -rf "$OUT/run" && mkdir -p "$OUT/run"
  read -r t _ < <(time_of "$BIN/celda" process "$BASE" --out "$OUT/run/sin" --today 2024-03-22); p+=("$t")
  read -r t m < <(time_of "$BIN/celda" process "$BASE" --out "$OUT/run/con" --store "$OUT/run/celda.sqlite" --today 2024-03-22); s+=("$t"); sm+=("$m")
  read -r t m < <(time_of "$BIN/celda" report mal-escalados --period month --date 2024-03-22 --store "$OUT/run/celda.sqlite" --out "$OUT/run/informes"); r+=("$t"); rm_+=("$m")
done
echo "$ROWS rows; median of $RUNS runs"
echo "| step | wall (s) | peak (MiB) |"
echo "|---|---:|---:|"
echo "| celda process, no store | $(printf '%s\n' "${p[@]}" | median) | |"
echo "| celda process --store (ingest in one transaction) | $(printf '%s\n' "${s[@]}" | median) | $(( $(printf '%s\n' "${sm[@]}" | median) / 1024 )) |"
echo "| celda report mal-escalados --period month ($ROWS stored rows) | $(printf '%s\n' "${r[@]}" | median) | $(( $(printf '%s\n' "${rm_[@]}" | median) / 1024 )) |"
ls -la "$OUT/run/celda.sqlite" | awk '{print "store size: " $5 / 1048576 " MiB"}'
