import CeldaCore
import XLSXWriter

struct RecurrentesSheets {
    let summary: RecurrentesSummary
    let book: Workbook
    let detail: DetailSheet
    let layout: TipificadorDetail
    let text: ReportText
    let templates: Templates
    let footer: String
    let today: CalendarDate

    /// Casos escalados · pendientes · solucionados per key (causal or área), ranked by impact;
    /// the cases without one on a line apart (`apart`: its counts and words), outside the chart;
    /// a total row, and a column chart of the first two.
    func statusSheet(name: String, title: String, labelHeader: String, chartTitle: String, rows: [StatusCount], apart: (StatusCount, String)?,
                     column: Int, label: (String?) -> String) throws {
        let s = try SummarySheet.start(book, name: text(name), title: text(title), subtitle: text.subtitle)
        let open = templates.estados.cerrados.map { SummaryTable.Criterion.notEquals(column: layout.index(.estado), $0) }
        func row(_ r: StatusCount, label: String) -> SummaryTable.Row {
            let key = SummaryTable.Criterion.equals(column: column, text.key(r.key))
            return SummaryTable.Row(label: label, values: [
                (.count([key]), Double(r.escalados)), (.count([key] + open), Double(r.pendientes)),
                (.difference(0, 1), Double(r.solucionados)), (.shareOfTotal(of: 0), CaseCounting.share(r.escalados, of: summary.total.escalados)),
            ])
        }
        let tableRows = rows.map { row($0, label: label($0.key)) }
        let t = summary.total
        var table = SummaryTable(labelHeader: text(labelHeader),
                                 headers: [text("rec_col_escalados"), text("rec_col_pendientes"), text("rec_col_solucionados"), text("inf_col_pct_total")],
                                 looks: [.integer, .integer, .integer, .percent], rows: tableRows,
                                 total: .init(label: text("inf_total"), values: [(.sumAbove, Double(t.escalados)), (.sumAbove, Double(t.pendientes)),
                                                                                 (.sumAbove, Double(t.solucionados)),
                                                                                 (.shareOfTotal(of: 0), t.escalados == 0 ? 0 : 1)]))
        if let (counts, words) = apart { table.apart = [row(counts, label: words)] }
        let placed = try table.write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        try s.chart(.bar, book: book, title: text(chartTitle), table: placed,
                    series: [(text("rec_col_escalados"), 0), (text("rec_col_pendientes"), 1)],
                    valueTitle: text("inf_col_casos"))
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    /// One row per recurrent or reincident cuenta (plain values from the history's counts),
    /// with what the client needs to plan its action (seed 000 step 5): its causales, the last
    /// motivo, área and estado, and the advisors who took its contacts.
    func accounts() throws {
        let s = try SummarySheet.start(book, name: text("rec_hoja_cuentas"), title: text("rec_titulo_cuentas"), subtitle: text.subtitle)
        // The definition on its own line: one long subtitle would set the printed width.
        try s.sheet.write(.text(text("rec_umbral")
                                    .replacing("{dia}", with: String(templates.recurrence.recurrente_mismo_dia))
                                    .replacing("{ventana}", with: String(templates.recurrence.recurrente_ventana))
                                    .replacing("{reincidente}", with: String(templates.recurrence.reincidente_ventana))
                                    .replacing("{dias}", with: String(templates.recurrence.ventana_dias))),
                          row: 2, column: 0, format: ReportStyles.subtitle)
        let headers = ["inf_col_cuenta", "rec_col_tipo", "rec_col_contactos_periodo", "rec_col_max_dia", "rec_col_max_ventana", "rec_col_max_causal",
                       "rec_col_ultimo", "rec_col_causales", "rec_col_ultimo_motivo", "inf_col_area", "inf_col_estado", "rec_col_asesores"]
        let rows: [[WritableValue]] = summary.accounts.map { a in
            [.text(a.cuenta), .text(text(a.type.labelKey)), .number(Double(a.contactsInPeriod)), .number(Double(a.maxSameDay)),
             .number(Double(a.maxWindow)), .number(Double(a.maxSameCausal)), ReportStyles.serial(a.lastContact),
             .text(a.causals.isEmpty ? text.blank : a.causals.map { text.tipificadorCausal($0) }.joined(separator: "; ")),
             .text(a.lastMotivo ?? ""), .text(text.key(a.lastArea)), .text(a.lastEstado), .text(a.advisors.joined(separator: "; "))]
        }
        try plainTable(s, headers: headers, rows: rows)
    }

    /// Open cases with `alarm_business_days` or more business days (plain values).
    func alarms() throws {
        let s = try SummarySheet.start(book, name: text("rec_hoja_alarmas"), title: text("rec_titulo_alarmas"),
                                       subtitle: text.periodLabel + " · " + text("rec_alarma_regla")
                                           .replacing("{n}", with: String(templates.calendar.alarm_business_days))
                                           .replacing("{hoy}", with: ReportText.dmy(today)))
        let headers = ["inf_col_fecha", "inf_col_cuenta", "inf_col_asesor", "inf_col_causal", "inf_col_area", "inf_col_estado", "inf_col_dias"]
        let rows: [[WritableValue]] = summary.alarms.map { a in
            let c = a.record
            return [ReportStyles.serial(c.day), .text(c.cuenta ?? ""), .text(text.key(c.asesor)), .text(text.tipificadorCausal(c.causalCode)),
                    .text(text.key(c.area)), .text(c.estado), .number(Double(a.businessDays))]
        }
        try plainTable(s, headers: headers, rows: rows)
    }

    /// The advisors with most forms filled wrongly (seed 000 step 6), as formulas over Detalle:
    /// five and everyone tied with the fifth; the total is the whole team's.
    func topFormErrors() throws {
        let s = try SummarySheet.start(book, name: text("rec_hoja_top"), title: text("rec_titulo_top"), subtitle: text.subtitle)
        let errors = layout.index(.numErrores)
        let withError = SummaryTable.Criterion.greaterThan(column: errors, 0)
        let top = summary.topFormErrors
        let rows = top.shown.map { a in
            let asesor = SummaryTable.Criterion.equals(column: layout.index(.asesor), text.key(a.asesor))
            return SummaryTable.Row(label: text.key(a.asesor), values: [
                (.count([asesor, withError]), Double(a.formsWithErrors)),
                (.sum(column: errors, [asesor]), Double(a.errors)),
                (.count([asesor]), Double(a.forms)),
                (.ratio(numerator: 0, denominator: 2), a.share),
            ])
        }
        let team = summary.teamForms
        let table = SummaryTable(labelHeader: text("inf_col_asesor"),
                                 headers: [text("rec_col_con_error"), text("inf_col_numErrores"), text("rec_col_formularios"), text("rec_col_pct_error")],
                                 looks: [.integer, .integer, .integer, .percent], rows: rows,
                                 total: .init(label: text("inf_total"), values: [(.count([withError]), Double(team.formsWithErrors)),
                                                                                 (.sum(column: errors, [.atLeast(column: errors, 0)]), Double(team.errors)),
                                                                                 (.count([]), Double(team.forms)),
                                                                                 (.ratio(numerator: 0, denominator: 2), team.share)]))
        let placed = try table.write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, detail: detail, widths: s.widths)
        var note = text("rec_nota_top")
        if top.more > 0, let last = top.shown.last {
            note = text("rec_top_mas").replacing("{n}", with: String(top.more)).replacing("{formularios}", with: String(last.formsWithErrors)) + " " + note
        }
        try s.note(note, row: (placed.totalRow ?? placed.lastDataRow) + 1, columns: placed.columns)
        try s.chart(.bar, book: book, title: text("rec_grafico_top"), table: placed, series: [(text("rec_col_con_error"), 0)])
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    private func plainTable(_ s: SummarySheet, headers: [String], rows: [[WritableValue]]) throws {
        let top = SummarySheet.firstTableRow
        // Headers wrap at 12 characters (numbers need no wider columns), on as many lines as they need.
        try s.sheet.setRowHeight(headers.map { Page.height(of: text($0), width: 12) }.max() ?? 15, row: top)
        try s.sheet.writeRow(headers.map { .text(text($0)) }, row: top, formats: Array(repeating: ReportStyles.header, count: headers.count))
        for (i, h) in headers.enumerated() { s.widths.note(text(h), column: i, cap: 10) }
        var date = ReportStyles.cell
        date.numberFormat = "dd/mm/yyyy"
        date.vertical = .top
        var plain = ReportStyles.cell
        plain.vertical = .top
        var wrap = plain
        wrap.wrap = true
        // Widths from every value first (a long motivo at most 30 characters wide), then each
        // long text wraps in a row as tall as it needs: the sheet prints one page wide, readable.
        for values in rows {
            for (c, value) in values.enumerated() {
                if case .text(let t) = value { s.widths.note(t, column: c, cap: 24) } else { s.widths.note(value, column: c) }
            }
        }
        for (r, values) in rows.enumerated() {
            var lines = 1
            for (c, value) in values.enumerated() {
                let isDate: Bool = { if case .date = value { return true } else { return false } }()
                var long = false
                if case .text(let t) = value, Double(t.count) * 1.1 + 2 > s.widths.width(c) {
                    long = true
                    lines = max(lines, Int(Page.height(of: t, width: s.widths.width(c) - 2) / Page.lineHeight))
                }
                try s.sheet.write(value, row: SummarySheet.firstTableRow + 1 + r, column: c, format: isDate ? date : (long ? wrap : plain))
            }
            if lines > 1 { try s.sheet.setRowHeight(Double(lines) * Page.lineHeight, row: SummarySheet.firstTableRow + 1 + r) }
        }
        if rows.isEmpty {
            try s.sheet.write(.text(text("inf_sin_casos")), row: top + 1, column: 0, format: ReportStyles.subtitle)
        } else {
            try s.sheet.autofilter(CellRange(firstRow: top, firstColumn: 0, lastRow: top + rows.count, lastColumn: headers.count - 1))
        }
        try s.finish(headerRow: top, footer: footer)
    }
}
