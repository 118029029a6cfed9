import CeldaTestSupport
import Foundation
import Testing
@testable import XLSXWriter
import XLSXReader

/// A small source for the pivot tests: a sheet whose name has a space, an accent and an
/// apostrophe, a blank advisor, date-times, text that needs escaping, and a numeric column
/// that is never blank (the one counted).
enum PivotSample {
    static let sheet = "Casos d'año"
    static let headers = ["Fecha", "Asesor", "Causal", "Fila"]
    static let rows: [[WritableValue]] = [
        [.date(serial: 45369 + 8.0 / 24, includesTime: true), .text("Ana"), .text("ME11"), .number(2)],
        [.date(serial: 45369 + 9.5 / 24, includesTime: true), .text("Luis"), .text("ME02"), .number(3)],
        [.date(serial: 45370, includesTime: true), .text("Ana"), .text("ME11"), .number(4)],
        [.date(serial: 45370 + 0.5, includesTime: true), .text(""), .text("ME11 & <b>"), .number(5)],
    ]

    static func table(rows: [[WritableValue]] = rows) -> PivotTable {
        PivotTable(name: "Tabla causales", source: .init(sheet: sheet, headers: headers, rows: rows), rowField: 2,
                   pageFields: [1, 0], countField: 3, valueName: "Casos",
                   captions: .init(values: "Valores", grandTotal: "Total general", rowHeader: "Causal"))
    }

    /// The source sheet, then the pivot on «Tabla dinámica», saved at `path`.
    static func write(_ path: String, table: PivotTable = table(), prepare: (Workbook, Worksheet) throws -> Void = { _, _ in }) throws {
        let book = try Workbook(path: path)
        let data = try book.addWorksheet(sheet)
        try data.writeRow(headers.map { .text($0) }, row: 0)
        for (i, row) in rows.enumerated() { try data.writeRow(row, row: i + 1) }
        let target = try book.addWorksheet("Tabla dinámica")
        try prepare(book, target)
        try book.addPivotTable(table, on: target)
        try book.save()
    }
}

struct PivotTableTests {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    func layout(_ table: PivotTable = PivotSample.table()) throws -> PivotLayout {
        try PivotLayout(table, sheetNames: [PivotSample.sheet, "Tabla dinámica"])
    }

    // MARK: a source noted row by row

    /// A source too big to hold is given as a tally noted while its rows were written: the
    /// cache and table definitions are the very documents the rows give.
    @Test func aTalliedSourceGivesTheSameParts() throws {
        var tally = PivotTable.SourceTally(fields: PivotSample.headers.count, listed: [0, 1, 2])
        PivotSample.rows.forEach { tally.note($0) }
        var table = PivotSample.table()
        table.source = .init(sheet: PivotSample.sheet, headers: PivotSample.headers, tally: tally)
        #expect(try PivotTableParts.cacheDefinition(try layout(table)) == PivotTableParts.cacheDefinition(try layout()))
        #expect(try PivotTableParts.tableDefinition(try layout(table), cacheID: 3) == PivotTableParts.tableDefinition(try layout(), cacheID: 3))
    }

    /// A tally that did not keep a field's items cannot list them on an axis; a row of the
    /// wrong width is caught as it would be among given rows.
    @Test func aTallyMissingAnAxisFieldOrWithAShortRowIsRefused() throws {
        var partial = PivotTable.SourceTally(fields: PivotSample.headers.count, listed: [2])
        PivotSample.rows.forEach { partial.note($0) }
        var table = PivotSample.table()
        table.source = .init(sheet: PivotSample.sheet, headers: PivotSample.headers, tally: partial)
        #expect(throws: WriterError(.pivotTable(.fieldNotTallied("Fecha")), sheet: PivotSample.sheet)) { try layout(table) }

        var short = PivotTable.SourceTally(fields: PivotSample.headers.count, listed: [0, 1, 2])
        (PivotSample.rows + [[.text("x")]]).forEach { short.note($0) }
        table.source = .init(sheet: PivotSample.sheet, headers: PivotSample.headers, tally: short)
        #expect(throws: WriterError(.pivotTable(.rowWidth(row: 5, values: 1, headers: 4)), sheet: PivotSample.sheet)) { try layout(table) }
    }

    // MARK: golden parts

    @Test func cacheDefinitionIsTheExpectedDocument() throws {
        let xml = String(decoding: try PivotTableParts.cacheDefinition(try layout()), as: UTF8.self)
        let expected = Self.declaration + [
            #"<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" saveData="0" refreshOnLoad="1" createdVersion="3" refreshedVersion="3" minRefreshableVersion="3">"#,
            #"<cacheSource type="worksheet"><worksheetSource ref="A1:D5" sheet="Casos d'año"/></cacheSource>"#,
            #"<cacheFields count="4">"#,
            #"<cacheField name="Fecha" numFmtId="22"><sharedItems containsSemiMixedTypes="0" containsNonDate="0" containsDate="1" containsString="0" minDate="2024-03-18T08:00:00" maxDate="2024-03-19T12:00:00" count="4">"#,
            #"<d v="2024-03-18T08:00:00"/><d v="2024-03-18T09:30:00"/><d v="2024-03-19T00:00:00"/><d v="2024-03-19T12:00:00"/></sharedItems></cacheField>"#,
            #"<cacheField name="Asesor" numFmtId="0"><sharedItems containsBlank="1" count="3"><s v="Ana"/><s v="Luis"/><m/></sharedItems></cacheField>"#,
            #"<cacheField name="Causal" numFmtId="0"><sharedItems count="3"><s v="ME02"/><s v="ME11"/><s v="ME11 &amp; &lt;b&gt;"/></sharedItems></cacheField>"#,
            #"<cacheField name="Fila" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="2" maxValue="5"/></cacheField>"#,
            #"</cacheFields></pivotCacheDefinition>"#,
        ].joined() + "\n"
        #expect(xml == expected)
    }

    @Test func tableDefinitionIsTheExpectedDocument() throws {
        let xml = String(decoding: try PivotTableParts.tableDefinition(try layout(), cacheID: 7), as: UTF8.self)
        let expected = Self.declaration + [
            #"<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="Tabla causales" cacheId="7" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Valores" grandTotalCaption="Total general" updatedVersion="3" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="3" indent="0" outline="1" outlineData="1" multipleFieldFilters="0" rowHeaderCaption="Causal">"#,
            #"<location ref="A4:B8" firstHeaderRow="1" firstDataRow="1" firstDataCol="1" rowPageCount="2" colPageCount="1"/>"#,
            #"<pivotFields count="4">"#,
            #"<pivotField axis="axisPage" numFmtId="22" showAll="0"><items count="5"><item x="0"/><item x="1"/><item x="2"/><item x="3"/><item t="default"/></items></pivotField>"#,
            #"<pivotField axis="axisPage" showAll="0"><items count="4"><item x="0"/><item x="1"/><item x="2"/><item t="default"/></items></pivotField>"#,
            #"<pivotField axis="axisRow" showAll="0"><items count="4"><item x="0"/><item x="1"/><item x="2"/><item t="default"/></items></pivotField>"#,
            #"<pivotField dataField="1" showAll="0"/>"#,
            #"</pivotFields>"#,
            #"<rowFields count="1"><field x="2"/></rowFields>"#,
            #"<rowItems count="4"><i><x/></i><i><x v="1"/></i><i><x v="2"/></i><i t="grand"><x/></i></rowItems>"#,
            #"<colItems count="1"><i/></colItems>"#,
            #"<pageFields count="2"><pageField fld="1" hier="-1"/><pageField fld="0" hier="-1"/></pageFields>"#,
            #"<dataFields count="1"><dataField name="Casos" fld="3" subtotal="count" baseField="0" baseItem="0"/></dataFields>"#,
            #"<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/>"#,
            #"</pivotTableDefinition>"#,
        ].joined() + "\n"
        #expect(xml == expected)
    }

    @Test func packagePartsLinkTableCacheSheetAndWorkbook() throws {
        let path = try scratchFolder().appendingPathComponent("pivot.xlsx").path
        try PivotSample.write(path)
        let rels = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        #expect(try OutsidePrograms.zipEntry(path, "xl/pivotTables/_rels/pivotTable1.xml.rels") == Self.declaration + rels
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/></Relationships>"# + "\n")
        // The pivot sheet is the second; its part is found through the workbook's relationships.
        #expect(try OutsidePrograms.zipEntry(path, "xl/worksheets/_rels/sheet2.xml.rels") == Self.declaration + rels
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable" Target="../pivotTables/pivotTable1.xml"/></Relationships>"# + "\n")
        let workbook = try #require(try OutsidePrograms.zipEntry(path, "xl/workbook.xml"))
        #expect(workbook.contains(#"<calcPr calcId="124519" fullCalcOnLoad="1"/><pivotCaches><pivotCache cacheId="1" r:id="rId6"/></pivotCaches></workbook>"#), "\(workbook)")
        let workbookRels = try #require(try OutsidePrograms.zipEntry(path, "xl/_rels/workbook.xml.rels"))
        #expect(workbookRels.contains(#"<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/></Relationships>"#))
        let types = try #require(try OutsidePrograms.zipEntry(path, "[Content_Types].xml"))
        #expect(types.contains(#"<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/>"#))
        #expect(types.contains(#"<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"/>"#))
        #expect(try OutsidePrograms.zipEntry(path, "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels") == nil, "no records part, so no relationship from the cache")
    }

    /// A sheet that already has relationships (a note: comments and VML) keeps them, and the
    /// very-hidden patch and the pivot patch both apply.
    @Test func existingSheetRelationshipsAreKeptAndVeryHiddenStillApplies() throws {
        let path = try scratchFolder().appendingPathComponent("pivot.xlsx").path
        try PivotSample.write(path) { book, target in
            try target.writeNote("Se actualiza al abrir", row: 0, column: 5)
            let meta = try book.addWorksheet("_meta")
            try meta.hide(veryHidden: true)
        }
        let rels = try #require(try OutsidePrograms.zipEntry(path, "xl/worksheets/_rels/sheet2.xml.rels"))
        #expect(rels.contains("/comments\""), "\(rels)")
        #expect(rels.contains(#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable" Target="../pivotTables/pivotTable1.xml""#), "\(rels)")
        #expect(try OutsidePrograms.zipEntry(path, "xl/workbook.xml")?.contains(#"state="veryHidden""#) == true)
        let view = try OutsideView.read(path)
        #expect((view.sheet("Tabla dinámica")["pivots"] as? [Any])?.count == 1)
        #expect(view.cell("Tabla dinámica", "F1")["comment"] as? String == "Se actualiza al abrir")
    }

    // MARK: readers

    @Test func ourReaderStillReadsEverySheet() throws {
        let path = try scratchFolder().appendingPathComponent("pivot.xlsx").path
        try PivotSample.write(path)
        let book = try XLSXWorkbook(path: path)
        #expect(book.sheets.map(\.name) == [PivotSample.sheet, "Tabla dinámica"])
        let data = try readBack(path, sheet: PivotSample.sheet)
        #expect(data.count == 1 + PivotSample.rows.count)
        #expect(data[2]?[1]?.value == .text("Ana"))
        #expect(data[5]?[2]?.value == .text("ME11 & <b>"))
        #expect(try readBack(path, sheet: "Tabla dinámica").isEmpty, "the table is drawn by the spreadsheet when it refreshes")
    }

    @Test func openpyxlParsesThePivotTable() throws {
        let path = try scratchFolder().appendingPathComponent("pivot.xlsx").path
        try PivotSample.write(path)
        let pivots = try #require(try OutsideView.read(path).sheet("Tabla dinámica")["pivots"] as? [[String: Any]])
        #expect(pivots.count == 1)
        let p = try #require(pivots.first)
        #expect(p["source_sheet"] as? String == PivotSample.sheet)
        #expect(p["source_ref"] as? String == "A1:D5")
        #expect(p["location"] as? String == "A4:B8")
        #expect(p["refresh_on_load"] as? Bool == true)
        #expect(p["save_data"] as? Bool == false)
        #expect(p["cache_fields"] as? [String] == PivotSample.headers)
        #expect(p["row_fields"] as? [Int] == [2])
        #expect(p["page_fields"] as? [Int] == [1, 0])
    }

    @Test func libreOfficeDrawsTheCountsFromTheSource() throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("pivot.xlsx").path
        try PivotSample.write(path)
        let (status, log) = try LibreOfficeTests().convert(path, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", in: folder)
        #expect(status == 0, "\(log)")
        let csv = try String(contentsOf: folder.appendingPathComponent("pivot-Tabla dinámica.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map(String.init)
        #expect(rows.first == "Asesor,- all -", "the filters above the table\n\(csv)")
        #expect(rows.contains("Fecha,- all -"))
        let header = try #require(rows.firstIndex(of: "Causal,Casos"), "\(csv)")
        #expect(Array(rows[(header + 1)...]) == ["ME02,1", "ME11,2", "\"ME11 & <b>\",1", "Total Result,4"]
                || Array(rows[(header + 1)...]) == ["ME02,1", "ME11,2", "ME11 & <b>,1", "Total Result,4"], "\(csv)")
    }

    // MARK: rules

    func refusal(_ table: PivotTable, sheets: [String] = [PivotSample.sheet]) -> PivotTableRule? {
        do {
            _ = try PivotLayout(table, sheetNames: sheets)
            return nil
        } catch let error as WriterError {
            if case .pivotTable(let rule) = error.kind { return rule }
            return nil
        } catch { return nil }
    }

    @Test func refusesASourceWithoutRows() {
        #expect(refusal(PivotSample.table(rows: [])) == .emptySource)
    }

    @Test func refusesARowWithTheWrongNumberOfValues() {
        var rows = PivotSample.rows
        rows[2].removeLast()
        #expect(refusal(PivotSample.table(rows: rows)) == .rowWidth(row: 3, values: 3, headers: 4))
    }

    @Test func refusesBrokenFieldChoices() {
        var t = PivotSample.table()
        t.pageFields = [1, 2]
        #expect(refusal(t) == .fieldOnTwoAxes("Causal"))
        t = PivotSample.table()
        t.countField = 4
        #expect(refusal(t) == .fieldOutOfRange(4, fields: 4))
        t = PivotSample.table()
        t.valueName = "fila"
        #expect(refusal(t) == .valueNameTaken("fila"), "a value named like a field: the spreadsheet refuses it")
        t = PivotSample.table()
        t.source.headers[3] = "asesor"
        #expect(refusal(t) == .duplicateFieldName("asesor"))
        t = PivotSample.table()
        t.source.headers[0] = " "
        #expect(refusal(t) == .blankFieldName(column: 0))
        #expect(refusal(PivotSample.table(), sheets: ["Otra"]) == .sourceSheetMissing(PivotSample.sheet))
    }

    @Test func refusesASecondPivotOnTheSameSheetAndWritesNothingForARefusal() throws {
        let path = try scratchFolder().appendingPathComponent("pivot.xlsx").path
        let book = try Workbook(path: path)
        let data = try book.addWorksheet(PivotSample.sheet)
        try data.writeRow(PivotSample.headers.map { .text($0) }, row: 0)
        let target = try book.addWorksheet("Tabla")
        #expect(throws: WriterError(.pivotTable(.emptySource), sheet: PivotSample.sheet)) {
            try book.addPivotTable(PivotSample.table(rows: []), on: target)
        }
        try book.addPivotTable(PivotSample.table(), on: target)
        #expect(throws: WriterError(.pivotTable(.sheetAlreadyHasPivot("Tabla")), sheet: "Tabla")) {
            try book.addPivotTable(PivotSample.table(), on: target)
        }
        book.discard()
    }

    // MARK: pieces

    @Test func datesAndPartNames() {
        #expect(PivotDate.iso(serial: 45369 + 9.5 / 24) == "2024-03-18T09:30:00")
        #expect(PivotDate.iso(serial: 60) == "1900-02-28T00:00:00", "serials count from 1899-12-30, past the 1900 leap-year bug")
        #expect(PivotDate.iso(serial: 2_958_465.99999) == "9999-12-31T23:59:59")
        #expect(PartName.resolve("worksheets/sheet2.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet2.xml")
        #expect(PartName.resolve("/xl/worksheets/sheet2.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet2.xml")
        #expect(PartName.resolve("../pivotCache/c1.xml", from: "xl/pivotTables/pivotTable1.xml") == "xl/pivotCache/c1.xml")
        #expect(PartName.relative(to: "xl/pivotTables/pivotTable1.xml", from: "xl/worksheets/sheet2.xml") == "../pivotTables/pivotTable1.xml")
        #expect(PartName.relative(to: "xl/pivotCache/pivotCacheDefinition1.xml", from: "xl/workbook.xml") == "pivotCache/pivotCacheDefinition1.xml")
        #expect(PartName.relationships(of: "xl/worksheets/sheet2.xml") == "xl/worksheets/_rels/sheet2.xml.rels")
    }
}
