#!/usr/bin/env bash
# Issue 5's acceptance run: 50 files dropped at once (40 good bases of ~10,000 rows, 10 bad),
# the watcher killed with SIGKILL twice mid-batch and restarted; then every good file must be
# in procesados/ with exactly one gestionado in salida/, every bad one in errores/ with its
# reason, and nothing lost, duplicated or partial.
#   bash scripts/watch_stress.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000}
PAUSES=${PAUSES:-"6 5"}   # seconds before each kill -9
swift build -c release --product celda >/dev/null
CELDA=$(swift build -c release --show-bin-path)/celda
ROOT=$(mktemp -d /tmp/celda-stress-XXXX)
mkdir -p "$ROOT/entrada" "$ROOT/gen"
for i in $(seq 1 40); do
  "$CELDA" samples "$ROOT/gen/$i" --rows "$ROWS" --seed "$i" >/dev/null
  mv "$ROOT/gen/$i/Base Mal Escalados 22-03.xlsx" "$ROOT/gen/Base $i.xlsx"
done
for i in $(seq 1 10); do head -c $((1000 * i)) /dev/urandom > "$ROOT/gen/roto $i.xlsx"; done
mv "$ROOT"/gen/*.xlsx "$ROOT/entrada/"   # all 50 at once
start=$(date +%s)
for pause in $PAUSES; do
  "$CELDA" watch "$ROOT" --interval 0.3 --today 2024-03-22 > "$ROOT/run.log" 2>&1 &
  pid=$!
  sleep "$pause"
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  echo "killed after ${pause}s: $(ls "$ROOT/procesados" | wc -l) done, $(ls "$ROOT/procesando" | wc -l) in procesando"
done
"$CELDA" watch "$ROOT" --once --interval 0.3 --today 2024-03-22 > "$ROOT/final.log" 2>&1 || true
end=$(date +%s)
good_in=$(ls "$ROOT/procesados" | grep -c '^Base ' || true)
outputs=$(ls "$ROOT/salida" | grep -c ' - gestionado.xlsx$' || true)
dups=$(ls "$ROOT/salida" | grep -c '(2)' || true)
partial=$(ls -a "$ROOT/salida" | grep -c '\.tmp$' || true)
bad=$(ls "$ROOT/errores" | grep -c '^roto .*\.xlsx$' || true)
reasons=$(ls "$ROOT/errores" | grep -c '\.error\.txt$' || true)
left=$(( $(ls "$ROOT/entrada" | wc -l) + $(ls "$ROOT/procesando" | wc -l) ))
echo "good in procesados: $good_in/40; gestionados: $outputs/40; duplicated: $dups; partial: $partial"
echo "bad in errores: $bad/10 with $reasons reasons; left in entrada/procesando: $left; total $((end - start)) s"
[ "$good_in" = 40 ] && [ "$outputs" = 40 ] && [ "$dups" = 0 ] && [ "$partial" = 0 ] && [ "$bad" = 10 ] && [ "$reasons" = 10 ] && [ "$left" = 0 ] \
  && echo "PASS: zero lost, zero duplicated, zero partial" || { echo "FAIL (folder kept: $ROOT)"; exit 1; }
rm -rf "$ROOT"
