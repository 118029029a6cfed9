import Foundation
import Testing
@testable import XLSXWriter
import XLSXReader

/// Each kind of value, written and read back by Celda's reader and by two outside readers.
struct TypedWriteTests {
    @Test func everyValueKindRoundTrips() throws {
        let path = try scratchFolder().appendingPathComponent("tipos.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Tipos")
        try sheet.writeRow([
            .text("0012345"), .number(1.5), .bool(true), .date(serial: 45356, includesTime: false),
            .date(serial: 45356.5909722222, includesTime: true), .blank,
            .formula("=B1*2", cached: .number(3)), .formula("=A1&\"!\"", cached: .text("0012345!")),
        ], row: 0, formats: [nil, nil, nil, nil, nil, .numberFormat("0.00"), nil, nil])
        try book.save()

        let ours = try readBack(path)
        #expect(ours[1]?[0]?.value == .text("0012345"), "an account stays text with its zeros")
        #expect(ours[1]?[1]?.value == .number(1.5))
        #expect(ours[1]?[2]?.value == .bool(true))
        if case .date(let d)? = ours[1]?[3]?.value { #expect(d.isoString == "2024-03-05") } else { Issue.record("D1 is not a date") }
        if case .date(let d)? = ours[1]?[4]?.value { #expect(d.isoString == "2024-03-05T14:11:00") } else { Issue.record("E1 is not a date") }
        #expect(ours[1]?[6]?.value == .number(3))
        #expect(ours[1]?[6]?.formula == "B1*2")
        #expect(ours[1]?[7]?.value == .text("0012345!"))

        let outside = try OutsideView.read(path)
        let row = outside.calamine("Tipos").first ?? []
        #expect(row.count >= 8)
        #expect(row.first as? String == "0012345")
        #expect((row[1] as? NSNumber)?.doubleValue == 1.5)
        #expect(row[2] as? Bool == true)
        #expect(row[3] as? String == "2024-03-05", "calamine sees a date: \(row[3])")
        #expect((row[4] as? String)?.hasPrefix("2024-03-05T14:11:00") == true)
        #expect((row[6] as? NSNumber)?.doubleValue == 3, "the cached result is what non-calculating readers see")
        #expect(outside.cell("Tipos", "D1")["number_format"] as? String == "dd/mm/yyyy")
        #expect(outside.cell("Tipos", "E1")["number_format"] as? String == "dd/mm/yyyy hh:mm:ss")
        #expect(outside.cell("Tipos", "G1")["value"] as? String == "=B1*2")
        #expect(outside.cell("Tipos", "A1")["type"] as? String == "s")
    }

    @Test func equalFormatsAreOneFormatInTheFile() throws {
        let path = try scratchFolder().appendingPathComponent("formatos.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("F")
        var bold = CellFormat()
        bold.bold = true
        var alarm = CellFormat()
        alarm.fillColor = 0xFFC7CE
        for r in 0..<2000 {
            try sheet.write(.text("x"), row: r, column: 0, format: bold)
            try sheet.write(.number(Double(r)), row: r, column: 1, format: r % 2 == 0 ? alarm : CellFormat())
        }
        #expect(book.formatCount == 2, "2,000 rows, two distinct looks, two formats")
        try book.save()
        let outside = try OutsideView.read(path)
        #expect(outside.cell("F", "A7")["bold"] as? Bool == true)
        #expect((outside.cell("F", "B1")["fill"] as? String)?.hasSuffix("FFC7CE") == true)
        #expect(outside.cell("F", "B2")["fill"] is NSNull)
    }

    @Test func constantMemoryWritesInOrderAndRefusesGoingBack() throws {
        var options = Workbook.Options()
        options.constantMemory = true
        let path = try scratchFolder().appendingPathComponent("cm.xlsx").path
        let book = try Workbook(path: path, options: options)
        let sheet = try book.addWorksheet("Base")
        try sheet.write(.text("a"), row: 0, column: 0)
        try sheet.write(.text("b"), row: 5, column: 0)
        #expect { try sheet.write(.text("perdido"), row: 2, column: 0) } throws: {
            ($0 as? WriterError)?.kind == .rowAlreadyWritten(row: 2, current: 5)
        }
        try book.save()
        let ours = try readBack(path)
        #expect(ours[1]?[0]?.value == .text("a"))
        #expect(ours[6]?[0]?.value == .text("b"))
        #expect(ours[3] == nil)
    }
}
