#!/usr/bin/env bash
# Writing benchmark (issue 3): 1,000,000 rows x 18 columns (text, numbers, date-times with a
# date format, two formats) in constant-memory mode, written by the Swift wrapper, by a plain C
# program on libxlsxwriter (the floor) and by Python's XlsxWriter, in the same run.
# Median wall time and peak RSS of RUNS runs.
#   bash Benchmarks/run_write.sh
#   ROWS=100000 RUNS=5 bash Benchmarks/run_write.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
SKIP=${SKIP:-}
OUT=Benchmarks/out
mkdir -p "$OUT"
swift build -c release --product celda-write-bench >/dev/null
BENCH=$(swift build -c release --show-bin-path)/celda-write-bench
# The same program with the Swift runtime linked in (what a shipped CLI would do): the runtime's
# own pages are most of a small program's peak, so both are shown.
swift build -c release --product celda-write-bench --static-swift-stdlib --scratch-path .build-static >/dev/null
BENCH_STATIC=.build-static/release/celda-write-bench
cc -O2 Benchmarks/c_floor/write_floor.c $(pkg-config --cflags --libs xlsxwriter) -o "$OUT/write_floor"

measure() { # name, command...
  local name=$1; shift
  local times=() mems=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null
    read -r t m < "$OUT/time.txt"
    times+=("$t"); mems+=("$m")
  done
  local mt mm
  mt=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mm=$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %-30s | %8.2f | %9.1f |\n' "$name" "$mt" "$(echo "$mm / 1024" | bc -l)"
}

echo "$ROWS rows x 18 columns, constant memory; median of $RUNS runs"
echo "| writer                         | wall (s) | peak (MiB) |"
echo "|--------------------------------|---------:|-----------:|"
measure "C floor (libxlsxwriter)" "$OUT/write_floor" "$OUT/w-floor.xlsx" "$ROWS"
measure "Swift XLSXWriter" "$BENCH" "$OUT/w-swift.xlsx" "$ROWS"
measure "Swift XLSXWriter, static runtime" "$BENCH_STATIC" "$OUT/w-static.xlsx" "$ROWS"
RUNS=1 measure "C floor, 0 rows (baseline)" "$OUT/write_floor" "$OUT/w0.xlsx" 0
RUNS=1 measure "Swift, 0 rows (baseline)" "$BENCH" "$OUT/w0.xlsx" 0
RUNS=1 measure "Swift static, 0 rows (baseline)" "$BENCH_STATIC" "$OUT/w0.xlsx" 0
case "$SKIP" in *xlsxwriter*) ;; *) measure "XlsxWriter (Python)" python3 Benchmarks/peers/xlsxwriter_write.py "$OUT/w-python.xlsx" "$ROWS";; esac
# The C and Swift files must hold the same cells.
cmp <("$(swift build -c release --show-bin-path)/celda" dump "$OUT/w-floor.xlsx" --format csv | md5sum) \
    <("$(swift build -c release --show-bin-path)/celda" dump "$OUT/w-swift.xlsx" --format csv | md5sum) \
  && echo "(the C and Swift workbooks hold identical cells)"
