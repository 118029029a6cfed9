#!/usr/bin/env python3
"""Reads an .xlsx with two outside readers and prints what they saw as JSON, for the Swift
tests to check: python-calamine's values per sheet, and openpyxl's view of the cells (value,
type, number format, font), merged ranges, validations, tables, pivot tables, conditional formats, print
settings, panes, filters, comments, links, charts, states, names and properties.
    python3 outside_read.py FILE.xlsx"""
import json, sys, datetime
from python_calamine import CalamineWorkbook
import openpyxl

def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return v.total_seconds()
    return v

path = sys.argv[1]
out = {"calamine": {}, "sheets": {}}
cwb = CalamineWorkbook.from_path(path)
for name in cwb.sheet_names:
    out["calamine"][name] = [[plain(v) for v in row] for row in cwb.get_sheet_by_name(name).to_python()]

wb = openpyxl.load_workbook(path)  # formulas as written
wbv = openpyxl.load_workbook(path, data_only=True)  # cached results
out["active"] = wb.active.title if wb.active is not None else None
out["order"] = list(cwb.sheet_names)
out["defined_names"] = {n: d.attr_text for n, d in wb.defined_names.items()}
p = wb.properties
out["properties"] = {"title": p.title, "subject": p.subject, "creator": p.creator, "keywords": p.keywords,
                     "description": p.description, "category": p.category}
out["custom"] = {c.name: c.value for c in wb.custom_doc_props.props}
for ws in wb.worksheets:
    wsv = wbv[ws.title]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and c.comment is None and c.hyperlink is None:
                continue
            cells[c.coordinate] = {
                "value": plain(c.value), "type": c.data_type, "cached": plain(wsv[c.coordinate].value),
                "number_format": c.number_format, "bold": bool(c.font and c.font.b),
                "fill": (c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None),
                "comment": c.comment.text if c.comment else None,
                "link": (c.hyperlink.target or ("#" + (c.hyperlink.location or ""))) if c.hyperlink else None,
            }
    ps = ws.page_setup
    out["sheets"][ws.title] = {
        "state": ws.sheet_state, "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": [{"sqref": str(v.sqref), "type": v.type, "formula1": v.formula1} for v in ws.data_validations.dataValidation],
        "tables": {t.name: {"ref": t.ref, "style": t.tableStyleInfo.name if t.tableStyleInfo else None,
                            "totals": bool(t.totalsRowCount), "columns": [c.name for c in t.tableColumns]} for t in ws.tables.values()},
        "conditional": [{"range": str(cf.sqref), "types": [r.type for r in cf.rules]} for cf in ws.conditional_formatting],
        "freeze": ws.freeze_panes, "autofilter": ws.auto_filter.ref,
        "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
        "print": {"orientation": ps.orientation, "paper": ps.paperSize, "fit_width": ps.fitToWidth,
                  "fit_height": ps.fitToHeight, "fit": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
                  "title_rows": ws.print_title_rows, "title_cols": ws.print_title_cols, "area": ws.print_area,
                  "header": ws.oddHeader.center.text, "footer": ws.oddFooter.center.text,
                  "footer_left": ws.oddFooter.left.text, "footer_right": ws.oddFooter.right.text,
                  "center_horizontally": bool(ws.print_options.horizontalCentered),
                  "gridlines": ws.print_options.gridLines},
        "protected": bool(ws.protection.sheet),
        "charts": len(ws._charts),
        # openpyxl keeps pivot tables it can parse (it raises on malformed pivot XML).
        "pivots": [{"name": pt.name, "location": pt.location.ref,
                    "source_sheet": pt.cache.cacheSource.worksheetSource.sheet,
                    "source_ref": pt.cache.cacheSource.worksheetSource.ref,
                    "refresh_on_load": bool(pt.cache.refreshOnLoad), "save_data": bool(pt.cache.saveData),
                    "cache_fields": [f.name for f in pt.cache.cacheFields],
                    "row_fields": [f.x for f in pt.rowFields], "page_fields": [f.fld for f in pt.pageFields],
                    "data_fields": [{"name": d.name, "fld": d.fld, "subtotal": d.subtotal} for d in pt.dataFields]}
                   for pt in ws._pivots],
    }
print(json.dumps(out, ensure_ascii=False, default=str))
