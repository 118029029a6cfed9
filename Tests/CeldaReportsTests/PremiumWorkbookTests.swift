import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing

/// The *Informe Claro Premium*: LibreOffice forced to recalculate comes to every value cached in
/// Indicadores and Por día (the COUNTIFS over the two detail sheets, FCR, Efectividad and NPS
/// formulas agree with PremiumSummary), and the sheets, headers and charts a supervisor expects.
@Suite(.serialized)
struct PremiumWorkbookTests {
    static func moment(_ d: Int, _ h: Int, _ m: Int = 0) -> DayTime { DayTime(day: day(String(format: "2024-03-%02d", d)), seconds: h * 3600 + m * 60) }

    static let cases: [PremiumCase] = [
        PremiumCase(caso: "A1", cuenta: "81000001", tipo: "SAC", subtipo: "Cartera", backoffice: "Ana Rojas", ingreso: moment(18, 9),
                    seguimiento: day("2024-03-19"), estado: "Cerrado", cierre: moment(18, 9, 20), spc: true, sourceFile: "crm.xlsx", row: 2),
        PremiumCase(caso: "A2", cuenta: "81000001", tipo: "SAC", subtipo: "Cartera", backoffice: "ana rojas", ingreso: moment(20, 9),
                    seguimiento: day("2024-03-20"), estado: "Abierto", sourceFile: "crm.xlsx", row: 3),
        PremiumCase(caso: "A3", cuenta: "81000003", tipo: "PQR", subtipo: "PQR", backoffice: "Bruno Díaz", ingreso: moment(18, 8),
                    seguimiento: day("2024-03-20"), estado: "Cerrado", cierre: moment(22, 8), spc: false, sourceFile: "crm.xlsx", row: 4),
        PremiumCase(caso: "A4", cuenta: "81000004", tipo: "SAC", subtipo: "Recaudo", backoffice: "Bruno Díaz", ingreso: moment(19, 10),
                    seguimiento: day("2024-03-21"), estado: "Cerrado", cierre: moment(19, 10, 5), spc: true, sourceFile: "crm.xlsx", row: 5),
        PremiumCase(caso: "A5", cuenta: "81000005", tipo: "Soporte", subtipo: "Visita técnica", backoffice: nil, ingreso: moment(19, 7),
                    seguimiento: day("2024-03-26"), estado: "Escalado", sourceFile: "crm.xlsx", row: 6),
    ]
    static let surveys: [PremiumSurvey] = [
        PremiumSurvey(fecha: moment(18, 12), caso: "A1", cuenta: nil, backoffice: "ANA ROJAS", score: 10),
        PremiumSurvey(fecha: moment(19, 12), caso: nil, cuenta: "81000004", backoffice: "Bruno Díaz", score: 5),
        PremiumSurvey(fecha: moment(21, 12), caso: "A3", cuenta: nil, backoffice: "Bruno Díaz", score: 8),
        PremiumSurvey(fecha: moment(21, 15), caso: "A2", cuenta: nil, backoffice: "Ana Rojas", score: 9),
    ]

    private func write(_ folder: String) throws -> String {
        let templates = try reportTemplates()
        let summary = PremiumSummary(cases: Self.cases, surveys: Self.surveys, period: ReportPeriod(.week, containing: day("2024-03-20")),
                                     today: day("2024-03-25"), settings: templates.premium)
        let path = folder + "/premium.xlsx"
        try PremiumWorkbook.write(summary, templates: templates, language: .es, to: path)
        return path
    }

    @Test func libreOfficeRecalculatesToTheCachedFigures() throws {
        let folder = try Repository.temporaryFolder("celda-premium-recalc")
        let path = try write(folder)
        let cached = try OutsideView.read(path)
        let recalculated = try LibreOfficeRecalc.sheets(of: path, in: folder)
        for sheet in ["Indicadores", "Por día"] {
            let mine = cached.calamine(sheet)
            let theirs = try #require(recalculated[sheet], "LibreOffice exported \(recalculated.keys.sorted())")
            var compared = 0, nonZero = 0
            for (r, row) in mine.enumerated() {
                for (c, value) in row.enumerated() {
                    guard let number = value as? Double else { continue }
                    let other = (theirs[safe: r]?[safe: c]).flatMap(RecalculationTests.number)
                    #expect(other.map { abs($0 - number) < 1e-9 } == true, "\(sheet) row \(r + 1) column \(c + 1): cached \(number), LibreOffice \(theirs[safe: r]?[safe: c] ?? "nothing")")
                    compared += 1
                    if number != 0 { nonZero += 1 }
                }
            }
            #expect(compared > 20 && nonZero > 10, "\(sheet): \(compared) figures, \(nonZero) not zero")
        }
        // One NPS check by hand: Ana 2 promoters of 2 (100), Bruno 1 detractor, 1 passive of 2 (−50), overall (2 − 1) / 4 = 25.
        let rows = cached.calamine("Indicadores")
        let nps = rows.filter { ($0.first as? String).map { ["Ana Rojas", "Bruno Díaz", "Total general"].contains($0) } ?? false }.compactMap { $0.count > 5 ? $0[5] as? Double : nil }
        #expect(nps.suffix(3) == [100, -50, 25], "\(rows)")
    }

    @Test func sheetsHeadersAndCharts() throws {
        let folder = try Repository.temporaryFolder("celda-premium-book")
        let view = try OutsideView.read(try write(folder))
        #expect(Set(view.sheetNames) == ["Indicadores", "Por día", "Detalle casos", "Encuestas"])
        #expect(view.json["active"] as? String == "Indicadores")
        let headers = view.calamine("Indicadores").flatMap { $0.compactMap { $0 as? String } }
        for plain in ["NPS", "FCR", "Efectividad", "Más de 72 h", "2ª interacción / SPC", "Promotor", "Pasivo", "Detractor", "Encuestas"] {
            #expect(headers.contains(plain), "\(plain) is a header")
        }
        #expect(view.sheet("Por día")["charts"] as? Int == 2, "NPS and FCR over the days")
        // A figure is a formula over the detail, not a typed number.
        let formulas = (view.sheet("Indicadores")["cells"] as? [String: Any])?.values.compactMap { ($0 as? [String: Any])?["value"] as? String }
            .filter { $0.hasPrefix("=COUNTIFS('Detalle casos'!") || $0.hasPrefix("=COUNTIFS('Encuestas'!") } ?? []
        #expect(formulas.count > 20)
    }
}
