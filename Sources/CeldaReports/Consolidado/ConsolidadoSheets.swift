import CeldaCore
import XLSXWriter

/// The summary sheets of the consolidado, each a pivot-like table over Detalle.
struct ConsolidadoSheets {
    let summary: MalEscaladosTally
    let book: Workbook
    let detail: DetailSheet
    let text: ReportText
    let templates: Templates
    let footer: String

    typealias D = MalEscaladosDetail.Column
    var firstSummaryName: String { text("con_hoja_resumen") }

    /// Causal · casos · % del total, ranked; used by *Resumen por causal* and *Indicadores*.
    func causalTable() -> SummaryTable {
        let total = summary.total
        let rows = summary.byCausal.map { k in
            SummaryTable.Row(label: text.malEscaladoCausal(k.key),
                             values: [(.count([.equals(column: D.codigo.rawValue, text.key(k.key))]), Double(k.count)),
                                      (.shareOfTotal(of: 0), k.share)])
        }
        return SummaryTable(labelHeader: text("inf_col_causal"), headers: [text("inf_col_casos"), text("inf_col_pct_total")],
                            looks: [.integer, .percent], rows: rows,
                            total: .init(label: text("inf_total"), values: [(.sumAbove, Double(total)), (.shareOfTotal(of: 0), total == 0 ? 0 : 1)]))
    }

    func byCausal() throws {
        let s = try SummarySheet.start(book, name: text("con_hoja_resumen"), title: text("con_titulo_resumen"), subtitle: text.periodLabel)
        let placed = try causalTable().write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        try s.chart(.bar, book: book, title: text("con_grafico_causales"), table: placed, series: [(text("inf_col_casos"), 0)],
                    row: SummarySheet.firstTableRow, column: 4)
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    /// Asesor × causal: one row per advisor, one column per causal (ranked), row and column
    /// totals and the grand total.
    func matrix() throws {
        let s = try SummarySheet.start(book, name: text("con_hoja_matriz"), title: text("con_titulo_matriz"), subtitle: text.periodLabel)
        let causals = summary.causals
        let rows = summary.byAdvisor.map { a in
            let asesor = SummaryTable.Criterion.equals(column: D.asesor.rawValue, text.key(a.asesor))
            let cells: [(SummaryTable.Value, Double)] = causals.map { code in
                (.count([asesor, .equals(column: D.codigo.rawValue, text.key(code))]), Double(summary.count(asesor: a.asesor, causal: code)))
            }
            return SummaryTable.Row(label: text.key(a.asesor), values: cells + [(.count([asesor]), Double(a.rows))])
        }
        let totals: [(SummaryTable.Value, Double)] = summary.byCausal.map { (.sumAbove, Double($0.count)) } + [(.sumAbove, Double(summary.total))]
        let table = SummaryTable(labelHeader: text("inf_col_asesor") + " \\ " + text("inf_col_codigo"),
                                 headers: causals.map { text.key($0) } + [text("inf_total")],
                                 looks: Array(repeating: .integer, count: causals.count + 1), rows: rows,
                                 total: .init(label: text("inf_total"), values: totals))
        try table.write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        // The codes alone head the columns; their labels are listed under the table.
        var r = SummarySheet.firstTableRow + rows.count + 3
        for code in causals {
            try s.sheet.write(.text(text.malEscaladoCausal(code)), row: r, column: 0, format: ReportStyles.subtitle)
            r += 1
        }
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    /// Advisors' mal escaladas (procede) · filas enviadas · %, for the given advisors.
    func advisorTable(_ advisors: [MalEscaladosSummary.AdvisorCount]) -> SummaryTable {
        let procede = CaseCounting.procedeValue(templates)
        let rows = advisors.map { a in
            let asesor = SummaryTable.Criterion.equals(column: D.asesor.rawValue, text.key(a.asesor))
            return SummaryTable.Row(label: text.key(a.asesor), values: [
                (.count([asesor, .equals(column: D.procede.rawValue, procede)]), Double(a.procede)),
                (.count([asesor]), Double(a.rows)),
                (.ratio(numerator: 0, denominator: 1), a.share),
            ])
        }
        let p = advisors.reduce(0) { $0 + $1.procede }, n = advisors.reduce(0) { $0 + $1.rows }
        return SummaryTable(labelHeader: text("inf_col_asesor"),
                            headers: [text("con_col_mal_escaladas"), text("con_col_filas"), text("con_col_pct_mal")],
                            looks: [.integer, .integer, .percent], rows: rows,
                            total: .init(label: text("inf_total"), values: [(.sumAbove, Double(p)), (.sumAbove, Double(n)),
                                                                            (.ratio(numerator: 0, denominator: 1), CaseCounting.share(p, of: n))]))
    }

    func topAdvisors() throws {
        let s = try SummarySheet.start(book, name: text("con_hoja_top"), title: text("con_titulo_top"), subtitle: text.periodLabel)
        let placed = try advisorTable(summary.topAdvisors).write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        try s.chart(.column, book: book, title: text("con_grafico_top"), table: placed, series: [(text("con_col_mal_escaladas"), 0)],
                    row: SummarySheet.firstTableRow, column: 5)
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    /// The two indicators of seed 002 §5: % cuentas mal escaladas por asesor (every advisor)
    /// and % recurrencia por tipo de error (rows with causal X / total rows).
    func indicators() throws {
        let s = try SummarySheet.start(book, name: text("con_hoja_indicadores"), title: text("con_titulo_indicadores"), subtitle: text.periodLabel)
        let top = SummarySheet.firstTableRow
        try s.sheet.write(.text(text("con_ind_asesor")), row: top, column: 0, format: ReportStyles.caption)
        let first = try advisorTable(summary.byAdvisor).write(into: s.sheet, row: top + 1, column: 0, detail: detail, widths: s.widths)
        let next = (first.totalRow ?? first.lastDataRow) + 3
        try s.sheet.write(.text(text("con_ind_causal")), row: next, column: 0, format: ReportStyles.caption)
        try causalTable().write(into: s.sheet, row: next + 1, column: 0, detail: detail, widths: s.widths)
        try s.finish(headerRow: top + 1, footer: footer)
    }
}
