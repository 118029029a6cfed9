import Foundation
import Testing
@testable import CeldaCore

/// The figures of the compromisos de mejoramiento: who erred, each error, totals per causal
/// beside the team's average, the procedures, the follow-up day, the advisor filter.
struct FeedbackSummaryTests {
    let templates: Templates
    init() throws { templates = try repositoryTemplates() }

    static let week = ReportPeriod(.week, containing: CalendarDate(iso: "2024-03-20")!)

    func mal(_ day: String, _ asesor: String?, _ causal: String?, procede: String = "Procede", row: Int = 2,
             id: String? = nil, supervisor: String? = nil) -> CaseRecord {
        CaseRecord(kind: "mal-escalados", key: UUID().uuidString, sourceFile: "b.xlsx", sheet: "Base", row: row, date: CalendarDate(iso: day),
                   firstSeen: CalendarDate(iso: day)!, cuenta: "c\(row)", asesor: asesor, asesorID: id, supervisor: supervisor,
                   causalCode: causal, evidence: causal.map { "evidencia \($0)" }, procede: procede, estado: "Pendiente")
    }

    func form(_ day: String, _ asesor: String?, _ errors: [FormError], row: Int = 2) -> CaseRecord {
        CaseRecord(kind: "tipificador", key: UUID().uuidString, sourceFile: "f.csv", sheet: "f", row: row, date: CalendarDate(iso: day),
                   firstSeen: CalendarDate(iso: day)!, cuenta: "t\(row)", asesor: asesor, estado: "Pendiente", formErrors: errors)
    }

    @Test func errorsAreProcedeCasesAndFormErrorsOfThePeriodOnly() {
        let cases = [
            mal("2024-03-18", "Ana", "ME11", row: 2), mal("2024-03-19", "Ana", "ME11", row: 3), mal("2024-03-19", "Ana", "ME13", procede: "No procede", row: 4),
            mal("2024-03-20", "Luis", "ME04", row: 5), mal("2024-03-21", "Luis", nil, procede: "Por revisar", row: 6),
            mal("2024-03-25", "Luis", "ME04", row: 7), // next week
            form("2024-03-19", "Marta", [FormError(.invalidAccount, "cuenta «12a»"), FormError(.missingRequired, "falta motivo")]),
            form("2024-03-20", "Marta", []),
        ]
        let s = FeedbackSummary(cases: cases, period: Self.week, templates: templates)
        #expect(s.advisors.map(\.asesor) == ["Ana", "Marta", "Luis"], "most errors first, then name")
        let ana = s.advisors[0]
        #expect(ana.errors.count == 2 && ana.escalated == 3 && ana.procede == 2)
        // Seed 002 §5: her errors over every row the client sent (5), not over her own (3).
        #expect(abs(ana.share - 2.0 / 5.0) < 1e-12 && abs(ana.ownShare - 2.0 / 3.0) < 1e-12)
        #expect(s.sent == 5 && s.advisorsWhoSent == 2 && abs(s.teamAverageShare - 3.0 / 5.0 / 2) < 1e-12)
        #expect(ana.errors.map(\.record.row) == [2, 3])
        let marta = s.advisors[1]
        #expect(marta.forms == 2 && marta.formsWithErrors == 1 && marta.errors.count == 2)
        #expect(Set(marta.errors.map(\.code)) == ["cuenta-invalida", "falta-valor"])
        #expect(marta.errors.contains { $0.evidence == "cuenta «12a»" }, "the form error's words are its evidence")
        #expect(s.advisors[2].errors.count == 1, "Luis: one procede this week; Por revisar and next week's are not errors")
        // Team share: 3 procede of 5 mal-escalados rows sent in the week.
        #expect(abs(s.teamShare - 3.0 / 5.0) < 1e-12)
    }

    @Test func totalsRankTheCausalsAndSetTheTeamsAverageBeside() throws {
        let cases = [
            mal("2024-03-18", "Ana", "ME11"), mal("2024-03-18", "Ana", "ME11"), mal("2024-03-18", "Ana", "ME13"),
            mal("2024-03-19", "Luis", "ME11"), mal("2024-03-19", "Pedro", "ME13", procede: "No procede"),
        ]
        let s = FeedbackSummary(cases: cases, period: Self.week, templates: templates)
        let ana = try #require(s.advisors.first { $0.asesor == "Ana" })
        #expect(ana.totals.map(\.code) == ["ME11", "ME13"])
        #expect(ana.totals.map(\.count) == [2, 1])
        #expect(abs(ana.totals[0].share - 2.0 / 3.0) < 1e-12)
        // The team is the three advisors who sent rows: ME11 3 errors / 3, ME13 1 / 3.
        #expect(abs(ana.totals[0].teamAverage - 1.0) < 1e-12)
        #expect(abs(ana.totals[1].teamAverage - 1.0 / 3.0) < 1e-12)
        let me11 = try #require(templates.malEscalados.first { $0.code == "ME11" })
        #expect(ana.totals[0].procedure == me11.procedimiento)
        #expect(ana.totals[0].label == me11.label)
        #expect(!s.advisors.contains { $0.asesor == "Pedro" }, "no procede: Gestión Soporte's error, not Pedro's")
    }

    @Test func everyFormErrorCodeHasItsProcedureFromTheTemplates() throws {
        let errors = FormError.Code.allCases.map { FormError($0, "x") }
        let s = FeedbackSummary(cases: [form("2024-03-20", "Marta", errors)], period: Self.week, templates: templates)
        let marta = try #require(s.advisors.first)
        #expect(marta.totals.count == FormError.Code.allCases.count)
        for t in marta.totals {
            let text = try #require(templates.compromisos.formError(FormError.Code(rawValue: t.code)!))
            #expect(t.procedure == text.procedimiento && t.label == text.label)
        }
    }

    @Test func anAdvisorWrittenTwoWaysIsOneAdvisorShownAsMostRowsSpellIt() throws {
        let cases = [mal("2024-03-18", "Ana Pérez", "ME11", id: "101", supervisor: "Sup A"), mal("2024-03-19", "ANA  PEREZ", "ME13", id: "101"),
                     mal("2024-03-20", "Ana Pérez", "ME13", supervisor: "Sup A")]
        let s = FeedbackSummary(cases: cases, period: Self.week, templates: templates)
        #expect(s.advisors.count == 1)
        let ana = try #require(s.advisors.first)
        #expect(ana.asesor == "Ana Pérez" && ana.errors.count == 3 && ana.documento == "101" && ana.supervisor == "Sup A")
    }

    @Test func onATieTheSpellingOfTheEarliestRowWins() throws {
        let cases = [mal("2024-03-18", "Diana Ramírez", "ME11", row: 2), mal("2024-03-19", "DIANA RAMIREZ", "ME13", row: 3)]
        #expect(try #require(FeedbackSummary(cases: cases, period: Self.week, templates: templates).advisors.first).asesor == "Diana Ramírez")
        let reversed = [mal("2024-03-18", "DIANA RAMIREZ", "ME11", row: 2), mal("2024-03-19", "Diana Ramírez", "ME13", row: 3)]
        #expect(try #require(FeedbackSummary(cases: reversed, period: Self.week, templates: templates).advisors.first).asesor == "DIANA RAMIREZ")
    }

    @Test func errorsWithoutAdvisorAreCountedNotFedBack() {
        let s = FeedbackSummary(cases: [mal("2024-03-18", nil, "ME11"), mal("2024-03-18", "", "ME13"), mal("2024-03-18", "Ana", "ME13")],
                                period: Self.week, templates: templates)
        #expect(s.advisors.map(\.asesor) == ["Ana"])
        #expect(s.withoutAdvisor == 2)
    }

    @Test func theAdvisorFilterTakesAnExactNameFirstThenAPart() {
        let cases = [mal("2024-03-18", "Ana Gómez", "ME11"), mal("2024-03-18", "Ana Gómez Ruiz", "ME11"), mal("2024-03-18", "Luis", "ME11")]
        #expect(FeedbackSummary(cases: cases, period: Self.week, templates: templates, asesor: "ana gomez").advisors.map(\.asesor) == ["Ana Gómez"])
        #expect(FeedbackSummary(cases: cases, period: Self.week, templates: templates, asesor: "GÓMEZ").advisors.count == 2)
        #expect(FeedbackSummary(cases: cases, period: Self.week, templates: templates, asesor: "Marta").advisors.isEmpty)
    }

    @Test func theFollowUpIsBusinessDaysAfterThePeriodOverHolidays() {
        // Week of 2024-03-18; ten business days after Sunday 24/03 skip San José (moved to Monday
        // 25/03/2024), Holy Thursday and Good Friday (28–29/03): 26, 27 March, 1–5, 8, 9, 10 April.
        let s = FeedbackSummary(cases: [], period: Self.week, templates: templates)
        #expect(templates.compromisos.seguimiento_dias_habiles == 10)
        #expect(s.followUp == CalendarDate(iso: "2024-04-10"))
    }
}
