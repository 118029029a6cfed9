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

    /// By impact, as the consolidado ranks its causales: most cases first (then pendientes,
    /// then code); the cases without a causal on one line after them, outside the ranking.
    @Test func perCausalRankedByImpactWithTheBlankApart() throws {
        let t = ConsolidadoWorkbookTests.table(view.calamine("Por causal"))
        var counts: [String: (Int, Int)] = [:]
        for c in inPeriod {
            guard let code = c.causalCode else { continue }
            counts[code, default: (0, 0)].0 += 1
            if !isClosed(c.estado) { counts[code, default: (0, 0)].1 += 1 }
        }
        let ranked = counts.sorted { a, b in a.value.0 != b.value.0 ? a.value.0 > b.value.0 : (a.value.1 != b.value.1 ? a.value.1 > b.value.1 : a.key < b.key) }
        #expect(t.rows.map { String($0.0.prefix(1)) } == ranked.map(\.key) + ["S"], "\(t.rows.map(\.0))")
        #expect(t.rows.last?.0 == "Sin causal — por revisar")
        for (label, v) in t.rows {
            let code: String? = label.hasPrefix("Sin causal") ? nil : String(label.prefix(1))
            let mine = inPeriod.filter { $0.causalCode == code }
            let open = mine.filter { !isClosed($0.estado) }.count
            #expect(v.prefix(3).map { Int($0) } == [mine.count, open, mine.count - open], "\(label)")
        }
        let open = inPeriod.filter { !isClosed($0.estado) }.count
        #expect(t.total.prefix(3).map { Int($0) } == [inPeriod.count, open, inPeriod.count - open])
        #expect(view.sheet("Por causal")["charts"] as? Int == 1)
        let chart = try #require(try OutsidePrograms.zipEntry(path, "xl/charts/chart1.xml"))
        #expect(chart.contains("$A$5:$A$\(4 + ranked.count)"), "the chart leaves the blank causal out")
    }

    @Test func perAreaAddsUpToTheSameTotal() throws {
        let t = ConsolidadoWorkbookTests.table(view.calamine("Por área"))
        for (label, v) in t.rows {
            let area: String? = label == "Sin área de escalamiento" ? nil : label
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
        // What the client builds its action plan from: causales, the last contact's motivo,
        // área and estado, and the advisors (most contacts first).
        let header = try #require(view.calamine("Recurrentes y reincidentes").dropFirst(3).first?.compactMap { $0 as? String })
        #expect(Array(header.suffix(5)) == ["Causales", "Último motivo", "Área de escalamiento", "Estado", "Asesores"])
        for r in rows {
            let cuenta = r[0] as! String
            let mine = inPeriod.filter { $0.cuenta == cuenta }
            let last = try #require(mine.last)
            #expect(r[8] as? String == last.motivo && r[9] as? String == (last.area ?? "(vacío)") && r[10] as? String == last.estado, "\(cuenta)")
            let names = Set(mine.compactMap(\.asesor))
            #expect(Set((r[11] as? String ?? "").components(separatedBy: "; ")) == names, "\(cuenta)")
            let codes = Set(mine.compactMap(\.causalCode))
            #expect(Set((r[7] as? String ?? "").components(separatedBy: "; ").map { String($0.prefix(1)) }) == codes, "\(cuenta)")
        }
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
        let all = (withErrors.values.reduce(0, +), errors.values.reduce(0, +), forms.values.reduce(0, +))
        #expect(t.total == [Double(all.0), Double(all.1), Double(all.2), Double(all.0) / Double(all.2)], "the team's total")
    }

    /// The weekly report for the client: the same figures and alarms, without the internal top 5
    /// of advisors nor the form errors.
    @Test func theClientsCopyHasNoTopFiveNorFormErrors() throws {
        let client = try Repository.temporaryFolder("celda-recurrentes") + "/cliente.xlsx"
        try RecurrentesWorkbook.write(TipificadorFixture.cases(), history: TipificadorFixture.history(templates), period: TipificadorFixture.period,
                                      today: Self.today, templates: templates, language: .es, to: client, forClient: true)
        let v = try OutsideView.read(client)
        #expect(!v.sheetNames.contains("Top 5 asesores") && v.sheetNames.contains("Alarmas"))
        let header = try #require(v.calamine("Detalle").first?.compactMap { $0 as? String })
        #expect(!header.contains("Errores de diligenciamiento") && !header.contains("Detalle de errores"))
        #expect(ConsolidadoWorkbookTests.table(v.calamine("Por causal")).total.first == Double(inPeriod.count))
        #expect(v.calamine("Alarmas").dropFirst(4).filter { !($0.first.map { "\($0)" } ?? "").isEmpty }.count == 4)
    }

    @Test func summaryFiguresAreFormulasOverDetalle() throws {
        for (sheet, ref) in [("Por causal", "B5"), ("Por causal", "C5"), ("Por área", "B5"), ("Top 5 asesores", "C5")] {
            let value = view.cell(sheet, ref)["value"] as? String ?? ""
            #expect(value.contains("'Detalle'!$"), "\(sheet)!\(ref): \(value)")
        }
    }
}
