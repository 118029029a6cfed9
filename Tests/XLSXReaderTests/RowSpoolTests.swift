import Testing
import XLSXReader
import Foundation

/// The rows a streamed base keeps on disk between its two passes come back exactly as read.
struct RowSpoolTests {
    @Test func everyKindOfCellComesBackUnchanged() throws {
        let long = String(repeating: "ñandú 🦤 ", count: 200_000) // over the reader's 1 MiB chunk
        let rows = [
            Row(number: 1, cells: [Cell(column: 0, value: .text("Fecha")), Cell(column: 3, value: .text(""))]),
            Row(number: 7, cells: [
                Cell(column: 0, value: .date(SpreadsheetDate(kind: .dateTime, serial: 45_373.25))),
                Cell(column: 1, value: .number(-0.000_1)), Cell(column: 2, value: .number(1e300)),
                Cell(column: 3, value: .bool(true)), Cell(column: 4, value: .bool(false)),
                Cell(column: 5, value: .error("#N/A")), Cell(column: 6, value: .empty),
                Cell(column: 7, value: .number(3), formula: "SUMA(A1:A2)"),
                Cell(column: 16_383, value: .text(long)),
                Cell(column: 8, value: .date(SpreadsheetDate(kind: .duration, serial: 1.5))),
                Cell(column: 9, value: .date(SpreadsheetDate(kind: .time, serial: 0.5))),
                Cell(column: 10, value: .date(SpreadsheetDate(kind: .date, serial: -10))),
            ]),
            Row(number: 1_048_576 * 3, cells: []),
            Row(number: Int.max, cells: [Cell(column: Int.max, value: .number(-.infinity))]),
        ]
        let spool = try RowSpool.make()
        for _ in 0..<3 { for row in rows { try spool.append(row) } }
        var back: [Row] = []
        try spool.forEach { back.append($0) }
        #expect(back.count == 12)
        for (a, b) in zip(back, rows + rows + rows) {
            #expect(a.number == b.number)
            #expect(a.cells == b.cells)
        }
    }

    /// The spool's file has no name: nothing is left in TMPDIR while it is used, nor after a
    /// kill.
    @Test func nothingIsLeftInTheTemporaryFolder() throws {
        let folder = NSTemporaryDirectory()
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("celda-") })
        let spool = try RowSpool.make()
        try spool.append(Row(number: 1, cells: [Cell(column: 0, value: .text("x"))]))
        let during = Set(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("celda-") })
        #expect(during.subtracting(before).isEmpty)
        var count = 0
        try spool.forEach { _ in count += 1 }
        #expect(count == 1)
    }
}
