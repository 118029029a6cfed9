import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing

/// The consolidado read back by python-calamine and openpyxl, each figure compared with a count
/// the test makes itself from the fixture (never with `MalEscaladosSummary`).
struct ConsolidadoWorkbookTests {
    let templates: Templates
    let path: String
    let view: OutsideView

    init() throws {
        templates = try reportTemplates()
        path = try Repository.temporaryFolder("celda-consolidado") + "/Consolidado mal escalado soporte 2024-03-18.xlsx"
        try ConsolidadoWorkbook.write(MalEscaladosFixture.cases(), period: MalEscaladosFixture.period, templates: templates, language: .es, to: path)
        view = try OutsideView.read(path)
    }

    func causalLabel(_ code: String?) -> String {
        guard let code else { return "(vacío)" }
        return "\(code) · " + templates.malEscalados.first { $0.code == code }!.label
    }

    /// The table under the header on row 4: label → numbers, in sheet order, and the total row.
    static func table(_ rows: [[Any]], headerRow: Int = 3) -> (rows: [(String, [Double])], total: [Double]) {
        var out: [(String, [Double])] = []
        for row in rows.dropFirst(headerRow + 1) {
            guard let label = row.first as? String, !label.isEmpty else { break }
            let numbers = row.dropFirst().compactMap { $0 as? Double }
            if label == "Total general" { return (out, numbers) }
            out.append((label, numbers))
        }
        return (out, [])
    }

    @Test func detailHasEveryCaseOfTheWeekAndNothingElse() {
        let rows = view.calamine("Detalle")
        #expect(rows.count == 1 + MalEscaladosFixture.inPeriod().count)
        #expect((rows.first?.first as? String) == "Fecha")
        #expect(view.sheet("Detalle")["freeze"] as? String == "A2")
        #expect(view.sheet("Detalle")["autofilter"] as? String != nil)
    }

    @Test func resumenPorCausalCountsRanksAndTotals() throws {
        var expected: [String: Int] = [:]
        for c in MalEscaladosFixture.inPeriod() { expected[causalLabel(c.causalCode), default: 0] += 1 }
        let total = MalEscaladosFixture.inPeriod().count
        let t = Self.table(view.calamine("Resumen por causal"))
        #expect(Dictionary(uniqueKeysWithValues: t.rows.map { ($0.0, Int($0.1[0])) }) == expected)
        let counts = t.rows.map { $0.1[0] }
        #expect(counts == counts.sorted(by: >), "ranked by count")
        // ME11 has 4; ME02 and ME13 both have 3: the tie goes by code.
        #expect(t.rows.prefix(3).map(\.0) == [causalLabel("ME11"), causalLabel("ME02"), causalLabel("ME13")])
        #expect(t.total == [Double(total), 1])
        for (label, values) in t.rows { #expect(abs(values[1] - Double(expected[label]!) / Double(total)) < 1e-9, "\(label)") }
        let cell = view.cell("Resumen por causal", "B5")
        #expect((cell["value"] as? String)?.hasPrefix("=COUNTIFS('Detalle'!$F$2:$F$") == true, "\(cell)")
        #expect(cell["number_format"] as? String == "#,##0")
        #expect(view.cell("Resumen por causal", "C5")["number_format"] as? String == "0.0%")
        #expect(view.sheet("Resumen por causal")["charts"] as? Int == 1)
    }

    @Test func asesorPorCausalMatrixWithTotals() throws {
        let rows = view.calamine("Asesor × causal")
        let header = rows[3].compactMap { $0 as? String }
        var expected: [String: [String: Int]] = [:]
        for c in MalEscaladosFixture.inPeriod() { expected[c.asesor ?? "(vacío)", default: [:]][c.causalCode ?? "(vacío)", default: 0] += 1 }
        let t = Self.table(rows)
        #expect(Set(t.rows.map(\.0)) == Set(expected.keys))
        for (advisor, values) in t.rows {
            for (i, code) in header.dropFirst().dropLast().enumerated() {
                #expect(Int(values[i]) == expected[advisor]?[code] ?? 0, "\(advisor) × \(code)")
            }
            #expect(Int(values.last!) == expected[advisor]!.values.reduce(0, +), "row total of \(advisor)")
        }
        #expect(Int(t.total.last!) == MalEscaladosFixture.inPeriod().count)
    }

    @Test func topFiveAdvisorsByMalEscaladas() throws {
        var procede: [String: Int] = [:], sent: [String: Int] = [:]
        for c in MalEscaladosFixture.inPeriod() {
            sent[c.asesor ?? "(vacío)", default: 0] += 1
            if c.procede == "Procede" { procede[c.asesor ?? "(vacío)", default: 0] += 1 }
        }
        let t = Self.table(view.calamine("Top 5 asesores"))
        #expect(t.rows.count == 5)
        #expect(t.rows.map(\.1[0]) == t.rows.map(\.1[0]).sorted(by: >))
        // Ana and María both have 3 procede; Ana sent more rows.
        #expect(t.rows.prefix(2).map(\.0) == [MalEscaladosFixture.ana, MalEscaladosFixture.maria])
        for (advisor, v) in t.rows {
            #expect(Int(v[0]) == procede[advisor], "\(advisor)")
            #expect(Int(v[1]) == sent[advisor], "\(advisor)")
            #expect(abs(v[2] - Double(procede[advisor]!) / Double(sent[advisor]!)) < 1e-9)
        }
        #expect(view.sheet("Top 5 asesores")["charts"] as? Int == 1)
    }

    @Test func indicatorsCoverEveryAdvisorAndCausal() throws {
        let rows = view.calamine("Indicadores")
        let advisors = Self.table(rows, headerRow: 4)
        #expect(advisors.rows.count == Set(MalEscaladosFixture.inPeriod().map { $0.asesor ?? "(vacío)" }).count)
        let carlos = try #require(advisors.rows.first { $0.0 == MalEscaladosFixture.carlos })
        #expect(carlos.1 == [1, 2, 0.5], "a name with * and ? is matched literally, not as a wildcard")
        let secondHeader = try #require(rows.indices.first { $0 > 5 && (rows[$0].first as? String) == "Causal" })
        let causals = Self.table(rows, headerRow: secondHeader)
        #expect(abs(causals.rows.reduce(0) { $0 + $1.1[1] } - 1) < 1e-9, "the shares add up to 100 %")
    }

    @Test func reclamacionesAreTheNoProcedeCasesWithTheirDueDate() throws {
        let rows = view.calamine("Reclamaciones").dropFirst(4).filter { !($0.first as? String ?? "").isEmpty }
        let expected = MalEscaladosFixture.inPeriod().filter { $0.procede == "No procede" }
        #expect(rows.count == expected.count)
        // Sent Monday 18 → due Tuesday 19; Tuesday 19 → Wednesday 20; Friday 22 → Tuesday 26
        // (Monday 25 March 2024 is San José, moved from the 19th). As of Sunday 24: only the
        // open one due on the 20th has passed; the first is Reclamado (closed).
        #expect(rows.map { String(($0[5] as? String ?? "").prefix(10)) } == ["2024-03-19", "2024-03-20", "2024-03-26"])
        #expect(rows.map { ($0[6] as? String) ?? "" } == ["No", "Sí", "No"])
        #expect((rows.first?[3] as? String)?.contains("Evidencia") == true)
    }

    @Test func everySheetPrintsLandscapeOnePageWideWithItsHeaderRepeated() throws {
        for name in ["Detalle", "Resumen por causal", "Asesor × causal", "Top 5 asesores", "Indicadores", "Reclamaciones"] {
            let print = try #require(view.sheet(name)["print"] as? [String: Any], "\(name)")
            #expect(print["orientation"] as? String == "landscape", "\(name)")
            #expect(print["fit"] as? Bool == true, "\(name)")
            #expect((print["fit_width"] as? Int ?? 1) == 1, "\(name): 1 is the XML default, which libxlsxwriter leaves out")
            #expect(print["fit_height"] as? Int == 0, "\(name)")
            #expect((print["title_rows"] as? String)?.isEmpty == false, "\(name)")
        }
    }

    @Test func englishLabelsWithLanguageEn() throws {
        let en = try Repository.temporaryFolder("celda-consolidado") + "/summary.xlsx"
        try ConsolidadoWorkbook.write(MalEscaladosFixture.cases(), period: MalEscaladosFixture.period, templates: templates, language: .en, to: en)
        let names = Set(try OutsideView.read(en).sheetNames)
        #expect(names == ["Detail", "By cause", "Pivot table", "Advisor × cause", "Top 5 advisors", "Indicators", "Claims"])
    }

    @Test func reclamacionesFormHoldsOnlyTheNoProcedeCases() throws {
        let form = try Repository.temporaryFolder("celda-reclamaciones") + "/Reclamaciones.xlsx"
        try ReclamacionesForm.write(MalEscaladosFixture.cases(), period: MalEscaladosFixture.period, templates: templates, language: .es, to: form)
        let v = try OutsideView.read(form)
        #expect(v.sheetNames == ["Reclamaciones"])
        let cuentas = v.calamine("Reclamaciones").dropFirst(4).compactMap { $0.first as? String }.filter { !$0.isEmpty }
        #expect(cuentas == MalEscaladosFixture.inPeriod().filter { $0.procede == "No procede" }.map { $0.cuenta! })
    }

    @Test func anEmptyPeriodStillWritesEverySheet() throws {
        let empty = try Repository.temporaryFolder("celda-consolidado") + "/vacio.xlsx"
        try ConsolidadoWorkbook.write([], period: MalEscaladosFixture.period, templates: templates, language: .es, to: empty)
        let v = try OutsideView.read(empty)
        #expect(v.sheetNames.count == 7)
        // A source with only a header is invalid to the spreadsheet: no pivot, and the sheet says so.
        #expect((v.sheet("Tabla dinámica")["pivots"] as? [Any])?.isEmpty == true)
        #expect((v.calamine("Tabla dinámica").first?.first as? String)?.hasPrefix("Sin casos en el periodo: no hay tabla dinámica") == true)
        #expect(Self.table(v.calamine("Resumen por causal")).total == [0, 0])
    }
}
