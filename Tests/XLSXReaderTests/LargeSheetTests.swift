import CeldaTestSupport
import Foundation
import Testing
@testable import XLSXReader

/// Parts over `SAXParser.prefetchThreshold` are inflated on a second thread: every row must
/// still arrive, in order, and stopping early must end that thread.
struct LargeSheetTests {
    static let rowCount = 60_000

    static func bigWorkbook() throws -> String {
        var rows = ""
        rows.reserveCapacity(rowCount * 110)
        for r in 1...rowCount {
            rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c><c r=\"B\(r)\" t=\"s\"><v>\(r % 3)</v></c><c r=\"C\(r)\" t=\"inlineStr\"><is><t>nota \(r)</t></is></c></row>"
        }
        return try WorkbookFixture.single(rows, strings: ["<t>a</t>", "<t>b</t>", "<t>c</t>"]).write("grande.xlsx")
    }

    @Test func everyRowArrivesInOrderThroughThePrefetchingReader() throws {
        let book = try XLSXWorkbook(path: try LargeSheetTests.bigWorkbook())
        final class Tally: @unchecked Sendable { var count = 0; var ordered = true; var last = 0; var lastNote = "" }
        let tally = Tally()
        let summary = try book.readRows(of: book.sheets[0]) { row in
            tally.count += 1
            if row.number != tally.last + 1 { tally.ordered = false }
            tally.last = row.number
            if case .text(let s) = row.cells[2].value { tally.lastNote = s }
            if row.cells[0].value != .number(Double(row.number)) { tally.ordered = false }
        }
        #expect(tally.count == LargeSheetTests.rowCount)
        #expect(tally.ordered)
        #expect(tally.lastNote == "nota \(LargeSheetTests.rowCount)")
        #expect(summary.lastRow == LargeSheetTests.rowCount)
    }

    struct Enough: Error {}

    @Test func stoppingEarlyRethrowsAndEndsTheInflatingThread() throws {
        let book = try XLSXWorkbook(path: try LargeSheetTests.bigWorkbook())
        final class Count: @unchecked Sendable { var n = 0 }
        let seen = Count()
        #expect(throws: Enough.self) {
            try book.readRows(of: book.sheets[0]) { _ in
                seen.n += 1
                if seen.n == 100 { throw Enough() }
            }
        }
        #expect(seen.n == 100)
        // The same workbook reads again in full: nothing was left half-open.
        var again = 0
        try book.readRows(of: book.sheets[0]) { _ in again += 1 }
        #expect(again == LargeSheetTests.rowCount)
    }
}

/// The early-stop path many times over: any imbalance in the inflating thread's semaphores
/// makes libdispatch abort the process when the reader is freed.
struct PrefetchStopTests {
    struct Stop: Error {}

    @Test func stoppingAtEveryPointNeverAborts() throws {
        let path = try LargeSheetTests.bigWorkbook()
        for stopAfter in [1, 2, 3, 5, 50, 5_000, 20_000] {
            let book = try XLSXWorkbook(path: path)
            final class Count: @unchecked Sendable { var n = 0 }
            let seen = Count()
            #expect(throws: Stop.self) {
                try book.readRows(of: book.sheets[0]) { _ in
                    seen.n += 1
                    if seen.n == stopAfter { throw Stop() }
                }
            }
        }
    }
}

/// A large shared-strings table is kept on disk: every string comes back as the in-memory
/// table gives it — the shared ones asked for on every row, the unique ones once, in any order.
struct SharedStringsOnDiskTests {
    @Test func theTableOnDiskReadsAsTheOneInMemory() throws {
        let unique = 3_000
        let strings = ["<t>Ana Gómez</t>", "<t xml:space=\"preserve\"> con espacio </t>", "<r><t>ri</t></r><r><t>co</t></r>"]
            + (0..<unique).map { "<t>nota única \($0) \(String(repeating: "ñ", count: $0 % 700))</t>" }
        var rows = ""
        for r in 1...unique {
            // A shared string, a unique one (in table order), and an earlier unique one again (out of order).
            rows += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 3)</v></c><c r=\"B\(r)\" t=\"s\"><v>\(r + 2)</v></c><c r=\"C\(r)\" t=\"s\"><v>\(3 + (r * 7919) % unique)</v></c></row>"
        }
        let path = try WorkbookFixture.single(rows, strings: strings).write("sst-disco.xlsx")
        func read(onDiskFrom limit: UInt64) throws -> [[CellValue]] {
            var options = XLSXWorkbook.Options()
            options.sharedStringsOnDiskFrom = limit
            let book = try XLSXWorkbook(path: path, options: options)
            final class Rows: @unchecked Sendable { var all: [[CellValue]] = [] }
            let rows = Rows()
            try book.readRows(of: book.sheets[0]) { rows.all.append($0.cells.map(\.value)) }
            return rows.all
        }
        let memory = try read(onDiskFrom: .max), disk = try read(onDiskFrom: 0)
        #expect(memory.count == unique)
        #expect(memory == disk)
        #expect(disk[0][0] == .text(" con espacio ") && disk[1][0] == .text("rico") && disk[2][0] == .text("Ana Gómez"))
    }
}
