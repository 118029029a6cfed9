import CeldaTestSupport
import Foundation
import Testing
@testable import XLSXReader

/// Finding the parts of a package the way Excel does: through relationships, whatever their
/// names, and with the sheet list and states from the workbook.
struct PackageTests {
    @Test func sheetsWithStatesAndAChartsheetListed() throws {
        var f = WorkbookFixture()
        f.sheets = [
            .init(name: "Base", xml: WorkbookFixture.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)),
            .init(name: "Oculta", xml: WorkbookFixture.worksheet(""), state: "hidden"),
            .init(name: "Muy oculta", xml: WorkbookFixture.worksheet(""), state: "veryHidden"),
            .init(name: "Gráfico", xml: "<chartsheet xmlns=\"\(WorkbookFixture.main)\"/>", relType: "chartsheet"),
        ]
        let book = try XLSXWorkbook(path: try f.write())
        #expect(book.sheets.map(\.name) == ["Base", "Oculta", "Muy oculta", "Gráfico"])
        #expect(book.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden, .visible])
        #expect(book.sheets[3].type == .chartsheet)
        #expect(throws: ReaderError.self) { try book.readRows(of: book.sheets[3]) { _ in } }
        #expect(try book.sheet(named: "muy OCULTA").index == 2, "names match ignoring case")
        #expect(try book.sheet(named: "2").name == "Oculta", "or by 1-based position")
        #expect { try book.sheet(named: "Nada") } throws: { ($0 as? ReaderError)?.kind == .sheetNotFound("Nada", available: ["Base", "Oculta", "Muy oculta", "Gráfico"]) }
    }

    @Test func workbookElsewhereWithAbsoluteAndOddCaseTargets() throws {
        var f = WorkbookFixture()
        f.workbookPath = "datos/libro.xml"
        f.sheets = [.init(name: "H", xml: "", target: "/DATOS/Hojas/Primera.XML")]
        f.extraParts = [("datos/hojas/primera.xml", Array(WorkbookFixture.worksheet(#"<row r="1"><c r="A1"><v>42</v></c></row>"#).utf8))]
        let sheet = try readSheet(try XLSXWorkbook(path: try f.write()))
        #expect(sheet["A1"] == .number(42))
    }

    @Test func backslashesInZipEntryNames() throws {
        var f = WorkbookFixture.single(#"<row r="1"><c r="A1"><v>7</v></c></row>"#)
        var parts = f.parts().map { ($0.0 == "_rels/.rels" || $0.0 == "[Content_Types].xml") ? $0 : ($0.0.replacingOccurrences(of: "/", with: "\\"), $0.1) }
        parts.sort { $0.0 < $1.0 }
        f.sheets = []
        let book = try XLSXWorkbook(path: try WorkbookFixture.zip(parts))
        #expect(try readSheet(book)["A1"] == .number(7))
    }

    @Test func strictOOXMLNamespaces() throws {
        let strictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        let strictRel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
        var f = WorkbookFixture.single("")
        var parts = f.parts()
        for i in parts.indices {
            var text = String(decoding: parts[i].1, as: UTF8.self)
            text = text.replacingOccurrences(of: WorkbookFixture.main, with: strictMain)
                .replacingOccurrences(of: WorkbookFixture.rel, with: strictRel)
            if parts[i].0.hasSuffix("sheet1.xml") {
                text = "<worksheet xmlns=\"\(strictMain)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>estricto</t></is></c></row></sheetData></worksheet>"
            }
            parts[i].1 = Array(text.utf8)
        }
        f.sheets = []
        let sheet = try readSheet(try XLSXWorkbook(path: try WorkbookFixture.zip(parts)))
        #expect(sheet["A1"] == .text("estricto"))
    }

    @Test func utf16AndBOMParts() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet xmlns=\"\(WorkbookFixture.main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Señal</t></is></c></row></sheetData></worksheet>"
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var f = WorkbookFixture.single("")
        var parts = f.parts()
        for i in parts.indices {
            if parts[i].0.hasSuffix("sheet1.xml") { parts[i].1 = utf16 }
            if parts[i].0 == "xl/workbook.xml" { parts[i].1 = [0xEF, 0xBB, 0xBF] + parts[i].1 }
        }
        f.sheets = []
        let sheet = try readSheet(try XLSXWorkbook(path: try WorkbookFixture.zip(parts)))
        #expect(sheet["A1"] == .text("Señal"))
    }

    @Test func noStylesAndNoSharedStringsParts() throws {
        var f = WorkbookFixture.single(#"<row r="1"><c r="A1" s="3"><v>45356</v></c></row>"#)
        f.omit = ["xl/styles.xml"]
        let sheet = try readFixture(f)
        #expect(sheet["A1"] == .number(45356), "without styles, numbers stay numbers")
    }

    @Test func sheetWhosePartIsMissingIsListedButRefusedWhenRead() throws {
        var f = WorkbookFixture.single("")
        f.sheets.append(.init(name: "Perdida", xml: "", target: "worksheets/no-existe.xml"))
        let book = try XLSXWorkbook(path: try f.write())
        #expect(book.sheets.count == 2)
        #expect { try book.readRows(of: book.sheets[1]) { _ in } } throws: {
            ($0 as? ReaderError)?.kind == .missingPart("xl/worksheets/no-existe.xml")
        }
    }
}
