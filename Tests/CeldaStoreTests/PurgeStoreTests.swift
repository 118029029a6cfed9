import CeldaCore
import Foundation
import Testing
@testable import CeldaStore

/// The purge on SQLite and PostgreSQL alike: each kind by its own day, a case seen again later
/// kept, sightings and decisions with their case, a dry run that counts exactly and keeps all.
struct PurgeStoreTests {
    static let d = CalendarDate(year: 2026, month: 3, day: 1)

    func mal(_ cuenta: String, day: CalendarDate) -> CaseRecord {
        var c = HistoryStoreTests.tipificador(cuenta, day: day)
        c.kind = "mal-escalados"
        return c
    }

    @Test(arguments: Backend.allCases) func eachKindGoesByItsOwnDayAndADryRunKeepsAll(_ backend: Backend) throws {
        let t = try backend.fresh()
        let store = t.store
        // Old mal-escalados (two), one seen again on the 1st; tipificador cases 3 and 10 days before.
        _ = try store.ingest(Ingestion(sha256: "a", fileName: "a.xlsx", kind: "mal-escalados", station: "pc", output: nil, processedOn: Self.d.adding(days: -20),
                                       cases: [mal("1", day: Self.d.adding(days: -20)), mal("2", day: Self.d.adding(days: -20))]))
        _ = try store.ingest(Ingestion(sha256: "b", fileName: "b.xlsx", kind: "mal-escalados", station: "pc", output: nil, processedOn: Self.d,
                                       cases: [mal("2", day: Self.d.adding(days: -20)), mal("3", day: Self.d)]))
        _ = try store.ingest(HistoryStoreTests.ingestion("c", [HistoryStoreTests.tipificador("7", day: Self.d.adding(days: -3))], on: Self.d.adding(days: -3)))
        _ = try store.ingest(HistoryStoreTests.ingestion("e", [HistoryStoreTests.tipificador("8", day: Self.d.adding(days: -10))], on: Self.d.adding(days: -10)))
        let cutoffs = PurgeCutoffs(cases: Self.d, byKind: ["tipificador": Self.d.adding(days: -7)], premiumCases: Self.d.adding(days: -60), dated: Self.d)
        let dry = try store.purge(cutoffs, dryRun: true)
        #expect(dry.cases == 2, "mal-escalados 1 (case 2 was seen on the 1st) and tipificador 8 (10 days before; 7 is in the window)")
        #expect(dry.sightings == 2)
        #expect(try store.cases(kind: "mal-escalados", from: Self.d.adding(days: -30), to: Self.d).count == 3, "a dry run keeps everything")
        let real = try store.purge(cutoffs, dryRun: false)
        #expect(real == dry)
        #expect(try store.cases(kind: "mal-escalados", from: Self.d.adding(days: -30), to: Self.d).compactMap(\.cuenta).sorted() == ["2", "3"])
        #expect(try store.cases(kind: "tipificador", from: Self.d.adding(days: -30), to: Self.d).compactMap(\.cuenta) == ["7"])
        #expect(try store.purge(cutoffs, dryRun: false).total == 0)
    }
}
