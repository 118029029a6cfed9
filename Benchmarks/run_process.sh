#!/usr/bin/env bash
# Processing benchmark (issue 4): `celda process` on several shapes of Base Mal Escalados, each at
# several sizes, against the sum of its parts measured on their own in the same run — reading the
# same file (`celda dump --format csv`) and a plain-C libxlsxwriter floor writing the gestionado.
# Two floors, both constant_memory: the cell-count floor (Benchmarks/c_floor/write_floor.c) writes
# as many cells as the gestionado holds, as short pooled strings and numbers — what the issue
# literally asks, and what the verdict column judges; the same-cells floor
# (Benchmarks/c_floor/write_same_floor.c) writes the gestionado's own cells, read from its base
# sheet(s) dumped to CSV, so long notes cost it what they cost process (its own write time, CSV
# parsing excluded). Median wall time of RUNS runs; peak RSS of process (median of the runs' peaks).
#
#   bash Benchmarks/run_process.sh                       # ROWS="100000 1000000" RUNS=3
#   ROWS=20000 RUNS=1 SHAPES="wide dense" CELDA=.build/release/celda bash Benchmarks/run_process.sh
#
# Shapes (generated files are cached in DATA, default Benchmarks/data/shapes, gitignored):
#   samples    `celda samples DIR --rows N --seed 7`: 22 columns, 2 title rows, the samples' mix of causales
#   wide       24 columns (6 no field claims), 1 title row, 80 % of rows with a causal
#   dense      18 columns, every row with a causal, cuenta/HHPP/notes unique per row (the worst
#              case for shared strings), an «ID caso» column
#   longnotes  18 columns, notes of 60–120 words, 20 % of rows with a causal
#   export     another tool's export: 26 columns (8 no field claims), a title row, strings inline in
#              the cells, date cells, 75 % of rows with a causal, every row in alarm (the latest day
#              two days before --today)
#   plain      the generator's defaults (18 columns, dates all over 2024: most are after --today,
#              so most rows get an incidencia)
# The cell-count floor matches the gestionado's cell count, not its bytes: it writes short pooled
# strings inline, so a shape with long notes (longnotes) costs process more than it costs that
# floor; compare the same-cells ratio there.
# Environment: CELDA (celda binary; default: build release), ROWS, RUNS, SHAPES, DATA, OUT.
# Done when (issue 25), on every shape at 1,000,000 rows: process ≤ 1.3 × (dump + cell-count floor),
# peak < 300 MiB, and the peak at the largest size ≤ 1.5 × the peak at the smallest.
# `CELDA_TIMING=1 celda process …` prints where the time of one run went: hash, read (first pass),
# rows (second pass) and finish (layout, Incidencias and libxlsxwriter zipping the parts).
set -euo pipefail
shopt -s inherit_errexit  # a failure inside $(…) stops the run too
cd "$(dirname "$0")/.."
ROWS=${ROWS:-"100000 1000000"}
RUNS=${RUNS:-3}
SHAPES=${SHAPES:-"samples wide dense longnotes export"}
DATA=${DATA:-Benchmarks/data/shapes}
OUT=${OUT:-Benchmarks/out/process}
TODAY=2024-03-22
BACK_OFFICE_COLUMNS=8   # the mal-escalados columns process adds (MalEscaladosKind.columns)
SHEET_ROWS=1048576      # Excel's limit: libxlsxwriter drops rows past it without an error
mkdir -p "$DATA" "$OUT"
if [ -z "${CELDA:-}" ]; then
  swift build -c release --product celda >/dev/null
  CELDA=$(swift build -c release --show-bin-path)/celda
fi
[ -x "$CELDA" ] || { echo "no celda binary at $CELDA" >&2; exit 1; }
FLOOR=$OUT/write_floor
if [ ! -x "$FLOOR" ] || [ Benchmarks/c_floor/write_floor.c -nt "$FLOOR" ]; then
  cc -O2 Benchmarks/c_floor/write_floor.c $(pkg-config --cflags --libs xlsxwriter) -o "$FLOOR"
fi
SAME=$OUT/write_same_floor
if [ ! -x "$SAME" ] || [ Benchmarks/c_floor/write_same_floor.c -nt "$SAME" ]; then
  cc -O2 Benchmarks/c_floor/write_same_floor.c $(pkg-config --cflags --libs xlsxwriter) -o "$SAME"
fi

shape_args() { # shape → generate_base.py options
  case $1 in
    wide)      echo "--title-rows 1 --extra-columns 6 --causal-density 0.8 --dates-until $TODAY" ;;
    dense)     echo "--causal-density 1 --unique-strings --id-column --dates-until $TODAY" ;;
    longnotes) echo "--notes-words 60-120 --causal-density 0.2 --dates-until $TODAY" ;;
    export)    echo "--title-rows 1 --extra-columns 8 --causal-density 0.75 --inline-strings --dates-until 2024-03-20" ;;
    plain)     echo "" ;;
    *) echo "unknown shape «$1» (samples wide dense longnotes export plain)" >&2; return 1 ;;
  esac
}

# The base of a shape at a size, made once and kept; made again when the shape's options change.
base_of() { # shape rows → path
  local shape=$1 rows=$2 file want
  if [ "$shape" = samples ]; then
    file="$DATA/samples-$rows/Base Mal Escalados 22-03.xlsx"
    want="celda samples --rows $rows --seed 7 --dias 1"
  else
    file="$DATA/$shape-$rows.xlsx"
    want="generate_base.py --rows $rows --seed 7 $(shape_args "$shape")"
  fi
  if [ ! -f "$file" ] || [ "$(cat "$file.args" 2>/dev/null)" != "$want" ]; then
    echo "making $file ($want)" >&2
    rm -f "$file" "$file.cols"
    if [ "$shape" = samples ]; then
      "$CELDA" samples "$DATA/samples-$rows" --rows "$rows" --seed 7 --dias 1 >/dev/null
    else
      # shellcheck disable=SC2046
      python3 Benchmarks/generate_base.py --rows "$rows" --seed 7 $(shape_args "$shape") --out "$file" >&2
    fi
    echo "$want" > "$file.args"
  fi
  echo "$file"
}

# Columns of the sheet process reads, as `celda inspect` sees them (kept beside the file).
columns_of() { # file → columns
  local file=$1
  if [ ! -s "$file.cols" ]; then
    "$CELDA" inspect "$file" --json | python3 -c '
import json, sys
j = json.load(sys.stdin)
d = j.get("detection") or {}
if d.get("kind") != "mal-escalados": sys.exit("not a Base Mal Escalados: %s" % d.get("kind"))
print(next(s["columns"] for s in j["sheets"] if s["name"] == d["sheet"]))' > "$file.cols"
  fi
  cat "$file.cols"
}

# Runs a command under /usr/bin/time; sets T (wall s) and M (peak KiB). A failing command stops
# the benchmark with its output shown: a failure must never read as a time.
T=0; M=0
timed() { # stdout-file command...
  local out=$1; shift
  if ! /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >"$out" 2>"$OUT/stderr.txt"; then
    echo "FAILED ($(head -1 "$OUT/time.txt")): $*" >&2
    tail -n 20 "$OUT/stderr.txt" >&2
    [ "$out" = /dev/null ] || tail -n 5 "$out" >&2
    exit 1
  fi
  read -r T M < <(tail -n 1 "$OUT/time.txt")
}

# The gestionado's base as CSV, for the same-cells floor: its base sheet, then «Base (2)», … when
# it spilled, each one's header record left out after the first (the floor does not repeat it).
dump_gestionado() { # gestionado csv
  local g=$1 csv=$2 sheet skip first=1
  local -a sheets
  mapfile -t sheets < <("$CELDA" inspect "$g" --json | python3 -c '
import json, sys
j = json.load(sys.stdin)
base = (j.get("detection") or {}).get("sheet")
if not base: sys.exit("no base sheet detected in the gestionado")
names = {s["name"] for s in j["sheets"]}
print(base)
k = 2
while "%s (%d)" % (base, k) in names:
    print("%s (%d)" % (base, k)); k += 1')
  [ "${#sheets[@]}" -gt 0 ] || { echo "no base sheet in $g" >&2; exit 1; }
  : > "$csv"
  for sheet in "${sheets[@]}"; do
    if [ "$first" = 1 ]; then
      "$CELDA" dump "$g" --sheet "$sheet" --format csv > "$csv"
      first=0
    else
      "$CELDA" dump "$g" --sheet "$sheet" --format csv > "$csv.part"
      # Lines the header record spans (a quoted header may hold a line break).
      skip=$(python3 -c 'import csv, sys
r = csv.reader(open(sys.argv[1], newline="", encoding="utf-8")); next(r, None); print(r.line_num)' "$csv.part")
      tail -n "+$((skip + 1))" "$csv.part" >> "$csv"
      rm -f "$csv.part"
    fi
  done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "Measuring shapes: $SHAPES; rows: $ROWS; median of $RUNS runs" >&2
declare -A PEAK
table=()
for shape in $SHAPES; do
  for rows in $ROWS; do
    base=$(base_of "$shape" "$rows")
    cols=$(columns_of "$base")
    # The floor writes 18 cells a row: as many rows as put the gestionado's cells, cut in
    # pieces of at most one sheet (see SHEET_ROWS), their times added.
    cells=$((rows * (cols + BACK_OFFICE_COLUMNS)))
    floor_rows=$(((cells + 17) / 18))
    p=(); pm=(); d=(); w=(); sc=()
    for run in $(seq "$RUNS"); do
      echo "  $shape $rows rows × $cols columns, run $run" >&2
      rm -rf "$OUT/gestionado" && mkdir -p "$OUT/gestionado"
      timed "$OUT/process.txt" "$CELDA" process "$base" --out "$OUT/gestionado" --today "$TODAY"
      ls "$OUT/gestionado/"*" - gestionado.xlsx" >/dev/null 2>&1 || { echo "process wrote no gestionado for $base" >&2; cat "$OUT/process.txt" >&2; exit 1; }
      p+=("$T"); pm+=("$M")
      [ "$run" != 1 ] || dump_gestionado "$(ls "$OUT/gestionado/"*" - gestionado.xlsx")" "$OUT/gestionado.csv"
      timed /dev/null "$CELDA" dump "$base" --format csv
      d+=("$T")
      left=$floor_rows; wall=0
      while [ "$left" -gt 0 ]; do
        n=$((left < SHEET_ROWS ? left : SHEET_ROWS))
        timed /dev/null "$FLOOR" "$OUT/floor.xlsx" "$n"
        wall=$(awk -v a="$wall" -v b="$T" 'BEGIN {print a + b}')
        left=$((left - n))
      done
      w+=("$wall")
      # The same-cells floor's own write time (it prints it), CSV parsing left out.
      timed "$OUT/same.txt" "$SAME" "$OUT/gestionado.csv" "$OUT/same.xlsx" "$SHEET_ROWS"
      sc+=("$(cat "$OUT/same.txt")")
    done
    rm -rf "$OUT/gestionado" "$OUT/floor.xlsx" "$OUT/same.xlsx" "$OUT/gestionado.csv"
    P=$(printf '%s\n' "${p[@]}" | median); D=$(printf '%s\n' "${d[@]}" | median)
    W=$(printf '%s\n' "${w[@]}" | median); S=$(printf '%s\n' "${sc[@]}" | median); PM=$(printf '%s\n' "${pm[@]}" | median)
    PEAK[$shape,$rows]=$PM
    table+=("$(awk -v s="$shape" -v r="$rows" -v c="$cols" -v d="$D" -v w="$W" -v p="$P" -v m="$PM" -v f="$S" 'BEGIN {
      ratio = p / (d + w); same = p / (d + f); mib = m / 1024
      printf "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %s |", s, r, c, d, w, p, ratio, f, same, mib,
             (ratio <= 1.3 && mib < 300) ? "yes" : "**no**" }')")
  done
done

echo "celda process --today $TODAY against celda dump --format csv + a C write floor: the cell-count floor (as many cells, short pooled strings) and the same-cells floor (the gestionado's own cells); median of $RUNS runs"
echo
echo "| shape | rows | columns | dump s | floor s | process s | process / (dump + floor) | same-cells floor s | process / (dump + same-cells floor) | process peak MiB | ≤ 1.3× (cell-count ratio) and < 300 MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${table[@]}"
echo
read -r first _ <<< "$ROWS"; last=${ROWS##* }
for shape in $SHAPES; do
  if [ "$first" = "$last" ]; then
    echo "- $shape: one size ($first rows), no peak growth to show"
  else
    awk -v s="$shape" -v a="$first" -v b="$last" -v pa="${PEAK[$shape,$first]}" -v pb="${PEAK[$shape,$last]}" 'BEGIN {
      g = pb / pa
      printf "- %s: peak at %d rows / peak at %d rows = %.0f / %.0f MiB = %.2f (≤ 1.5: %s)\n", s, b, a, pb / 1024, pa / 1024, g, g <= 1.5 ? "yes" : "**no**" }'
  fi
done
