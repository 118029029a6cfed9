#!/usr/bin/env bash
# History store benchmark (issues 9 and 14): a 100,000-row Base Mal Escalados processed without
# a store, into a fresh SQLite store and into a fresh PostgreSQL database (`celda process
# --store`), then the month's consolidated report over those 100,000 stored rows from each. Then
# the store's ingest alone (celda-store-bench): one file of 100,000 rows, and 1,000,000 rows as
# ten files of 100,000 (a base of 1M rows cannot be processed here: ~7 KiB a row in memory).
# Median of RUNS runs each, wall time and peak memory. PostgreSQL: a throwaway server on
# loopback (scripts/pg_test_server.sh; fsync off — a test server), or PG_URL to use your own.
#   bash Benchmarks/run_store.sh            # ROWS=100000 RUNS=3 BIG_FILES=10 by default
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-100000}
RUNS=${RUNS:-3}
BIG_FILES=${BIG_FILES:-10}
OUT=Benchmarks/out/store
DATA=Benchmarks/data/process-$ROWS
mkdir -p "$OUT" "$DATA"
swift build -c release --product celda >/dev/null
swift build -c release --product celda-store-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
[ -f "$DATA/Base Mal Escalados 22-03.xlsx" ] || "$BIN/celda" samples "$DATA" --rows "$ROWS" --seed 7 --dias 1 >/dev/null
BASE="$DATA/Base Mal Escalados 22-03.xlsx"

if [ -z "${PG_URL:-}" ]; then
  eval "$(bash scripts/pg_test_server.sh start)"
  trap 'bash scripts/pg_test_server.sh stop "$CELDA_TEST_PG_DIR"' EXIT
  PG_URL=$CELDA_TEST_PG_URL
fi
# A fresh database for each run.
fresh_db() { local name="celda_bench_$1"; psql "$PG_URL" -qX -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null 2>&1
  echo "${PG_URL%/*}/$name"; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { /usr/bin/time -f "%e %M" -o "$OUT/t.txt" "$@" >/dev/null 2>&1; cat "$OUT/t.txt"; }

p=(); s=(); sm=(); g=(); gm=(); r=(); rm_=(); q=(); qm=(); bs=(); bg=(); big_s=(); big_g=()
for i in $(seq "$RUNS"); do
  rm -rf "$OUT/run" && mkdir -p "$OUT/run"
  url=$(fresh_db "p$i")
  read -r t _ < <(time_of "$BIN/celda" process "$BASE" --out "$OUT/run/sin" --today 2024-03-22); p+=("$t")
  read -r t m < <(time_of "$BIN/celda" process "$BASE" --out "$OUT/run/con" --store "$OUT/run/celda.sqlite" --today 2024-03-22); s+=("$t"); sm+=("$m")
  read -r t m < <(time_of "$BIN/celda" process "$BASE" --out "$OUT/run/pg" --store "$url" --today 2024-03-22); g+=("$t"); gm+=("$m")
  read -r t m < <(time_of "$BIN/celda" report mal-escalados --period month --date 2024-03-22 --store "$OUT/run/celda.sqlite" --out "$OUT/run/informes"); r+=("$t"); rm_+=("$m")
  read -r t m < <(time_of "$BIN/celda" report mal-escalados --period month --date 2024-03-22 --store "$url" --out "$OUT/run/informes-pg"); q+=("$t"); qm+=("$m")
  # The ingest alone: one file of ROWS rows (the second line of the bench is the time).
  rm -f "$OUT/run/bench.sqlite"
  bs+=("$("$BIN/celda-store-bench" "$OUT/run/bench.sqlite" "$ROWS" | awk '{print $2}')")
  bg+=("$("$BIN/celda-store-bench" "$(fresh_db "b$i")" "$ROWS" | awk '{print $2}')")
done
# 1M rows: ten files of ROWS into one store, the sum of the ten ingests (once: it takes a while).
rm -f "$OUT/run/big.sqlite"
big_s=$("$BIN/celda-store-bench" "$OUT/run/big.sqlite" "$ROWS" "$BIG_FILES" | awk '{s+=$2} END {print s}')
big_g=$("$BIN/celda-store-bench" "$(fresh_db big)" "$ROWS" "$BIG_FILES" | awk '{s+=$2} END {print s}')

echo "$ROWS rows; median of $RUNS runs"
echo "| step | wall (s) | peak (MiB) |"
echo "|---|---:|---:|"
echo "| celda process, no store | $(printf '%s\n' "${p[@]}" | median) | |"
echo "| celda process --store FILE.sqlite (ingest in one transaction) | $(printf '%s\n' "${s[@]}" | median) | $(( $(printf '%s\n' "${sm[@]}" | median) / 1024 )) |"
echo "| celda process --store postgres://… (ingest in one transaction) | $(printf '%s\n' "${g[@]}" | median) | $(( $(printf '%s\n' "${gm[@]}" | median) / 1024 )) |"
echo "| celda report mal-escalados --period month, SQLite ($ROWS stored rows) | $(printf '%s\n' "${r[@]}" | median) | $(( $(printf '%s\n' "${rm_[@]}" | median) / 1024 )) |"
echo "| celda report mal-escalados --period month, PostgreSQL | $(printf '%s\n' "${q[@]}" | median) | $(( $(printf '%s\n' "${qm[@]}" | median) / 1024 )) |"
echo "| ingest alone, $ROWS rows, SQLite | $(printf '%s\n' "${bs[@]}" | median) | |"
echo "| ingest alone, $ROWS rows, PostgreSQL | $(printf '%s\n' "${bg[@]}" | median) | |"
echo "| ingest alone, $((ROWS * BIG_FILES)) rows as $BIG_FILES files, SQLite (once) | $big_s | |"
echo "| ingest alone, $((ROWS * BIG_FILES)) rows as $BIG_FILES files, PostgreSQL (once) | $big_g | |"
ls -la "$OUT/run/celda.sqlite" | awk '{print "SQLite store size: " $5 / 1048576 " MiB"}'
psql "$PG_URL" -qAtX -c "SELECT 'PostgreSQL database size: ' || pg_size_pretty(pg_database_size('celda_bench_p1'))"
