import CeldaCore
import CeldaPipeline
import CeldaStore
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

    /// The tipificador streams too: recurrence counted from each cuenta's contacts noted in the
    /// first pass and the history's earlier ones, form errors from each row's issues. Two days
    /// of forms into one history (the second day's customers calling again), each day processed
    /// both ways into a store of its own: the gestionados are the same cell for cell.
    @Test(arguments: ["sqlite", "postgres"]) func aTipificadorStreamedIsTheSameAsInMemory(_ backend: String) throws {
        let dir = try Repository.temporaryFolder("celda-streaming-tip")
        var generator = SampleGenerator(seed: 8)
        try FileManager.default.createDirectory(atPath: dir + "/d1", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/d2", withIntermediateDirectories: true)
        try generator.writeTipificador(to: dir + "/d1/Formulario 20-03.csv", rows: 1_500)
        // The next export: the same customers calling again on Saturday the 23rd (new forms,
        // the cuentas of the first), so their recurrence needs the history's contacts.
        let firstDay = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: dir + "/d1/Formulario 20-03.csv")), encoding: .windowsCP1252))
        let again = firstDay.split(separator: "\r\n").enumerated().map { i, line in
            i == 0 ? String(line) : "23/03/2024 10:" + String(format: "%02d", i % 60) + String(line.dropFirst(16))
        }.joined(separator: "\r\n") + "\r\n"
        try again.data(using: .windowsCP1252)!.write(to: URL(fileURLWithPath: dir + "/d2/Formulario 23-03.csv"))
        var outputs: [[String]] = []
        for (i, streams) in [false, true].enumerated() {
            let store = try self.store(backend, dir, "h\(i)")
            var p = try processor(out: dir + "/salida-\(i)")
            p.streamsWhenItCan = streams
            p.store = store
            outputs.append([try p.process(dir + "/d1/Formulario 20-03.csv").output, try p.process(dir + "/d2/Formulario 23-03.csv").output])
            let stored = try store.cases(kind: "tipificador", from: today.adding(days: -10), to: today.adding(days: 1))
            #expect(stored.count >= 2_900, "\(stored.count)")
        }
        for day in 0..<2 {
            let left = try workbook(outputs[0][day]), right = try workbook(outputs[1][day])
            #expect(left.keys.sorted() == right.keys.sorted())
            for (name, rows) in left { #expect(rows == right[name], "day \(day + 1), sheet «\(name)» differs") }
            // The data exercise what streaming must keep: repeat callers and forms filled wrongly.
            let base = try #require(left.first { $0.key.hasPrefix("Formulario") }?.value)
            let header = try #require(base[1])
            let type = try #require(header.first { $0.value == .text("Tipo de usuario (calculado)") }?.key)
            let errors = try #require(header.first { $0.value == .text("Error de diligenciamiento") }?.key)
            #expect(base.values.contains { $0[type] == .text("Recurrente y reincidente") }, "day \(day + 1)")
            if day == 1 {
                // Most of Saturday's contacts are recurrent through the history only.
                let window = try #require(header.first { $0.value == .text("Contactos 7 d") }?.key)
                #expect(base.values.filter { if case .number(let n)? = $0[window] { return n >= 2 } else { return false } }.count > 1_000)
            }
            #expect(base.values.contains { $0[errors] != nil && $0[errors] != .text("Error de diligenciamiento") }, "day \(day + 1)")
        }
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

    /// A 90-row base processed with 40 rows a sheet: «Base», «Base (2)», «Base (3)».
    private func spilledGestionado(_ name: String, seed: UInt64) throws -> (dir: String, processor: BaseProcessor, summary: ProcessSummary) {
        let dir = try Repository.temporaryFolder(name)
        var generator = SampleGenerator(seed: seed)
        let base = try generator.write(into: dir, rows: 90)[0]
        var p = try processor(out: dir + "/salida")
        p.rowsPerSheet = 40
        return (dir, p, try p.process(base))
    }

    @Test func aSpilledGestionadoComesBackWithItsEdits() throws {
        let (dir, p, first) = try spilledGestionado("celda-spill-back", seed: 23)
        // A person types an observation on the second sheet's fifth data row (sheet row 6).
        let before = try cells(first.output, sheet: "Base (2)")
        let observaciones = try #require(before[1]?.first { $0.value == .text("Observaciones del back") }?.key)
        let edited = dir + "/Base editada.xlsx"
        try OutsidePrograms.python("""
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

    private func store(_ backend: String, _ dir: String, _ name: String) throws -> HistoryStore {
        backend == "postgres" ? try PostgresStore(url: try PostgresTestServer.freshDatabase("celda_stream")) : try SQLiteStore(path: dir + "/\(name).sqlite")
    }

    /// With a history the batches go into one transaction as they are decided: the store and the
    /// gestionado end up as the in-memory path leaves them — over several batches (5,000 rows),
    /// with cases seen in an earlier base counting their días de gestión from then.
    @Test(arguments: ["sqlite", "postgres"])
    func aStreamedBaseGoesIntoTheHistoryAsTheInMemoryPathPutsIt(_ backend: String) throws {
        let dir = try Repository.temporaryFolder("celda-stream-store")
        var generator = SampleGenerator(seed: 24)
        let base = try generator.write(into: dir, rows: 5_000)[0]
        var earlier = SampleGenerator(seed: 24)
        let earlierBase = try earlier.write(into: dir + "/antes", rows: 300)[0]
        var results: [(ProcessSummary, [CaseRecord], [String: [Int: [Int: CellValue]]])] = []
        for streaming in [false, true] {
            let history = try store(backend, dir, "h-\(streaming)")
            var p = try processor(out: dir + "/salida-\(streaming)")
            p.store = history
            p.streamsWhenItCan = streaming
            // An earlier day's base with the same first rows: those cases were first seen on 2024-03-20.
            var before = BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 20), language: .es,
                                       outFolder: dir + "/antes-\(streaming)")
            before.store = history
            _ = try before.process(earlierBase)
            let summary = try p.process(base)
            let stored = try history.cases(kind: MalEscaladosKind.id, from: CalendarDate(year: 2000, month: 1, day: 1), to: today)
            results.append((summary, stored, try workbook(summary.output)))
        }
        let (memory, streamed) = (results[0], results[1])
        #expect(streamed.0.history == memory.0.history, "new and updated cases")
        #expect(streamed.0.history?.newCases ?? 0 > 4_000 && streamed.0.history?.updatedCases ?? 0 > 0, "\(String(describing: streamed.0.history))")
        #expect(streamed.1.count == memory.1.count && streamed.1.count > 4_000, "\(streamed.1.count)")
        #expect(streamed.1.map(\.key) == memory.1.map(\.key))
        #expect(streamed.1.map(\.firstSeen) == memory.1.map(\.firstSeen))
        #expect(streamed.1.map(\.causalCode) == memory.1.map(\.causalCode))
        #expect(streamed.2["Base"] == memory.2["Base"], "días de gestión and alarms from the history alike")
    }

    /// A continuation sheet renamed or deleted by a person would lose its rows: refused, named.
    @Test func aSpilledGestionadoMissingASheetIsRefused() throws {
        let (dir, p, first) = try spilledGestionado("celda-spill-missing", seed: 25)
        let edited = dir + "/Base sin hoja.xlsx"
        try OutsidePrograms.python("""
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        del wb["Base (3)"]
        wb.save(sys.argv[2])
        """, [first.output, edited])
        #expect {
            try p.process(edited)
        } throws: { error in
            "\(error)".contains("Base (3)")
        }
    }

}
