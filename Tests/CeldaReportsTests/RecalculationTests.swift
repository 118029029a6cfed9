import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing
import XLSXWriter

/// LibreOffice headless recalculates every formula of the reports (a profile that forces it,
/// see `LibreOfficeRecalc`) and must come to the values cached in the file: the formulas over
/// Detalle and the core's figures agree. A first test proves the recalculation really happens:
/// a deliberately wrong cached value is replaced by LibreOffice's own result.
@Suite(.serialized)
struct RecalculationTests {
    /// A COUNTIFS over a Detalle sheet, cached as 999 (wrong: the answer is 2).
    private func wronglyCached(_ folder: String) throws -> String {
        let path = folder + "/mal cacheado.xlsx"
        let book = try Workbook(path: path)
        let detalle = try book.addWorksheet("Detalle")
        for (i, causal) in ["ME11", "ME13", "ME11"].enumerated() { try detalle.write(.text(causal), row: i + 1, column: 0) }
        let resumen = try book.addWorksheet("Resumen")
        try resumen.write(.formula("=COUNTIFS('Detalle'!$A$2:$A$200,\"=ME11\")", cached: .number(999)), row: 0, column: 0)
        try book.save()
        return path
    }

    @Test func aWrongCachedValueIsReplacedOnlyWhenRecalculationIsForced() throws {
        let folder = try Repository.temporaryFolder("celda-recalc")
        let path = try wronglyCached(folder)
        let forced = try LibreOfficeRecalc.sheets(of: path, in: folder + "/forzado")
        #expect(forced["Resumen"]?.first?.first == "2", "recalculated: \(forced)")
        let plain = try LibreOfficeRecalc.sheets(of: path, recalculate: false, in: folder + "/normal")
        #expect(plain["Resumen"]?.first?.first == "999", "LibreOffice's default shows the cached value: \(plain)")
    }

    /// Every number LibreOffice computes on the summary sheets equals the cached one calamine reads.
    private func expectRecalculationAgrees(_ path: String, sheets: [String], folder: String) throws {
        let cached = try OutsideView.read(path)
        let recalculated = try LibreOfficeRecalc.sheets(of: path, in: folder)
        for sheet in sheets {
            let mine = cached.calamine(sheet)
            let theirs = try #require(recalculated[sheet], "LibreOffice exported \(recalculated.keys.sorted())")
            var compared = 0
            for (r, row) in mine.enumerated() {
                for (c, value) in row.enumerated() {
                    guard let number = value as? Double else { continue }
                    let other = (theirs[safe: r]?[safe: c]).flatMap(Self.number)
                    #expect(other.map { abs($0 - number) < 1e-9 } == true, "\(sheet)!\(CellName.of(row: r, column: c)): cached \(number), LibreOffice \(theirs[safe: r]?[safe: c] ?? "nothing")")
                    compared += 1
                }
            }
            #expect(compared > 0, "\(sheet) has figures")
        }
    }

    /// A CSV field as a number; LibreOffice writes a percentage-formatted value as "30.7692307692308%"
    /// even with "as shown" off.
    static func number(_ field: String) -> Double? {
        field.hasSuffix("%") ? Double(field.dropLast()).map { $0 / 100 } : Double(field)
    }

    @Test func consolidadoFormulasComeToTheCachedValues() throws {
        let folder = try Repository.temporaryFolder("celda-recalc")
        let path = folder + "/consolidado.xlsx"
        try ConsolidadoWorkbook.write(MalEscaladosFixture.cases(), period: MalEscaladosFixture.period, templates: try reportTemplates(), language: .es, to: path)
        try expectRecalculationAgrees(path, sheets: ["Resumen por causal", "Asesor × causal", "Top 5 asesores", "Indicadores"], folder: folder)
    }

    /// Procede and Gestión Soporte's answers typed by hand («procede», « aceptada»), names in
    /// two spellings: Detalle writes them in the templates' words and one spelling, so every
    /// formula — «Tipo de error» on each Detalle row, the answers in Indicadores, Evolución —
    /// comes to the figure Celda cached.
    @Test func handTypedValuesStillComeToTheCachedValues() throws {
        let folder = try Repository.temporaryFolder("celda-recalc")
        let path = folder + "/consolidado a mano.xlsx"
        var cases = MalEscaladosFixture.cases()
        let noProcede = cases.indices.filter { cases[$0].procede == "No procede" }
        cases[noProcede[0]].respuesta = " aceptada"
        cases[noProcede[1]].respuesta = "RECHAZADA"
        cases[0].procede = "procede"
        cases[1].asesor = MalEscaladosFixture.ana.uppercased()
        try ConsolidadoWorkbook.write(cases, period: MalEscaladosFixture.period, templates: try reportTemplates(), language: .es, to: path)
        try expectRecalculationAgrees(path, sheets: ["Resumen por causal", "Asesor × causal", "Top 5 asesores", "Indicadores", "Evolución"], folder: folder)
        let cached = try OutsideView.read(path).calamine("Detalle").map { $0.count > 9 ? ($0[9] as? String ?? "") : "" }
        let recalculated = try #require(try LibreOfficeRecalc.sheets(of: path, in: folder + "/detalle")["Detalle"]).map { $0.count > 9 ? $0[9] : "" }
        #expect(cached.count > 10 && Array(recalculated.prefix(cached.count)) == cached, "«Tipo de error» recomputed from Procede and Código")
    }

    /// Detalle on three sheets (50 rows each): each figure adds up its parts.
    @Test func aSpilledConsolidadoComesToTheCachedValues() throws {
        let folder = try Repository.temporaryFolder("celda-recalc")
        let path = folder + "/consolidado partido.xlsx"
        _ = try ConsolidadoSpillTests.write(to: path)
        try expectRecalculationAgrees(path, sheets: ["Resumen por causal", "Asesor × causal", "Top 5 asesores", "Indicadores"], folder: folder)
    }

    @Test func recurrentesFormulasComeToTheCachedValues() throws {
        let folder = try Repository.temporaryFolder("celda-recalc")
        let path = folder + "/recurrentes.xlsx"
        let templates = try reportTemplates()
        try RecurrentesWorkbook.write(TipificadorFixture.cases(), history: TipificadorFixture.history(templates), period: TipificadorFixture.period,
                                      today: day("2024-03-19"), templates: templates, language: .es, to: path)
        try expectRecalculationAgrees(path, sheets: ["Por causal", "Por área", "Top 5 asesores"], folder: folder)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
