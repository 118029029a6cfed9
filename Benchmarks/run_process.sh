#!/usr/bin/env bash
# Processing benchmark (issue 4): `celda process` on a generated 100,000-row Base Mal Escalados
# against the sum of its parts measured on their own in the same run — reading it
# (`celda dump --format csv`) and writing as many rows x columns with the writer benchmark.
#   bash Benchmarks/run_process.sh            # ROWS=100000 RUNS=3 by default
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-100000}
RUNS=${RUNS:-3}
OUT=Benchmarks/out
DATA=Benchmarks/data/process-$ROWS
mkdir -p "$OUT" "$DATA"
swift build -c release --product celda >/dev/null
swift build -c release --product celda-write-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
[ -f "$DATA/Base Mal Escalados 22-03.xlsx" ] || "$BIN/celda" samples "$DATA" --rows "$ROWS" --seed 7 >/dev/null
BASE="$DATA/Base Mal Escalados 22-03.xlsx"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { /usr/bin/time -f "%e %M" -o "$OUT/t.txt" "$@" >/dev/null 2>&1; cat "$OUT/t.txt"; }

p=(); d=(); w=(); pm=()
for _ in $(seq "$RUNS"); do
  rm -rf "$OUT/process" && mkdir -p "$OUT/process"
  read -r t m < <(time_of "$BIN/celda" process "$BASE" --out "$OUT/process" --today 2024-03-22); p+=("$t"); pm+=("$m")
  read -r t _ < <(time_of sh -c "'$BIN/celda' dump '$BASE' --format csv > /dev/null"); d+=("$t")
  # The gestionado holds 22 original + 8 back-office columns; the writer bench writes 18 per row,
  # so it writes ROWS*30/18 rows to put the same number of cells.
  read -r t _ < <(time_of "$BIN/celda-write-bench" "$OUT/w.xlsx" $((ROWS * 30 / 18))); w+=("$t")
done
P=$(printf '%s\n' "${p[@]}" | median); D=$(printf '%s\n' "${d[@]}" | median); W=$(printf '%s\n' "${w[@]}" | median)
PM=$(printf '%s\n' "${pm[@]}" | median)
echo "$ROWS rows; median of $RUNS runs"
echo "| step | wall (s) |"
echo "|---|---:|"
echo "| celda dump --format csv (read) | $D |"
echo "| writer benchmark, same cell count | $W |"
echo "| read + write | $(echo "$D + $W" | bc) |"
echo "| **celda process** (peak $((PM / 1024)) MiB) | **$P** |"
echo "ratio process / (read + write): $(echo "scale=2; $P / ($D + $W)" | bc)"
