import CeldaCore
import CeldaTestSupport
import Foundation
import GRDB
import Testing
@testable import CeldaStore

/// What only the SQLite file has: upgrading a file an older Celda wrote, and every way a file can
/// be unusable. What every store does is in `HistoryStoreTests`, on both backends.
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

    @Test func aPreviousVersionIsUpgradedKeepingItsData() throws {
        let file = try path()
        let old = try DatabaseQueue(path: file)
        try Schema.migrator.migrate(old, upTo: "v1 history")
        try old.write { db in
            try db.execute(sql: "INSERT INTO ingested_file (sha256, name, kind, station, rows, processed_on, ingested_at) VALUES ('aa', 'viejo.csv', 'tipificador', 'pc', 0, '2024-03-01', '2024-03-01')")
        }
        try old.close()
        let store = try SQLiteStore(path: file)
        #expect(try store.appliedMigrations() == ["v1 history", "v2 decisions by case", "v3 premium", "v4 period index", "v5 reclamacion answers", "v6 kind facts", "v7 mail ledger"])
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
}
