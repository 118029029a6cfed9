import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing

/// The *Tabla dinámica* sheet of the consolidated workbooks: a native pivot table over every
/// Detalle row, parsed by openpyxl and drawn by LibreOffice, whose per-causal counts must equal
/// the static summary's and a count the test makes itself from the fixture.
@Suite(.serialized)
struct PivotTableReportTests {
    let templates: Templates
    let folder: String

    init() throws {
        templates = try reportTemplates()
        folder = try Repository.temporaryFolder("celda-tabla-dinamica")
    }

    func consolidado(pivot: Bool = true) throws -> String {
        let path = folder + "/Consolidado mal escalado soporte 2024-03-18.xlsx"
        try ConsolidadoWorkbook.write(MalEscaladosFixture.cases(), period: MalEscaladosFixture.period, templates: templates, language: .es,
                                      to: path, pivotTable: pivot)
        return path
    }

    /// Consolidado: what each row counts as (seed 002: the error type's code, or one of the two
    /// lines apart, as Detalle's «Tipo de error» writes them) → cases, counted here.
    static func expectedByType(_ cases: [CaseRecord]) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in cases {
            let b = ConsolidadoWorkbookTests.bucket(c)
            out[b == "No procede" ? "No procede — reclamación a Gestión Soporte" : b == "Sin causal" ? "Sin causal — por revisar" : b, default: 0] += 1
        }
        return out
    }

    /// code → cases, counted here from the fixture (blank codes read "(vacío)", as in Detalle).
    static func expectedByCode(_ cases: [CaseRecord]) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in cases { out[c.causalCode ?? "(vacío)", default: 0] += 1 }
        return out
    }

    /// The pivot sheet as LibreOffice drew it: label → count under the header row, and the grand total.
    static func pivotCounts(_ rows: [[String]], header: [String]) throws -> (counts: [String: Int], total: Int?) {
        let start = try #require(rows.firstIndex(of: header), "no \(header) in \(rows)")
        var counts: [String: Int] = [:], total: Int?
        for row in rows[(start + 1)...] where row.count >= 2 && !row[0].isEmpty {
            if row[0] == "Total Result" { total = Int(row[1]) } else { counts[row[0]] = Int(row[1]) }
        }
        return (counts, total)
    }

    @Test func thePivotCoversEveryDetailRowWithCausalOnRowsAndTheFilters() throws {
        let path = try consolidado()
        let view = try OutsideView.read(path)
        #expect(view.sheetNames.contains("Tabla dinámica"))
        let pivots = try #require(view.sheet("Tabla dinámica")["pivots"] as? [[String: Any]])
        #expect(pivots.count == 1)
        let p = try #require(pivots.first)
        let n = MalEscaladosFixture.inPeriod().count
        #expect(p["source_sheet"] as? String == "Detalle")
        #expect(p["source_ref"] as? String == "A1:Q\(1 + n)", "every Detalle row and column")
        #expect(p["refresh_on_load"] as? Bool == true)
        let header = try #require(view.calamine("Detalle").first?.compactMap { $0 as? String })
        #expect(p["cache_fields"] as? [String] == header)
        #expect((p["row_fields"] as? [Int]).map { $0.map { header[$0] } } == ["Tipo de error"])
        #expect((p["page_fields"] as? [Int]).map { $0.map { header[$0] } } == ["Asesor", "Supervisor", "Día"])
        let data = try #require((p["data_fields"] as? [[String: Any]])?.first)
        #expect(data["name"] as? String == "Casos")
        #expect(data["subtotal"] as? String == "count")
        #expect((data["fld"] as? Int).map { header[$0] } == "Fila", "a column that is never blank, so count = rows")
    }

    @Test func libreOfficeDrawsTheSameCountsAsTheSummaryAndTheDetail() throws {
        let path = try consolidado()
        let sheets = try LibreOfficeRecalc.sheets(of: path, in: folder + "/lo")
        let pivot = try #require(sheets["Tabla dinámica"], "sheets: \(sheets.keys.sorted())")
        #expect(pivot.first?.prefix(2) == ["Asesor", "- all -"], "the filters above the table: \(pivot)")
        let drawn = try Self.pivotCounts(pivot, header: ["Tipo de error", "Casos"])
        let expected = Self.expectedByType(MalEscaladosFixture.inPeriod())
        #expect(drawn.counts == expected)
        #expect(drawn.total == MalEscaladosFixture.inPeriod().count)
        // The static summary, as LibreOffice recalculated it: "ME11 · label" → count.
        let resumen = try #require(sheets["Resumen por causal"])
        var summary: [String: Int] = [:]
        for row in resumen.dropFirst(4) where row.count >= 2 && !row[0].isEmpty && row[0] != "Total general" {
            summary[String(row[0].split(separator: " · ").first ?? "")] = Int(row[1])
        }
        #expect(summary == drawn.counts, "pivot \(drawn.counts) vs summary \(summary)")
        // And the Detalle sheet's own «Tipo de error» column.
        var detail: [String: Int] = [:]
        for row in try #require(sheets["Detalle"]).dropFirst() where row.count > 9 && !row[9].isEmpty { detail[row[9], default: 0] += 1 }
        #expect(detail == drawn.counts)
    }

    /// Printed to PDF by LibreOffice, as a supervisor would print it: the table is on a page.
    @Test func thePivotSheetPrints() throws {
        let path = try consolidado()
        let out = folder + "/pdf"
        let pdf = try PrintedPages.pdf(of: path, outdir: out, profile: folder + "/perfil-pdf")
        let printed = try PrintedPages.pages(of: pdf).joined(separator: "\u{0C}")
        let page = try #require(printed.split(separator: "\u{0C}").first { $0.contains("Tipo de error") && $0.contains("- all -") },
                                "no page with the pivot table:\n\(printed)")
        #expect(page.contains("Total Result"))
        #expect(page.split(separator: "\n").contains { $0.hasPrefix("ME11") && $0.hasSuffix(" 4") }, "\(page)")
    }

    @Test func sinTablaDinamicaLeavesTheSheetOut() throws {
        let view = try OutsideView.read(try consolidado(pivot: false))
        #expect(!view.sheetNames.contains("Tabla dinámica"))
        #expect(view.sheetNames.count == 7)
    }

    @Test func recurrentesCarriesAPivotWithTheSameCountsAsItsDetail() throws {
        let path = folder + "/Informe recurrentes.xlsx"
        try RecurrentesWorkbook.write(TipificadorFixture.cases(), history: TipificadorFixture.history(templates), period: TipificadorFixture.period,
                                      today: TipificadorFixture.today, templates: templates, language: .es, to: path)
        let view = try OutsideView.read(path)
        let p = try #require((view.sheet("Tabla dinámica")["pivots"] as? [[String: Any]])?.first)
        let inWeek = TipificadorFixture.cases().filter { TipificadorFixture.period.contains($0.day) }
        #expect(p["source_ref"] as? String == "A1:O\(1 + inWeek.count)")
        let sheets = try LibreOfficeRecalc.sheets(of: path, in: folder + "/lo-rec")
        let drawn = try Self.pivotCounts(try #require(sheets["Tabla dinámica"]), header: ["Código causal", "Casos"])
        #expect(drawn.counts == Self.expectedByCode(inWeek))
        #expect(drawn.total == inWeek.count)
    }
}
