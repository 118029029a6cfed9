/// The two parts of a pivot table (ECMA-376 Part 1, §18.10), from a checked `PivotLayout`.
enum PivotTableParts {
    /// Excel 2007's version numbers: the oldest that can refresh the table.
    static let version = "3"

    /// `pivotCacheDefinition`: the source range and one cache field per source column. No
    /// records (`saveData="0"`), refreshed from the source when the file is opened.
    static func cacheDefinition(_ layout: PivotLayout) throws -> [UInt8] {
        let x = try XMLBuilder(part: "pivotCacheDefinition")
        try x.start("pivotCacheDefinition", [
            ("xmlns", OOXML.main), ("xmlns:r", OOXML.relationships),
            ("saveData", "0"), ("refreshOnLoad", "1"),
            ("createdVersion", version), ("refreshedVersion", version), ("minRefreshableVersion", version),
            // No recordCount: with no records part its value cannot be checked against anything,
            // and excelize leaves it out for that reason; the source range says how many rows.
        ])
        try x.start("cacheSource", [("type", "worksheet")])
        // The sheet goes in its own attribute, as its plain name: no quotes, no `!` (those belong
        // to formula references, which `ref` is not).
        try x.element("worksheetSource", [("ref", layout.sourceRef), ("sheet", layout.table.source.sheet)])
        try x.end()
        try x.start("cacheFields", [("count", String(layout.fields.count))])
        for field in layout.fields {
            try x.start("cacheField", [("name", field.name), ("numFmtId", String(field.numberFormat))])
            var attributes = field.kinds.attributes
            if let items = field.items { attributes.append(("count", String(items.count))) }
            try x.start("sharedItems", attributes)
            for item in field.items ?? [] {
                let (name, value) = item.element
                try x.element(name, value.map { [("v", $0)] } ?? [])
            }
            try x.end()
            try x.end()
        }
        try x.end()
        try x.end()
        return try x.finish()
    }

    /// `pivotTableDefinition`: compact layout, the row field's items in order, the count of
    /// the value field, the filters above the table, grand totals.
    static func tableDefinition(_ layout: PivotLayout, cacheID: Int) throws -> [UInt8] {
        let t = layout.table
        let x = try XMLBuilder(part: "pivotTableDefinition")
        var attributes: [(String, String)] = [
            ("xmlns", OOXML.main), ("name", t.name), ("cacheId", String(cacheID)),
            ("applyNumberFormats", "0"), ("applyBorderFormats", "0"), ("applyFontFormats", "0"),
            ("applyPatternFormats", "0"), ("applyAlignmentFormats", "0"), ("applyWidthHeightFormats", "1"),
            ("dataCaption", t.captions.values), ("grandTotalCaption", t.captions.grandTotal),
            ("updatedVersion", PivotTableParts.version), ("minRefreshableVersion", PivotTableParts.version),
            ("useAutoFormatting", "1"), ("itemPrintTitles", "1"), ("createdVersion", PivotTableParts.version),
            ("indent", "0"), ("outline", "1"), ("outlineData", "1"), ("multipleFieldFilters", "0"),
        ]
        if !t.grandTotals { attributes += [("rowGrandTotals", "0"), ("colGrandTotals", "0")] }
        if let caption = t.captions.rowHeader { attributes.append(("rowHeaderCaption", caption)) }
        try x.start("pivotTableDefinition", attributes)

        var location: [(String, String)] = [("ref", CellName.range(layout.location)),
                                             ("firstHeaderRow", "1"), ("firstDataRow", "1"), ("firstDataCol", "1")]
        if !t.pageFields.isEmpty { location += [("rowPageCount", String(t.pageFields.count)), ("colPageCount", "1")] }
        try x.element("location", location)

        try x.start("pivotFields", [("count", String(layout.fields.count))])
        for (i, field) in layout.fields.enumerated() {
            var a: [(String, String)] = []
            if i == t.rowField { a.append(("axis", "axisRow")) }
            if t.pageFields.contains(i) { a.append(("axis", "axisPage")) }
            if i == t.countField { a.append(("dataField", "1")) }
            if field.numberFormat != 0 { a.append(("numFmtId", String(field.numberFormat))) }
            a.append(("showAll", "0"))
            if let items = field.items {
                try x.start("pivotField", a)
                // One item per shared item (x is its index in the cache), then the subtotal.
                try x.start("items", [("count", String(items.count + 1))])
                for index in items.indices { try x.element("item", [("x", String(index))]) }
                try x.element("item", [("t", "default")])
                try x.end()
                try x.end()
            } else {
                try x.element("pivotField", a)
            }
        }
        try x.end()

        try x.start("rowFields", [("count", "1")])
        try x.element("field", [("x", String(t.rowField))])
        try x.end()
        // The rows as last laid out: each item (v is its position in the field's items; 0 is
        // left out, as the schema's default), then the grand total.
        let items = layout.rowItems
        try x.start("rowItems", [("count", String(items.count + (t.grandTotals ? 1 : 0)))])
        for index in items.indices {
            try x.start("i")
            try x.element("x", index == 0 ? [] : [("v", String(index))])
            try x.end()
        }
        if t.grandTotals {
            try x.start("i", [("t", "grand")])
            try x.element("x")
            try x.end()
        }
        try x.end()
        try x.start("colItems", [("count", "1")])
        try x.element("i")
        try x.end()

        if !t.pageFields.isEmpty {
            try x.start("pageFields", [("count", String(t.pageFields.count))])
            for f in t.pageFields { try x.element("pageField", [("fld", String(f)), ("hier", "-1")]) }
            try x.end()
        }
        try x.start("dataFields", [("count", "1")])
        try x.element("dataField", [("name", t.valueName), ("fld", String(t.countField)), ("subtotal", "count"),
                                    ("baseField", "0"), ("baseItem", "0")])
        try x.end()
        try x.element("pivotTableStyleInfo", [("name", "PivotStyleLight16"), ("showRowHeaders", "1"), ("showColHeaders", "1"),
                                              ("showRowStripes", "0"), ("showColStripes", "0"), ("showLastColumn", "1")])
        try x.end()
        return try x.finish()
    }

    /// A relationships part with one relationship.
    static func relationships(_ id: String, type: String, target: String) throws -> [UInt8] {
        let x = try XMLBuilder(part: "rels")
        try x.start("Relationships", [("xmlns", OOXML.packageRelationships)])
        try x.element("Relationship", [("Id", id), ("Type", type), ("Target", target)])
        try x.end()
        return try x.finish()
    }
}
