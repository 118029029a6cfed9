#!/usr/bin/env python3
"""Cross-checks the pivot-table parts of an .xlsx the way Excel reads them, where openxml-audit's
pivot checks are weak: the workbook's pivotCaches and their relationships, the cache definition's
fields and items, the table's fields, items, indexes and cache id, the sheet's relationship to
the table, the content types; and that no field lists two items equal ignoring case (Excel
merges them and repairs the file by deleting the table). Prints one line per problem.

    python3 pivot_check.py FILE.xlsx"""
import posixpath, sys, zipfile
from lxml import etree

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
ns = {"m": M, "r": R, "p": P, "ct": CT}
problems = []

z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())

def xml(part):
    return etree.fromstring(z.read(part))

def rels(part):
    d, b = posixpath.split(part)
    path = posixpath.join(d, "_rels", b + ".rels")
    if path not in names:
        return {}
    out = {}
    for r in xml(path).findall("p:Relationship", ns):
        out[r.get("Id")] = (r.get("Type").rsplit("/", 1)[-1], posixpath.normpath(posixpath.join(d, r.get("Target"))))
    return out

types = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in xml("[Content_Types].xml").findall("ct:Override", ns)}
wb = xml("xl/workbook.xml")
wb_rels = rels("xl/workbook.xml")
caches = {}
for pc in wb.findall("m:pivotCaches/m:pivotCache", ns):
    cid, rid = pc.get("cacheId"), pc.get("{%s}id" % R)
    kind, target = wb_rels.get(rid, (None, None))
    if kind != "pivotCacheDefinition" or target not in names:
        problems.append("workbook pivotCache %s: relationship %s does not lead to a cache definition" % (cid, rid))
        continue
    if "pivotCacheDefinition" not in types.get(target, ""):
        problems.append("%s: no content type" % target)
    caches[cid] = target

tables = [n for n in names if n.startswith("xl/pivotTables/pivotTable") and n.endswith(".xml")]
if not tables and caches:
    problems.append("caches without tables")
sheet_targets = {}
for n in names:
    if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"):
        for kind, target in rels(n).values():
            if kind == "pivotTable":
                sheet_targets[target] = n

for t in tables:
    if t not in sheet_targets:
        problems.append("%s: no sheet refers to it" % t)
    if "pivotTable" not in types.get(t, ""):
        problems.append("%s: no content type" % t)
    table = xml(t)
    cid = table.get("cacheId")
    if cid not in caches:
        problems.append("%s: cacheId %s is not one of the workbook's %s" % (t, cid, sorted(caches)))
        continue
    trel = [target for kind, target in rels(t).values() if kind == "pivotCacheDefinition"]
    if trel != [caches[cid]]:
        problems.append("%s: its relationship %s is not cache %s (%s)" % (t, trel, cid, caches[cid]))
    cache = xml(caches[cid])
    cfields = cache.findall("m:cacheFields/m:cacheField", ns)
    declared = cache.find("m:cacheFields", ns).get("count")
    if declared != str(len(cfields)):
        problems.append("cache fields: count %s, %d listed" % (declared, len(cfields)))
    items = []
    for i, f in enumerate(cfields):
        shared = f.find("m:sharedItems", ns)
        listed = [c for c in shared] if shared is not None else []
        if shared is not None and shared.get("count") is not None and shared.get("count") != str(len(listed)):
            problems.append("cache field %d «%s»: count %s, %d items" % (i, f.get("name"), shared.get("count"), len(listed)))
        texts = [c.get("v") for c in listed if c.tag == "{%s}s" % M]
        folded = [x.casefold() for x in texts]
        if len(set(folded)) != len(folded):
            dupes = sorted({x for x in texts if folded.count(x.casefold()) > 1})
            problems.append("cache field %d «%s»: items equal ignoring case: %s" % (i, f.get("name"), dupes))
        items.append(len(listed))
    pfields = table.findall("m:pivotFields/m:pivotField", ns)
    if len(pfields) != len(cfields) or table.find("m:pivotFields", ns).get("count") != str(len(pfields)):
        problems.append("%s: %d pivot fields for %d cache fields" % (t, len(pfields), len(cfields)))
    for i, pf in enumerate(pfields):
        its = pf.findall("m:items/m:item", ns)
        if not its:
            continue
        data = [x for x in its if x.get("t") is None]
        if pf.find("m:items", ns).get("count") != str(len(its)):
            problems.append("%s field %d: items count attribute %s, %d items" % (t, i, pf.find("m:items", ns).get("count"), len(its)))
        if len(data) != items[i]:
            problems.append("%s field %d: %d items for %d cache items" % (t, i, len(data), items[i]))
        bad = [x.get("x") for x in data if not (x.get("x") or "").isdigit() or int(x.get("x")) >= items[i]]
        if bad:
            problems.append("%s field %d: item indexes out of the cache: %s" % (t, i, bad[:3]))
    for f in table.findall("m:rowFields/m:field", ns) + table.findall("m:colFields/m:field", ns):
        x = int(f.get("x"))
        if x != -2 and not 0 <= x < len(cfields):
            problems.append("%s: row/col field %d out of range" % (t, x))
    for pg in table.findall("m:pageFields/m:pageField", ns):
        if not 0 <= int(pg.get("fld")) < len(cfields):
            problems.append("%s: page field %s out of range" % (t, pg.get("fld")))
    for df in table.findall("m:dataFields/m:dataField", ns):
        if not 0 <= int(df.get("fld")) < len(cfields):
            problems.append("%s: data field %s out of range" % (t, df.get("fld")))
    source = cache.find("m:cacheSource/m:worksheetSource", ns)
    if source is None or not source.get("ref") or not source.get("sheet"):
        problems.append("cache %s: no worksheet source" % cid)

for p in problems:
    print(p)
print("pivot tables: %d, caches: %d, problems: %d" % (len(tables), len(caches), len(problems)))
