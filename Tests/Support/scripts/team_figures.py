#!/usr/bin/env python3
"""The Premium team indicators of seed 001 §5, recomputed from the input files alone (never
from Celda's code) and compared with the *Equipo* sheet of Celda's «Informe Claro Premium».

    python3 team_figures.py make DIR                   # the exports of November 2026
    python3 team_figures.py check DIR REPORT.xlsx FIRST LAST

`check` prints one line per problem (nothing when every figure agrees), then the figures it
computed as JSON on the last line. Definitions (issue 29, seed 001 §5):
- AUSENTISMO = scheduled agent-days with an absence / scheduled agent-days; a day is scheduled
  when Programado/Turno says Sí, a shift or hours > 0, and its novedad is no Vacaciones/Descanso;
  an absence is Ausencia, Inasistencia, Incapacidad, Calamidad, Licencia or Suspensión; a row
  whose novedad or programado is no known word, an agent's second row of a day and a row
  without a date are not counted.
- ROTACIÓN = agents whose retiro falls in the period / agents with a row on the period's first
  day with data who had not left before it.
- CALIDAD MEC = 0.4 × emitida (mean nota on 0–100; a column whose highest nota is ≤ 5 is
  0–5, ≤ 10 is 0–10) + 0.6 × percibida (answers in the top two points: 4–5 on a 1–5 column, 9–10
  on a 0–10 one — a column above 5 is 0–10); meta 90 %."""
import csv, datetime as dt, glob, json, os, sys, unicodedata

D = dt.date

def norm(t):
    t = unicodedata.normalize("NFKD", str(t or "")).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in t).split())

# ---------------------------------------------------------------- the exports
def make(folder):
    import openpyxl
    os.makedirs(folder, exist_ok=True)
    days = [D(2026, 10, 30) + dt.timedelta(n) for n in range(32)]  # 30/10 … 30/11
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Almabi"
    ws.append(["Fecha", "Cédula", "Nombre del agente", "Supervisor", "Turno", "Novedad", "Fecha de retiro", "Estado"])
    for d in days:
        weekday = d.weekday() < 5
        # Ana: shifts, Sunday rest; an incapacidad, a calamidad, a week of vacations.
        nov = {D(2026, 11, 3): "Incapacidad EG", D(2026, 11, 10): "Calamidad"}.get(d, "")
        if D(2026, 11, 16) <= d <= D(2026, 11, 20): nov = "Vacaciones"
        ws.append([d, "101", "Ana Ruiz", "Laura Mesa", "07:00-16:00" if d.weekday() != 6 else "Descanso", nov, None, "Activo"])
        # Beto: hours; an inasistencia, a retardo; leaves on 20/11 (a retiro inside the period).
        if d <= D(2026, 11, 20):
            nov = {D(2026, 11, 4): "Inasistencia", D(2026, 11, 5): "Retardo"}.get(d, "")
            ws.append([d, "102", "Beto Paz", "Laura Mesa", 8 if weekday else 0, nov, D(2026, 11, 20), "Activo"])
        # Caro: Sí/No; a licencia, a suspensión, an ausencia; a second row on 09/11 (not counted).
        nov = {D(2026, 11, 6): "Licencia", D(2026, 11, 12): "Suspensión", D(2026, 11, 13): "Ausencia"}.get(d, "Asistió")
        ws.append([d, "103", "Caro Gil", "Marta Ríos", "Sí" if weekday else "No", nov, None, "Activo"])
        if d == D(2026, 11, 9):
            ws.append([d, "103", "Caro Gil", "Marta Ríos", "Sí", "Ausencia", None, "Activo"])
        # Dani: left on 25/10 (a retiro outside the period), still in the export until 03/11.
        if d <= D(2026, 11, 3):
            ws.append([d, "104", "Dani Sol", "Marta Ríos", "No", "", D(2026, 10, 25), "Retirado"])
        # Eva: hired on 09/11, no supervisor; an unknown novedad and an unknown programado.
        if d >= D(2026, 11, 9):
            nov = "Paseo" if d == D(2026, 11, 11) else ("Presente" if weekday else "Libre")
            turno = "quizás" if d == D(2026, 11, 12) else ("Sí" if weekday else "No")
            ws.append([d, "105", "Eva Luz", None, turno, nov, None, "Activo"])
    ws.append(["31/11/2026", "106", "Fito Mar", "Laura Mesa", "Sí", "", None, "Activo"])
    wb.save(os.path.join(folder, "Asistencia Almabi noviembre.xlsx"))

    # Monitoreos: a 0–100 workbook and a 0–10 CSV; none in the week of 23/11; one in October.
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Monitoreos"
    ws.append(["Fecha monitoreo", "Asesor evaluado", "Documento", "Nota final", "Monitor"])
    for row in [(D(2026, 11, 3), "Ana Ruiz", "101", 85, "Q1"), (D(2026, 11, 11), "ana ruiz", "101", 92, "Q1"),
                (D(2026, 11, 4), "Beto Paz", "102", 70, "Q2"), (D(2026, 11, 12), "Caro Gil", "103", 95, "Q2"),
                (D(2026, 10, 28), "Caro Gil", "103", 40, "Q2"), (D(2026, 11, 30), "Beto Paz", "102", 60, "Q1")]:
        ws.append(list(row))
    wb.save(os.path.join(folder, "Monitoreos calidad noviembre.xlsx"))
    with open(os.path.join(folder, "Monitoreos calidad escala 10.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Fecha", "Agente", "Nota", "Evaluador"])
        for row in [("2026-11-05", "Ana Ruiz", "9", "Q3"), ("2026-11-18", "Eva Luz", "8,5", "Q3"), ("2026-11-19", "Caro Gil", "10", "Q3")]:
            w.writerow(row)

    # Surveys: a 1–5 satisfaction workbook and a 0–10 CSV.
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Encuestas"
    ws.append(["Fecha encuesta", "Caso", "Cuenta", "Asesor evaluado", "NPS", "Satisfacción con el asesor"])
    for row in [(dt.datetime(2026, 11, 3, 10), "P1", "80000001", "Ana Ruiz", 10, 5), (dt.datetime(2026, 11, 4, 11), "P2", "80000002", "Ana Ruiz", 9, 4),
                (dt.datetime(2026, 11, 5, 12), "P3", "80000003", "Ana Ruiz", 6, 3), (dt.datetime(2026, 11, 6, 9), "P4", "80000004", "Beto Paz", 3, 2),
                (dt.datetime(2026, 11, 12, 9), "P5", "80000005", "Caro Gil", 10, 5), (dt.datetime(2026, 11, 13, 9), "P6", "80000006", "Caro Gil", 8, None)]:
        ws.append(list(row))
    wb.save(os.path.join(folder, "Encuesta premium satisfaccion 1-5.xlsx"))
    with open(os.path.join(folder, "Encuesta premium satisfaccion 0-10.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Fecha encuesta", "Caso", "Cuenta", "Asesor evaluado", "NPS", "Índice de satisfacción del asesor"])
        for row in [("2026-11-17 10:00", "P7", "80000007", "Ana Ruiz", "10", "10"), ("2026-11-18 10:00", "P8", "80000008", "Ana Ruiz", "7", "8"),
                    ("2026-11-19 10:00", "P9", "80000009", "Eva Luz", "9", "9"), ("2026-11-20 10:00", "P10", "80000010", "Caro Gil", "5", "7"),
                    ("2026-11-24 10:00", "P11", "80000011", "Caro Gil", "10", "10"),
                    ("2026-11-25 10:00", "P12", "80000012", "Ana Ruiz", "9", "11")]:  # off the scale: not counted
            w.writerow(row)

# ---------------------------------------------------------------- reading the inputs
def rows_of(path):
    if path.endswith(".csv"):
        with open(path, encoding="utf-8") as f:
            r = list(csv.reader(f, delimiter=";"))
        return r[0], [dict(zip(r[0], x)) for x in r[1:]]
    import openpyxl
    ws = openpyxl.load_workbook(path, data_only=True).active
    data = list(ws.iter_rows(values_only=True))
    return list(data[0]), [dict(zip(data[0], x)) for x in data[1:]]

def day(v):
    if isinstance(v, dt.datetime): return v.date()
    if isinstance(v, dt.date): return v
    try: return dt.datetime.strptime(str(v)[:10], "%Y-%m-%d").date()
    except ValueError: return None

def number(v):
    if v is None or v == "": return None
    if isinstance(v, (int, float)): return float(v)
    try: return float(str(v).replace(",", "."))
    except ValueError: return None

ABSENT = ["ausencia", "inasistencia", "incapacidad", "calamidad", "licencia", "suspension"]
NOT_SCHEDULED = ["vacaciones", "descanso"]
PRESENT = ["", "asistio", "presente", "retardo"]

def starts(text, words):
    return any(text == w or text.startswith(w + " ") for w in words)

def scheduled(v):
    if isinstance(v, (int, float)): return v > 0
    t = norm(v)
    if t in ("si",): return True
    if t in ("", "no", "descanso", "libre", "vacaciones", "0"): return False
    raw = str(v)
    if "-" in raw and all(p.strip().replace(":", "").isdigit() for p in raw.split("-")): return True
    return None

def asistencia(folder, first, last):
    agent_days, seen, retiro = [], set(), {}
    for path in glob.glob(os.path.join(folder, "Asistencia*")):
        _, rows = rows_of(path)
        for r in rows:
            d, doc = day(r["Fecha"]), str(r["Cédula"])
            out = day(r.get("Fecha de retiro")) or (d if norm(r.get("Estado")) == "retirado" else None)
            if out: retiro[doc] = min(retiro.get(doc, out), out)
            if d is None or (doc, d) in seen: continue
            seen.add((doc, d))
            nov = norm(r["Novedad"])
            if starts(nov, NOT_SCHEDULED): prog, absent = False, False
            elif starts(nov, ABSENT): prog = scheduled(r["Turno"]); absent = prog
            elif nov in PRESENT: prog = scheduled(r["Turno"]); absent = False if prog is not None else None
            else: prog, absent = None, None
            agent_days.append({"day": d, "doc": doc, "sup": r["Supervisor"] or "", "prog": prog, "absent": absent})
    in_period = [a for a in agent_days if first <= a["day"] <= last]
    def aus(days):
        s = [a for a in days if a["prog"] is True]
        return {"programados": len(s), "faltas": sum(1 for a in s if a["absent"]), "ausentismo": (sum(1 for a in s if a["absent"]) / len(s)) if s else None}
    def rot(days, lo, hi, by_sup=None):
        if not days: return {"activos": 0, "retirados": 0, "rotacion": None}
        start = min(a["day"] for a in days)
        active = [a for a in days if a["day"] == start and (a["doc"] not in retiro or retiro[a["doc"]] >= start)]
        if by_sup is not None: active = [a for a in active if a["sup"] == by_sup]
        docs = {a["doc"] for a in in_period}
        latest_sup = {}
        for a in sorted(in_period, key=lambda a: a["day"]): latest_sup[a["doc"]] = a["sup"]
        gone = [doc for doc in docs if doc in retiro and lo <= retiro[doc] <= hi and (by_sup is None or latest_sup[doc] == by_sup)]
        return {"activos": len(active), "retirados": len(gone), "rotacion": (len(gone) / len(active)) if active else None}
    sups = sorted({a["sup"] for a in in_period})
    result = {"total": {**aus(in_period), **rot(in_period, first, last)},
              "by": {s: {**aus([a for a in in_period if a["sup"] == s]), **rot(in_period, first, last, s)} for s in sups}, "weeks": []}
    d = first
    while d <= last:
        end = min(last, d + dt.timedelta(6 - d.weekday()))
        week = [a for a in in_period if d <= a["day"] <= end]
        result["weeks"].append({"first": d.isoformat(), **aus(week), **rot(week, d, end)})
        d = end + dt.timedelta(1)
    return result

def calidad(folder, first, last):
    notas, answers = {}, {}
    for path in glob.glob(os.path.join(folder, "Monitoreos*")):
        header, rows = rows_of(path)
        nota_col = next(h for h in header if norm(h).startswith("nota"))
        agent_col = next(h for h in header if norm(h) in ("agente", "asesor evaluado"))
        date_col = header[0]
        values = [number(r[nota_col]) for r in rows if number(r[nota_col]) is not None]
        factor = 20 if max(values) <= 5 else 10 if max(values) <= 10 else 1
        for r in rows:
            d, n = day(r[date_col]), number(r[nota_col])
            if d and n is not None and first <= d <= last:
                notas.setdefault(norm(r[agent_col]), []).append((d, n * factor))
    for path in glob.glob(os.path.join(folder, "Encuesta*")):
        header, rows = rows_of(path)
        col = next(h for h in header if "satisf" in norm(h))
        values = [number(r[col]) for r in rows if number(r[col]) is not None and number(r[col]) <= 10]
        scale = 10 if max(values) > 5 else 5
        top = 9 if scale == 10 else 4
        for r in rows:
            d, v = day(r["Fecha encuesta"]), number(r[col])
            valid = v is not None and v == int(v) and (1 if scale == 5 else 0) <= v <= scale
            if d and valid and first <= d <= last:
                answers.setdefault(norm(r["Asesor evaluado"]), []).append((d, v >= top))
    def line(ns, ans):
        e = (sum(n for _, n in ns) / len(ns) / 100) if ns else None
        p = (sum(1 for _, t in ans if t) / len(ans)) if ans else None
        mec = 0.4 * e + 0.6 * p if e is not None and p is not None else None
        return {"monitoreos": len(ns), "emitida": e, "respuestas": len(ans), "top": sum(1 for _, t in ans if t), "percibida": p, "mec": mec,
                "meta": None if mec is None else round(mec, 9) >= 0.9}
    allN = [x for v in notas.values() for x in v]; allA = [x for v in answers.values() for x in v]
    out = {"total": line(allN, allA), "by": {a: line(notas.get(a, []), answers.get(a, [])) for a in sorted(set(notas) | set(answers))}, "weeks": []}
    d = first
    while d <= last:
        end = min(last, d + dt.timedelta(6 - d.weekday()))
        out["weeks"].append({"first": d.isoformat(), **line([x for x in allN if d <= x[0] <= end], [x for x in allA if d <= x[0] <= end])})
        d = end + dt.timedelta(1)
    return out

# ---------------------------------------------------------------- reading the report
def equipo(report):
    """The rows of *Equipo*, then those of *Equipo por semana*."""
    import openpyxl
    wb = openpyxl.load_workbook(report, data_only=True)
    return [list(r) for name in ("Equipo", "Equipo por semana") for r in wb[name].iter_rows(values_only=True)]

CAPTIONS = ("Ausentismo y rotación por supervisor", "Calidad MEC por backoffice", "Por semana: ausentismo y rotación", "Por semana: calidad MEC")

def table_after(rows, caption):
    """{label: {header: value}} of the table under `caption`, or the text line there."""
    i = next((k for k, r in enumerate(rows) if r and r[0] == caption), None)
    if i is None: return None, None
    # Words first (a part without data), then the table's header.
    j, words = i + 1, None
    while j < len(rows) and (len(rows[j]) < 2 or rows[j][1] in (None, "")):
        if rows[j][0] not in (None, "") and words is None: words = rows[j][0]
        if j > i + 1 and rows[j][0] not in (None, "") and isinstance(rows[j][0], str) and rows[j][0] in CAPTIONS: return None, words
        j += 1
    if j >= len(rows): return None, words
    header = rows[j]
    out = {}
    for r in rows[j + 1:]:
        if r[0] in (None, ""): break
        label = norm(r[0])
        out["total" if label in ("total general", "total") else label] = {h: v for h, v in zip(header[1:], r[1:]) if h}
    return out, None

def close(a, b):
    if a is None: return b in (None, "")
    if isinstance(a, bool): return b == ("Sí" if a else "No")
    return isinstance(b, (int, float)) and abs(a - b) < 1e-9

def check(folder, report, first, last):
    problems = []
    a, c = asistencia(folder, first, last), calidad(folder, first, last)
    rows = equipo(report)
    names = {"programados": "Días programados", "faltas": "Faltas", "ausentismo": "Ausentismo", "activos": "Activos el primer día",
             "retirados": "Retirados", "rotacion": "Rotación", "monitoreos": "Monitoreos", "emitida": "Calidad emitida",
             "respuestas": "Respuestas de satisfacción", "top": "En los dos puntos más altos", "percibida": "Calidad percibida",
             "mec": "Calidad MEC", "meta": "Cumple la meta"}
    def compare(where, expected, shown):
        for key, value in expected.items():
            if key == "first": continue
            header = names[key]
            if shown is None or header not in shown:
                problems.append(f"{where}: no column {header}"); continue
            if not close(value, shown[header]):
                problems.append(f"{where} {header}: report {shown[header]!r}, recomputed {value!r}")
    team, words = table_after(rows, "Ausentismo y rotación por supervisor")
    if not a["total"]["programados"] and not a["total"]["activos"]:
        if not words or not words.startswith("Sin datos de asistencia"): problems.append(f"asistencia: expected words, found {words!r}")
    else:
        compare("Total", a["total"], (team or {}).get("total"))
        for sup, e in a["by"].items():
            compare(sup or "(vacío)", e, (team or {}).get(norm(sup) or norm("(vacío)")))
    q, words = table_after(rows, "Calidad MEC por backoffice")
    if c["total"]["monitoreos"] == 0:
        texts = [r[0] for r in rows if r and isinstance(r[0], str)]
        if not any(t.startswith("Sin monitoreos en el periodo") for t in texts): problems.append("calidad: no words for a period without monitoreos")
    compare("Calidad total", c["total"], (q or {}).get("total"))
    for agent, e in c["by"].items():
        compare("Calidad " + agent, e, (q or {}).get(agent))
    team_weeks, _ = table_after(rows, "Por semana: ausentismo y rotación")
    quality_weeks, _ = table_after(rows, "Por semana: calidad MEC")
    def week(table, first):
        d = dt.date.fromisoformat(first)
        return next((v for k, v in (table or {}).items() if k.startswith(norm(d.strftime("%d/%m")))), None)
    for wa, wc in zip(a["weeks"], c["weeks"]):
        compare("Semana " + wa["first"], dict(wa), week(team_weeks, wa["first"]))
        compare("Semana " + wc["first"], {k: v for k, v in wc.items() if k != "meta"}, week(quality_weeks, wc["first"]))
    if len(a["weeks"]) != len(team_weeks or {}) or len(c["weeks"]) != len(quality_weeks or {}):
        problems.append(f"weeks: report {len(team_weeks or {})} and {len(quality_weeks or {})}, recomputed {len(a['weeks'])}")
    for p in problems: print(p)
    print(json.dumps({"asistencia": a, "calidad": c}, default=str))

if __name__ == "__main__":
    if sys.argv[1] == "make": make(sys.argv[2])
    else: check(sys.argv[2], sys.argv[3], dt.date.fromisoformat(sys.argv[4]), dt.date.fromisoformat(sys.argv[5]))
