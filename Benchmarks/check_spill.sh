#!/usr/bin/env bash
# A base longer than one sheet (Excel stops at 1,048,576 rows): `celda process` must spill the
# gestionado's base into a second sheet. This makes a 1,100,000-row CSV base with an «ID caso»
# column (the row's index), processes it, and checks the gestionado:
#   - its first sheet is named as the input's («Base»), its second «Base (2)», and no «Base (3)»;
#   - both start with the header in row 1 (the input's headers, then the back-office ones);
#   - every input ID is there exactly once across the two, in the input's order.
# Prints the counts; exits non-zero on any mismatch.
#
#   bash Benchmarks/check_spill.sh                              # make, process, check
#   bash Benchmarks/check_spill.sh --check INPUT.xlsx GESTIONADO.xlsx   # only the check
# Environment: CELDA (default: build release), ROWS (1100000), DATA, OUT.
set -euo pipefail
shopt -s inherit_errexit

check() { # input gestionado
  python3 - "$1" "$2" <<'PY'
import sys

ID = "ID caso"
SHEET_ROWS = 1_048_576

def workbook(path):
    """(sheet names, rows(sheet name) → iterator of row lists) with python-calamine, or openpyxl;
    a CSV is one sheet named after the file, as celda names it."""
    if path.lower().endswith(".csv"):
        import csv, os
        name = os.path.splitext(os.path.basename(path))[0]
        def rows(_):
            with open(path, newline="", encoding="utf-8") as f:
                yield from csv.reader(f)
        return [name], rows
    try:
        from python_calamine import CalamineWorkbook
        wb = CalamineWorkbook.from_path(path)
        return wb.sheet_names, lambda name: wb.get_sheet_by_name(name).iter_rows()
    except ImportError:
        from openpyxl import load_workbook
        wb = load_workbook(path, read_only=True, data_only=True)
        return wb.sheetnames, lambda name: ([("" if v is None else v) for v in r] for r in wb[name].iter_rows(values_only=True))

def key(v):
    """An ID as text whether it came as 7, 7.0 or "7"."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()

def trimmed(row):
    row = list(row)
    while row and row[-1] in ("", None):
        row.pop()
    return [key(v) for v in row]

input_path, output_path = sys.argv[1], sys.argv[2]
problems = []

# The input: its sheet name, its header row (the first within 30 rows holding «ID caso») and IDs.
names, rows = workbook(input_path)
in_sheet = names[0]
header, ids = None, []
for n, row in enumerate(rows(in_sheet), 1):
    if header is None:
        if ID in [key(v) for v in row]:
            header = trimmed(row); col = header.index(ID)
        elif n >= 30:
            sys.exit(f"{input_path}: no «{ID}» header in the first 30 rows of «{in_sheet}»")
        continue
    if any(v not in ("", None) for v in row):
        ids.append(key(row[col]) if col < len(row) else "")
print(f"input «{in_sheet}»: {len(ids):,} rows, {len(header)} columns")

names, rows = workbook(output_path)
expected = [in_sheet, f"{in_sheet} (2)"]
print(f"gestionado sheets: {names}")
if names[:2] != expected:
    problems.append(f"the first two sheets are {names[:2]}, not {expected}")
if f"{in_sheet} (3)" in names:
    problems.append(f"a third base sheet «{in_sheet} (3)»")
got, first_header = [], None
for name in expected:
    if name not in names:
        problems.append(f"no sheet «{name}»")
        continue
    it = rows(name)
    head = trimmed(next(it, []))
    if head[:len(header)] != header:
        problems.append(f"«{name}» row 1 is not the input's header: {head[:6]}…")
        continue
    if first_header is None:
        first_header = head
    elif head != first_header:
        problems.append(f"«{name}» row 1 differs from «{expected[0]}» row 1 after the input's columns: {head[len(header):]} vs {first_header[len(header):]}")
    col = head.index(ID)
    count = 0
    for row in it:
        if any(v not in ("", None) for v in row):
            got.append(key(row[col]) if col < len(row) else "")
            count += 1
    print(f"  «{name}»: {count:,} data rows (+ header)")
    if count + 1 > SHEET_ROWS:
        problems.append(f"«{name}» has {count + 1:,} rows, more than a sheet holds")
    if count == 0:
        problems.append(f"«{name}» has no data rows")

print(f"IDs: {len(ids):,} in the input, {len(got):,} in the gestionado's base sheets")
if got != ids:
    seen, dup = set(), set()
    for v in got:
        (dup if v in seen else seen).add(v)
    want = set(ids)
    missing, extra = want - seen, seen - want
    problems.append(f"IDs differ: {len(missing):,} missing, {len(extra):,} not in the input, {len(dup):,} more than once")
    for label, s in (("missing", missing), ("not in the input", extra), ("more than once", dup)):
        if s:
            problems.append(f"  e.g. {label}: {sorted(s, key=lambda x: (len(x), x))[:5]}")
    if not missing and not extra and not dup:
        i = next(i for i, (a, b) in enumerate(zip(got, ids)) if a != b)
        problems.append(f"  out of order from base row {i + 1}: {got[i]!r} where the input has {ids[i]!r}")
for p in problems:
    print("MISMATCH:", p)
print("spill check:", "FAILED" if problems else "ok")
sys.exit(1 if problems else 0)
PY
}

if [ "${1:-}" = --check ]; then
  [ $# -eq 3 ] || { echo "usage: check_spill.sh --check INPUT.xlsx GESTIONADO.xlsx" >&2; exit 2; }
  check "$2" "$3"
  exit
fi
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1100000}
DATA=${DATA:-Benchmarks/data/spill}
OUT=${OUT:-Benchmarks/out/spill}
mkdir -p "$DATA" "$OUT"
if [ -z "${CELDA:-}" ]; then
  swift build -c release --product celda >/dev/null
  CELDA=$(swift build -c release --show-bin-path)/celda
fi
# A CSV: an .xlsx cannot hold more than 1,048,576 rows (readers refuse row 1,048,577), so a
# base this long reaches the back office as a CSV export.
BASE=$DATA/spill-$ROWS.csv
[ -f "$BASE" ] || python3 - "$ROWS" "$BASE" <<'PY'
import csv, random, sys
rows, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
names = ["Ana Gómez", "Luis Díaz", "Carlos Pérez", "Diana López", "Jorge García", "Paula Ruiz"]
options = ["Internet lento", "Sin señal TV", "Sin navegación", "Intermitencia"]
words = "cliente reporta falla se valida en diagnosticador se escala por sintoma persistente modem reiniciado".split()
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["ID caso", "Fecha escalamiento", "Cuenta", "Nombre asesor", "Supervisor", "Tipología", "Síntoma",
                "Nodo cliente", "Nodo escalado", "Distancia (cuadras)", "HHPP", "Estado cuenta", "Incidencia T&D",
                "Duración T&D (min)", "Notas de escalamiento"])
    for i in range(1, rows + 1):
        opt = rnd.choice(options)
        w.writerow([i, f"{rnd.randint(1, 22):02d}/03/2024 {rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}",
                    str(rnd.randrange(10**7, 10**9)), rnd.choice(names), "Sofía Ramírez", opt, opt,
                    "N100", "N100" if rnd.random() < 0.9 else "N200", rnd.randint(0, 4), f"HHPP{rnd.randrange(10**6)}",
                    "Activa", f"INC{rnd.randrange(10**7)}", f"{rnd.uniform(2, 20):.2f}",
                    " ".join(rnd.choice(words) for _ in range(rnd.randint(4, 12)))])
print(f"{out}: {rows} rows")
PY
rm -rf "$OUT/gestionado"
if ! /usr/bin/time -f "%e s, peak %M KiB" "$CELDA" process "$BASE" --out "$OUT/gestionado" --today 2024-03-22; then
  echo "celda process failed on $BASE" >&2
  exit 1
fi
check "$BASE" "$OUT/gestionado/spill-$ROWS - gestionado.xlsx"
