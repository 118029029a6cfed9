import CeldaTestSupport
import Foundation
import Testing
@testable import XLSXReader

/// Input made to hurt: refused with a reason, in bounded time and memory.
struct HostileInputTests {
    private func worksheetPart(_ xml: String) throws -> String {
        var f = WorkbookFixture.single("")
        var parts = f.parts()
        for i in parts.indices where parts[i].0.hasSuffix("sheet1.xml") { parts[i].1 = Array(xml.utf8) }
        f.sheets = []
        return try WorkbookFixture.zip(parts)
    }

    /// The refusal's kind, or nil when every sheet was read. Any error that is not a
    /// `ReaderError` (a Swift error from a helper, a libzip code leaking through) fails the
    /// test here: it must never pass for "read" nor for the expected refusal.
    private func kind(of path: String, options: XLSXWorkbook.Options = .init(),
                      sourceLocation: SourceLocation = #_sourceLocation) -> ReaderError.Kind? {
        do {
            let book = try XLSXWorkbook(path: path, options: options)
            for sheet in book.sheets { try book.readRows(of: sheet) { _ in } }
            return nil
        } catch let e as ReaderError {
            return e.kind
        } catch {
            Issue.record("not a ReaderError: \(type(of: error)) \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func billionLaughsInAWorksheetIsRefusedBeforeExpansion() throws {
        let path = try worksheetPart("""
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\
            <worksheet xmlns="\(WorkbookFixture.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>
            """)
        #expect(kind(of: path) == .forbiddenDTD)
    }

    @Test func externalEntityIsNeverLoaded() throws {
        let path = try worksheetPart("""
            <?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
            <worksheet xmlns="\(WorkbookFixture.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
            """)
        #expect(kind(of: path) == .forbiddenDTD)
    }

    @Test func zipBombIsStoppedByTheInflateRatio() throws {
        // 32 MiB of spaces deflate about 1000:1; the limits are lowered so the test stays small.
        let filler = String(repeating: " ", count: 32 << 20)
        let path = try worksheetPart("<worksheet xmlns=\"\(WorkbookFixture.main)\"><sheetData>\(filler)</sheetData></worksheet>")
        var options = XLSXWorkbook.Options()
        options.ratioFloorBytes = 4 << 20
        options.maxCompressionRatio = 200
        #expect(kind(of: path, options: options) == .zipBomb)
        #expect(kind(of: path) == nil, "the same file under the default limits is only big, not a bomb")
    }

    @Test func zipBombInflatesNoFurtherThanTheRatioFloor() throws {
        // "Refusals are fast" without a clock: under the default limits a 1000:1 part is stopped
        // within one read past `ratioFloorBytes` (64 MiB), not after its 100 MiB.
        let filler = String(repeating: " ", count: 100 << 20)
        let path = try worksheetPart("<worksheet xmlns=\"\(WorkbookFixture.main)\"><sheetData>\(filler)</sheetData></worksheet>")
        let archive = try ZipArchive(path: path)
        let entry = try #require(archive.entries["xl/worksheets/sheet1.xml"])
        let stream = try archive.open(entry)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: SAXParser.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var refused: ReaderError.Kind?
        do {
            while try stream.read(into: buffer) > 0 {}
        } catch let e as ReaderError {
            refused = e.kind
        }
        #expect(refused == .zipBomb)
        let limit = archive.limits.ratioFloorBytes + UInt64(SAXParser.chunkSize)
        #expect(stream.inflated <= limit, "inflated \(stream.inflated) bytes, limit \(limit)")
    }

    @Test func partSizeCapHolds() throws {
        let path = try worksheetPart("<worksheet xmlns=\"\(WorkbookFixture.main)\"><sheetData>\(String(repeating: "<row/>", count: 400_000))</sheetData></worksheet>")
        var options = XLSXWorkbook.Options()
        options.maxPartBytes = 1 << 20
        #expect(kind(of: path, options: options) == .zipBomb)
    }

    @Test func malformedWorksheetNamesThePartAndLine() throws {
        let path = try worksheetPart("<worksheet xmlns=\"\(WorkbookFixture.main)\"><sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData></worksheet>")
        do {
            let book = try XLSXWorkbook(path: path)
            try book.readRows(of: book.sheets[0]) { _ in }
            Issue.record("read without error")
        } catch let e as ReaderError {
            guard case .malformedXML(let message) = e.kind else { Issue.record("\(e.kind)"); return }
            #expect(message.contains("mismatch"), "libxml2's reason is kept: \(message)")
            #expect(e.part == "xl/worksheets/sheet1.xml")
            #expect(e.line == 2)
            #expect(e.sheet == "Hoja1")
        }
    }

    /// A sheet in Shift_JIS with bytes that are no Shift_JIS character.
    private func shiftJISSheet(_ text: [UInt8]) throws -> String {
        var xml = Array(#"<?xml version="1.0" encoding="Shift_JIS"?><worksheet xmlns="\#(WorkbookFixture.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#.utf8)
        xml += text + Array("</t></is></c></row></sheetData></worksheet>".utf8)
        var f = WorkbookFixture.single("")
        var parts = f.parts()
        for i in parts.indices where parts[i].0.hasSuffix("sheet1.xml") { parts[i].1 = xml }
        f.sheets = []
        return try WorkbookFixture.zip(parts)
    }

    @Test func legacyEncodingIsDecoded() throws {
        // 0x82 0xA0 is あ in Shift_JIS.
        let sheet = try readSheet(try XLSXWorkbook(path: try shiftJISSheet([0x82, 0xA0])))
        #expect(sheet["A1"] == .text("あ"))
    }

    @Test func unconvertibleBytesAreRefusedWithLibxml2sReason() throws {
        // libxml2 reports a failed conversion outside the parser context (its lastError stays
        // empty); the reason must still reach the error.
        let path = try shiftJISSheet([0x82, 0xA0, 0x82, 0xFF, 0x85])
        do {
            let book = try XLSXWorkbook(path: path)
            try book.readRows(of: book.sheets[0]) { _ in }
            Issue.record("read without error")
        } catch let e as ReaderError {
            guard case .malformedXML(let message) = e.kind else { Issue.record("\(e.kind)"); return }
            #expect(message.contains("input conversion failed"), "libxml2's reason is kept: «\(message)»")
            #expect(e.part == "xl/worksheets/sheet1.xml")
            #expect(e.sheet == "Hoja1")
        }
    }

    @Test func invalidCellReferenceIsNamed() throws {
        let path = try worksheetPart("<worksheet xmlns=\"\(WorkbookFixture.main)\"><sheetData><row r=\"1\"><c r=\"A0\"><v>1</v></c></row></sheetData></worksheet>")
        #expect(kind(of: path) == .invalidCellReference("A0"))
    }

    @Test func emptyAndNonWorkbookFiles() throws {
        #expect(kind(of: try WorkbookFixture.file([], name: "vacio.xlsx")) == .emptyFile)
        #expect(kind(of: try WorkbookFixture.file(Array("Fecha;Cuenta\n".utf8), name: "texto.xlsx")) == .notASpreadsheet)
        #expect(kind(of: "/no/existe/base.xlsx") == .fileNotFound)
        let emptyCSV = try WorkbookFixture.file([], name: "vacio.csv")
        #expect { _ = try CSVReader(path: emptyCSV) } throws: { ($0 as? ReaderError)?.kind == .emptyFile }
    }
}

/// Numbers no date can hold, in date-formatted cells: they stay numbers (Excel shows #####).
struct ImpossibleDateTests {
    @Test func hugeAndNonFiniteSerialsStayNumbers() throws {
        var f = WorkbookFixture.single(#"<row r="1"><c r="A1" s="1"><v>1E+300</v></c><c r="B1" s="1"><v>nan</v></c><c r="C1" s="2"><v>-1E+300</v></c><c r="D1" s="1"><v>2958466</v></c><c r="E1" s="1"><v>2958465</v></c></row>"#)
        f.cellXfs = [0, 14, 46]
        let sheet = try readFixture(f)
        #expect(sheet["A1"] == .number(1e300))
        if case .number(let v) = sheet["B1"] { #expect(v.isNaN) } else { Issue.record("B1: \(sheet["B1"])") }
        #expect(sheet["C1"] == .number(-1e300))
        #expect(sheet["D1"] == .number(2_958_466), "one past 9999-12-31")
        #expect(date(sheet["E1"]) == "9999-12-31")
    }
}
