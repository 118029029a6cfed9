import Foundation
import Testing
@testable import CeldaCore

/// The pure figures of the consolidated reports: ranking, ties, shares, empty periods, the
/// reclamación due date over a holiday, open and closed estados.
struct ReportSummaryTests {
    let templates: Templates
    init() throws { templates = try repositoryTemplates() }

    static let week = ReportPeriod(.week, containing: CalendarDate(iso: "2024-03-20")!)

    func mal(_ day: String, _ asesor: String?, _ causal: String?, procede: String = "Procede", estado: String = "Pendiente", seen: String? = nil) -> CaseRecord {
        CaseRecord(kind: "mal-escalados", key: UUID().uuidString, sourceFile: "b.xlsx", sheet: "Base", row: 2, date: CalendarDate(iso: day),
                   firstSeen: CalendarDate(iso: seen ?? day)!, cuenta: "1", asesor: asesor, causalCode: causal, procede: procede, estado: estado)
    }

    /// Detalle's order is the store's: day, time with a case without one first (not as
    /// midnight), file by its bytes ("B" before "a", "ñ" after "z"), row.
    @Test func detalleOrderIsTheStoresOrder() {
        func at(_ day: String, _ seconds: Int?, _ file: String, _ row: Int) -> CaseRecord {
            var c = mal(day, "Ana", "ME11")
            c.secondsOfDay = seconds
            c.sourceFile = file
            c.row = row
            c.key = "\(day) \(seconds ?? -1) \(file) \(row)"
            return c
        }
        let expected = [at("2024-03-18", nil, "z.xlsx", 9), at("2024-03-18", 0, "a.xlsx", 1), at("2024-03-18", 60, "B.xlsx", 5),
                        at("2024-03-18", 60, "a.xlsx", 2), at("2024-03-18", 60, "z.xlsx", 3), at("2024-03-18", 60, "ñ.xlsx", 1),
                        at("2024-03-18", 60, "ñ.xlsx", 4), at("2024-03-19", nil, "a.xlsx", 1)]
        let s = MalEscaladosSummary(cases: expected.reversed(), period: Self.week, templates: templates)
        #expect(s.cases.map(\.key) == expected.map(\.key))
    }

    /// The tally counts what the array summary counts, one case at a time, and skips what is
    /// not of the report (another kind, another week).
    @Test func theTallyCountsCaseByCaseAndSkipsOtherKindsAndDays() {
        var other = mal("2024-03-19", "Ana", "ME11")
        other.kind = "tipificador"
        let cases = [mal("2024-03-18", "Ana", "ME11"), mal("2024-03-19", "Luis", "ME02", procede: "No procede"), other,
                     mal("2024-03-25", "Ana", "ME11"), mal("2024-03-20", "Ana", "ME02", estado: "Cerrado")]
        var tally = MalEscaladosTally(period: Self.week, templates: templates)
        let reclamaciones = cases.compactMap { tally.add($0) }
        #expect(tally.total == 3 && tally.pendientes == 2 && tally.reclamaciones == 1 && reclamaciones.count == 1)
        #expect(tally.byCausal.map(\.key) == ["ME02", "ME11"] && tally.count(asesor: "Ana", causal: "ME02") == 1)
        let s = MalEscaladosSummary(cases: cases, period: Self.week, templates: templates)
        #expect(s.byCausal == tally.byCausal && s.byAdvisor == tally.byAdvisor && s.reclamaciones == reclamaciones)
    }

    @Test func rankingIsByCountThenCodeWithTheBlankLast() {
        let ranked = CaseCounting.ranked(["ME13": 2, "ME02": 2, nil: 2, "ME11": 5, "ME04": 1])
        #expect(ranked.map(\.key) == ["ME11", "ME02", "ME13", nil, "ME04"])
    }

    @Test func sharesAddUpToOneAndTheTotalIsEveryCaseOfThePeriod() {
        let cases = [mal("2024-03-18", "Ana", "ME11"), mal("2024-03-19", "Ana", "ME13"), mal("2024-03-19", "Luis", "ME11"),
                     mal("2024-03-25", "Luis", "ME11"), mal("2024-03-20", nil, nil, estado: "cerrado ")]
        let s = MalEscaladosSummary(cases: cases, period: Self.week, templates: templates)
        #expect(s.total == 4)
        // The error types and the rows apart (here one procede without a causal) make every row.
        #expect(abs(s.byCausal.map(\.share).reduce(0, +) + Double(s.tally.porRevisar) / 4 - 1) < 1e-12)
        #expect(s.byCausal.map(\.key) == ["ME11", "ME13"], "a row without a causal is no causal")
        #expect(s.tally.porRevisar == 1 && s.tally.reclamaciones == 0)
        #expect(s.pendientes == 3, "\"cerrado \" is closed, accents, case and spaces aside")
        #expect(s.count(asesor: "Ana", causal: "ME11") == 1)
        #expect(s.topAdvisors.shown.map(\.asesor) == ["Ana", "Luis", nil])
    }

    /// Seed 002 §5: the advisor's errors over every row the client sent, not over the advisor's
    /// own rows (that one is the second figure); ties by errors go by name.
    @Test func theAdvisorsShareIsOfEveryRowSentAndTiesGoByName() {
        let cases = [mal("2024-03-18", "Bea", "ME11"), mal("2024-03-18", "Ana", "ME11"),
                     mal("2024-03-18", "Carla", "ME11"), mal("2024-03-18", "Carla", "ME11", procede: "No procede")]
        let s = MalEscaladosSummary(cases: cases, period: Self.week, templates: templates)
        #expect(s.byAdvisor.map(\.asesor) == ["Ana", "Bea", "Carla"])
        #expect(s.byAdvisor.map(\.share) == [0.25, 0.25, 0.25])
        #expect(s.byAdvisor.map(\.ownShare) == [1, 1, 0.5])
    }

    /// Five places, and everyone tied with the fifth; past ten rows the rest are counted.
    @Test func theTopKeepsTiesAtTheLastPlace() {
        var cases = (0..<3).map { _ in mal("2024-03-18", "Zoe", "ME11") }
        for name in ["Ana", "Bea", "Carla", "Dora", "Eva", "Fina", "Gina"] { cases.append(mal("2024-03-19", name, "ME02")) }
        let s = MalEscaladosSummary(cases: cases, period: Self.week, templates: templates)
        #expect(s.topAdvisors.shown.map(\.asesor) == ["Zoe", "Ana", "Bea", "Carla", "Dora", "Eva", "Fina", "Gina"])
        #expect(s.topAdvisors.more == 0)
        let many = TopRanking(Array(1...20).map { $0 == 1 ? 5 : 1 }) { $0 == $1 }
        #expect(many.shown.count == 10 && many.more == 10)
        #expect(TopRanking([3, 2, 1]) { $0 == $1 }.shown == [3, 2, 1])
    }

    /// An error type is the advisor's: *no procede* rows are Gestión Soporte's, rows without a
    /// causal or not decided are to review.
    @Test func eachRowIsAnErrorTypeAReclamacionOrToReview() {
        let rules = CaseCounting.Rules(templates)
        #expect(rules.classify(mal("2024-03-18", "Ana", "ME11")) == .error("ME11"))
        #expect(rules.classify(mal("2024-03-18", "Ana", "ME11", procede: "no procede")) == .noProcede)
        #expect(rules.classify(mal("2024-03-18", "Ana", "ME11", procede: "Por revisar")) == .porRevisar)
        #expect(rules.classify(mal("2024-03-18", "Ana", nil)) == .porRevisar, "a procede without a causal has no type")
        #expect(rules.classify(mal("2024-03-18", "Ana", nil, procede: "No procede")) == .noProcede)
    }

    /// A week goes day by day; a month week by week, Monday to Sunday, cut at its ends.
    @Test func theEvolutionOfAWeekAndOfAMonth() {
        let cases = [mal("2024-03-18", "Ana", "ME11"), mal("2024-03-18", "Ana", nil), mal("2024-03-24", "Bea", "ME02"),
                     mal("2024-03-01", "Ana", "ME11"), mal("2024-03-31", "Ana", "ME11", procede: "No procede")]
        let week = MalEscaladosSummary(cases: cases, period: Self.week, templates: templates).tally.evolution
        #expect(week.count == 7 && week[0].total == 2 && week[0].errors == 1 && week[6].byCausal == ["ME02": 1])
        let month = MalEscaladosSummary(cases: cases, period: ReportPeriod(.month, containing: CalendarDate(iso: "2024-03-10")!),
                                        templates: templates).tally.evolution
        #expect(month.map { "\($0.first.day)-\($0.last.day)" } == ["1-3", "4-10", "11-17", "18-24", "25-31"])
        #expect(month.map(\.total) == [1, 0, 0, 3, 1] && month.map(\.errors) == [1, 0, 0, 2, 0])
        #expect(MalEscaladosSummary(cases: cases, period: ReportPeriod(.day, containing: CalendarDate(iso: "2024-03-18")!),
                                    templates: templates).tally.evolution.isEmpty)
    }

    @Test func anEmptyPeriodHasNothingAndDividesByNothing() {
        let s = MalEscaladosSummary(cases: [], period: Self.week, templates: templates)
        #expect(s.total == 0 && s.byCausal.isEmpty && s.topAdvisors.shown.isEmpty && s.reclamaciones.isEmpty)
        #expect(CaseCounting.share(0, of: 0) == 0)
        let r = RecurrentesSummary(cases: [], history: Recurrence(settings: templates.recurrence).index([]), period: Self.week,
                                   today: Self.week.last, templates: templates)
        #expect(r.byCausal.isEmpty && r.withoutCausal == nil && r.accounts.isEmpty && r.alarms.isEmpty)
    }

    @Test func aReclamacionSentOnFridayIsDueAfterTheHolidayMonday() {
        // Monday 25 March 2024 is San José (moved from Tuesday the 19th).
        var answered = mal("2024-03-20", "Ana", "ME02", procede: "No procede", estado: "Reclamado")
        answered.respuesta = " rechazada"
        let cases = [mal("2024-03-22", "Ana", "ME02", procede: "No procede"), mal("2024-03-21", "Ana", "ME02", procede: "No procede", estado: "Reclamado"),
                     answered]
        let s = MalEscaladosSummary(cases: cases, period: Self.week, templates: templates, asOf: CalendarDate(iso: "2024-03-26")!)
        #expect(s.reclamaciones.map(\.due.description) == ["2024-03-21", "2024-03-22", "2024-03-26"])
        // Overdue is about Gestión Soporte's answer, not the case's estado (a claim sent is «Reclamado»).
        #expect(s.reclamaciones.map(\.passed) == [false, true, false])
        #expect(s.reclamaciones.map(\.answer) == [.rechazada, nil, nil])
        #expect(s.tally.rechazadas == 1 && s.tally.aceptadas == 0 && s.tally.reclamacionesVencidas == 1 && s.tally.sinRespuesta == 1)
    }
}
