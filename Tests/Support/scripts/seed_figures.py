#!/usr/bin/env python3
"""Recomputes the figures a supervisor forwards from the gestionados alone, with the seeds'
formulas, and compares them with what Celda's workbooks show. Prints one line per problem
(nothing when every figure agrees), then the figures it computed as JSON on the last line.

    python3 seed_figures.py consolidado GESTIONADO.xlsx CONSOLIDADO.xlsx COMPROMISOS.xlsx
    python3 seed_figures.py recurrentes GESTIONADO.xlsx INFORME.xlsx

Seed 002 §5: % cuentas mal escaladas por asesor = the advisor's mal escaladas / every row the
client sent × 100; % recurrencia por tipo de error = rows with that error / every row sent ×
100. An error is a row judged Procede; its type is its causal. No procede rows are Gestión
Soporte's (reclamaciones); the rest are to review. Seed 000 §5: causales ranked by cases."""
import json, sys
from python_calamine import CalamineWorkbook

problems = []

def say(text):
    problems.append(text)

def sheet(path, name):
    return CalamineWorkbook.from_path(path).get_sheet_by_name(name).to_python()

def base_rows(gestionado):
    book = CalamineWorkbook.from_path(gestionado)
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    header = [str(h) for h in rows[0]]
    return header, [dict(zip(header, r)) for r in rows[1:] if any(v not in ("", None) for v in r)]

def table(rows, header_row, stop="Total general"):
    """label -> numbers under the header row, until a blank label; the row labelled `stop` apart."""
    out, total = [], None
    for r in rows[header_row + 1:]:
        label = r[0] if r else ""
        if not isinstance(label, str) or label == "":
            break
        numbers = [v for v in r[1:] if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if label == stop:
            total = numbers
            break
        out.append((label, numbers))
    return out, total

def close(a, b):
    return abs(a - b) < 1e-9

def consolidado(gestionado, book, compromisos):
    header, rows = base_rows(gestionado)
    n = len(rows)
    asesor_col = next(h for h in header if h in ("Nombre Asesor", "Asesor"))
    errors, own, types = {}, {}, {}
    no_procede = 0
    for r in rows:
        who = r[asesor_col] or "(vacío)"
        own[who] = own.get(who, 0) + 1
        procede = str(r["Procede"]).strip().lower()
        causal = str(r["Causal"] or "")
        if procede == "no procede":
            no_procede += 1
        elif procede == "procede":
            errors[who] = errors.get(who, 0) + 1
            if causal:
                code = causal.split(" · ")[0]
                types[code] = types.get(code, 0) + 1
    review = n - sum(types.values()) - no_procede

    # Resumen por causal: the error types ranked (count, then code), then the two lines apart.
    t, total = table(sheet(book, "Resumen por causal"), 3)
    ranked = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = [(label.split(" · ")[0], v) for label, v in t]
    expected = [(code, count) for code, count in ranked] + [("Sin causal — por revisar", review),
                                                            ("No procede — reclamación a Gestión Soporte", no_procede)]
    if [(k, int(v[0])) for k, v in shown] != expected:
        say(f"Resumen por causal {[(k, int(v[0])) for k, v in shown]} != {expected}")
    for k, v in shown:
        count = dict(expected).get(k, 0)
        if not close(v[1], count / n):
            say(f"Resumen por causal: % of {k} {v[1]} != {count}/{n}")
    if total is None or int(total[0]) != n:
        say(f"Resumen por causal total {total} != {n}")

    # Indicadores: every advisor, the seed's % and the advisor's own.
    ind = sheet(book, "Indicadores")
    t, total = table(ind, 4)
    seen = {label: v for label, v in t}
    if set(seen) != set(own):
        say(f"Indicadores advisors {sorted(seen)} != {sorted(own)}")
    for who, v in seen.items():
        e = errors.get(who, 0)
        if int(v[0]) != e or not close(v[1], e / n) or int(v[2]) != own.get(who, 0) or not close(v[3], e / own.get(who, 1)):
            say(f"Indicadores {who}: {v} != {[e, e / n, own.get(who), e / own.get(who, 1)]}")
    team = sum(errors.values())
    if total is None or int(total[0]) != team or not close(total[1], team / n) or int(total[2]) != n:
        say(f"Indicadores total {total} != {[team, team / n, n]}")

    # Top 5: by errors then name, five and everyone tied with the fifth; the team's total.
    t, total = table(sheet(book, "Top 5 asesores"), 3)
    erred = sorted(((w, e) for w, e in errors.items() if e > 0), key=lambda kv: (-kv[1], kv[0].lower()))
    cut = erred[:5]
    if len(erred) > 5:
        cut = [x for x in erred if x[1] >= erred[4][1]][:10]
    if [(label, int(v[0])) for label, v in t] != cut:
        say(f"Top 5 {[(label, int(v[0])) for label, v in t]} != {cut}")
    for label, v in t:
        if not close(v[1], errors[label] / n):
            say(f"Top 5 {label}: % {v[1]} != {errors[label]}/{n}")
    if total is None or int(total[0]) != team or int(total[2]) != n:
        say(f"Top 5 total {total} != team {team} of {n}")

    # Compromisos › Resumen: the % column is the seed's, the next one the advisor's own.
    res = sheet(compromisos, "Resumen")
    head = next(i for i, r in enumerate(res) if r and r[0] == "#")
    for r in res[head + 1:]:
        if not isinstance(r[0], (int, float)) or r[0] == "":
            break
        who, procede, mine, pct, own_pct = r[1], r[5], r[6], r[7], r[8]
        if int(procede) != errors.get(who, 0) or int(mine) != own.get(who, 0):
            say(f"Compromisos {who}: {procede}/{mine} != {errors.get(who, 0)}/{own.get(who, 0)}")
        if not close(pct, errors.get(who, 0) / n) or not close(own_pct, errors.get(who, 0) / own.get(who, 1)):
            say(f"Compromisos {who}: % {pct}, {own_pct} != {errors.get(who, 0)}/{n}, {errors.get(who, 0)}/{own.get(who, 1)}")
    return {"rows": n, "errors": errors, "types": types, "review": review, "no_procede": no_procede}

def recurrentes(gestionado, book):
    header, rows = base_rows(gestionado)
    by_code = {}
    for r in rows:
        code = str(r["Causal normalizada"] or "").split(" · ")[0]
        if code:
            by_code[code] = by_code.get(code, 0) + 1
    t, total = table(sheet(book, "Por causal"), 3)
    ranked = [label.split(" · ")[0] for label, _ in t if not label.startswith("Sin causal")]
    counts = [int(v[0]) for label, v in t if not label.startswith("Sin causal")]
    if counts != sorted(counts, reverse=True) or dict(zip(ranked, counts)) != by_code:
        say(f"Por causal {list(zip(ranked, counts))} != {by_code}, ranked by cases")
    # A past period judged as it was: the alarms' días hábiles are the gestionado's días de gestión.
    days = {}
    for r in rows:
        days.setdefault(str(r["Cuenta"]), []).append(int(r["Días de gestión"]))
    alarms = sheet(book, "Alarmas")
    listed = 0
    for r in alarms[4:]:
        if not r or r[0] in ("", None):
            break
        listed += 1
        if int(r[6]) not in days.get(str(r[1]), []):
            say(f"Alarmas {r[1]}: {r[6]} días hábiles, the gestionado says {days.get(str(r[1]))}")
    return {"by_code": by_code, "alarms": listed}

kind = sys.argv[1]
figures = consolidado(*sys.argv[2:5]) if kind == "consolidado" else recurrentes(*sys.argv[2:4])
for p in problems:
    print(p)
print(json.dumps(figures, ensure_ascii=False))
