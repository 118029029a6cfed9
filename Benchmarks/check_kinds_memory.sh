#!/usr/bin/env bash
# Peak memory of `celda process` on large bases of each kind, as the exports come (CSV, `;`,
# Windows-1252): a 300,000-row tipificador with repeat callers (about three contacts a cuenta),
# a 300,000-row Claro Premium export, and (CHECK_SPILL=1) the 1,100,000-row mal-escalados CSV
# of check_spill.sh. Each run: wall seconds and peak RSS (/usr/bin/time), and the gestionado's
# data rows counted with python-calamine against the input's. Prints a line per base.
#
#   bash Benchmarks/check_kinds_memory.sh
# Environment: CELDA (default: build release), ROWS (300000), DATA (Benchmarks/data), LIMIT_MIB (300).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-300000}
DATA=${DATA:-Benchmarks/data}
LIMIT=${LIMIT_MIB:-300}
mkdir -p "$DATA/kinds"
if [ -z "${CELDA:-}" ]; then
  swift build -c release --product celda >/dev/null
  CELDA=$(swift build -c release --show-bin-path)/celda
fi

make_bases() { # rows folder
  python3 - "$1" "$2" <<'PY'
import sys, random, os
rows, folder = int(sys.argv[1]), sys.argv[2]
r = random.Random(5)
motivos = [("Cliente sin señal de TV desde ayer", "A"), ("Solicita traslado del servicio", "D"), ("Quiere cancelar el internet", "E"),
           ("Reclamo por cobro doble en la factura", "G"), ("Pide visita técnica", "C"), ("Consulta horario de atención", "F"),
           ("Quiere comprar plan adicional", "I"), ("Radica queja por mala atención", "H"), ("Cuenta empresarial, otra área", "B")]
asesores = ["%s %s" % (a, b) for a in ["Laura", "Pedro", "Natalia", "Felipe", "Mónica", "Ricardo"] for b in ["Castro", "Jiménez", "Herrera", "Ortiz"]]
cuentas = ["%08d" % r.randrange(10**7, 10**8) for _ in range(rows // 3)]
path = os.path.join(folder, "Formulario Tipificador grande.csv")
with open(path, "w", encoding="cp1252", newline="") as f:
    f.write("Marca temporal;Nombre del asesor;Cuenta;Motivo de la comunicacion;Causal;Área de escalamiento\r\n")
    for i in range(rows):
        m, c = r.choice(motivos)
        f.write("%02d/03/2024 %02d:%02d;%s;%s;%s;%s;\r\n" % (18 + r.randrange(5), 7 + r.randrange(12), r.randrange(60), r.choice(asesores),
                                                          r.choice(cuentas), m, c if r.random() < 0.8 else ""))
tipos = [("SAC", "Cartera"), ("SAC", "Facturación"), ("Soporte", "Falla puntual"), ("Soporte", "Visita técnica"), ("PQR", "PQR"), ("PQR", "Ajuste"), ("Ventas", "Venta")]
agents = ["Laura Méndez", "Óscar Ruiz", "Natalia Cárdenas", "Felipe Rojas"]
path = os.path.join(folder, "Casos Claro Premium grande.csv")
with open(path, "w", encoding="cp1252", newline="") as f:
    f.write("Número de caso;Fecha creación;Cuenta;Tipo de caso;Subcategoría;Asignado a;Fecha compromiso;Estado;Fecha solución;SPC\r\n")
    for i in range(rows):
        t, s = r.choice(tipos)
        d = 18 + r.randrange(5)
        closed = r.random() < 0.5
        f.write("CP-%07d;%02d/03/2024 %02d:%02d;%08d;%s;%s;%s;%02d/03/2024;%s;%s;%s\r\n" % (
            i, d, 7 + r.randrange(10), r.randrange(60), r.randrange(10**7, 10**8), t, s, r.choice(agents), d + r.randrange(4),
            "Cerrado" if closed else r.choice(["Abierto", "En seguimiento", "Escalado"]),
            "%02d/03/2024 17:00" % min(22, d + r.randrange(3)) if closed else "", "Sí" if r.random() < 0.3 else "No"))
PY
}

rows_of() { # gestionado → data rows of its base sheets
  python3 - "$1" <<'PY'
import sys
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
n = 0
for name in wb.sheet_names:
    if name in ("Incidencias", "_celda", "Listas", "Agenda de hoy") or name.startswith("Incidencias"):
        continue
    n += max(0, sum(1 for _ in wb.get_sheet_by_name(name).iter_rows()) - 1)
print(n)
PY
}

[ -f "$DATA/kinds/rows-$ROWS" ] || { make_bases "$ROWS" "$DATA/kinds"; touch "$DATA/kinds/rows-$ROWS"; }
for base in "Formulario Tipificador grande.csv" "Casos Claro Premium grande.csv"; do
  out="$DATA/kinds/salida"; rm -rf "$out"
  /usr/bin/time -o "$DATA/kinds/time.txt" -f "%e %M" "$CELDA" process "$DATA/kinds/$base" --out "$out" --today 2024-03-22 >/dev/null 2>"$DATA/kinds/stderr.txt"
  stats=$(tail -1 "$DATA/kinds/time.txt")
  secs=${stats% *}; kib=${stats#* }
  gestionado=$(ls "$out"/*.xlsx | head -1)
  got=$(rows_of "$gestionado")
  mib=$((kib / 1024))
  verdict=$([ "$mib" -lt "$LIMIT" ] && [ "$got" -eq "$ROWS" ] && echo ok || echo OVER)
  echo "$base: $ROWS rows → $got in the gestionado, ${secs} s, peak ${mib} MiB ($verdict, limit ${LIMIT} MiB)"
done
if [ "${CHECK_SPILL:-0}" = 1 ]; then CELDA="$CELDA" bash Benchmarks/check_spill.sh; fi
