import CeldaCore
import CeldaPipeline
import CeldaStore
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// `celda report mal-escalados` streams the period from the store into the workbook: on a real
/// SQLite file and on a real PostgreSQL server (more cases than one page of its cursor), every
/// stored case of the week is a Detalle row, in the store's order, once; both backends write
/// the same workbook; the native pivot table is there (its items noted while the rows streamed).
struct ConsolidadoFromStoreTests {
    static let week = ReportPeriod(.week, containing: CalendarDate(year: 2024, month: 3, day: 20))
    static let count = 12_001

    /// Mal-escalados cases over the week and the days either side; a third no procede.
    static func cases() -> [CaseRecord] {
        let causales = ["ME01", "ME03", "ME06", "ME11"], asesores = ["Ana Gómez", "Luis Díaz", "María Ñúñez"]
        return (0..<count + 300).map { i in
            let day = week.first.adding(days: i < count ? i % 7 : (i % 2 == 0 ? -1 : 7))
            return CaseRecord(kind: "mal-escalados", key: "k\(i)", sourceFile: "Base \(i % 3).xlsx", sheet: "Base", row: 2 + i, date: day,
                              secondsOfDay: i % 11 == 0 ? nil : (i * 61) % 86_400, firstSeen: day, cuenta: String(format: "55%08d", i),
                              asesor: asesores[i % 3], supervisor: "Sup \(i % 4)", causalCode: causales[i % 4], causal: causales[i % 4],
                              procede: i % 3 == 0 ? "No procede" : "Procede", estado: "Pendiente")
        }
    }

    func report(_ store: HistoryStore) throws -> (path: String, cases: Int) {
        _ = try store.ingest(Ingestion(sha256: "semana", fileName: "Base.xlsx", kind: "mal-escalados", station: "pc", output: nil,
                                       processedOn: Self.week.last, cases: Self.cases()))
        let folder = try Repository.temporaryFolder("celda-consolidado-store")
        let maker = ReportMaker(templates: try templates(), store: store, language: .es, outFolder: folder)
        #expect(try maker.make(.malEscalados, period: ReportPeriod(.week, containing: Self.week.first.adding(days: 14)), today: Self.week.last) == .noData)
        guard case .written(let path, let cases) = try maker.make(.malEscalados, period: Self.week, today: Self.week.last) else {
            Issue.record("no report")
            return ("", 0)
        }
        return (path, cases)
    }

    /// Cuenta (column B) of every Detalle row, in order.
    func detailCuentas(_ path: String) throws -> [String] {
        let rows = try cells(path, sheet: "Detalle")
        return rows.keys.sorted().dropFirst().map { r in
            if case .text(let s)? = rows[r]?[1] { return s }
            return "?"
        }
    }

    @Test func bothBackendsStreamEveryCaseOfTheWeekInStoreOrder() throws {
        let sqlite = try SQLiteStore(path: try Repository.temporaryFolder("celda-consolidado-store") + "/celda.sqlite")
        let postgres = try PostgresStore(url: try PostgresTestServer.freshDatabase())
        let a = try report(sqlite), b = try report(postgres)
        #expect(a.cases == Self.count && b.cases == Self.count)
        let stored = try sqlite.cases(kind: "mal-escalados", from: Self.week.first, to: Self.week.last).map { $0.cuenta ?? "" }
        #expect(stored.count == Self.count)
        let fromSQLite = try detailCuentas(a.path), fromPostgres = try detailCuentas(b.path)
        #expect(fromSQLite == stored, "Detalle in the store's order, every case once")
        #expect(fromPostgres == stored, "the same order from PostgreSQL (NULL times first, files by their bytes)")
        for sheet in ["Resumen por causal", "Asesor × causal", "Indicadores", "Reclamaciones"] {
            #expect(try cells(a.path, sheet: sheet) == cells(b.path, sheet: sheet), "\(sheet)")
        }
        let reclamaciones = try cells(a.path, sheet: "Reclamaciones")
        #expect(reclamaciones.keys.filter { $0 > 4 }.count == Self.cases().prefix(Self.count).filter { $0.procede == "No procede" }.count)
        let pivot = try #require(try OutsidePrograms.zipEntry(a.path, "xl/pivotCache/pivotCacheDefinition1.xml"))
        #expect(pivot.contains("ref=\"A1:Q\(Self.count + 1)\""), "the pivot covers every Detalle row: \(pivot.prefix(600))")
    }

    /// `celda report reclamaciones`: the no-procede cases of the week, streamed to disk and into
    /// the form (their count heads it), from both backends; a week with none writes nothing.
    @Test func theReclamacionesFormHoldsEveryNoProcedeCaseOfTheWeek() throws {
        let expected = Self.cases().prefix(Self.count).filter { $0.procede == "No procede" }
        let expectedOrder = try SQLiteStore(path: try Repository.temporaryFolder("celda-reclamaciones") + "/orden.sqlite")
        _ = try expectedOrder.ingest(Ingestion(sha256: "semana", fileName: "Base.xlsx", kind: "mal-escalados", station: "pc", output: nil,
                                                processedOn: Self.week.last, cases: Array(expected)))
        let order = try expectedOrder.cases(kind: "mal-escalados", from: Self.week.first, to: Self.week.last).map { $0.cuenta ?? "" }
        for store in [try SQLiteStore(path: try Repository.temporaryFolder("celda-reclamaciones") + "/celda.sqlite") as HistoryStore,
                      try PostgresStore(url: try PostgresTestServer.freshDatabase())] {
            _ = try store.ingest(Ingestion(sha256: "semana", fileName: "Base.xlsx", kind: "mal-escalados", station: "pc", output: nil,
                                           processedOn: Self.week.last, cases: Self.cases()))
            let folder = try Repository.temporaryFolder("celda-reclamaciones")
            let maker = ReportMaker(templates: try templates(), store: store, language: .es, outFolder: folder)
            #expect(try maker.make(.reclamaciones, period: ReportPeriod(.week, containing: Self.week.first.adding(days: 14)), today: Self.week.last) == .noData)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "no file for a week without reclamaciones")
            guard case .written(let path, let count) = try maker.make(.reclamaciones, period: Self.week, today: Self.week.last) else {
                Issue.record("no form from \(store.location)")
                continue
            }
            #expect(count == expected.count)
            let rows = try cells(path, sheet: "Reclamaciones")
            if case .text(let subtitle)? = rows[2]?[0] {
                #expect(subtitle.contains("Casos no procede: \(expected.count)"), "\(subtitle)")
            } else {
                Issue.record("no subtitle")
            }
            let cuentas = rows.keys.sorted().filter { $0 > 4 }.map { r -> String in
                if case .text(let s)? = rows[r]?[0] { return s }
                return "?"
            }
            #expect(cuentas == order, "every no-procede case once, in Detalle order (\(store.location))")
        }
    }
}
