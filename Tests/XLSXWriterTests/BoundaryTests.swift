import Foundation
import Testing
@testable import XLSXWriter
import XLSXReader
import CZip

/// Rows and columns from data reach libxlsxwriter as `lxw_row_t` (UInt32) and `lxw_col_t`
/// (UInt16). A negative or too large Int must come back as a WriterError naming the sheet; a
/// plain conversion would trap and take the whole process down (the watcher with it).
struct BoundaryTests {
    typealias Call = @Sendable (Worksheet, Chart, Int, Int) throws -> Void

    /// Every API that turns Ints into C rows or columns, called with (row, column).
    static let calls: [(String, Call)] = [
        ("write", { s, _, r, c in try s.write(.number(1), row: r, column: c) }),
        ("writeLink", { s, _, r, c in try s.writeLink("https://x.co", row: r, column: c) }),
        ("writeRichText", { s, _, r, c in try s.writeRichText([("a", nil)], row: r, column: c) }),
        ("writeNote", { s, _, r, c in try s.writeNote("n", row: r, column: c) }),
        ("merge first", { s, _, r, c in try s.merge(CellRange(firstRow: r, firstColumn: c, lastRow: 2, lastColumn: 2), text: "m") }),
        ("merge last", { s, _, r, c in try s.merge(CellRange(firstRow: 0, firstColumn: 0, lastRow: r, lastColumn: c), text: "m") }),
        ("setColumnWidth", { s, _, _, c in try s.setColumnWidth(10, columns: c...max(c, 3)) }),
        ("setColumnWidth last", { s, _, _, c in try s.setColumnWidth(10, columns: min(c, 0)...c) }),
        ("setRowHeight", { s, _, r, _ in try s.setRowHeight(20, row: r) }),
        ("freezePanes", { s, _, r, c in try s.freezePanes(row: r, column: c) }),
        ("autofilter", { s, _, r, c in try s.autofilter(CellRange(firstRow: r, firstColumn: c, lastRow: 5, lastColumn: 5)) }),
        ("autofilter last", { s, _, r, c in try s.autofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: r, lastColumn: c)) }),
        ("addTable", { s, _, r, c in
            try s.addTable(CellRange(firstRow: r, firstColumn: c, lastRow: 5, lastColumn: 5), columns: [.init(header: "a")]) }),
        ("addDropdown inline", { s, _, r, c in
            try s.addDropdown(CellRange(firstRow: r, firstColumn: c, lastRow: 5, lastColumn: 5), values: ["a", "b"]) }),
        ("addDropdown list sheet", { s, _, r, c in
            try s.addDropdown(CellRange(firstRow: 0, firstColumn: 0, lastRow: r, lastColumn: c), values: ["a,b", "c"]) }),
        ("addConditionalFormat", { s, _, r, c in
            try s.addConditionalFormat(CellRange(firstRow: r, firstColumn: c, lastRow: 5, lastColumn: 5), rule: .formula("=A1>1")) }),
        ("addConditionalFormat last", { s, _, r, c in
            try s.addConditionalFormat(CellRange(firstRow: 0, firstColumn: 0, lastRow: r, lastColumn: c), rule: .dataBar(color: 0xFF0000)) }),
        ("insertChart", { s, chart, r, c in try s.insertChart(chart, row: r, column: c) }),
        ("print repeatRows", { s, _, r, _ in var p = PrintSetup(); p.repeatRows = min(r, 0)...max(r, 0); try s.setPrint(p) }),
        ("print area", { s, _, r, c in
            var p = PrintSetup(); p.printArea = CellRange(firstRow: 0, firstColumn: 0, lastRow: r, lastColumn: c); try s.setPrint(p) }),
    ]

    /// (row, column, the error expected): negative, one past Excel's limit, past the C type.
    static let bad: [(Int, Int, WriterError.Kind)] = [
        (-1, 0, .rowOutOfRange(-1)),
        (Worksheet.maxRows, 0, .rowOutOfRange(Worksheet.maxRows)),
        (Int(UInt32.max) + 1, 0, .rowOutOfRange(Int(UInt32.max) + 1)),
        (0, -1, .columnOutOfRange(-1)),
        (0, Worksheet.maxColumns, .columnOutOfRange(Worksheet.maxColumns)),
        (0, Int(UInt16.max) + 1, .columnOutOfRange(Int(UInt16.max) + 1)),
        (Int.min, Int.min, .rowOutOfRange(Int.min)),
    ]

    @Test("rows and columns out of Excel's range throw, never trap", arguments: calls.map(\.0))
    func outOfRangeThrows(_ callName: String) throws {
        let call = try #require(Self.calls.first { $0.0 == callName }?.1)
        let path = try scratchFolder().appendingPathComponent("limites.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Base")
        let chart = try book.addChart(.column)
        try chart.addSeries(sheet: "Base", categories: CellRange(row: 0, column: 0), values: CellRange(row: 0, column: 1))
        for (row, column, expected) in Self.bad {
            // Calls that take only a row or only a column see the other as 0.
            if callName.hasPrefix("setColumnWidth"), case .rowOutOfRange = expected { continue }
            if callName.hasPrefix("setRowHeight") || callName.hasPrefix("print repeatRows"), case .columnOutOfRange = expected { continue }
            #expect("\(callName)(\(row), \(column))", performing: { try call(sheet, chart, row, column) }, throws: { error in
                guard let error = error as? WriterError else { return false }
                return error.kind == expected && error.sheet == "Base"
            })
        }
        // The last row and column are in range (libxlsxwriter may still refuse the call for its own reasons).
        do {
            try call(sheet, chart, Worksheet.maxRows - 1, Worksheet.maxColumns - 1)
        } catch let error as WriterError {
            #expect(error.kind != .rowOutOfRange(Worksheet.maxRows - 1) && error.kind != .columnOutOfRange(Worksheet.maxColumns - 1))
        }
        book.discard()
    }

    @Test func aLibraryCodeOutsideTheEnumStillDescribesItself() {
        // LXWCode(rawValue: -1) is what a nil from workbook_add_chart becomes; describing it
        // must not trap converting -1 to the C enum's UInt32.
        let error = WriterError(.library(LXWCode(rawValue: -1), call: "workbook_add_chart"))
        #expect(error.description.contains("workbook_add_chart"))
        #expect(LXWCode(rawValue: Int32.max).description != "")
    }
}

/// A `CellStyle` carries a C pointer into its workbook's formats: used with another workbook
/// it would point into freed memory, so it must be refused even when the other workbook
/// happens to live at the address the first one had.
struct StyleOwnershipTests {
    @Test func aStyleFromAFreedWorkbookIsRefusedByOneAtTheSameAddress() throws {
        let folder = try scratchFolder()
        var bold = CellFormat()
        bold.bold = true
        var first: Workbook? = try Workbook(path: folder.appendingPathComponent("a.xlsx").path)
        let style = first!.style(bold)
        let oldAddress = ObjectIdentifier(first!)
        first = nil // discarded and freed

        // The allocator hands the freed block back soon; keep trying until it does.
        var second = try Workbook(path: folder.appendingPathComponent("b0.xlsx").path)
        var attempts = 0
        while ObjectIdentifier(second) != oldAddress && attempts < 200 {
            attempts += 1
            second = try Workbook(path: folder.appendingPathComponent("b\(attempts).xlsx").path)
        }
        let sheet = try second.addWorksheet("Base")
        #expect { try sheet.write(.text("x"), row: 0, column: 0, style: style) } throws: {
            ($0 as? WriterError)?.kind == .invalidName("estilo de otro libro") && ($0 as? WriterError)?.sheet == "Base"
        }
        // A style of its own is accepted.
        try sheet.write(.text("x"), row: 0, column: 0, style: second.style(bold))
        second.discard()
        // With glibc the first new workbook already gets the old address (seen while writing
        // this test: the ObjectIdentifier check accepted the freed workbook's style).
    }
}

/// The veryHidden patch rewrites workbook.xml with libzip; a failed rewrite must not leak the
/// buffer and zip source it made.
struct VeryHiddenPatchTests {
    @Test func aFailedRewriteThrowsAndFreesItsSource() throws {
        let path = try scratchFolder().appendingPathComponent("solo-lectura.xlsx").path
        let book = try Workbook(path: path)
        try book.addWorksheet("Base").write(.text("x"), row: 0, column: 0)
        try book.save()
        // An archive opened read-only refuses zip_file_add (ZIP_ER_RDONLY): the failure path.
        var err: Int32 = 0
        let za = try #require(zip_open(path, ZIP_RDONLY, &err))
        defer { zip_discard(za) }
        // 64 MiB, filled when copied for libzip: a leaked copy keeps 64 MiB more resident after
        // the call, a freed one (glibc gives such a block back to the system at once) does not.
        // Other tests running at the same time would have to grow by 32 MiB in this short
        // window to disturb the check.
        let size = 64 << 20
        let data = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        // A leak leaks on every call; another test growing by 32 MiB in the same window (the
        // suites run in parallel in one process) does not do it three times: the smallest
        // growth of three calls is the one that tells.
        var growth: [Int] = []
        for _ in 0..<3 {
            let before = try residentBytes()
            #expect { try VeryHiddenPatch.replace("xl/workbook.xml", in: za, with: data) } throws: {
                guard case .cannotSave(let why)? = ($0 as? WriterError)?.kind else { return false }
                return why.contains("workbook.xml")
            }
            growth.append(try residentBytes() - before)
        }
        // AddressSanitizer keeps freed memory in quarantine, so resident memory says nothing
        // there; its LeakSanitizer reports the lost buffer instead (detect_leaks=1).
        if dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") == nil {
            #expect((growth.min() ?? 0) < size / 2, "the 64 MiB buffer given to libzip is still allocated: \(growth) bytes more")
        }
        withExtendedLifetime(data) {}
    }

    /// VmRSS of this process (Linux).
    private func residentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])) * 1024
    }
}
