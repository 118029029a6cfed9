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

    /// What a row counts as by seed 002 (computed here, not by Celda): *No procede* is Gestión
    /// Soporte's; *Procede* with a causal is that error type; anything else is to review.
    static func bucket(_ c: CaseRecord) -> String {
        if c.procede == "No procede" { return "No procede" }
        if c.procede == "Procede", let code = c.causalCode { return code }
        return "Sin causal"
    }

    func bucketLabel(_ b: String) -> String {
        switch b {
        case "No procede": return "No procede — reclamación a Gestión Soporte"
        case "Sin causal": return "Sin causal — por revisar"
        default: return causalLabel(b)
        }
    }

    @Test func resumenPorCausalCountsTheAdvisorsErrorsRankedWithTheRestApart() throws {
        let all = MalEscaladosFixture.inPeriod()
        var expected: [String: Int] = [:]
        for c in all { expected[bucketLabel(Self.bucket(c)), default: 0] += 1 }
        let total = all.count
        let t = Self.table(view.calamine("Resumen por causal"))
        #expect(Dictionary(uniqueKeysWithValues: t.rows.map { ($0.0, Int($0.1[0])) }) == expected)
        // The error types first, ranked (ME04 and ME13 tie at 2: by code); then the two lines apart.
        #expect(t.rows.map(\.0) == ["ME11", "ME04", "ME13", "ME02"].map(causalLabel)
                + ["Sin causal — por revisar", "No procede — reclamación a Gestión Soporte"])
        #expect(t.total == [Double(total), 1])
        // % de las filas enviadas: seed 002 §5, every row the client sent.
        for (label, values) in t.rows { #expect(abs(values[1] - Double(expected[label]!) / Double(total)) < 1e-9, "\(label)") }
        let cell = view.cell("Resumen por causal", "B5")
        #expect((cell["value"] as? String)?.hasPrefix("=COUNTIFS('Detalle'!$J$2:$J$") == true, "\(cell)")
        #expect(cell["number_format"] as? String == "#,##0")
        #expect(view.cell("Resumen por causal", "C5")["number_format"] as? String == "0.0%")
        #expect(view.sheet("Resumen por causal")["charts"] as? Int == 1)
    }

    /// The chart of the causales draws the error types only: no bar for the rows to review.
    @Test func theCausalChartDrawsOnlyTheErrorTypes() throws {
        let chart = try #require(try OutsidePrograms.zipEntry(path, "xl/charts/chart1.xml"))
        #expect(chart.contains("$A$5:$A$8"), "four error types on rows 5–8")
    }

    @Test func asesorPorCausalMatrixWithTotals() throws {
        let rows = view.calamine("Asesor × causal")
        let header = rows[3].compactMap { $0 as? String }
        #expect(Array(header.dropFirst()) == ["ME11", "ME04", "ME13", "ME02", "Sin causal", "No procede", "Total general"])
        var expected: [String: [String: Int]] = [:]
        for c in MalEscaladosFixture.inPeriod() { expected[c.asesor ?? "(vacío)", default: [:]][Self.bucket(c), default: 0] += 1 }
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

    @Test func topAdvisorsRankByErrorsOverEveryRowSentAndTotalTheTeam() throws {
        let all = MalEscaladosFixture.inPeriod()
        var procede: [String: Int] = [:], own: [String: Int] = [:]
        for c in all {
            own[c.asesor ?? "(vacío)", default: 0] += 1
            if c.procede == "Procede" { procede[c.asesor ?? "(vacío)", default: 0] += 1 }
        }
        let t = Self.table(view.calamine("Top 5 asesores"))
        // Ana and María 3 errors each (by name), then Carlos, Luis and the blank advisor with 1:
        // five, and nobody cut from a tie.
        #expect(t.rows.map(\.0) == [MalEscaladosFixture.ana, MalEscaladosFixture.maria, MalEscaladosFixture.carlos, MalEscaladosFixture.luis, "(vacío)"])
        for (advisor, v) in t.rows {
            #expect(Int(v[0]) == procede[advisor], "\(advisor)")
            #expect(abs(v[1] - Double(procede[advisor]!) / Double(all.count)) < 1e-9, "\(advisor): seed 002 §5, over every row sent")
            #expect(Int(v[2]) == own[advisor], "\(advisor)")
            #expect(abs(v[3] - Double(procede[advisor]!) / Double(own[advisor]!)) < 1e-9, "\(advisor): own rate")
        }
        let team = procede.values.reduce(0, +)
        #expect(t.total[0] == Double(team) && t.total[2] == Double(all.count), "the whole team, not the five shown")
        #expect(abs(t.total[1] - Double(team) / Double(all.count)) < 1e-9)
        #expect(view.sheet("Top 5 asesores")["charts"] as? Int == 1)
    }

    @Test func indicatorsCoverEveryAdvisorAndCausal() throws {
        let rows = view.calamine("Indicadores")
        let advisors = Self.table(rows, headerRow: 4)
        let all = MalEscaladosFixture.inPeriod()
        #expect(advisors.rows.count == Set(all.map { $0.asesor ?? "(vacío)" }).count)
        let carlos = try #require(advisors.rows.first { $0.0 == MalEscaladosFixture.carlos })
        #expect(carlos.1[0] == 1 && abs(carlos.1[1] - 1 / Double(all.count)) < 1e-12 && carlos.1[2...] == [2, 0.5],
                "a name with * and ? is matched literally, not as a wildcard")
        let secondHeader = try #require(rows.indices.first { $0 > 5 && (rows[$0].first as? String) == "Tipo de error (causal)" })
        let causals = Self.table(rows, headerRow: secondHeader)
        #expect(abs(causals.rows.reduce(0) { $0 + $1.1[1] } - 1) < 1e-9, "error types and the lines apart add up to 100 %")
        let me11 = try #require(causals.rows.first { $0.0 == causalLabel("ME11") })
        #expect(abs(me11.1[1] - 4 / Double(all.count)) < 1e-9, "% recurrencia por tipo de error = rows with it / every row sent")
    }

    @Test func reclamacionesAreTheNoProcedeCasesWithTheirDueDate() throws {
        let rows = view.calamine("Reclamaciones").dropFirst(4).filter { !($0.first as? String ?? "").isEmpty }
        let expected = MalEscaladosFixture.inPeriod().filter { $0.procede == "No procede" }
        #expect(rows.count == expected.count)
        // Sent Monday 18 → due Tuesday 19; Tuesday 19 → Wednesday 20; Friday 22 → Tuesday 26
        // (Monday 25 March 2024 is San José, moved from the 19th). As of Sunday 24, without an
        // answer from Gestión Soporte, the first two are overdue (a claim sent reads «Reclamado»:
        // its estado says nothing of the answer).
        #expect(rows.map { String(($0[5] as? String ?? "").prefix(10)) } == ["2024-03-19", "2024-03-20", "2024-03-26"])
        #expect(rows.map { ($0[8] as? String) ?? "" } == ["Sí", "Sí", "No"])
        #expect((rows.first?[3] as? String)?.contains("Evidencia") == true)
        #expect(rows.allSatisfy { !(($0[3] as? String) ?? "").hasPrefix("(vacío)") })
    }

    /// Seed 002 step 8: the week's cut shows its evolution day by day — rows sent, the advisors'
    /// errors and the main error types —, as formulas over Detalle and a chart.
    @Test func theWeekGoesDayByDay() throws {
        let rows = view.calamine("Evolución")
        let header = try #require(rows.dropFirst(3).first?.compactMap { $0 as? String })
        #expect(Array(header.prefix(3)) == ["Día", "Filas enviadas", "Errores por tipo"])
        #expect(Array(header.dropFirst(3)) == ["ME11", "ME04", "ME13", "ME02"], "the main error types, ranked")
        let t = Self.table(rows)
        #expect(t.rows.map(\.0) == ["18/03", "19/03", "20/03", "21/03", "22/03", "23/03", "24/03"])
        let all = MalEscaladosFixture.inPeriod()
        for (i, (_, values)) in t.rows.enumerated() {
            let day = MalEscaladosFixture.period.first.adding(days: i)
            let mine = all.filter { $0.day == day }
            let errors = mine.filter { !["No procede", "Sin causal"].contains(Self.bucket($0)) }
            #expect(Int(values[0]) == mine.count && Int(values[1]) == errors.count, "\(day)")
            for (j, code) in header.dropFirst(3).enumerated() {
                #expect(Int(values[2 + j]) == errors.filter { $0.causalCode == code }.count, "\(day) \(code)")
            }
        }
        #expect(t.total.prefix(2) == [Double(all.count), Double(all.filter { !["No procede", "Sin causal"].contains(Self.bucket($0)) }.count)])
        #expect(view.sheet("Evolución")["charts"] as? Int == 1)
        #expect((view.cell("Evolución", "B5")["value"] as? String)?.contains("\">=45369\"") == true, "the day as a date serial")
    }

    /// Gestión Soporte's answers (seed 002 step 4): accepted, rejected, waiting and overdue,
    /// on the Reclamaciones sheet and counted in Indicadores.
    @Test func reclamacionesCountTheAnswers() throws {
        var cases = MalEscaladosFixture.cases()
        // The three no-procede cases of the week: the first accepted, the second rejected.
        let noProcede = cases.indices.filter { cases[$0].procede == "No procede" && MalEscaladosFixture.period.contains(cases[$0].day) }
        cases[noProcede[0]].respuesta = "Aceptada"
        cases[noProcede[0]].respuestaFecha = day("2024-03-19")
        cases[noProcede[1]].respuesta = "rechazada"
        let out = try Repository.temporaryFolder("celda-consolidado") + "/respuestas.xlsx"
        try ConsolidadoWorkbook.write(cases, period: MalEscaladosFixture.period, templates: templates, language: .es, to: out)
        let v = try OutsideView.read(out)
        let rows = v.calamine("Reclamaciones").dropFirst(4).filter { !($0.first as? String ?? "").isEmpty }
        #expect(rows.map { $0[6] as? String ?? "" } == ["Aceptada", "Rechazada", ""])
        #expect(rows.map { $0[8] as? String ?? "" } == ["No", "No", "No"], "the third is due on the 26th")
        #expect((v.calamine("Reclamaciones")[1].first as? String)?.contains("Aceptadas: 1 · Rechazadas: 1 · Sin respuesta (en plazo): 1 · Vencidas sin respuesta: 0") == true)
        let ind = v.calamine("Indicadores")
        let top = try #require(ind.indices.first { (ind[$0].first as? String) == "Respuesta Gestión Soporte" })
        let t = (rows: Array(Self.table(ind, headerRow: top).rows.prefix(5)), total: [Double]())
        #expect(t.rows.map(\.0) == ["Aceptadas", "Rechazadas", "Sin respuesta (en plazo)", "Vencidas sin respuesta", "Enviadas"])
        #expect(t.rows.map { $0.1[0] } == [1, 1, 1, 0, 3])
    }

    /// The summaries print landscape, one page wide; their header repeats when a sheet is one
    /// table without a chart (a chart carried over a page would print under a repeated header).
    /// Detalle is not shrunk to one page: it runs over as many pages across as keep its text at
    /// 70 % or more, its header row and first column on each.
    @Test func everySheetPrintsReadably() throws {
        for name in ["Resumen por causal", "Asesor × causal", "Top 5 asesores", "Indicadores", "Evolución", "Reclamaciones"] {
            let print = try #require(view.sheet(name)["print"] as? [String: Any], "\(name)")
            #expect(print["orientation"] as? String == "landscape", "\(name)")
            #expect(print["fit"] as? Bool == true, "\(name)")
            #expect((print["fit_width"] as? Int ?? 1) == 1, "\(name): 1 is the XML default, which libxlsxwriter leaves out")
            #expect(print["fit_height"] as? Int == 0, "\(name)")
        }
        for name in ["Asesor × causal", "Reclamaciones"] {
            #expect(((view.sheet(name)["print"] as? [String: Any])?["title_rows"] as? String)?.isEmpty == false, "\(name)")
        }
        for name in ["Resumen por causal", "Top 5 asesores", "Evolución", "Indicadores"] {
            #expect(((view.sheet(name)["print"] as? [String: Any])?["title_rows"] as? String ?? "").isEmpty, "\(name): a chart or several tables")
        }
        let detail = try #require(view.sheet("Detalle")["print"] as? [String: Any])
        #expect(detail["orientation"] as? String == "landscape" && (detail["fit_width"] as? Int ?? 1) >= 2, "\(detail)")
        #expect((detail["title_rows"] as? String)?.contains("1") == true && (detail["title_cols"] as? String)?.contains("A") == true, "\(detail)")
    }

    /// Printed in tab order, the figures come first and the detail last.
    @Test func theSummariesComeBeforeDetalle() throws {
        #expect(view.tabOrder == ["Resumen por causal", "Tabla dinámica", "Asesor × causal", "Top 5 asesores", "Indicadores", "Evolución",
                                    "Reclamaciones", "Detalle"])
        #expect(view.active == "Resumen por causal")
    }

    @Test func englishLabelsWithLanguageEn() throws {
        let en = try Repository.temporaryFolder("celda-consolidado") + "/summary.xlsx"
        try ConsolidadoWorkbook.write(MalEscaladosFixture.cases(), period: MalEscaladosFixture.period, templates: templates, language: .en, to: en)
        let names = Set(try OutsideView.read(en).sheetNames)
        #expect(names == ["Detail", "By cause", "Pivot table", "Advisor × cause", "Top 5 advisors", "Indicators", "Evolution", "Claims"])
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
        #expect(v.sheetNames.count == 8)
        // A source with only a header is invalid to the spreadsheet: no pivot, and the sheet says so.
        #expect((v.sheet("Tabla dinámica")["pivots"] as? [Any])?.isEmpty == true)
        #expect((v.calamine("Tabla dinámica").first?.first as? String)?.hasPrefix("Sin casos en el periodo: no hay tabla dinámica") == true)
        #expect(Self.table(v.calamine("Resumen por causal")).total == [0, 0])
        #expect(v.calamine("Reclamaciones").contains { ($0.first as? String) == "Sin reclamaciones en el periodo" })
    }
}
