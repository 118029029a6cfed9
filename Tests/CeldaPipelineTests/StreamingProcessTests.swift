import CeldaCore
import CeldaPipeline
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// A base streamed in two passes gives the gestionado the in-memory path gives; a base longer
/// than a sheet continues on «Base (2)», … and comes back with its edits.
struct StreamingProcessTests {
    let today = CalendarDate(year: 2024, month: 3, day: 22)

    private func processor(out: String) throws -> BaseProcessor {
        BaseProcessor(templates: try templates(), today: today, language: .es, outFolder: out)
    }

    /// Every sheet, every cell.
    private func workbook(_ path: String) throws -> [String: [Int: [Int: CellValue]]] {
        let book = try SpreadsheetFile.open(path: path)
        var out: [String: [Int: [Int: CellValue]]] = [:]
        for sheet in book.sheets { out[sheet.name] = try cells(path, sheet: sheet.name) }
        return out
    }

    @Test func streamedAndInMemoryGestionadosAreTheSame() throws {
        let dir = try Repository.temporaryFolder("celda-streaming")
        var generator = SampleGenerator(seed: 21)
        let base = try generator.write(into: dir, rows: 2_500)[0]
        var inMemory = try processor(out: dir + "/memoria")
        inMemory.streamsWhenItCan = false
        let a = try inMemory.process(base)
        let b = try processor(out: dir + "/streaming").process(base)
        #expect(a.rows == 2_500 && b.rows == 2_500)
        #expect(a.causals == b.causals && a.issues == b.issues && a.alarms == b.alarms)
        #expect((b.causals["ME07"] ?? 0) > 0 && (b.causals["ME01"] ?? 0) > 0, "the cross-row rules fired: \(b.causals)")
        let left = try workbook(a.output), right = try workbook(b.output)
        #expect(left.keys.sorted() == right.keys.sorted())
        for (name, rows) in left {
            #expect(rows == right[name], "sheet «\(name)» differs")
        }
    }

    @Test func aBaseLongerThanASheetContinuesOnTheNextWithItsHeader() throws {
        let dir = try Repository.temporaryFolder("celda-spill")
        var generator = SampleGenerator(seed: 22)
        let base = try generator.write(into: dir, rows: 100)[0]
        for streaming in [true, false] {
            var p = try processor(out: dir + "/salida-\(streaming)")
            p.rowsPerSheet = 40
            p.streamsWhenItCan = streaming
            let summary = try p.process(base)
            #expect(summary.rows == 100)
            let book = try SpreadsheetFile.open(path: summary.output)
            #expect(book.sheets.prefix(3).map(\.name) == ["Base", "Base (2)", "Base (3)"])
            let sheets = try ["Base", "Base (2)", "Base (3)"].map { try cells(summary.output, sheet: $0) }
            let input = try cells(base)
            let headerRow = try #require(input.keys.sorted().first { input[$0]?.values.contains(.text("No. Cuenta")) == true })
            // Header repeated on each sheet; the data rows, in order, once each.
            let width = try #require(input[headerRow]?.keys.max()) + 1
            for sheet in sheets { #expect(sheet[1]?.filter { $0.key < width } == input[headerRow]) }
            #expect(sheets.map { $0.keys.count - 1 } == [40, 40, 20])
            let written = sheets.flatMap { s in s.keys.sorted().dropFirst().map { s[$0]!.filter { $0.key < width } } }
            let expected = input.keys.sorted().filter { $0 > headerRow }.map { input[$0]! }
            #expect(written == expected)
            let metadata = try cells(summary.output, sheet: "_celda")
            #expect(metadata.values.contains { $0[0] == .text("continuation_sheet_2") && $0[1] == .text("Base (3)") })
        }
    }

    @Test func aSpilledGestionadoComesBackWithItsEdits() throws {
        let dir = try Repository.temporaryFolder("celda-spill-back")
        var generator = SampleGenerator(seed: 23)
        let base = try generator.write(into: dir, rows: 90)[0]
        var p = try processor(out: dir + "/salida")
        p.rowsPerSheet = 40
        let first = try p.process(base)
        // A person types an observation on the second sheet's fifth data row (sheet row 6).
        let before = try cells(first.output, sheet: "Base (2)")
        let observaciones = try #require(before[1]?.first { $0.value == .text("Observaciones del back") }?.key)
        let edited = dir + "/Base editada.xlsx"
        try python("""
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        wb["Base (2)"].cell(row=6, column=int(sys.argv[3]) + 1, value="revisado por Ana")
        wb.save(sys.argv[2])
        """, [first.output, edited, String(observaciones)])
        let again = try p.process(edited)
        #expect(again.reprocessed && again.rows == 90)
        let back = try cells(again.output, sheet: "Base (2)")
        #expect(back[6]?[observaciones] == .text("revisado por Ana"))
        #expect(back.keys.count - 1 == 40, "the header of «Base (2)» did not come back as a row")
        for sheet in ["Base", "Base (2)", "Base (3)"] {
            let a = try cells(first.output, sheet: sheet), b = try cells(again.output, sheet: sheet)
            #expect(a.mapValues { $0.filter { $0.key != observaciones } } == b.mapValues { $0.filter { $0.key != observaciones } },
                    "«\(sheet)»: only the edited cell changed")
        }
    }

    /// Runs a small Python program (openpyxl is installed by the setup command).
    private func python(_ code: String, _ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", code] + args
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "python failed")
    }
}
