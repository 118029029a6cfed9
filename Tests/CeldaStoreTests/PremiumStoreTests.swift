import CeldaCore
import CeldaTestSupport
import Foundation
import Testing
@testable import CeldaStore

/// Claro Premium in the history, on SQLite and PostgreSQL alike: a case's state comes from the
/// export with the latest moment (an old export processed late changes nothing), each estado
/// keeps its first and last moment, a survey answer is kept once.
struct PremiumStoreTests {
    static let d1 = CalendarDate(year: 2024, month: 3, day: 18)

    private func export(_ sha: String, asOf: DayTime, _ cases: [PremiumCase]) -> Ingestion {
        Ingestion(sha256: sha, fileName: "Premium \(sha).xlsx", kind: "premium", station: "pc-1", output: nil, processedOn: asOf.day,
                  cases: [], kindHistory: .premiumExport(PremiumExport(asOf: asOf, cases: cases)))
    }

    private func caso(_ estado: String, cierre: DayTime? = nil, file: String) -> PremiumCase {
        PremiumCase(caso: "C-1", cuenta: "123", cliente: "Ñandú S.A.", tipo: "Reclamo", backoffice: "Ana",
                    ingreso: DayTime(day: Self.d1, seconds: 36_000), seguimiento: Self.d1.adding(days: 2), estado: estado, cierre: cierre,
                    spc: false, sourceFile: file, row: 2)
    }

    @Test(arguments: Backend.allCases) func theLatestExportWinsAndEveryEstadoIsKept(_ backend: Backend) throws {
        let store = try backend.fresh().store
        let day0 = DayTime(day: Self.d1.adding(days: -1)), day1 = DayTime(day: Self.d1, seconds: 40_000), day2 = DayTime(day: Self.d1.adding(days: 1), seconds: 50_000)
        var other = caso("Abierto", file: "b")
        other.caso = "C-2"
        other.ingreso = nil
        _ = try store.ingest(export("e1", asOf: day1, [caso("Abierto", file: "e1"), other]))
        let closed = caso("Cerrado", cierre: day2, file: "e2")
        _ = try store.ingest(export("e2", asOf: day2, [closed]))
        // An older export, processed late: its state is history, not the present.
        _ = try store.ingest(export("e0", asOf: day0, [caso("Pendiente", file: "e0")]))

        let cases = try store.premiumCases(from: Self.d1.adding(days: -3), to: Self.d1.adding(days: 3))
        #expect(cases.map(\.caso) == ["C-2", "C-1"], "no ingreso first, as SQLite orders NULLs")
        var expected = closed
        expected.estadoSince = PremiumTables.moment(day2.start)
        #expect(cases.last == expected)
        #expect(try store.premiumStates(caso: "C-1").map(\.estado) == ["Pendiente", "Abierto", "Cerrado"])
        #expect(try store.premiumStates(caso: "C-1").first?.firstSeen == PremiumTables.moment(day0.start))
        #expect(try store.premiumLatestMoment() == PremiumTables.moment(day2.start))
        #expect(try store.premiumCases(from: Self.d1.adding(days: 10), to: Self.d1.adding(days: 12)).isEmpty)
    }

    @Test(arguments: Backend.allCases) func aSurveyAnswerInTwoExportsIsKeptOnce(_ backend: Backend) throws {
        let store = try backend.fresh().store
        let a = PremiumSurvey(fecha: DayTime(day: Self.d1, seconds: 3600), caso: "C-1", cuenta: "123", backoffice: "Ana", score: 9, sourceFile: "s1", row: 2)
        let b = PremiumSurvey(fecha: DayTime(day: Self.d1), caso: nil, cuenta: "77", backoffice: "Luis", score: 3, sourceFile: "s1", row: 3)
        func surveys(_ sha: String, _ answers: [PremiumSurvey]) -> Ingestion {
            Ingestion(sha256: sha, fileName: sha, kind: "encuesta-premium", station: "pc", output: nil, processedOn: Self.d1, cases: [],
                      kindHistory: .premiumSurveys(answers))
        }
        _ = try store.ingest(surveys("s1", [a, b]))
        _ = try store.ingest(surveys("s2", [a]))
        #expect(try store.premiumSurveys(from: Self.d1, to: Self.d1) == [b, a], "a day without a time first")
        #expect(try store.premiumSurveys(from: Self.d1.adding(days: 1), to: Self.d1.adding(days: 1)).isEmpty)
    }
}
