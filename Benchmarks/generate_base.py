#!/usr/bin/env python3
"""Writes a workbook shaped like a "Base Mal Escalados": 18 columns (dates, text accounts,
names, options, nodes, numbers, free-text notes), every string in the shared-strings table as
Excel writes it, dates as serials with a date format. Deterministic for a given --seed.

    python3 Benchmarks/generate_base.py --rows 1000000 --out Benchmarks/data/base-1m.xlsx
"""
import argparse, random, zipfile, os
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

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=1,
                    help="write the generated rows this many times (same shared strings): for memory flatness")
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
    cols = [chr(65 + i) for i in range(18)]
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:R%d"/><sheetData>' % (a.rows * a.repeat + 1))
            head = "".join(f'<c r="{cols[i]}1" t="s"><v>{s(h)}</v></c>' for i, h in enumerate(HEADERS))
            f.write(f'<row r="1" spans="1:18">{head}</row>'.encode())
            buf = []
            body = []
            for r in range(2, a.rows + 2):
                ase = rnd.randrange(len(asesores))
                serial = 45292 + rnd.randrange(365) + rnd.randrange(86400) / 86400
                notas = " ".join(rnd.choice(PALABRAS) for _ in range(rnd.randint(6, 16)))
                vals = [
                    ("n", f"{serial:.10g}", 1),
                    ("s", s(str(rnd.randrange(10**7, 10**9))), 0),
                    ("s", s(asesores[ase]), 0),
                    ("s", s(str(10**9 + ase * 7919)), 0),
                    ("s", s(supervisores[ase % 25]), 0),
                    ("s", s(rnd.choice(OPCIONES)), 0),
                    ("s", s(rnd.choice(OPCIONES)), 0),
                    ("s", s(rnd.choice(SERVICIOS)), 0),
                    ("s", s(rnd.choice(nodos)), 0),
                    ("s", s(rnd.choice(nodos)), 0),
                    ("n", str(rnd.randint(0, 12)), 0),
                    ("s", s(f"HHPP{rnd.randrange(10**6)}"), 0),
                    ("s", s(rnd.choice(ESTADOS)), 0),
                    ("s", s(rnd.choice(AVISOS) or "Ninguno"), 0),
                    ("s", s(rnd.choice(TV)), 0),
                    ("s", s(f"INC{rnd.randrange(10**7)}" if rnd.random() < 0.7 else "Sin incidencia"), 0),
                    ("n", f"{rnd.uniform(0.5, 25):.2f}", 2),
                    ("s", s(notas), 0),
                ]
                cells = "".join(
                    (f'<c r="{cols[i]}{{R}}" s="{st}"><v>{v}</v></c>' if t == "n" else f'<c r="{cols[i]}{{R}}" t="s"><v>{v}</v></c>')
                    for i, (t, v, st) in enumerate(vals))
                body.append(cells)
            r = 2
            for _ in range(a.repeat):
                for cells in body:
                    buf.append(f'<row r="{r}" spans="1:18">{cells.replace("{R}", str(r))}</row>')
                    r += 1
                    if len(buf) >= 2000:
                        f.write("".join(buf).encode()); buf.clear()
            f.write("".join(buf).encode())
            f.write(b"</sheetData></worksheet>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{a.rows * 15 + 18}" uniqueCount="{len(sst)}">'.encode())
            for i in range(0, len(sst), 5000):
                f.write("".join(f"<si><t>{escape(t)}</t></si>" for t in sst[i:i + 5000]).encode())
            f.write(b"</sst>")
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Base" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
    os.replace(tmp, a.out)
    print(f"{a.out}: {a.rows * a.repeat} rows x 18 columns, {len(sst)} shared strings, {os.path.getsize(a.out) / 2**20:.1f} MiB")

if __name__ == "__main__":
    main()
