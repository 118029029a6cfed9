import CeldaTestSupport
import Foundation
import Testing
@testable import XLSXReader

struct CSVReaderTests {
    private func read(_ bytes: [UInt8], name: String = "base.csv") throws -> (CSVReader, SheetContents) {
        let reader = try CSVReader(path: try WorkbookFixture.file(bytes, name: name))
        return (reader, try readSheet(reader))
    }

    @Test func semicolonWindows1252AsSpanishExcelSavesIt() throws {
        // "Síntoma;Cuenta\r\nSeñal débil;0012345\r\n" in Windows-1252.
        let bytes: [UInt8] = Array("S".utf8) + [0xED] + Array("ntoma;Cuenta\r\nSe".utf8) + [0xF1] + Array("al d".utf8) + [0xE9] + Array("bil;0012345\r\n".utf8)
        let (reader, sheet) = try read(bytes)
        #expect(reader.encoding == .windows1252)
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(sheet["A1"] == .text("Síntoma"))
        #expect(sheet["A2"] == .text("Señal débil"))
        #expect(sheet["B2"] == .text("0012345"), "CSV cells are text: leading zeros stay")
    }

    /// A CSV larger than the reader's buffer, in each encoding an export comes in: every record
    /// comes back whole wherever a chunk ends — inside a quoted field spanning lines, between
    /// the two quotes of `""`, between CR and LF, inside a multi-byte character.
    @Test(arguments: [CSVReader.Encoding.utf8, .windows1252, .utf16])
    func aFileLargerThanTheBufferReadsRecordByRecord(_ encoding: CSVReader.Encoding) throws {
        var text = "Caso;Nota;Ciudad\r\n"
        var expected: [[String]] = []
        var i = 0
        while text.utf8.count < 3 * CSVReader.chunkSize + 12_345 {
            let note = i % 3 == 0 ? "dice \"\"hola\"\" y\nsigue" : String(repeating: "ñ", count: i % 17)
            let shown = i % 3 == 0 ? "dice \"hola\" y\nsigue" : note
            text += "C-\(i);\"\(note)\";Bogotá\r\n"
            expected.append(["C-\(i)", shown, "Bogotá"])
            i += 1
        }
        let bytes: [UInt8]
        switch encoding {
        case .windows1252: bytes = [UInt8](text.data(using: .windowsCP1252)!)
        case .utf16: bytes = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        default: bytes = Array(text.utf8)
        }
        let reader = try CSVReader(path: try WorkbookFixture.file(bytes, name: "grande.csv"))
        #expect(reader.encoding == encoding)
        final class Box: @unchecked Sendable { var rows: [[String]] = [] }
        let box = Box()
        try reader.readRows(of: reader.sheets[0]) { row in
            var values = ["", "", ""]
            for cell in row.cells where cell.column < 3 { if case .text(let t) = cell.value { values[cell.column] = t } }
            box.rows.append(values)
        }
        #expect(box.rows.count == expected.count + 1)
        #expect(Array(box.rows.dropFirst()) == expected)
    }

    @Test func utf8WithBOMAndCommas() throws {
        let (reader, sheet) = try read([0xEF, 0xBB, 0xBF] + Array("Fecha,Asesor\n05/03/2024,José Peña\n".utf8))
        #expect(reader.encoding == .utf8BOM)
        #expect(reader.delimiter == UInt8(ascii: ","))
        #expect(sheet["A1"] == .text("Fecha"), "the BOM is not part of the first header")
        #expect(sheet["B2"] == .text("José Peña"))
    }

    @Test func cp1252EuroAndQuotesMapAboveLatin1() throws {
        let (reader, sheet) = try read([0x80, 0x20, 0x93, 0x6F, 0x6B, 0x94, 0x0A])
        #expect(reader.encoding == .windows1252)
        #expect(sheet["A1"] == .text("€ “ok”"))
    }

    @Test func tabsAndQuotedFieldsWithNewlinesAndDoubledQuotes() throws {
        let (reader, sheet) = try read(Array("Notas\tCuenta\n\"línea 1\nlínea 2\"\t\"dice \"\"hola\"\"\"\nx\t\n".utf8), name: "export.tsv")
        #expect(reader.delimiter == 9)
        #expect(sheet["A2"] == .text("línea 1\nlínea 2"))
        #expect(sheet["B2"] == .text("dice \"hola\""))
        #expect(sheet["A3"] == .text("x"), "the quoted newline did not start a new row")
        #expect(sheet.summary.lastRow == 3)
    }

    @Test func blankLinesKeepTheirPositionAndLastLineNeedsNoNewline() throws {
        let (_, sheet) = try read(Array("a;b\n\n;c".utf8))
        #expect(sheet["A1"] == .text("a"))
        #expect(sheet.rows[2] == nil)
        #expect(sheet["B3"] == .text("c"))
    }

    @Test func unterminatedQuoteIsRefusedWithItsLine() throws {
        let path = try WorkbookFixture.file(Array("a;b\n\"abierta;c\nd;e\n".utf8), name: "malo.csv")
        let reader = try CSVReader(path: path)
        #expect { try reader.readRows(of: reader.sheets[0]) { _ in } } throws: {
            let e = $0 as? ReaderError
            return e?.kind == .csvUnclosedQuote && e?.line == 2
        }
    }

    @Test func openedThroughSpreadsheetFileByExtension() throws {
        let source = try SpreadsheetFile.open(path: try WorkbookFixture.file(Array("x;y\n".utf8), name: "Base 22-03.csv"))
        #expect(source is CSVReader)
        #expect(source.sheets.map(\.name) == ["Base 22-03"])
    }
}
