import CeldaCore
import CeldaTestSupport
import Foundation
import Testing
@testable import CeldaStore

/// A kind's own facts (`kind_fact`) on SQLite and PostgreSQL alike: every value type comes back
/// as it went in, the latest file's fact of a key replaces an earlier one, a period reads only
/// its own days of its own kind, a damaged fact is refused naming its table and key, and
/// `celda store export` copies them to the server.
struct KindFactStoreTests {
    static let d1 = CalendarDate(year: 2026, month: 11, day: 2)

    static func fact(_ key: String, day: CalendarDate, kind: String = "asistencia", falta: Bool, file: String) -> KindFact {
        KindFact(kind: kind, key: key, day: day, values: ["agente": .text("Ana «Ñ» Ruiz"), "falta": .flag(falta), "nota": .number(92.5),
                                                            "retiro": .day(d1.adding(days: 18))], sourceFile: file, row: 7)
    }

    private func ingestion(_ sha: String, _ facts: [KindFact]) -> Ingestion {
        Ingestion(sha256: sha, fileName: "\(sha).xlsx", kind: "asistencia", station: "pc-1", output: nil, processedOn: Self.d1, cases: [],
                  kindHistory: .facts(facts))
    }

    @Test(arguments: Backend.allCases) func factsComeBackTypedAndTheLatestFileWins(_ backend: Backend) throws {
        let store = try backend.fresh().store
        let first = [Self.fact("101|2026-11-02", day: Self.d1, falta: false, file: "a"), Self.fact("102|2026-11-03", day: Self.d1.adding(days: 1), falta: true, file: "a"),
                     Self.fact("x", day: Self.d1, kind: "monitoreo", falta: false, file: "a")]
        _ = try store.ingest(ingestion("a", first))
        #expect(try store.facts(kind: "asistencia", from: Self.d1, to: Self.d1.adding(days: 5)) == Array(first.prefix(2)))
        #expect(try store.facts(kind: "asistencia", from: Self.d1.adding(days: 1), to: Self.d1.adding(days: 1)).map(\.key) == ["102|2026-11-03"])
        // A corrected export says 101 was absent: its fact replaces the first one.
        let corrected = Self.fact("101|2026-11-02", day: Self.d1, falta: true, file: "b")
        _ = try store.ingest(ingestion("b", [corrected]))
        let facts = try store.facts(kind: "asistencia", from: Self.d1, to: Self.d1)
        #expect(facts == [corrected])
        #expect(facts.first?.flag("falta") == true && facts.first?.date("retiro") == Self.d1.adding(days: 18))
        #expect(try store.facts(kind: "monitoreo", from: Self.d1, to: Self.d1).map(\.key) == ["x"])
    }

    @Test(arguments: Backend.allCases) func aDamagedFactIsRefusedNamingIt(_ backend: Backend) throws {
        let t = try backend.fresh()
        _ = try t.store.ingest(ingestion("a", [Self.fact("101|2026-11-02", day: Self.d1, falta: false, file: "a")]))
        try t.execute("UPDATE kind_fact SET data = 'no es json'")
        #expect(throws: StoreError.badValue(location: t.location, table: "kind_fact", rowID: "101|2026-11-02", column: "data", expected: .text,
                                            found: "no es json")) {
            try t.reopen().facts(kind: "asistencia", from: Self.d1, to: Self.d1)
        }
    }

    @Test func anExportCopiesTheFactsToTheServer() throws {
        let sqlite = try Backend.sqlite.fresh()
        let facts = [Self.fact("101|2026-11-02", day: Self.d1, falta: true, file: "a")]
        _ = try sqlite.store.ingest(ingestion("a", facts))
        let server = try Backend.postgres.fresh()
        let postgres = try #require(server.store as? PostgresStore)
        _ = try postgres.copyHistory(from: try #require(sqlite.store as? SQLiteStore))
        #expect(try postgres.facts(kind: "asistencia", from: Self.d1, to: Self.d1) == facts)
        // Again: nothing copied twice.
        _ = try postgres.copyHistory(from: try #require(sqlite.store as? SQLiteStore))
        #expect(try server.text("SELECT count(*) FROM kind_fact") == "1")
    }
}
