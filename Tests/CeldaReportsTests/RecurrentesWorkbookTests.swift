import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing

/// The informe de recurrentes read back by outside readers, each figure compared with the
/// test's own count from the fixture (never with `RecurrentesSummary`).
struct RecurrentesWorkbookTests {
    let templates: Templates
    let path: String
    let view: OutsideView
    static let today = day("2024-03-19")

    init() throws {
        templates = try reportTemplates()
        path = try Repository.temporaryFolder("celda-recurrentes") + "/Informe recurrentes y reincidentes 2024-03-11.xlsx"
        try RecurrentesWorkbook.write(TipificadorFixture.cases(), history: TipificadorFixture.history(templates), period: TipificadorFixture.period,
                                      today: Self.today, templates: templates, language: .es, to: path)
        view = try OutsideView.read(path)
    }

    var inPeriod: [CaseRecord] { TipificadorFixture.cases().filter { TipificadorFixture.period.contains($0.day) } }

    func isClosed(_ estado: String) -> Bool { ["solucionado", "cerrado", "retroalimentado", "reclamado"].contains(estado.lowercased()) }

    @Test func perCausalEveryLetterWithEscaladosPendientesSolucionados() throws {
        let t = ConsolidadoWorkbookTests.table(view.calamine("Por causal"))
        let letters = ["A", "B", "C", "D", "E", "F", "G", "H", "I"]
        #expect(t.rows.map { String($0.0.prefix(1)) } == letters + ["("], "A–I in order, zero rows too, then the blank causal")
        for (label, v) in t.rows {
            let code: String? = label.hasPrefix("(") ? nil : String(label.prefix(1))
            let mine = inPeriod.filter { $0.causalCode == code }
            let open = mine.filter { !isClosed($0.estado) }.count
            #expect(v.prefix(3).map { Int($0) } == [mine.count, open, mine.count - open], "\(label)")
        }
        let open = inPeriod.filter { !isClosed($0.estado) }.count
        #expect(t.total.prefix(3).map { Int($0) } == [inPeriod.count, open, inPeriod.count - open])
        #expect(view.sheet("Por causal")["charts"] as? Int == 1)
    }

    @Test func perAreaAddsUpToTheSameTotal() throws {
        let t = ConsolidadoWorkbookTests.table(view.calamine("Por área"))
        for (label, v) in t.rows {
            let area: String? = label == "(vacío)" ? nil : label
            #expect(Int(v[0]) == inPeriod.filter { $0.area == area }.count, "\(label)")
        }
        #expect(Int(t.total[0]) == inPeriod.count)
    }

    @Test func recurrentAndReincidentAccounts() throws {
        let rows = view.calamine("Recurrentes y reincidentes").dropFirst(4).filter { !($0.first as? String ?? "").isEmpty }
        var types: [String: String] = [:]
        for r in rows { types[r[0] as! String] = r[1] as? String }
        // 1001: two contacts on the 11th (recurrente), different causals. 1002: three contacts in
        // 12–14 (recurrente), two with causal A (reincidente). 1003: on the 14th, with the history's
        // 8th and 9th, three contacts with causal E in the window: both. 1004, 1005: once.
        #expect(types == ["1001": "Recurrente", "1002": "Recurrente y reincidente", "1003": "Recurrente y reincidente"])
    }

    @Test func alarmsAreTheOpenCasesWithThreeBusinessDaysOrMore() throws {
        let rows = view.calamine("Alarmas").dropFirst(4).filter { !($0.first.map { "\($0)" } ?? "").isEmpty }
        // As of Tuesday 19 (not a holiday in 2024: San José moved to the 25th): the 14th has 15,
        // 18, 19 = 3 business days; the 15th only 2. 1005 (solved) and 1002 on the 14th (closed) none.
        #expect(rows.map { $0[1] as? String ?? "" } == ["1001", "1002", "1002", "1003"])
        #expect(rows.map { Int($0[6] as? Double ?? -1) } == [6, 5, 4, 3])
    }

    @Test func topAdvisorsWithFormErrors() throws {
        var withErrors: [String: Int] = [:], errors: [String: Int] = [:], forms: [String: Int] = [:]
        for c in inPeriod {
            forms[c.asesor!, default: 0] += 1
            if !c.formErrors.isEmpty { withErrors[c.asesor!, default: 0] += 1 }
            errors[c.asesor!, default: 0] += c.formErrors.count
        }
        let t = ConsolidadoWorkbookTests.table(view.calamine("Top 5 asesores"))
        #expect(t.rows.map(\.0) == ["Marta", "Luis", "Ana"], "2 forms with errors; then 1 with 2 errors; then 1 with 1")
        for (advisor, v) in t.rows {
            #expect(v.map { $0 } == [Double(withErrors[advisor]!), Double(errors[advisor]!), Double(forms[advisor]!),
                                     Double(withErrors[advisor]!) / Double(forms[advisor]!)], "\(advisor)")
        }
    }

    @Test func summaryFiguresAreFormulasOverDetalle() throws {
        for (sheet, ref) in [("Por causal", "B5"), ("Por causal", "C5"), ("Por área", "B5"), ("Top 5 asesores", "C5")] {
            let value = view.cell(sheet, ref)["value"] as? String ?? ""
            #expect(value.contains("'Detalle'!$"), "\(sheet)!\(ref): \(value)")
        }
    }
}
