import CeldaCore
import CeldaTestSupport
import Foundation
import GRDB
import Testing
@testable import CeldaStore

/// The real SQLite file through GRDB: migrations, one transaction per file, the same content
/// once, a case seen again updated (never a second case), and every way a store can be unusable.
struct SQLiteStoreTests {
    static let day = CalendarDate(year: 2024, month: 3, day: 18)

    private func path() throws -> String { try Repository.temporaryFolder("celda-store") + "/celda.sqlite" }

    private func tipificador(_ cuenta: String, day: CalendarDate, estado: String = "Pendiente", causal: String = "A", row: Int = 2) -> CaseRecord {
        CaseRecord(kind: "tipificador", key: "\(cuenta)|\(day)", sourceFile: "Tipificador \(day).csv", sheet: "Hoja1", row: row, date: day,
                   firstSeen: day, cuenta: cuenta, asesor: "Ana", causalCode: causal, causal: causal + " · x", estado: estado)
    }

    private func ingestion(_ sha: String, _ cases: [CaseRecord], on day: CalendarDate = SQLiteStoreTests.day) -> Ingestion {
        Ingestion(sha256: sha, fileName: "\(sha).csv", kind: "tipificador", station: "pc-1", output: "/salida/\(sha).xlsx", processedOn: day, cases: cases)
    }

    @Test func anEmptyFileGetsEveryMigration() throws {
        let store = try SQLiteStore(path: try path())
        #expect(try store.appliedMigrations() == ["v1 history", "v2 decisions by case", "v3 premium"])
    }

    @Test func aPreviousVersionIsUpgradedKeepingItsData() throws {
        let file = try path()
        let old = try DatabaseQueue(path: file)
        try Schema.migrator.migrate(old, upTo: "v1 history")
        try old.write { db in
            try db.execute(sql: "INSERT INTO ingested_file (sha256, name, kind, station, rows, processed_on, ingested_at) VALUES ('aa', 'viejo.csv', 'tipificador', 'pc', 0, '2024-03-01', '2024-03-01')")
        }
        try old.close()
        let store = try SQLiteStore(path: file)
        #expect(try store.appliedMigrations() == ["v1 history", "v2 decisions by case", "v3 premium"])
        #expect(try store.file(sha256: "aa")?.name == "viejo.csv")
    }

    @Test func aNewerVersionIsRefusedNotTouched() throws {
        let file = try path()
        _ = try SQLiteStore(path: file)
        let db = try DatabaseQueue(path: file)
        try db.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9 del futuro')") }
        try db.close()
        #expect(throws: StoreError.newerVersion(path: file, unknownMigrations: ["v9 del futuro"])) { try SQLiteStore(path: file) }
    }

    @Test func aFileThatIsNotADatabaseIsCorrupt() throws {
        let file = try path()
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: file))
        #expect { try SQLiteStore(path: file) } throws: { error in
            if case .corrupt(file, _)? = error as? StoreError { return true }
            return false
        }
    }

    @Test func aLockedStoreIsSaidAfterWaiting() throws {
        let file = try path()
        let store = try SQLiteStore(path: file, busyTimeout: 0.2)
        let other = try DatabaseQueue(path: file)
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        // Another program holds an exclusive transaction while Celda tries to write.
        DispatchQueue.global().async {
            try? other.inTransaction(.exclusive) { _ in
                locked.signal()
                release.wait()
                return .rollback
            }
            done.signal()
        }
        locked.wait()
        #expect(throws: StoreError.locked(path: file)) { try store.ingest(ingestion("bb", [tipificador("1", day: SQLiteStoreTests.day)])) }
        release.signal()
        done.wait()
        #expect(try store.ingest(ingestion("bb", [tipificador("1", day: SQLiteStoreTests.day)])) == .added(newCases: 1, updatedCases: 0))
    }

    @Test func theSameContentTwiceAddsNothing() throws {
        let store = try SQLiteStore(path: try path())
        let cases = [tipificador("1", day: SQLiteStoreTests.day), tipificador("2", day: SQLiteStoreTests.day, row: 3)]
        #expect(try store.ingest(ingestion("cc", cases)) == .added(newCases: 2, updatedCases: 0))
        guard case .alreadyIngested(let before) = try store.ingest(ingestion("cc", cases)) else { Issue.record("not recognised"); return }
        #expect(before.name == "cc.csv" && before.station == "pc-1" && before.processedOn == "2024-03-18")
        #expect(try store.cases(kind: "tipificador", from: SQLiteStoreTests.day, to: SQLiteStoreTests.day).count == 2)
    }

    /// Form errors come back with their codes (the compromisos total them by code) and their
    /// words whole, a newline inside included; a history written before the codes reads as `otro`.
    @Test func formErrorsKeepTheirCodesAndWords() throws {
        let file = try path()
        let store = try SQLiteStore(path: file)
        var form = tipificador("5", day: SQLiteStoreTests.day)
        form.formErrors = [FormError(.invalidAccount, "cuenta «12\n3a» no válida"), FormError(.causalContradictsMotivo, "causal A contradice")]
        _ = try store.ingest(ingestion("fe", [form]))
        var legacy = tipificador("6", day: SQLiteStoreTests.day, row: 3)
        legacy.formErrors = [FormError(.missingRequired, "placeholder")]
        _ = try store.ingest(ingestion("fl", [legacy]))
        try DatabaseQueue(path: file).write { db in
            try db.execute(sql: "UPDATE case_record SET form_errors = ? WHERE cuenta = '6'", arguments: ["falta el motivo\ncuenta inválida"])
        }
        let stored = try SQLiteStore(path: file).cases(kind: "tipificador", from: SQLiteStoreTests.day, to: SQLiteStoreTests.day)
        #expect(stored.first { $0.cuenta == "5" }?.formErrors == form.formErrors)
        #expect(stored.first { $0.cuenta == "6" }?.formErrors == [FormError(.other, "falta el motivo"), FormError(.other, "cuenta inválida")])
    }

    /// A case in a later base is the same case: its latest state, its first day kept.
    @Test func aCaseSeenAgainIsUpdatedNotDoubled() throws {
        let store = try SQLiteStore(path: try path())
        let monday = SQLiteStoreTests.day, thursday = monday.adding(days: 3)
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
        #expect(try store.firstSeen(kind: "tipificador", keys: [again.key]) == [again.key: monday])
    }

    @Test func periodsAndContactsSelectByTheCaseDay() throws {
        let store = try SQLiteStore(path: try path())
        let days = (0..<10).map { SQLiteStoreTests.day.adding(days: $0) }
        _ = try store.ingest(ingestion("e", days.enumerated().map { tipificador("9", day: $1, row: $0 + 2) }))
        #expect(try store.cases(kind: "tipificador", from: days[2], to: days[4]).map(\.date) == [days[2], days[3], days[4]])
        #expect(try store.contacts(kind: "tipificador", from: days[0], to: days[6]).count == 7)
        #expect(try store.cases(kind: "mal-escalados", from: days[0], to: days[9]).isEmpty)
    }
}
