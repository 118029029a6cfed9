import CeldaCore
import XLSXWriter

/// The summary sheets of the consolidado, each a pivot-like table over Detalle. The figures are
/// seed 002's (see `MalEscaladosTally`): an error type counts the advisor's errors; the rows
/// without a causal and the *no procede* ones are lines apart; every % is of the rows sent.
struct ConsolidadoSheets {
    let summary: MalEscaladosTally
    let book: Workbook
    let detail: DetailSheet
    let text: ReportText
    let templates: Templates
    let footer: String

    typealias D = MalEscaladosDetail.Column
    var firstSummaryName: String { text("con_hoja_resumen") }

    private func tipo(_ kind: MalEscaladoClass) -> SummaryTable.Criterion { .equals(column: D.tipo.rawValue, text.classKey(kind)) }
    private var procede: SummaryTable.Criterion { .equals(column: D.procede.rawValue, CaseCounting.procedeValue(templates)) }
    private func asesor(_ name: String?) -> SummaryTable.Criterion { .equals(column: D.asesor.rawValue, text.key(name)) }

    /// Error type · casos · % de las filas enviadas, ranked; then the rows to review and the
    /// *no procede* ones apart; the total is every row sent. Used by *Resumen por causal* and
    /// *Indicadores*.
    func causalTable() -> SummaryTable {
        let total = summary.total
        let rows = summary.byCausal.map { k in
            SummaryTable.Row(label: text.malEscaladoCausal(k.key),
                             values: [(.count([tipo(.error(k.key ?? ""))]), Double(k.count)), (.shareOfTotal(of: 0), k.share)])
        }
        let apart = [(MalEscaladoClass.porRevisar, summary.porRevisar), (.noProcede, summary.reclamaciones)].map { kind, count in
            SummaryTable.Row(label: text.classKey(kind), values: [(.count([tipo(kind)]), Double(count)),
                                                                  (.shareOfTotal(of: 0), CaseCounting.share(count, of: total))])
        }
        var table = SummaryTable(labelHeader: text("con_col_tipo_error"), headers: [text("inf_col_casos"), text("con_col_pct_enviadas")],
                                 looks: [.integer, .percent], rows: rows,
                                 total: .init(label: text("inf_total"), values: [(.sumAbove, Double(total)), (.shareOfTotal(of: 0), total == 0 ? 0 : 1)]))
        table.apart = apart
        return table
    }

    func byCausal() throws {
        let s = try SummarySheet.start(book, name: text("con_hoja_resumen"), title: text("con_titulo_resumen"), subtitle: text.subtitle)
        let placed = try causalTable().write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        try note(text("con_nota_causal"), below: placed, in: s)
        try s.chart(.bar, book: book, title: text("con_grafico_causales"), table: placed, series: [(text("inf_col_casos"), 0)])
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    /// Asesor × causal: one row per advisor, one column per error type (ranked), then the rows
    /// to review, the *no procede* ones and the advisor's rows; the grand total under them.
    func matrix() throws {
        let s = try SummarySheet.start(book, name: text("con_hoja_matriz"), title: text("con_titulo_matriz"), subtitle: text.subtitle)
        let causals = summary.causals
        let kinds = causals.map(MalEscaladoClass.error) + [.porRevisar, .noProcede]
        let rows = summary.byAdvisor.map { a in
            let cells: [(SummaryTable.Value, Double)] = kinds.map { kind in
                (.count([asesor(a.asesor), tipo(kind)]), Double(summary.count(asesor: a.asesor, kind)))
            }
            return SummaryTable.Row(label: text.key(a.asesor), values: cells + [(.count([asesor(a.asesor)]), Double(a.rows))])
        }
        let totals: [(SummaryTable.Value, Double)] = summary.byCausal.map { (.sumAbove, Double($0.count)) }
            + [(.sumAbove, Double(summary.porRevisar)), (.sumAbove, Double(summary.reclamaciones)), (.sumAbove, Double(summary.total))]
        let table = SummaryTable(labelHeader: text("inf_col_asesor") + " \\ " + text("con_col_tipo_error"),
                                 headers: causals + [text("con_col_sin_causal"), text("con_col_no_procede"), text("inf_total")],
                                 looks: Array(repeating: .integer, count: kinds.count + 1), rows: rows,
                                 total: .init(label: text("inf_total"), values: totals))
        let placed = try table.write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        // The codes alone head the columns; their labels are listed under the table.
        var r = (placed.totalRow ?? placed.lastDataRow) + 2
        for line in causals.map({ text.malEscaladoCausal($0) }) + [text("con_col_sin_causal") + ": " + text("con_sin_causal"),
                                                                    text("con_col_no_procede") + ": " + text("con_no_procede")] {
            try s.sheet.write(.text(line), row: r, column: 0, format: ReportStyles.subtitle)
            r += 1
        }
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    /// Per advisor: errors (procede), % cuentas mal escaladas (errors / every row sent, seed 002
    /// §5), the advisor's rows and % de sus escalamientos (errors / the advisor's rows); the
    /// total is the whole team's, whichever advisors are listed.
    func advisorTable(_ advisors: [MalEscaladosSummary.AdvisorCount]) -> SummaryTable {
        let rows = advisors.map { a in
            SummaryTable.Row(label: text.key(a.asesor), values: [
                (.count([asesor(a.asesor), procede]), Double(a.procede)), (.shareOfAll(of: 0), a.share),
                (.count([asesor(a.asesor)]), Double(a.rows)), (.ratio(numerator: 0, denominator: 2), a.ownShare),
            ])
        }
        let p = summary.procedeRows, n = summary.total
        return SummaryTable(labelHeader: text("inf_col_asesor"),
                            headers: [text("con_col_mal_escaladas"), text("con_col_pct_mal"), text("con_col_filas"), text("con_col_pct_propio")],
                            looks: [.integer, .percent, .integer, .percent], rows: rows,
                            total: .init(label: text("inf_total"), values: [(.count([procede]), Double(p)), (.shareOfAll(of: 0), CaseCounting.share(p, of: n)),
                                                                            (.count([]), Double(n)),
                                                                            (.ratio(numerator: 0, denominator: 2), CaseCounting.share(p, of: n))]))
    }

    func topAdvisors() throws {
        let s = try SummarySheet.start(book, name: text("con_hoja_top"), title: text("con_titulo_top"), subtitle: text.subtitle)
        let top = summary.topAdvisors
        let placed = try advisorTable(top.shown).write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        var notes: [String] = []
        if top.more > 0, let last = top.shown.last {
            notes.append(text(last.procede == 1 ? "con_top_mas_uno" : "con_top_mas").replacing("{n}", with: String(top.more))
                .replacing("{errores}", with: String(last.procede)))
        }
        notes.append(text("con_nota_top"))
        try note(notes.joined(separator: " "), below: placed, in: s)
        try s.chart(.bar, book: book, title: text("con_grafico_top"), table: placed, series: [(text("con_col_mal_escaladas"), 0)])
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    /// The two indicators of seed 002 §5 — % cuentas mal escaladas por asesor (every advisor)
    /// and % recurrencia por tipo de error — and the reclamaciones' answers (step 4).
    func indicators() throws {
        let s = try SummarySheet.start(book, name: text("con_hoja_indicadores"), title: text("con_titulo_indicadores"), subtitle: text.subtitle)
        let top = SummarySheet.firstTableRow
        try s.sheet.write(.text(text("con_ind_asesor")), row: top, column: 0, format: ReportStyles.caption)
        let first = try advisorTable(summary.byAdvisor).write(into: s.sheet, row: top + 1, column: 0, detail: detail, widths: s.widths)
        try note(text("con_def_asesor"), below: first, in: s)
        let next = (first.totalRow ?? first.lastDataRow) + 4
        try s.sheet.write(.text(text("con_ind_causal")), row: next, column: 0, format: ReportStyles.caption)
        let second = try causalTable().write(into: s.sheet, row: next + 1, column: 0, detail: detail, widths: s.widths)
        try note(text("con_def_causal"), below: second, in: s)
        // Each table under its caption on one page (a table split over two pages is read wrong).
        s.keepTogether(next, (second.totalRow ?? second.lastDataRow) + 1)
        let third = (second.totalRow ?? second.lastDataRow) + 4
        try reclamacionesTable(s, row: third)
        s.keepTogether(third, third + 8)
        try s.finish(headerRow: top + 1, footer: footer, oneTable: false)
    }

    /// Reclamaciones sent, accepted, rejected, waiting within the 24 h and overdue without answer.
    private func reclamacionesTable(_ s: SummarySheet, row top: Int) throws {
        try s.sheet.write(.text(text("con_ind_reclamaciones")), row: top, column: 0, format: ReportStyles.caption)
        let answers = ReclamacionAnswers(templates)
        let noProcede = tipo(.noProcede)
        func answered(_ a: ReclamacionAnswers.Answer) -> SummaryTable.Criterion { .equals(column: D.respuesta.rawValue, answers.label(a)) }
        let rows: [SummaryTable.Row] = [
            .init(label: text("rcl_aceptadas"), values: [(.count([noProcede, answered(.aceptada)]), Double(summary.aceptadas)),
                                                         (.shareOfTotal(of: 0), CaseCounting.share(summary.aceptadas, of: summary.reclamaciones))]),
            .init(label: text("rcl_rechazadas"), values: [(.count([noProcede, answered(.rechazada)]), Double(summary.rechazadas)),
                                                          (.shareOfTotal(of: 0), CaseCounting.share(summary.rechazadas, of: summary.reclamaciones))]),
            // Waiting or overdue depends on the business-day deadline, which the core counts:
            // plain values, as on the Reclamaciones sheet.
            .init(label: text("rcl_sin_respuesta"), values: [(.constant, Double(summary.sinRespuesta)),
                                                             (.shareOfTotal(of: 0), CaseCounting.share(summary.sinRespuesta, of: summary.reclamaciones))]),
            .init(label: text("rcl_vencidas_sin_respuesta"), values: [(.constant, Double(summary.reclamacionesVencidas)),
                                                                      (.shareOfTotal(of: 0), CaseCounting.share(summary.reclamacionesVencidas, of: summary.reclamaciones))]),
        ]
        let table = SummaryTable(labelHeader: text("rcl_col_respuesta"), headers: [text("inf_col_casos"), text("rcl_col_pct")],
                                 looks: [.integer, .percent], rows: rows,
                                 total: .init(label: text("rcl_enviadas"), values: [(.count([noProcede]), Double(summary.reclamaciones)),
                                                                                    (.shareOfTotal(of: 0), summary.reclamaciones == 0 ? 0 : 1)]))
        let placed = try table.write(into: s.sheet, row: top + 1, column: 0, detail: detail, widths: s.widths)
        try note(text("con_def_reclamaciones"), below: placed, in: s)
    }

    /// How the period went (seed 002 step 8): each day of a week, each week of a month — rows
    /// sent, the advisors' errors and the main error types — with a line chart. A day's cut
    /// has none.
    func evolution() throws {
        let spans = summary.evolution
        guard !spans.isEmpty else { return }
        let s = try SummarySheet.start(book, name: text("con_hoja_evolucion"), title: text("con_titulo_evolucion"), subtitle: text.subtitle)
        let main = Array(summary.causals.prefix(5))
        let errorKinds = [MalEscaladoClass.porRevisar, .noProcede].map { SummaryTable.Criterion.notEquals(column: D.tipo.rawValue, text.classKey($0)) }
        let rows = spans.map { span -> SummaryTable.Row in
            let days: [SummaryTable.Criterion] = [.atLeast(column: D.dia.rawValue, Self.serial(span.first)),
                                                   .atMost(column: D.dia.rawValue, Self.serial(span.last))]
            let label = span.first == span.last ? ReportText.dm(span.first) : ReportText.dm(span.first) + " – " + ReportText.dm(span.last)
            return SummaryTable.Row(label: label, values: [(.count(days), Double(span.total)), (.count(days + errorKinds), Double(span.errors))]
                + main.map { (.count(days + [tipo(.error($0))]), Double(span.byCausal[$0] ?? 0)) })
        }
        let totals: [(SummaryTable.Value, Double)] = [(.sumAbove, Double(summary.total)), (.sumAbove, Double(summary.errorRows))]
            + main.map { code in (.sumAbove, Double(summary.byCausal.first { $0.key == code }?.count ?? 0)) }
        let table = SummaryTable(labelHeader: text(summary.period.length == .week ? "con_col_dia" : "con_col_semana"),
                                 headers: [text("con_col_enviadas"), text("con_col_errores")] + main,
                                 looks: Array(repeating: .integer, count: 2 + main.count), rows: rows,
                                 total: .init(label: text("inf_total"), values: totals))
        let placed = try table.write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        try note(main.map { text.malEscaladoCausal($0) }.joined(separator: " · "), below: placed, in: s)
        try s.chart(.line, book: book, title: text("con_grafico_evolucion"), table: placed,
                    series: [(text("con_col_enviadas"), 0), (text("con_col_errores"), 1)] + main.enumerated().map { ($0.element, 2 + $0.offset) },
                    // Several lines: their numbers are in the table; labels on each would print over each other.
                    dataLabels: false,
                    valueTitle: text("con_col_enviadas"))
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    private static func serial(_ d: CalendarDate) -> Double { Double(d.dayNumber + CalendarDate.serialOf19700101) }

    /// A line of explanation under a table, wrapped across it.
    private func note(_ line: String, below table: SummaryTable.Placement, in s: SummarySheet) throws {
        try s.note(line, row: (table.totalRow ?? table.lastDataRow) + 1, columns: table.columns)
    }
}
