import CeldaTestSupport
import Foundation
import Testing
@testable import XLSXReader

/// How each kind of `<c>` becomes a typed value.
struct CellTypingTests {
    @Test func sharedStringsWithRichTextAndPhoneticRuns() throws {
        let sheet = try readFixture(.single(
            #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
            strings: [
                "<t>Cuenta</t>",
                #"<r><rPr><b/></rPr><t xml:space="preserve">Mal </t></r><r><t>escalado</t></r>"#,
                #"<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>"#,
            ]))
        #expect(sheet["A1"] == .text("Cuenta"))
        #expect(sheet["B1"] == .text("Mal escalado"))
        #expect(sheet["C1"] == .text("東京"), "phonetic runs are not part of the text")
    }

    @Test func whitespaceIsKeptOnlyWithXMLSpacePreserve() throws {
        let sheet = try readFixture(.single(
            #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#,
            strings: [#"<t xml:space="preserve">  dos espacios </t>"#, "<t>  recortado  </t>"]))
        #expect(sheet["A1"] == .text("  dos espacios "))
        #expect(sheet["B1"] == .text("recortado"))
    }

    @Test func escapesAreDecodedAndEscapedUnderscoreStaysLiteral() throws {
        let sheet = try readFixture(.single(
            #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>"#,
            strings: ["<t>línea_x000D__x000A_dos</t>", "<t>_x005F_x0041_</t>"]))
        #expect(sheet["A1"] == .text("línea\r\ndos"))
        #expect(sheet["B1"] == .text("_x0041_"), "_x005F_ is an escaped underscore")
        #expect(sheet["C1"] == .text("a\rb"))
    }

    @Test func inlineStringsFormulaStringsBooleansErrors() throws {
        let sheet = try readFixture(.single("""
            <row r="1"><c r="A1" t="inlineStr"><is><r><t>Nota </t></r><r><t xml:space="preserve">rica</t></r></is></c>\
            <c r="B1" t="str"><f>A1&amp;"!"</f><v>Nota rica!</v></c>\
            <c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c>\
            <c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F1" t="e"><v>#N/A</v></c></row>
            """))
        #expect(sheet["A1"] == .text("Notarica"), "each <t> is trimmed unless preserved")
        #expect(sheet["B1"] == .text("Nota rica!"))
        #expect(sheet.formula("B1") == #"A1&"!""#, "the formula text is kept")
        #expect(sheet["C1"] == .bool(true))
        #expect(sheet["D1"] == .bool(false))
        #expect(sheet["E1"] == .error("#DIV/0!"))
        #expect(sheet.formula("E1") == "1/0")
        #expect(sheet["F1"] == .error("#N/A"))
    }

    @Test func numbersExactAndFormulaCachedValues() throws {
        let sheet = try readFixture(.single("""
            <row r="1"><c r="A1"><v>0.1</v></c><c r="B1"><v>-12345678901234.5</v></c><c r="C1"><v>1.5E-7</v></c>\
            <c r="D1"><v>123456789012345678</v></c><c r="E1"><f>SUM(A1:C1)</f><v>3</v></c><c r="F1" t="n"><v>007</v></c></row>
            """))
        #expect(sheet["A1"] == .number(0.1))
        #expect(sheet["B1"] == .number(-12345678901234.5))
        #expect(sheet["C1"] == .number(1.5e-7))
        #expect(sheet["D1"] == .number(123_456_789_012_345_680), "18 digits go through strtod, correctly rounded")
        #expect(sheet["E1"] == .number(3))
        #expect(sheet.formula("E1") == "SUM(A1:C1)")
        #expect(sheet["F1"] == .number(7))
    }

    @Test func datesFollowTheNumberFormat() throws {
        var f = WorkbookFixture.single("""
            <row r="1"><c r="A1" s="1"><v>45356</v></c><c r="B1" s="2"><v>45356.5909722222</v></c>\
            <c r="C1" s="3"><v>0.25</v></c><c r="D1" s="4"><v>1.5</v></c><c r="E1" s="5"><v>45356</v></c>\
            <c r="F1" s="6"><v>45356</v></c><c r="G1" s="7"><v>45356</v></c><c r="H1" s="8"><v>45356</v></c></row>
            """)
        f.numFmts = [(164, "dd/mm/yyyy hh:mm"), (165, "[h]:mm:ss"), (166, #"0.0 "días""#), (167, "[Red][$-409]mmm d, yyyy"), (168, #"#,##0\ \d"#)]
        f.cellXfs = [0, 14, 164, 20, 165, 166, 167, 2, 168]
        let sheet = try readFixture(f)
        #expect(date(sheet["A1"]) == "2024-03-05", "built-in 14")
        #expect(date(sheet["B1"]) == "2024-03-05T14:11:00", "custom dd/mm/yyyy hh:mm")
        #expect(date(sheet["C1"]) == "06:00:00", "built-in 20, a time of day")
        #expect(date(sheet["D1"]) == "PT36H0M0S", "[h]:mm:ss is a duration")
        #expect(sheet["E1"] == .number(45356), "a quoted literal is not a date code")
        #expect(date(sheet["F1"]) == "2024-03-05", "[Red] and [$-409] sections are skipped")
        #expect(sheet["G1"] == .number(45356), "built-in 2 is 0.00")
        #expect(sheet["H1"] == .number(45356), "an escaped \\d is a literal")
    }

    @Test func the1904DateSystem() throws {
        var f = WorkbookFixture.single(#"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43894</v></c></row>"#)
        f.numFmts = [(164, "yyyy-mm-dd")]
        f.cellXfs = [0, 164]
        f.date1904 = true
        let book = try XLSXWorkbook(path: try f.write())
        #expect(book.date1904)
        let sheet = try readSheet(book)
        #expect(date(sheet["B1"]) == "2024-03-05")
    }

    @Test func isoDateCells() throws {
        let sheet = try readFixture(.single("""
            <row r="1"><c r="A1" t="d"><v>2024-03-05</v></c><c r="B1" t="d"><v>2024-03-05T14:10:00</v></c>\
            <c r="C1" t="d"><v>14:10:00</v></c><c r="D1" t="d"><v>no es fecha</v></c></row>
            """))
        #expect(date(sheet["A1"]) == "2024-03-05")
        #expect(date(sheet["B1"]) == "2024-03-05T14:10:00")
        #expect(date(sheet["C1"]) == "14:10:00")
        #expect(sheet["D1"] == .text("no es fecha"), "unparseable text is kept, not lost")
    }

    @Test func cellsAndRowsWithoutReferencesArePlacedInOrder() throws {
        let sheet = try readFixture(.single("""
            <row><c><v>1</v></c><c><v>2</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c><c r="D2"><v>4</v></c><c><v>5</v></c></row>
            """))
        #expect(sheet["A1"] == .number(1))
        #expect(sheet["B1"] == .number(2))
        #expect(sheet["A2"] == .text("x"))
        #expect(sheet["D2"] == .number(4))
        #expect(sheet["E2"] == .number(5), "a cell without r follows the previous one")
    }

    @Test func repeatedRowElementsAreOneRow() throws {
        var rows: [Int] = []
        let book = try XLSXWorkbook(path: try WorkbookFixture.single(
            #"<row r="3"><c r="A3"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row><row r="4"><c r="A4"><v>3</v></c></row>"#).write())
        let box = ContentsBox()
        try book.readRows(of: book.sheets[0]) { row in
            rows.append(row.number)
            for c in row.cells { box.rows[row.number, default: [:]][c.column] = c }
        }
        #expect(rows == [3, 4])
        #expect(box.rows[3]?.count == 2)
    }

    @Test func mergedRangesAreReported() throws {
        let sheet = try readFixture(.single(#"<row r="1"><c r="A1"><v>1</v></c></row>"#,
                                            after: #"<mergeCells count="2"><mergeCell ref="A1:C2"/><mergeCell ref="E5:E9"/></mergeCells>"#))
        #expect(sheet.summary.mergedRanges == [
            MergedRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 2),
            MergedRange(firstRow: 4, firstColumn: 4, lastRow: 8, lastColumn: 4),
        ])
    }

    @Test func dimensionIsNotTrusted() throws {
        let xml = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(WorkbookFixture.main)\"><dimension ref=\"A1\"/><sheetData><row r=\"7\"><c r=\"C7\"><v>9</v></c></row></sheetData></worksheet>"
        var f = WorkbookFixture()
        f.sheets = [.init(name: "Hoja1", xml: xml)]
        let sheet = try readFixture(f)
        #expect(sheet["C7"] == .number(9))
        #expect(sheet.summary.lastRow == 7)
        #expect(sheet.summary.columnCount == 3)
    }

    @Test func outOfRangeSharedStringIsAnErrorNamingTheCell() throws {
        let path = try WorkbookFixture.single(#"<row r="2"><c r="B2" t="s"><v>5</v></c></row>"#, strings: ["<t>a</t>"]).write()
        let book = try XLSXWorkbook(path: path)
        #expect {
            try book.readRows(of: book.sheets[0]) { _ in }
        } throws: { error in
            guard let e = error as? ReaderError else { return false }
            return e.kind == .sharedStringMissing(5) && e.location == "B2" && e.sheet == "Hoja1"
        }
    }
}
