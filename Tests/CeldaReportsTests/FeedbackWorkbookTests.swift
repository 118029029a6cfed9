import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing

/// The compromisos workbook read back by python-calamine and openpyxl, and printed to PDF by
/// LibreOffice: each figure compared with a count this test makes from its own fixture.
@Suite(.serialized)
struct FeedbackWorkbookTests {
    let templates: Templates
    let path: String
    let view: OutsideView
    static let today = day("2024-03-25")

    /// Two advisors whose names share their first 31 characters, and one with many cases.
    static let longA = "María Fernanda Rodríguez de la Torre", longB = "María Fernanda Rodríguez de la Tapia"
    static let busy = "Jorge Iván Restrepo"
    static let busyCases = 70

    /// The mal-escalados week of the reports' fixture, the two long names, the busy advisor,
    /// and tipificador forms with errors in the same week.
    static func cases() -> [CaseRecord] {
        var out = MalEscaladosFixture.cases()
        for (i, name) in [longA, longB].enumerated() {
            out.append(CaseRecord(kind: "mal-escalados", key: "long\(i)", sourceFile: "b.xlsx", sheet: "Base", row: 100 + i, date: day("2024-03-19"),
                                  firstSeen: day("2024-03-19"), cuenta: "77\(i)", asesor: name, asesorID: "55\(i)", supervisor: "Sup L",
                                  causalCode: "ME03", causal: "ME03", evidence: "Estado de cuenta: DESCONECTADO POR MORA", procede: "Procede", estado: "Pendiente"))
        }
        for i in 0..<busyCases {
            let code = ["ME11", "ME13", "ME04"][i % 3]
            out.append(CaseRecord(kind: "mal-escalados", key: "busy\(i)", sourceFile: "b.xlsx", sheet: "Base", row: 200 + i, date: day("2024-03-2\(i % 5)"),
                                  firstSeen: day("2024-03-20"), cuenta: "88\(i)", asesor: busy, asesorID: "999", supervisor: "Sup B",
                                  causalCode: code, causal: code, evidence: "Evidencia larga del caso \(i): " + String(repeating: "prueba T&D incompleta ", count: i % 4),
                                  procede: "Procede", estado: "Pendiente", observaciones: i % 2 == 0 ? "Se retroalimenta en sala" : nil))
        }
        let forms: [(String, String, [FormError])] = [
            ("2024-03-19", MalEscaladosFixture.ana, [FormError(.invalidAccount, "la cuenta «12a» no es válida")]),
            ("2024-03-20", "Pedro Páez", [FormError(.missingRequired, "falta el motivo"), FormError(.causalContradictsMotivo, "causal A contradice el motivo")]),
            ("2024-03-21", "Pedro Páez", []),
        ]
        for (i, f) in forms.enumerated() {
            out.append(CaseRecord(kind: "tipificador", key: "form\(i)", sourceFile: "f.csv", sheet: "f", row: 300 + i, date: day(f.0), firstSeen: day(f.0),
                                  cuenta: "66\(i)", asesor: f.1, estado: "Pendiente", formErrors: f.2))
        }
        return out
    }

    /// Errors per advisor, counted here: procede mal-escalados and form errors in the week.
    static func expectedErrors() -> [String: Int] {
        var errors: [String: Int] = [:]
        for c in cases() where MalEscaladosFixture.period.contains(c.day) {
            guard let a = c.asesor else { continue }
            if c.kind == "mal-escalados", c.procede == "Procede" { errors[a, default: 0] += 1 }
            if c.kind == "tipificador" { errors[a, default: 0] += c.formErrors.count }
        }
        return errors.filter { $0.value > 0 }
    }

    init() throws {
        templates = try reportTemplates()
        path = try Repository.temporaryFolder("celda-compromisos") + "/Compromisos de mejoramiento semana.xlsx"
        let summary = FeedbackSummary(cases: Self.cases(), period: MalEscaladosFixture.period, templates: templates)
        try FeedbackWorkbook.write(summary, today: Self.today, templates: templates, language: .es, to: path)
        view = try OutsideView.read(path)
    }

    /// The Resumen's table: advisor → (sheet link, errors), in sheet order.
    func resumen() -> [(asesor: String, link: String?, errors: Int)] {
        let rows = view.calamine("Resumen")
        guard let header = rows.firstIndex(where: { ($0.first as? String) == "#" }) else { return [] }
        return rows.dropFirst(header + 1).enumerated().compactMap { i, row in
            guard row.count > 4, let name = row[1] as? String, !name.isEmpty else { return nil }
            let link = view.cell("Resumen", "B\(header + 2 + i)")["link"] as? String
            return (name, link, Int(row[4] as? Double ?? -1))
        }
    }

    @Test func oneSheetPerAdvisorWhoErredAfterResumen() throws {
        let expected = Self.expectedErrors()
        #expect(view.sheetNames.count == 1 + expected.count)
        #expect(view.json["active"] as? String == "Resumen")
        let table = resumen()
        #expect(Dictionary(uniqueKeysWithValues: table.map { ($0.asesor, $0.errors) }) == expected)
        #expect(table.map(\.errors) == table.map(\.errors).sorted(by: >), "most errors first")
        #expect(table.first?.asesor == Self.busy)
        // Each name links to a sheet of the book that is that advisor's.
        for row in table {
            let link = try #require(row.link, "\(row.asesor)")
            let sheet = String(link.dropFirst().prefix { $0 != "!" }).replacing("'", with: "")
            #expect(view.sheetNames.contains(sheet), "\(link)")
            #expect(view.calamine(sheet).contains { $0.contains { ($0 as? String) == row.asesor } }, "\(row.asesor) on \(sheet)")
        }
    }

    @Test func namesAlikeInTheirFirst31CharactersStillGetTwoSheets() {
        let long = view.sheetNames.filter { $0.hasPrefix("María Fernanda") }
        #expect(long.count == 2 && Set(long).count == 2, "\(long)")
        #expect(long.allSatisfy { $0.unicodeScalars.count <= 31 })
    }

    /// Every labelled cell of a sheet: label text → the row it is on.
    func rows(of sheet: String) -> [[Any]] { view.calamine(sheet) }

    func sheetOf(_ asesor: String) throws -> String {
        let link = try #require(resumen().first { $0.asesor == asesor }?.link)
        return String(link.dropFirst().prefix { $0 != "!" }).replacing("'", with: "")
    }

    @Test func anAdvisorsCasesTotalsAndProcedures() throws {
        let ana = MalEscaladosFixture.ana
        let sheet = try sheetOf(ana)
        let rows = rows(of: sheet)
        let text = rows.flatMap { $0.compactMap { $0 as? String } }
        #expect(text.contains(ana))
        #expect(text.contains("Compromiso de mejoramiento"))
        #expect(text.contains("18/03/2024 – 24/03/2024"), "the period, as a printed form writes dates")
        // Ana's errors this week, counted here: ME11 twice, ME02 once (24/03), one form error.
        var byCode: [String: Int] = [:]
        for c in Self.cases() where c.asesor == ana && MalEscaladosFixture.period.contains(c.day) {
            if c.kind == "mal-escalados", c.procede == "Procede" { byCode[c.causalCode!, default: 0] += 1 }
            for e in c.formErrors { byCode[e.code.rawValue, default: 0] += 1 }
        }
        guard let header = rows.firstIndex(where: { ($0.first as? String) == "Causal" }) else { Issue.record("no totals table"); return }
        var totals: [String: Int] = [:]
        for row in rows.dropFirst(header + 1) {
            guard let label = row.first as? String, label != "Total general", let n = row[2] as? Double else { break }
            let code = label.hasPrefix("Formulario · ") ? templates.compromisos.errores_formulario.first { "Formulario · " + $0.label == label }!.code
                : String(label.prefix { $0 != " " })
            totals[code] = Int(n)
        }
        #expect(totals == byCode)
        // The case list holds each error once: its cuenta in column B, its evidence in D.
        var expectedRows: [String: Int] = [:]
        for c in Self.cases() where c.asesor == ana && MalEscaladosFixture.period.contains(c.day) {
            expectedRows[c.cuenta!, default: 0] += c.kind == "tipificador" ? c.formErrors.count : (c.procede == "Procede" ? 1 : 0)
        }
        var listed: [String: Int] = [:]
        for row in rows where row.count > 3 && expectedRows[row[1] as? String ?? ""] != nil { listed[row[1] as! String, default: 0] += 1 }
        #expect(listed == expectedRows.filter { $0.value > 0 })
        #expect(rows.contains { $0.count > 3 && ($0[3] as? String) == "la cuenta «12a» no es válida" }, "a form error's words are its evidence")
        for code in byCode.keys where code.hasPrefix("ME") {
            let procedure = templates.malEscalados.first { $0.code == code }!.procedimiento
            #expect(text.contains(procedure), "procedure of \(code)")
        }
        #expect(text.contains(templates.compromisos.formError(.invalidAccount)!.procedimiento))
        for label in ["Firma del asesor", "Firma del supervisor", "Firma del back office", "Compromisos", "Plan de mejora", "Fecha de seguimiento"] {
            #expect(text.contains(label), "\(label)")
        }
    }

    @Test func theTeamAverageIsErrorsOfTheCausalPerAdvisorWhoSentRows() throws {
        let sheet = try sheetOf(MalEscaladosFixture.ana)
        let rows = rows(of: sheet)
        let me11 = try #require(rows.first { ($0.first as? String)?.hasPrefix("ME11 ·") == true && $0.count > 4 && $0[4] is Double })
        let week = Self.cases().filter { $0.kind == "mal-escalados" && MalEscaladosFixture.period.contains($0.day) }
        let team = Set(week.compactMap(\.asesor).filter { !$0.isEmpty })
        let errors = week.filter { $0.asesor != nil && $0.procede == "Procede" && $0.causalCode == "ME11" }.count
        #expect(abs((me11[4] as! Double) - Double(errors) / Double(team.count)) < 1e-9)
    }

    @Test func everyAdvisorSheetPrintsPortraitLetterOnePageWide() throws {
        for name in view.sheetNames where name != "Resumen" {
            let print = try #require(view.sheet(name)["print"] as? [String: Any], "\(name)")
            #expect(print["orientation"] as? String == "portrait", "\(name)")
            #expect(print["paper"] as? Int == 1 || print["paper"] as? String == "1", "Letter: \(name)")
            #expect(print["fit"] as? Bool == true && (print["fit_width"] as? Int ?? 1) == 1 && print["fit_height"] as? Int == 0, "\(name)")
            // The case list's header repeats only when the list runs over its page (the 70-case
            // advisor's, checked on the printed pages): over the signatures it would mislead.
            let cases = view.calamine(name).filter { ($0.first as? String)?.hasPrefix("2024-") == true }.count
            #expect(((print["title_rows"] as? String)?.isEmpty == false) == (cases > 20), "\(name): \(cases) cases")
            #expect((print["area"] as? String)?.contains("$A$1:$E$") == true, "\(name): \(print["area"] ?? "")")
            #expect((print["footer_right"] as? String)?.contains("Página &P de &N") == true, "\(name)")
        }
    }

    @Test func printedPagesShowEachAdvisorWithProceduresAndSignatures() throws {
        let folder = (path as NSString).deletingLastPathComponent
        let pdf = try PrintedPages.pdf(of: path, outdir: folder, profile: folder + "/perfil-pdf")
        let pages = try PrintedPages.pages(of: pdf)
        let all = pages.joined(separator: "\n")
        for asesor in Self.expectedErrors().keys {
            #expect(all.contains(asesor), "\(asesor) on the printed pages")
        }
        for words in ["Firma del asesor", "Firma del supervisor", "Firma del back office", "Procedimiento correcto",
                      templates.malEscalados.first { $0.code == "ME11" }!.procedimiento.prefix(40).description] {
            #expect(all.contains(words), "\(words)")
        }
        // The busy advisor's 70 cases run over more than one page; each page is one page wide
        // (the first and last columns of the case list on the same page) and, on the
        // following pages, the list's header is printed again.
        let busyPages = pages.filter { $0.contains(Self.busy + " · ") }
        #expect(busyPages.count >= 2, "\(busyPages.count) pages")
        for page in busyPages.dropLast() {
            #expect(page.contains("Evidencia") && page.contains("Observación del back"), "header row on every page of the list")
        }
        #expect(busyPages.last?.contains("Firma del back office") == true)
    }
}
