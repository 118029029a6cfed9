import CeldaCore
import CeldaTestSupport
import Foundation
import GRDB
import Testing
@testable import CeldaStore

/// What every store must do, on SQLite and on PostgreSQL alike: migrations, one transaction per
/// file, the same content once, a case seen again updated (never a second case), periods.
struct HistoryStoreTests {
    static let day = CalendarDate(year: 2024, month: 3, day: 18)

    static func tipificador(_ cuenta: String, day: CalendarDate, estado: String = "Pendiente", causal: String = "A", row: Int = 2) -> CaseRecord {
        CaseRecord(kind: "tipificador", key: "\(cuenta)|\(day)", sourceFile: "Tipificador \(day).csv", sheet: "Hoja1", row: row, date: day,
                   firstSeen: day, cuenta: cuenta, asesor: "Ana", causalCode: causal, causal: causal + " · x", estado: estado)
    }

    static func ingestion(_ sha: String, _ cases: [CaseRecord], on day: CalendarDate = HistoryStoreTests.day, station: String = "pc-1") -> Ingestion {
        Ingestion(sha256: sha, fileName: "\(sha).csv", kind: "tipificador", station: station, output: "/salida/\(sha).xlsx", processedOn: day, cases: cases)
    }

    private func tipificador(_ cuenta: String, day: CalendarDate, estado: String = "Pendiente", causal: String = "A", row: Int = 2) -> CaseRecord {
        Self.tipificador(cuenta, day: day, estado: estado, causal: causal, row: row)
    }

    private func ingestion(_ sha: String, _ cases: [CaseRecord], on day: CalendarDate = HistoryStoreTests.day) -> Ingestion {
        Self.ingestion(sha, cases, on: day)
    }

    @Test(arguments: Backend.allCases) func anEmptyStoreGetsEveryMigration(_ backend: Backend) throws {
        let t = try backend.fresh()
        #expect(try t.appliedMigrations() == ["v1 history", "v2 decisions by case", "v3 premium", "v4 period index", "v5 reclamacion answers", "v6 kind facts", "v7 mail ledger"])
        // Opened again: nothing applied twice, nothing refused.
        _ = try t.reopen()
        #expect(try t.appliedMigrations() == ["v1 history", "v2 decisions by case", "v3 premium", "v4 period index", "v5 reclamacion answers", "v6 kind facts", "v7 mail ledger"])
    }

    @Test(arguments: Backend.allCases) func theSameContentTwiceAddsNothing(_ backend: Backend) throws {
        let store = try backend.fresh().store
        let cases = [tipificador("1", day: Self.day), tipificador("2", day: Self.day, row: 3)]
        #expect(try store.ingest(ingestion("cc", cases)) == .added(newCases: 2, updatedCases: 0))
        guard case .alreadyIngested(let before) = try store.ingest(ingestion("cc", cases)) else { Issue.record("not recognised"); return }
        #expect(before == IngestedFile(name: "cc.csv", station: "pc-1", output: "/salida/cc.xlsx", processedOn: "2024-03-18", rows: 2))
        #expect(try store.file(sha256: "cc") == before)
        #expect(try store.file(sha256: "nada") == nil)
        #expect(try store.cases(kind: "tipificador", from: Self.day, to: Self.day).count == 2)
    }

    /// A key met twice in one file is one case: opened by its first row, updated by the next.
    @Test(arguments: Backend.allCases) func aKeyTwiceInOneFileIsOneCase(_ backend: Backend) throws {
        let store = try backend.fresh().store
        var second = tipificador("4", day: Self.day, estado: "Solucionado", row: 3)
        second.asesorID = "77"
        #expect(try store.ingest(ingestion("dup", [tipificador("4", day: Self.day), second])) == .added(newCases: 1, updatedCases: 1))
        let stored = try store.cases(kind: "tipificador", from: Self.day, to: Self.day)
        #expect(stored.count == 1)
        #expect(stored.first?.row == 2 && stored.first?.estado == "Solucionado" && stored.first?.asesorID == "77")
    }

    /// A case met again — later in the same file or in a later file — takes the later row's
    /// state; an advisor id, a supervisor and an answer stay until a row gives one (an answer's
    /// date only with its answer); where and when it was first met stays.
    @Test(arguments: Backend.allCases) func aCaseMetAgainKeepsWhatTheLaterRowDoesNotGive(_ backend: Backend) throws {
        var first = tipificador("4", day: Self.day)
        first.supervisor = "Marta"; first.motivo = "m1"; first.respuesta = "Aceptada"; first.respuestaFecha = Self.day
        var again = tipificador("4", day: Self.day.adding(days: 1), estado: "Solucionado", causal: "B", row: 9)
        again.key = first.key; again.firstSeen = Self.day.adding(days: 1); again.sourceFile = "otra.csv"; again.sheet = "Hoja2"
        again.cuenta = "44"; again.asesor = "Otra"; again.asesorID = "77"; again.motivo = "m2"; again.evidence = "e"; again.procede = "Sí"
        again.area = "Soporte"; again.observaciones = "obs"; again.formErrors = [FormError(.other, "x")]
        again.respuestaFecha = Self.day.adding(days: 5)   // without an answer: not taken
        var expected = first
        expected.causalCode = again.causalCode; expected.causal = again.causal; expected.evidence = again.evidence
        expected.procede = again.procede; expected.estado = again.estado; expected.area = again.area
        expected.observaciones = again.observaciones; expected.formErrors = again.formErrors; expected.asesorID = again.asesorID
        for split in [false, true] {
            let store = try backend.fresh().store
            if split {
                _ = try store.ingest(ingestion("m1", [first]))
                _ = try store.ingest(ingestion("m2", [again], on: Self.day.adding(days: 1)))
            } else {
                _ = try store.ingest(ingestion("m", [first, again]))
            }
            #expect(try store.cases(kind: "tipificador", from: Self.day, to: Self.day) == [expected], "split: \(split)")
        }
    }

    /// Everything a case holds comes back as it went in: accents, quotes, tabs, backslashes,
    /// newlines, empty strings and absent values (nil), with its form errors' codes.
    @Test(arguments: Backend.allCases) func everyFieldComesBackAsItWentIn(_ backend: Backend) throws {
        let store = try backend.fresh().store
        var c = CaseRecord(kind: "mal-escalados", key: "k\t\\1|\"x\"", sourceFile: "Base Ñandú 'a'.xlsx", sheet: "Hoja\\1", row: 17,
                           date: Self.day, secondsOfDay: 3600, firstSeen: Self.day, cuenta: "", asesor: "José\nPérez", asesorID: nil,
                           supervisor: "Sup\r\n", causalCode: "ME11", causal: "ME11 · Sin incidencia", evidence: "a\tb", procede: "Procede",
                           estado: "Pendiente", area: nil, motivo: "{\"json\": [1,2]}", observaciones: "\\N", formErrors: [])
        c.formErrors = [FormError(.invalidAccount, "cuenta «12\n3a» no válida")]
        var undated = CaseRecord(kind: "mal-escalados", key: "sin fecha", sourceFile: "b.xlsx", sheet: "S", row: 3, date: nil,
                                 firstSeen: Self.day, estado: "Abierto")
        undated.observaciones = "—"
        _ = try store.ingest(Ingestion(sha256: "all", fileName: "all.xlsx", kind: "mal-escalados", station: "pc", output: nil,
                                       processedOn: Self.day, cases: [c, undated]))
        let back = try store.cases(kind: "mal-escalados", from: Self.day, to: Self.day)
        #expect(back == [undated, c], "NULL times first, as SQLite orders them")
    }

    /// Form errors come back with their codes; a history written before the codes reads as `otro`.
    @Test(arguments: Backend.allCases) func formErrorsKeepTheirCodesAndWords(_ backend: Backend) throws {
        let t = try backend.fresh()
        var form = tipificador("5", day: Self.day)
        form.formErrors = [FormError(.invalidAccount, "cuenta «12\n3a» no válida"), FormError(.causalContradictsMotivo, "causal A contradice")]
        _ = try t.store.ingest(ingestion("fe", [form]))
        var legacy = tipificador("6", day: Self.day, row: 3)
        legacy.formErrors = [FormError(.missingRequired, "placeholder")]
        _ = try t.store.ingest(ingestion("fl", [legacy]))
        try t.execute("UPDATE case_record SET form_errors = 'falta el motivo' || chr(10) || 'cuenta inválida' WHERE cuenta = '6'"
                      .replacingOccurrences(of: "chr(10)", with: backend == .sqlite ? "char(10)" : "chr(10)"))
        let stored = try t.reopen().cases(kind: "tipificador", from: Self.day, to: Self.day)
        #expect(stored.first { $0.cuenta == "5" }?.formErrors == form.formErrors)
        #expect(stored.first { $0.cuenta == "6" }?.formErrors == [FormError(.other, "falta el motivo"), FormError(.other, "cuenta inválida")])
    }

    /// Gestión Soporte's answer (v5) stays when a later base does not repeat it, and its date
    /// goes with it: a new answer without a date does not keep the old answer's date.
    @Test(arguments: Backend.allCases) func anAnswerStaysAndItsDateGoesWithIt(_ backend: Backend) throws {
        let t = try backend.fresh()
        var c = tipificador("8", day: Self.day)
        c.respuesta = "Aceptada"
        c.respuestaFecha = Self.day.adding(days: 1)
        _ = try t.store.ingest(ingestion("r1", [c]))
        var later = tipificador("8", day: Self.day, estado: "Cerrado")
        _ = try t.store.ingest(ingestion("r2", [later], on: Self.day.adding(days: 2)))
        var stored = try #require(try t.reopen().cases(kind: "tipificador", from: Self.day, to: Self.day).first)
        #expect(stored.respuesta == "Aceptada" && stored.respuestaFecha == Self.day.adding(days: 1) && stored.estado == "Cerrado")
        later.respuesta = "Rechazada"
        _ = try t.store.ingest(ingestion("r3", [later], on: Self.day.adding(days: 3)))
        stored = try #require(try t.reopen().cases(kind: "tipificador", from: Self.day, to: Self.day).first)
        #expect(stored.respuesta == "Rechazada" && stored.respuestaFecha == nil)
    }

    /// What the reports are judged as of, and the spellings they count names by.
    @Test(arguments: Backend.allCases) func theLatestDayProcessedAndTheSpellingsOfAPeriod(_ backend: Backend) throws {
        let store = try backend.fresh().store
        #expect(try store.latestProcessedOn(kind: "tipificador") == nil)
        var a = tipificador("1", day: Self.day), b = tipificador("2", day: Self.day, row: 3), c = tipificador("3", day: Self.day, row: 4)
        a.asesor = "SOFÍA DÍAZ"; b.asesor = "Sofía Díaz"; c.asesor = "Sofía Díaz"; c.supervisor = "Marta"
        _ = try store.ingest(ingestion("n1", [a, b], on: Self.day.adding(days: 2)))
        _ = try store.ingest(ingestion("n2", [c], on: Self.day.adding(days: 1)))
        #expect(try store.latestProcessedOn(kind: "tipificador") == Self.day.adding(days: 2))
        #expect(try store.latestProcessedOn(kind: "mal-escalados") == nil)
        let names = try store.nameCounts(kind: "tipificador", from: Self.day, to: Self.day)
        #expect(names == NameCounts(asesores: ["SOFÍA DÍAZ": 1, "Sofía Díaz": 2], supervisors: ["Marta": 1], rows: 3))
    }

    /// A case in a later base is the same case: its latest state, its first day kept.
    @Test(arguments: Backend.allCases) func aCaseSeenAgainIsUpdatedNotDoubled(_ backend: Backend) throws {
        let store = try backend.fresh().store
        let monday = Self.day, thursday = monday.adding(days: 3)
        _ = try store.ingest(ingestion("d1", [tipificador("7", day: monday)], on: monday))
        var again = tipificador("7", day: monday, estado: "Solucionado")
        again.firstSeen = thursday
        var second = ingestion("d2", [again], on: thursday)
        second.decisions = [again.key: ["estado": "Solucionado"]]
        #expect(try store.ingest(second) == .added(newCases: 0, updatedCases: 1))
        let stored = try store.cases(kind: "tipificador", from: monday, to: thursday)
        #expect(stored.count == 1)
        #expect(stored.first?.estado == "Solucionado")
        #expect(stored.first?.firstSeen == monday, "first seen stays the first day")
        #expect(try store.firstSeen(kind: "tipificador", keys: [again.key, "nunca|visto"]) == [again.key: monday])
    }

    @Test(arguments: Backend.allCases) func periodsAndContactsSelectByTheCaseDay(_ backend: Backend) throws {
        let store = try backend.fresh().store
        let days = (0..<10).map { Self.day.adding(days: $0) }
        _ = try store.ingest(ingestion("e", days.enumerated().map { tipificador("9", day: $1, row: $0 + 2) }))
        #expect(try store.cases(kind: "tipificador", from: days[2], to: days[4]).map(\.date) == [days[2], days[3], days[4]])
        let contacts = try store.contacts(kind: "tipificador", from: days[0], to: days[6])
        #expect(contacts.count == 7)
        #expect(contacts.map(\.contact.day).sorted() == Array(days[0...6]))
        #expect(try store.cases(kind: "mal-escalados", from: days[0], to: days[9]).isEmpty)
    }

    /// Many keys at once (SQLite binds them in slices; PostgreSQL as one array).
    @Test(arguments: Backend.allCases) func firstSeenOfManyKeys(_ backend: Backend) throws {
        let store = try backend.fresh().store
        let cases = (0..<1_200).map { tipificador(String(1000 + $0), day: Self.day, row: $0 + 2) }
        _ = try store.ingest(ingestion("many", cases))
        let keys = Set(cases.map(\.key) + ["otra \"clave\"", "con \\ barra"])
        #expect(try store.firstSeen(kind: "tipificador", keys: keys).count == 1_200)
    }

    /// A period is read one case at a time in Detalle's order — day, time (none first), source
    /// file by its bytes, row — across more rows than one PostgreSQL page, the same cases as
    /// `cases(…)`; a body that throws stops the reading and leaves the store usable.
    @Test(arguments: Backend.allCases) func aPeriodStreamsInDetalleOrder(_ backend: Backend) throws {
        let store = try backend.fresh().store
        let days = (0..<3).map { Self.day.adding(days: $0) }
        var cases: [CaseRecord] = []
        for i in 0..<12_001 {
            var c = tipificador(String(100_000 + i), day: days[i % 3], row: 2 + (i * 7919) % 12_001)
            c.key = "k\(i)"
            c.sourceFile = ["b.xlsx", "B.xlsx", "a.xlsx", "ñ.xlsx"][i % 4]
            c.secondsOfDay = i % 5 == 0 ? nil : (i * 37) % 86_400
            cases.append(c)
        }
        _ = try store.ingest(ingestion("stream", cases.reversed()))
        var streamed: [CaseRecord] = []
        try store.forEachCase(kind: "tipificador", from: days[0], to: days[2]) { streamed.append($0) }
        #expect(streamed.count == cases.count)
        let expected = cases.sorted { a, b in
            if a.day != b.day { return a.day < b.day }
            if a.secondsOfDay != b.secondsOfDay { return (a.secondsOfDay ?? -1) < (b.secondsOfDay ?? -1) }
            if a.sourceFile != b.sourceFile { return Array(a.sourceFile.utf8).lexicographicallyPrecedes(Array(b.sourceFile.utf8)) }
            return a.row < b.row
        }
        #expect(streamed.map(\.key) == expected.map(\.key))
        #expect(try store.cases(kind: "tipificador", from: days[1], to: days[1]).map(\.key) == expected.filter { $0.day == days[1] }.map(\.key))

        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try store.forEachCase(kind: "tipificador", from: days[0], to: days[2]) { _ in
                seen += 1
                if seen == 6_000 { throw Stop() }
            }
        }
        #expect(seen == 6_000, "nothing read after the body threw")
        #expect(try store.ingest(ingestion("after", [tipificador("1", day: days[0], row: 99_999)])) == .added(newCases: 1, updatedCases: 0))
        #expect(try store.cases(kind: "tipificador", from: days[0], to: days[2]).count == cases.count + 1)
    }

    /// The period query goes through `case_by_kind_period` (v4): on SQLite with no sort of its
    /// own; on PostgreSQL, with statistics, a day out of a month of cases is an index scan.
    @Test(arguments: Backend.allCases) func thePeriodQueryUsesThePeriodIndex(_ backend: Backend) throws {
        let t = try backend.fresh()
        let cases = (0..<6_000).map { i in
            var c = tipificador(String(i), day: Self.day.adding(days: i % 30), row: i + 2)
            c.key = "k\(i)"
            return c
        }
        _ = try t.store.ingest(ingestion("plan", cases))
        switch t.backend {
        case .sqlite:
            let plan = try DatabaseQueue(path: t.location).read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.periodCasesSQL,
                                 arguments: ["tipificador", "2024-03-18", "2024-03-31"]).map { $0["detail"] as String }
            }.joined(separator: "\n")
            #expect(plan.contains("USING INDEX case_by_kind_period"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "the index gives the order: \(plan)")
        case .postgres:
            #expect(try PostgresTestServer.psql(t.location, "SELECT indexdef FROM pg_indexes WHERE indexname = 'case_by_kind_period'")
                        .contains("COALESCE(day, first_seen)"))
            _ = try PostgresTestServer.psql(t.location, "ANALYZE case_record")
            let plan = try PostgresTestServer.psql(t.location, """
                EXPLAIN SELECT * FROM case_record WHERE kind = 'tipificador' AND COALESCE(day, first_seen) BETWEEN '2024-03-20' AND '2024-03-20'
                ORDER BY COALESCE(day, first_seen), seconds_of_day NULLS FIRST, source_file COLLATE "C", "row"
                """)
            #expect(plan.contains("case_by_kind_period") && !plan.contains("Seq Scan"), "\(plan)")
        }
    }
}
