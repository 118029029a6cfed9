import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing

/// A Detalle longer than a sheet, seen through python-calamine and openpyxl: the detail written
/// a row at a time continues on «Detalle (2)», «Detalle (3)» (50 rows a sheet here instead of
/// Excel's 1,048,576), every case once and in order, and each summary counts every part.
struct ConsolidadoSpillTests {
    static let rowsPerSheet = 50

    /// 130 cases of the fixture's week: its cases over and over, each with a cuenta of its own,
    /// in Detalle order (as a store gives them).
    static func many() -> [CaseRecord] {
        let base = MalEscaladosFixture.inPeriod()
        return (0..<130).map { i in
            var c = base[i % base.count]
            c.key = "m\(i)"
            c.cuenta = String(format: "77%08d", i)
            c.sourceFile = "Base.xlsx"
            c.row = 2 + i
            return c
        }.sorted { ($0.day, $0.secondsOfDay ?? 0, $0.row) < ($1.day, $1.secondsOfDay ?? 0, $1.row) }
    }

    static func write(to path: String) throws -> Int {
        let cases = many()
        return try ConsolidadoWorkbook.write(streaming: { body in try cases.forEach(body) }, period: MalEscaladosFixture.period,
                                             templates: try reportTemplates(), language: .es, to: path, rowsPerSheet: rowsPerSheet)
    }

    let templates: Templates
    let view: OutsideView
    let written: Int

    init() throws {
        templates = try reportTemplates()
        let path = try Repository.temporaryFolder("celda-consolidado-spill") + "/Consolidado.xlsx"
        written = try Self.write(to: path)
        view = try OutsideView.read(path)
    }

    @Test func everyCaseIsOnADetailSheetOnceAndInOrder() {
        #expect(written == 130)
        let parts = ["Detalle", "Detalle (2)", "Detalle (3)"].map { view.calamine($0) }
        #expect(parts.map(\.count) == [50, 50, 33], "header + 49, header + 49, header + 32")
        for (i, part) in parts.enumerated() {
            #expect((part.first?.first as? String) == "Fecha", "the header on part \(i + 1)")
            #expect(view.sheet(i == 0 ? "Detalle" : "Detalle (\(i + 1))")["freeze"] as? String == "A2")
        }
        let cuentas = parts.flatMap { $0.dropFirst().map { $0[1] as? String ?? "?" } }
        #expect(cuentas == Self.many().map { $0.cuenta ?? "" })
        #expect(!view.sheetNames.contains("Detalle (4)"))
    }

    @Test func theSummariesCountEveryPart() throws {
        var expected: [String: Int] = [:]
        for c in Self.many() { expected[ConsolidadoWorkbookTests.bucket(c).prefix { $0 != " " }.description, default: 0] += 1 }
        let t = ConsolidadoWorkbookTests.table(view.calamine("Resumen por causal"))
        let counted = Dictionary(uniqueKeysWithValues: t.rows.map { (String($0.0.prefix { $0 != " " }), Int($0.1[0])) })
        #expect(counted == expected)
        #expect(t.total.first == 130)
        let formula = try #require(view.cell("Resumen por causal", "B5")["value"] as? String)
        #expect(formula.contains("COUNTIFS('Detalle'!") && formula.contains("+COUNTIFS('Detalle (2)'!") && formula.contains("+COUNTIFS('Detalle (3)'!"),
                "\(formula)")
        // The spare rows for hand-added cases are on the last part only.
        #expect(formula.contains("'Detalle'!$J$2:$J$50,") && formula.contains("'Detalle (3)'!$J$2:$J$233,"), "\(formula)")
    }

    @Test func thePivotSheetSaysWhyThereIsNoTable() {
        let pivot = view.calamine("Tabla dinámica")
        #expect((pivot.first?.first as? String)?.hasPrefix("Sin tabla dinámica: el detalle pasa de 1.048.575 filas") == true, "\(pivot)")
        #expect((view.sheet("Tabla dinámica")["pivots"] as? [Any] ?? []).isEmpty)
    }

    @Test func reclamacionesHoldEveryNoProcedeCase() {
        let expected = Self.many().filter { $0.procede == "No procede" }.map { $0.cuenta ?? "" }
        let rows = view.calamine("Reclamaciones")
        #expect((rows[1].first as? String)?.contains("Casos no procede: \(expected.count) ·") == true, "\(rows[1])")
        #expect(rows.dropFirst(4).map { $0.first as? String ?? "?" } == expected)
    }
}
