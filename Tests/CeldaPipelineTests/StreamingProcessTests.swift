import CeldaCore
import CeldaPipeline
import CeldaStore
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// Every base goes through two passes (the cross-row facts first, then rows decided in
/// batches): what a row gets depends on the whole base and the history, never on its batch; a
/// base longer than a sheet continues on «Base (2)», … and comes back with its edits.
struct StreamingProcessTests {
    let today = CalendarDate(year: 2024, month: 3, day: 22)

    private func processor(out: String) throws -> BaseProcessor {
        try BaseProcessor(templates: try templates(), today: today, language: .es, outFolder: out)
    }

    /// Every sheet, every cell.
    private func workbook(_ path: String) throws -> [String: [Int: [Int: CellValue]]] {
        let book = try SpreadsheetFile.open(path: path)
        var out: [String: [Int: [Int: CellValue]]] = [:]
        for sheet in book.sheets { out[sheet.name] = try cells(path, sheet: sheet.name) }
        return out
    }

    /// The tipificador's recurrence is counted from each cuenta's contacts noted in the first
    /// pass and the history's earlier ones. Two days of forms into one history (the second
    /// day's customers calling again): every row's «Contactos del día» and «Contactos 7 d» are
    /// the counts of its cuenta's rows in both CSVs, counted here from the CSVs themselves.
    @Test(arguments: ["sqlite", "postgres"]) func aTipificadorCountsEachCuentasContactsAcrossBasesAndBatches(_ backend: String) throws {
        let dir = try Repository.temporaryFolder("celda-streaming-tip")
        var generator = SampleGenerator(seed: 8)
        try FileManager.default.createDirectory(atPath: dir + "/d1", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/d2", withIntermediateDirectories: true)
        // Over two batches of the second pass (4,096 rows each).
        try generator.writeTipificador(to: dir + "/d1/Formulario 20-03.csv", rows: 5_000)
        // The next export: the same customers calling again on Saturday the 23rd (new forms,
        // the cuentas of the first), so their recurrence needs the history's contacts.
        let firstDay = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: dir + "/d1/Formulario 20-03.csv")), encoding: .windowsCP1252))
        let again = firstDay.split(separator: "\r\n").enumerated().map { i, line in
            i == 0 ? String(line) : "23/03/2024 10:" + String(format: "%02d", i % 60) + String(line.dropFirst(16))
        }.joined(separator: "\r\n") + "\r\n"
        try again.data(using: .windowsCP1252)!.write(to: URL(fileURLWithPath: dir + "/d2/Formulario 23-03.csv"))
        // Each CSV line's cuenta and day (its marca temporal, dd/mm/aaaa hh:mm), and the
        // contacts per cuenta and day over both.
        func contactsOf(_ text: String) -> [(cuenta: String, day: Int)?] {
            text.split(separator: "\r\n").dropFirst().map { line in
                let fields = line.split(separator: ";", omittingEmptySubsequences: false)
                let date = fields.first.map { $0.prefix(10).split(separator: "/").compactMap { Int($0) } } ?? []
                guard fields.count > 2, date.count == 3 else { return nil }
                return (String(fields[2]), CalendarDate(year: date[2], month: date[1], day: date[0]).dayNumber)
            }
        }
        let lines = [contactsOf(firstDay), contactsOf(again)]
        var perDay: [String: [Int: Int]] = [:]
        for case let (cuenta, day)? in lines.joined() { perDay[cuenta, default: [:]][day, default: 0] += 1 }
        let store = try self.store(backend, dir, "h")
        var p = try processor(out: dir + "/salida")
        p.store = store
        let outputs = [try p.process(dir + "/d1/Formulario 20-03.csv").output, try p.process(dir + "/d2/Formulario 23-03.csv").output]
        for (day, output) in outputs.enumerated() {
            let base = try #require(try workbook(output).first { $0.key.hasPrefix("Formulario") }?.value)
            let header = try #require(base[1])
            func column(_ title: String) throws -> Int { try #require(header.first { $0.value == .text(title) }?.key, "«\(title)»") }
            let (sameDay, window) = (try column("Contactos del día"), try column("Contactos 7 d"))
            var checked = 0, repeated = 0
            // The gestionado's row r is the CSV's line r (both with the header first).
            for (i, contact) in lines[day].enumerated() {
                // Only cuentas of digits count (one with letters is the filler's error, not a contact).
                guard let (c, d) = contact, c.allSatisfy(\.isNumber) else { continue }
                let row = try #require(base[i + 2])
                let expectedDay = perDay[c]?[d] ?? 0
                let expectedWindow = (d - 6...d).reduce(0) { $0 + (perDay[c]?[$1] ?? 0) }
                #expect(row[sameDay] == .number(Double(expectedDay)), "day \(day + 1), row \(i + 2), cuenta \(c)")
                #expect(row[window] == .number(Double(expectedWindow)), "day \(day + 1), row \(i + 2), cuenta \(c)")
                checked += 1
                if expectedWindow > 1 { repeated += 1 }
            }
            #expect(checked > 4_500, "day \(day + 1): \(checked) rows checked")
            // The data exercise what the counts must keep: repeat callers, most of Saturday's through the history.
            #expect(repeated > (day == 0 ? 500 : 4_500), "day \(day + 1): \(repeated) repeat contacts")
        }
    }

    /// The cross-row facts of mal escalados (the same HHPP from another floor, …) are noted
    /// over the whole base before any row is decided: the same base with its rows reversed puts
    /// every row in another batch and decides every row alike.
    @Test func everyRowIsDecidedWithTheWholeBasesFacts() throws {
        let dir = try Repository.temporaryFolder("celda-streaming")
        var generator = SampleGenerator(seed: 21)
        let base = try generator.write(into: dir, rows: 9_000)[0]
        let reversed = dir + "/Base al revés.xlsx"
        try OutsidePrograms.python("""
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        head = next(i for i, r in enumerate(rows) if "No. Cuenta" in r) + 1
        out = openpyxl.Workbook()
        o = out.active
        o.title = ws.title
        for r in rows[:head] + rows[head:][::-1]:
            o.append(r)
        out.save(sys.argv[2])
        """, [base, reversed])
        var decided: [[String]] = []
        for file in [base, reversed] {
            let summary = try processor(out: dir + "/salida").process(file)
            #expect(summary.rows == 9_000)
            let sheet = try cells(summary.output, sheet: "Base")
            let header = try #require(sheet[1])
            let causal = try #require(header.first { $0.value == .text("Causal") }?.key)
            let procede = try #require(header.first { $0.value == .text("Procede") }?.key)
            // Each row by its own cells (the base's, before Celda's columns), with what was decided.
            decided.append(sheet.filter { $0.key > 1 }.values.map { row in
                (0..<causal).map { "\(row[$0].map(String.init(describing:)) ?? "")" }.joined(separator: "|")
                    + " → \(row[causal].map(String.init(describing:)) ?? "") / \(row[procede].map(String.init(describing:)) ?? "")"
            }.sorted())
            #expect((summary.causals["ME07"] ?? 0) > 0 && (summary.causals["ME01"] ?? 0) > 0, "the cross-row rules fired: \(summary.causals)")
        }
        #expect(decided[0] == decided[1])
    }

    @Test func aBaseLongerThanASheetContinuesOnTheNextWithItsHeader() throws {
        let dir = try Repository.temporaryFolder("celda-spill")
        var generator = SampleGenerator(seed: 22)
        let base = try generator.write(into: dir, rows: 100)[0]
        do {
            var p = try processor(out: dir + "/salida")
            p.rowsPerSheet = 40
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

    /// With a history the batches go into one transaction as they are decided (5,000 rows,
    /// two batches): every case once, those seen in an earlier base updated and counted from the
    /// day they were first seen, each with the causal its gestionado row shows.
    @Test(arguments: ["sqlite", "postgres"])
    func aBaseGoesIntoTheHistoryBatchByBatch(_ backend: String) throws {
        let dir = try Repository.temporaryFolder("celda-stream-store")
        var generator = SampleGenerator(seed: 24)
        let base = try generator.write(into: dir, rows: 5_000)[0]
        // An earlier day's base with the same first rows: those cases were first seen on 2024-03-20.
        var earlier = SampleGenerator(seed: 24)
        let earlierBase = try earlier.write(into: dir + "/antes", rows: 300)[0]
        let history = try store(backend, dir, "h")
        let everything = (CalendarDate(year: 2000, month: 1, day: 1), today)
        var before = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 20), language: .es,
                                   outFolder: dir + "/antes-salida")
        before.store = history
        _ = try before.process(earlierBase)
        let seenBefore = Set(try history.cases(kind: MalEscaladosKind.id, from: everything.0, to: everything.1).map(\.key))
        #expect(seenBefore.count > 250)

        var p = try processor(out: dir + "/salida")
        p.store = history
        let summary = try p.process(base)
        let stored = try history.cases(kind: MalEscaladosKind.id, from: everything.0, to: everything.1)
        let new = stored.filter { !seenBefore.contains($0.key) }
        #expect(Set(stored.map(\.key)).count == stored.count, "each case once")
        #expect(summary.history?.newCases == new.count && summary.history?.updatedCases == seenBefore.count, "\(String(describing: summary.history))")
        #expect(new.count > 4_000, "\(new.count)")
        #expect(stored.filter { seenBefore.contains($0.key) }.allSatisfy { $0.firstSeen == CalendarDate(year: 2024, month: 3, day: 20) })
        #expect(new.allSatisfy { $0.firstSeen == today })
        // Each new case's causal is its gestionado row's (the code before « · »).
        let sheet = try cells(summary.output, sheet: "Base")
        let causal = try #require(sheet[1]?.first { $0.value == .text("Causal") }?.key)
        // The gestionado's header is its first row: the base's title rows above it are in _celda.
        let input = try cells(base)
        let headerRow = try #require(input.keys.sorted().first { input[$0]?.values.contains(.text("No. Cuenta")) == true })
        var withCausal = 0
        for c in new {
            let shown: String?
            if case .text(let t)? = sheet[c.row - headerRow + 1]?[causal] { shown = t.components(separatedBy: " · ").first } else { shown = nil }
            #expect(c.causalCode == shown, "row \(c.row)")
            if shown != nil { withCausal += 1 }
        }
        #expect(withCausal > 1_000)
    }

    /// A Claro Premium export over two batches whose casos come twice — open in the first
    /// half, closed in the second (a later batch): the history keeps each caso in its last row's
    /// state, and *Agenda de hoy* lists exactly the open rows whose follow-up is due.
    @Test(arguments: ["sqlite", "postgres"]) func aPremiumExportKeepsEachCasosLastRowAndItsAgenda(_ backend: String) throws {
        let dir = try Repository.temporaryFolder("celda-stream-premium")
        let casos = 3_000
        var text = "Número de caso;Fecha creación;Cuenta;Nombre cliente;Tipo de caso;Subcategoría;Asignado a;Fecha compromiso;Estado;Fecha solución\r\n"
        var due = 0
        for closing in [false, true] {
            for i in 0..<casos {
                let opened = 14 + i % 8, follow = 18 + i % 7
                if !closing && follow <= 22 { due += 1 }
                text += ["CP-\(900_000 + i)", String(format: "%02d/03/2024 09:%02d", opened, i % 60), String(71_000_000 + i), "Cliente \(i)",
                         "SAC", "Cartera", ["Laura Méndez", "Óscar Ruiz", ""][i % 3], String(format: "%02d/03/2024", follow),
                         closing ? "Cerrado" : "Abierto", closing ? "22/03/2024 10:00" : ""].joined(separator: ";") + "\r\n"
            }
        }
        let path = dir + "/Casos Claro Premium 22-03.csv"
        try text.data(using: .windowsCP1252)!.write(to: URL(fileURLWithPath: path))
        let history = try store(backend, dir, "h")
        var p = try processor(out: dir + "/salida")
        p.store = history
        let summary = try p.process(path)
        #expect(summary.rows == 2 * casos)
        let stored = try history.premiumCases(from: CalendarDate(year: 2024, month: 3, day: 1), to: CalendarDate(year: 2024, month: 3, day: 31))
        #expect(stored.count == casos)
        #expect(stored.allSatisfy { $0.estado == "Cerrado" && $0.row > casos + 1 }, "each caso in its last row's state")
        let agenda = try cells(summary.output, sheet: "Agenda de hoy")
        let header = try #require(agenda.first { $0.value.values.contains(.text("Caso")) })
        let caso = try #require(header.value.first { $0.value == .text("Caso") }?.key)
        let lines = agenda.filter { $0.key > header.key }.values.filter { if case .text(let t)? = $0[caso] { return t.hasPrefix("CP-") } else { return false } }
        #expect(lines.count == due && due > 2_000, "\(lines.count) agenda lines, \(due) due")
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
