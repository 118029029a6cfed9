#!/usr/bin/env bash
# Reading benchmark (issue 2): `celda dump FILE --format csv > /dev/null` against the C floor
# (libzip + libxml2 SAX2, counting cells), fastexcel, python-calamine and openpyxl (read-only),
# all on the same generated workbook in the same run. Median wall time and peak RSS of RUNS runs.
#
#   bash Benchmarks/run_read.sh                 # 1,000,000 rows x 18 columns, 3 runs
#   ROWS=100000 RUNS=5 bash Benchmarks/run_read.sh
#   SKIP=openpyxl bash Benchmarks/run_read.sh   # leave a slow peer out
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
SKIP=${SKIP:-}
DATA=Benchmarks/data/base-$ROWS.xlsx
mkdir -p Benchmarks/data Benchmarks/out
[ -f "$DATA" ] || python3 Benchmarks/generate_base.py --rows "$ROWS" --out "$DATA"
swift build -c release --product celda >/dev/null
CELDA=$(swift build -c release --show-bin-path)/celda
cc -O2 Benchmarks/c_floor/floor.c $(pkg-config --cflags --libs libzip libxml-2.0) -o Benchmarks/out/floor

measure() { # name, command...
  local name=$1; shift
  local times=() mems=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o Benchmarks/out/time.txt "$@" >/dev/null
    read -r t m < Benchmarks/out/time.txt
    times+=("$t"); mems+=("$m")
  done
  local mt mm
  mt=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mm=$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %-28s | %8.2f | %9.0f |\n' "$name" "$mt" "$((mm / 1024))"
  echo "$name $mt $mm" >> Benchmarks/out/read-results.txt
}

: > Benchmarks/out/read-results.txt
echo "$(basename "$DATA"): $ROWS rows x 18 columns, $(du -h "$DATA" | cut -f1); median of $RUNS runs"
echo "| reader                       | wall (s) | peak (MiB) |"
echo "|------------------------------|---------:|----------:|"
measure "C floor (libzip+libxml2 SAX)" Benchmarks/out/floor "$DATA"
measure "celda dump --format csv" sh -c "'$CELDA' dump '$DATA' --format csv > /dev/null"
case "$SKIP" in *fastexcel*) ;; *) measure "fastexcel (eager)" python3 Benchmarks/peers/fastexcel_read.py "$DATA";; esac
case "$SKIP" in *calamine*) ;; *) measure "python-calamine" python3 Benchmarks/peers/calamine_read.py "$DATA";; esac
case "$SKIP" in *openpyxl*) ;; *) measure "openpyxl (read-only)" python3 Benchmarks/peers/openpyxl_read.py "$DATA";; esac

# Memory flat in rows: the same shared strings, 10x the rows.
FLAT1=Benchmarks/data/flat-100000x1.xlsx
FLAT10=Benchmarks/data/flat-100000x10.xlsx
[ -f "$FLAT1" ] || python3 Benchmarks/generate_base.py --rows 100000 --out "$FLAT1" >/dev/null
[ -f "$FLAT10" ] || python3 Benchmarks/generate_base.py --rows 100000 --repeat 10 --out "$FLAT10" >/dev/null
echo
echo "Memory flat in rows (same shared strings):"
echo "| celda dump --format csv      | wall (s) | peak (MiB) |"
echo "|------------------------------|---------:|----------:|"
measure "100,000 rows" sh -c "'$CELDA' dump '$FLAT1' --format csv > /dev/null"
measure "1,000,000 rows (10x)" sh -c "'$CELDA' dump '$FLAT10' --format csv > /dev/null"
