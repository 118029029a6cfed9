#!/usr/bin/env bash
# Report-at-scale benchmark (issue "store at scale"): a fresh SQLite store filled with SIZES
# synthetic mal-escalados cases spread over March 2024 (celda-store-bench: files of 100,000 rows,
# each one `ingest`), then the month's consolidated report over them, timed with
# /usr/bin/time: wall seconds and peak RSS, median of RUNS runs. The smaller size is there to
# see whether time and memory grow with the stored rows (they should grow linearly in time and
# stay flat in memory when the report streams).
# Each run checks that the report says it holds every stored case ("N casos").
#   bash Benchmarks/run_report.sh                    # SIZES="100000 1000000" RUNS=3
#   SIZES=300000 RUNS=1 bash Benchmarks/run_report.sh
# BACKENDS="sqlite postgres" measures PostgreSQL too: a throwaway server on loopback
# (scripts/pg_test_server.sh, fsync off) or PG_URL, a fresh database for each size.
# Environment: SIZES, RUNS, BACKENDS (default sqlite), PG_URL, OUT (default Benchmarks/out/report), BIN (a folder holding celda and
# celda-store-bench; default: build release), CELDA_REPORT_ARGS (extra arguments for celda
# report, e.g. --sin-tabla-dinamica).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000"}
BACKENDS=${BACKENDS:-sqlite}
RUNS=${RUNS:-3}
OUT=${OUT:-Benchmarks/out/report}
FILE_ROWS=100000
export CELDA_TEMPLATES=${CELDA_TEMPLATES:-$PWD/Templates}   # BIN may be a copy away from Templates/
mkdir -p "$OUT"
if [ -z "${BIN:-}" ]; then
  nice -n 15 swift build -c release --product celda >/dev/null
  nice -n 15 swift build -c release --product celda-store-bench >/dev/null
  BIN=$(swift build -c release --show-bin-path)
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if [[ " $BACKENDS " == *" postgres "* && -z "${PG_URL:-}" ]]; then
  eval "$(bash scripts/pg_test_server.sh start)"
  trap 'bash scripts/pg_test_server.sh stop "$CELDA_TEST_PG_DIR"' EXIT
  PG_URL=$CELDA_TEST_PG_URL
fi

rows=()
for backend in $BACKENDS; do
for size in $SIZES; do
  if [ "$backend" = postgres ]; then
    name="celda_report_$size"
    psql "$PG_URL" -qX -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null 2>&1
    store="${PG_URL%/*}/$name"
  else
    store="$OUT/store-$size.sqlite"
    rm -f "$store" "$store-wal" "$store-shm"
  fi
  per=$(( size < FILE_ROWS ? size : FILE_ROWS ))
  files=$(( (size + per - 1) / per ))
  ingest=$("$BIN/celda-store-bench" "$store" "$per" "$files" 31 | awk '{s+=$2} END {printf "%.1f", s}')
  times=(); peaks=()
  for i in $(seq "$RUNS"); do
    rm -rf "$OUT/informes"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %M" -o "$OUT/t.txt" "$BIN/celda" report mal-escalados --period month --date 2024-03-15 \
      --store "$store" --out "$OUT/informes" ${CELDA_REPORT_ARGS:-} >"$OUT/stdout.txt" 2>"$OUT/stderr.txt" \
      || { echo "celda report failed at $size cases:" >&2; cat "$OUT/stderr.txt" >&2; exit 1; }
    grep -q ": $(( files * per )) casos" "$OUT/stdout.txt" || { echo "the report does not hold $(( files * per )) cases:" >&2; cat "$OUT/stdout.txt" >&2; exit 1; }
    read -r t m <"$OUT/t.txt"
    times+=("$t"); peaks+=("$m")
  done
  book=$(ls "$OUT"/informes/*.xlsx)
  if [ "$backend" = postgres ]; then
    bytes=$(psql "$PG_URL" -qAtX -c "SELECT pg_database_size('$name')")
  else
    bytes=$(stat -c %s "$store")
  fi
  rows+=("| $backend | $(( files * per )) | $ingest | $(printf '%s\n' "${times[@]}" | median) | $(( $(printf '%s\n' "${peaks[@]}" | median) / 1024 )) | $(( $(stat -c %s "$book") / 1048576 )) | $(( bytes / 1048576 )) |")
done
done

echo "celda report mal-escalados --period month --date 2024-03-15 --store S --out O ${CELDA_REPORT_ARGS:-}; median of $RUNS runs; $(date -u +%Y-%m-%d)"
echo
echo "| store | stored cases | ingest (s, once) | report wall (s) | report peak (MiB) | workbook (MiB) | store (MiB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
