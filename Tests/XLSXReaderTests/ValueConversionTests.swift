import Testing
@testable import XLSXReader

struct ValueConversionTests {
    @Test("1900 system with Excel's phantom 1900-02-29", arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-28"), (61.0, "1900-03-01"),
        (45356.0, "2024-03-05"), (2958465.0, "9999-12-31"),
    ])
    func serials1900(_ serial: Double, _ iso: String) {
        #expect(SpreadsheetDate.fromSerial(serial, date1904: false, isDuration: false).isoString == iso)
    }

    @Test func serials1904AndTimes() {
        #expect(SpreadsheetDate.fromSerial(0, date1904: true, isDuration: false).kind == .time)
        #expect(SpreadsheetDate.fromSerial(1, date1904: true, isDuration: false).isoString == "1904-01-02")
        #expect(SpreadsheetDate.fromSerial(45356.75, date1904: false, isDuration: false).isoString == "2024-03-05T18:00:00")
        #expect(SpreadsheetDate.fromSerial(0.999999999, date1904: false, isDuration: false).isoString == "00:00:00",
                "rounding to the millisecond carries into the next day")
        #expect(SpreadsheetDate.fromSerial(45356.000011574, date1904: false, isDuration: false).isoString == "2024-03-05T00:00:01")
        #expect(SpreadsheetDate.fromSerial(-0.5, date1904: false, isDuration: true).isoString == "-PT12H0M0S")
    }

    @Test("custom number formats", arguments: [
        ("dd/mm/yyyy", NumberFormatClass.date), ("yyyy-mm-dd hh:mm:ss", .date), ("h:mm AM/PM", .date),
        ("[h]:mm:ss", .duration), ("[mm]:ss", .duration), ("0.00", .number), ("#,##0", .number),
        (#"0 "días""#, .number), (#"0\h"#, .number), ("0.00E+00", .number), ("General", .number),
        ("[Red]0.00;[Blue]-0.00", .number), ("[$-409]d-mmm-yy;@", .date), ("_(* #,##0_)", .number),
        (#"[$$-409]#,##0.00"#, .number), ("@", .number),
    ])
    func customFormats(_ code: String, _ expected: NumberFormatClass) {
        #expect(NumberFormatClass.custom(code) == expected, "\(code)")
    }

    @Test func builtInFormats() {
        #expect((14...22).allSatisfy { NumberFormatClass.builtIn($0) != .number })
        #expect(NumberFormatClass.builtIn(46) == .duration)
        #expect(NumberFormatClass.builtIn(0) == .number)
        #expect(NumberFormatClass.builtIn(49) == .number)
    }

    @Test func cellReferences() {
        func parse(_ s: String) -> (Int, Int)? { Array(s.utf8).withUnsafeBufferPointer { CellReference.parse($0) }.map { ($0.row, $0.column) } }
        #expect(parse("A1")! == (1, 0))
        #expect(parse("xfd1048576")! == (1_048_576, 16_383))
        #expect(parse("XFE1") == nil)
        #expect(parse("A1048577") == nil)
        #expect(parse("A0") == nil)
        #expect(parse("12") == nil)
        #expect(parse("A") == nil)
        #expect(CellReference.name(row: 17, column: 2) == "C17")
        #expect(CellReference.columnName(26) == "AA")
    }

    @Test func escapesDecoding() {
        func decode(_ s: String) -> String { Array(s.utf8).withUnsafeBufferPointer { TextDecoding.string($0, preserveSpace: true) } }
        #expect(decode("a_x0009_b") == "a\tb")
        #expect(decode("_xD83D__xDE00_") == "😀")
        #expect(decode("_xD83D_") == "_xD83D_", "a lone surrogate stays as written")
        #expect(decode("_x00zz_") == "_x00zz_")
        #expect(decode("_x41_") == "_x41_", "exactly four hex digits")
    }
}
