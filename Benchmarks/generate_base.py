#!/usr/bin/env python3
"""Writes a workbook shaped like a "Base Mal Escalados": 18 columns (dates, text accounts,
names, options, nodes, numbers, free-text notes), every string in the shared-strings table as
Excel writes it, dates as serials with a date format. Deterministic for a given --seed.

    python3 Benchmarks/generate_base.py --rows 1000000 --out Benchmarks/data/base-1m.xlsx

Shapes (all off by default; without them the rows are the same as before they existed):
    --title-rows N         N one-cell title rows above the header (header on row N+1)
    --extra-columns N      N more columns after the 18, headers no field claims (Campaña, Canal…)
    --causal-density F     fraction F of rows made to show a causal de mal escalado, the rest clean
    --notes-words A-B      words per note (default 6-16)
    --unique-strings       cuenta, HHPP and notes unique per row (worst case for shared strings)
    --dates-until D        dates in the 365 days ending on D (YYYY-MM-DD), not in 2024
    --id-column            a last column «ID caso» holding the data row's index (1, 2, …)
    --inline-strings       the data rows' strings in their cells (t="inlineStr"), as report tools
                           and libraries other than Excel write them (titles and headers stay shared)

    python3 Benchmarks/generate_base.py --rows 100000 --title-rows 1 --extra-columns 6 \\
        --causal-density 0.8 --dates-until 2024-03-22 --out /tmp/shapes/wide-100000.xlsx
"""
import argparse, datetime, random, zipfile, os
from xml.sax.saxutils import escape

HEADERS = ["Fecha escalamiento", "Cuenta", "Nombre asesor", "Cédula asesor", "Supervisor",
           "Tipología", "Síntoma", "Servicio", "Nodo cliente", "Nodo escalado", "Distancia (cuadras)",
           "HHPP", "Estado cuenta", "Tipo aviso", "Tecnología instalada", "Incidencia T&D",
           "Duración T&D (min)", "Notas de escalamiento"]
NOMBRES = ["Ana", "Luis", "Carlos", "Diana", "Jorge", "Paula", "Andrés", "Camila", "Julián", "Sofía", "Mateo", "Valentina"]
APELLIDOS = ["Gómez", "Rodríguez", "Martínez", "López", "García", "Pérez", "Sánchez", "Ramírez", "Torres", "Díaz"]
OPCIONES = ["Sin señal TV", "Internet lento", "Sin navegación", "Intermitencia", "Falla telefonía", "Falla red externa",
            "Daño masivo", "Decodificador", "Control remoto", "Correo Claro", "MiClaro app", "ClaroVideo"]
SERVICIOS = ["Internet", "TV", "Telefonía", "MiClaro app", "ClaroPlay", "ClaroVideo", "Correo Claro"]
ESTADOS = ["Activa", "Activa", "Activa", "Desconectada por mora", "Cancelada"]
AVISOS = ["", "", "Masivo", "Informativo", "PMA programado"]
TV = ["DVB", "ATSC", "NAGRA", "TVBOX", "DTH", "Fibra"]
PALABRAS = ("cliente reporta falla se valida en diagnosticador se escala por sintoma persistente "
            "modem reiniciado sin mejora nivel de senal bajo se agenda visita usuario indica "
            "intermitencia desde ayer se verifica nodo sin incidencia reportada").split()

# Clean rows (--causal-density): a síntoma with options that fit it (Templates/opciones-por-sintoma.yaml)
# and are not network faults (ME05's words), a service that needs no e-mail (ME10: the base has
# no Correo column, so MiClaro app, ClaroPlay, ClaroVideo and Correo Claro would always hold).
VALIDAS = {"Sin señal TV": ["Sin señal TV", "Decodificador", "Control remoto"],
           "Decodificador": ["Decodificador", "Sin señal TV", "Control remoto"],
           "Internet lento": ["Internet lento", "Intermitencia"],
           "Sin navegación": ["Sin navegación", "Intermitencia"],
           "Intermitencia": ["Intermitencia", "Internet lento"],
           "Falla telefonía": ["Falla telefonía"]}
SINTOMAS = list(VALIDAS)
SERVICIOS_LIMPIOS = ["Internet", "TV", "Telefonía"]

# --extra-columns: (header, kind, values). None of these headers is an alias of a field of
# Templates/kinds.yaml, nor close to one (HeaderMatcher takes ≥ 0.85 similarity as a guess).
EXTRA = [
    ("Campaña", "s", ["Hogar Fibra", "Hogar HFC", "Retención", "Ventas cruzadas", "Migración tecnológica"]),
    ("Canal", "s", ["Voz", "Chat", "WhatsApp", "App", "Presencial"]),
    ("Ciudad", "s", ["Bogotá", "Medellín", "Cali", "Barranquilla", "Bucaramanga", "Cartagena", "Pereira", "Manizales"]),
    ("Observación calidad", "s", ["Cumple protocolo", "No saluda", "Tipifica tarde", "Sin validación de identidad",
                                  "Buen manejo", "Ofrece visita sin diagnóstico", "No confirma datos"]),
    ("Turno", "s", ["Mañana", "Tarde", "Noche"]),
    ("Prioridad", "n", (1, 5)),
    ("Región", "s", ["Centro", "Antioquia", "Occidente", "Costa", "Oriente", "Eje cafetero"]),
    ("Tiempo en cola (s)", "n", (0, 900)),
    ("Marca equipo", "s", ["Arris", "Technicolor", "Huawei", "ZTE", "Sagemcom"]),
    ("Puntaje QA", "n", (0, 100)),
    ("Código cierre", "s", ["C01", "C02", "C07", "C12", "C19", "C23"]),
    ("Segmento hogar", "s", ["Masivo", "Empresarial pequeño", "Alto valor"]),
]
TITLES = ["Base mal escalados marzo 2024", "Fuente: Diagnosticador, corte diario", "Área: Soporte técnico hogar"]
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every part the same date, so a seed always gives the same bytes


def col_name(i):
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def words_range(text):
    a, _, b = text.partition("-")
    a, b = int(a), int(b or a)
    if not 1 <= a <= b:
        raise argparse.ArgumentTypeError(f"«{text}»: A-B with 1 ≤ A ≤ B")
    return a, b


def density(text):
    f = float(text)
    if not 0 <= f <= 1:
        raise argparse.ArgumentTypeError(f"«{text}»: a fraction from 0 to 1")
    return f


def serial_of(text):
    d = datetime.date.fromisoformat(text)
    return (d - datetime.date(1899, 12, 30)).days


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=1,
                    help="write the generated rows this many times (same shared strings): for memory flatness")
    ap.add_argument("--title-rows", type=int, default=0, help="one-cell title rows above the header")
    ap.add_argument("--extra-columns", type=int, default=0, help="columns after the 18 that no field claims")
    ap.add_argument("--causal-density", type=density, default=None,
                    help="fraction of rows that show a causal de mal escalado; the others are clean "
                         "(default: as random as ever, nearly every row shows one)")
    ap.add_argument("--notes-words", type=words_range, default=(6, 16), metavar="A-B", help="words per note (6-16)")
    ap.add_argument("--unique-strings", action="store_true", help="cuenta, HHPP and notes unique per generated row")
    ap.add_argument("--dates-until", type=serial_of, default=None, metavar="YYYY-MM-DD",
                    help="dates within the 365 days ending on this day (default: the days of 2024)")
    ap.add_argument("--id-column", action="store_true", help="a last column «ID caso» with the data row's index, 1 up")
    ap.add_argument("--inline-strings", action="store_true", help="strings inline in the cells, no shared-strings table")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    sst, index = [], {}
    def s(text):
        i = index.get(text)
        if i is None:
            i = index[text] = len(sst)
            sst.append(text)
        return i
    asesores = [f"{rnd.choice(NOMBRES)} {rnd.choice(APELLIDOS)} {rnd.choice(APELLIDOS)}" for _ in range(400)]
    supervisores = [f"{rnd.choice(NOMBRES)} {rnd.choice(APELLIDOS)}" for _ in range(25)]
    nodos = [f"N{rnd.randint(1000, 9999)}" for _ in range(800)]
    extras = [EXTRA[k % len(EXTRA)] if k < len(EXTRA) else (f"{EXTRA[k % len(EXTRA)][0]} {k // len(EXTRA) + 1}",) + EXTRA[k % len(EXTRA)][1:]
              for k in range(a.extra_columns)]
    headers = HEADERS + [e[0] for e in extras] + (["ID caso"] if a.id_column else [])
    ncols = len(headers)
    cols = [col_name(i) for i in range(ncols)]
    first_day = 45292 if a.dates_until is None else a.dates_until - 364
    words_lo, words_hi = a.notes_words
    title_rows, header_row = a.title_rows, a.title_rows + 1
    total = a.rows * a.repeat
    string_cells = 0

    def row_values(i):
        """The cells of generated row i (0-based): (type, value, style). The draws of the
        original 18 columns come first and in the same order, so the default shape is unchanged."""
        ase = rnd.randrange(len(asesores))
        serial = first_day + rnd.randrange(365) + rnd.randrange(86400) / 86400
        notas = " ".join(rnd.choice(PALABRAS) for _ in range(rnd.randint(words_lo, words_hi)))
        vals = [
            ("n", f"{serial:.10g}", 1),
            ("s", str(rnd.randrange(10**7, 10**9)), 0),
            ("s", asesores[ase], 0),
            ("s", str(10**9 + ase * 7919), 0),
            ("s", supervisores[ase % 25], 0),
            ("s", rnd.choice(OPCIONES), 0),
            ("s", rnd.choice(OPCIONES), 0),
            ("s", rnd.choice(SERVICIOS), 0),
            ("s", rnd.choice(nodos), 0),
            ("s", rnd.choice(nodos), 0),
            ("n", str(rnd.randint(0, 12)), 0),
            ("s", f"HHPP{rnd.randrange(10**6)}", 0),
            ("s", rnd.choice(ESTADOS), 0),
            ("s", rnd.choice(AVISOS) or "Ninguno", 0),
            ("s", rnd.choice(TV), 0),
            ("s", f"INC{rnd.randrange(10**7)}" if rnd.random() < 0.7 else "Sin incidencia", 0),
            ("n", f"{rnd.uniform(0.5, 25):.2f}", 2),
            ("s", notas, 0),
        ]
        if a.causal_density is not None:
            make_clean(vals)
            if rnd.random() < a.causal_density:
                make_causal(vals)
        if a.unique_strings:
            vals[1] = ("s", str(10**8 + i), 0)  # 9 digits up to 899,999,999 generated rows
            vals[11] = ("s", f"{vals[11][1]}-{i}", 0)
            vals[17] = ("s", f"{vals[17][1]} caso {i}", 0)
        for _, kind, pool in extras:
            vals.append(("n", str(rnd.randint(*pool)), 0) if kind == "n" else ("s", rnd.choice(pool), 0))
        return vals

    def make_clean(vals):
        """No rule holds: distance ≤ 3, same node, Activa, an option that fits the síntoma, no
        notice, a service without e-mail, an INC number, ≥ 3 min of T&D, notes ≥ 20 characters."""
        sintoma = rnd.choice(SINTOMAS)
        vals[5] = ("s", rnd.choice(VALIDAS[sintoma]), 0)
        vals[6] = ("s", sintoma, 0)
        vals[7] = ("s", rnd.choice(SERVICIOS_LIMPIOS), 0)
        vals[9] = vals[8]
        vals[10] = ("n", str(rnd.randint(0, 3)), 0)
        vals[12] = ("s", "Activa", 0)
        vals[13] = ("s", "Ninguno", 0)
        vals[15] = ("s", f"INC{rnd.randrange(10**7)}", 0)
        vals[16] = ("n", f"{rnd.uniform(3, 25):.2f}", 2)
        notas = vals[17][1]
        while len(notas) < 20:
            notas += " " + rnd.choice(PALABRAS)
        vals[17] = ("s", notas, 0)

    def make_causal(vals):
        """One to three of the causales the 18 columns can show (ME01, ME02, ME03, ME04, ME06, ME11)."""
        for kind in rnd.sample(range(7), rnd.randint(1, 3)):
            if kind == 0: vals[10] = ("n", str(rnd.randint(4, 12)), 0)                         # ME01
            elif kind == 1: vals[12] = ("s", rnd.choice(["Desconectada por mora", "Cancelada"]), 0)  # ME03
            elif kind == 2: vals[15] = ("s", "Sin incidencia", 0)                               # ME11
            elif kind == 3: vals[9] = ("s", rnd.choice([n for n in nodos[:9] if n != vals[8][1]]), 0)  # ME02
            elif kind == 4: vals[13] = ("s", rnd.choice(["Informativo", "PMA programado"]), 0)   # ME06
            elif kind == 5: vals[16] = ("n", f"{rnd.uniform(0.5, 2.9):.2f}", 2)                 # ME11
            else: vals[5] = ("s", rnd.choice(["Correo Claro", "MiClaro app", "ClaroVideo"]), 0)  # ME04

    def cells_of(vals):
        nonlocal string_cells
        out = []
        for i, (t, v, st) in enumerate(vals):
            if t == "n":
                out.append(f'<c r="{cols[i]}{{R}}" s="{st}"><v>{v}</v></c>')
            else:
                string_cells += 1
                if a.inline_strings:
                    out.append(f'<c r="{cols[i]}{{R}}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
                else:
                    out.append(f'<c r="{cols[i]}{{R}}" t="s"><v>{s(v)}</v></c>')
        if a.id_column:
            out.append(f'<c r="{cols[-1]}{{R}}"><v>{{I}}</v></c>')
        return "".join(out)

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:%s%d"/><sheetData>' % (cols[-1].encode(), total + header_row))
            for t in range(title_rows):
                text = TITLES[t] if t < len(TITLES) else f"Nota {t + 1 - len(TITLES)}"
                f.write(f'<row r="{t + 1}" spans="1:1"><c r="A{t + 1}" t="s"><v>{s(text)}</v></c></row>'.encode())
                string_cells += 1
            head = "".join(f'<c r="{cols[i]}{header_row}" t="s"><v>{s(h)}</v></c>' for i, h in enumerate(headers))
            string_cells += len(headers)
            f.write(f'<row r="{header_row}" spans="1:{ncols}">{head}</row>'.encode())
            buf = []
            def emit(cells, r):
                buf.append(f'<row r="{r}" spans="1:{ncols}">{cells.replace("{R}", str(r)).replace("{I}", str(r - header_row))}</row>')
                if len(buf) >= 2000:
                    f.write("".join(buf).encode()); buf.clear()
            if a.repeat == 1:  # written as generated: no copy of the rows in memory
                for i in range(a.rows):
                    emit(cells_of(row_values(i)), header_row + 1 + i)
            else:
                body = [cells_of(row_values(i)) for i in range(a.rows)]
                string_cells += (a.repeat - 1) * (string_cells - title_rows - len(headers))
                r = header_row + 1
                for _ in range(a.repeat):
                    for cells in body:
                        emit(cells, r)
                        r += 1
            f.write("".join(buf).encode())
            f.write(b"</sheetData></worksheet>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{string_cells}" uniqueCount="{len(sst)}">'.encode())
            for i in range(0, len(sst), 5000):
                f.write("".join(f"<si><t>{escape(t)}</t></si>" for t in sst[i:i + 5000]).encode())
            f.write(b"</sst>")
        def part(name, text):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, text, compresslevel=6)
        part("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
        part("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        part("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Base" sheetId="1" r:id="rId1"/></sheets></workbook>')
        part("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        part("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
    os.replace(tmp, a.out)
    print(f"{a.out}: {total} rows x {ncols} columns, {len(sst)} shared strings, {os.path.getsize(a.out) / 2**20:.1f} MiB")

if __name__ == "__main__":
    main()
