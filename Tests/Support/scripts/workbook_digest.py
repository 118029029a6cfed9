#!/usr/bin/env python3
"""Prints, for each workbook, its name, then one line per sheet: its name, its size and the
SHA-256 of its cells as python-calamine reads them (value and type), row by row; then one line
per worksheet part with the SHA-256 of its layout as written — each row's height and each
cell's style — read from the part's XML. Two workbooks with the same lines hold the same cells
laid out alike. `_celda`'s `source_sha256` (the input's bytes, which hold the moment a sample
was written) is left out.

    python3 Tests/Support/scripts/workbook_digest.py FILE.xlsx...
"""
import hashlib, re, sys, zipfile
import python_calamine as pc

ROW = re.compile(rb'<row r="(\d+)"([^>]*)>')
HEIGHT = re.compile(rb'ht="([^"]+)"')
CELL = re.compile(rb'<c r="([A-Z]+\d+)"(?: s="(\d+)")?')

for path in sys.argv[1:]:
    wb = pc.CalamineWorkbook.from_path(path)
    print(path.rsplit("/", 1)[-1])
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        h = hashlib.sha256()
        for row in rows:
            if name == "_celda" and row and row[0] == "source_sha256":
                continue
            h.update(repr([(type(v).__name__, v) for v in row]).encode())
            h.update(b"\n")
        print(f"  {name}\t{len(rows)}x{max((len(r) for r in rows), default=0)}\t{h.hexdigest()}")
    with zipfile.ZipFile(path) as z:
        for part in sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet")):
            xml = z.read(part)
            h = hashlib.sha256()
            for m in ROW.finditer(xml):
                ht = HEIGHT.search(m.group(2))
                h.update(m.group(1) + b":" + (ht.group(1) if ht else b"-") + b"\n")
            for m in CELL.finditer(xml):
                h.update(m.group(1) + b"=" + (m.group(2) or b"0") + b"\n")
            print(f"  {part}\tlayout\t{h.hexdigest()}")
