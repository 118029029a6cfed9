import CeldaCore
import XLSXWriter

/// *Informe recurrentes y reincidentes <fecha>.xlsx* (DOMAIN.md §4.3, seed 000 step 5): per
/// causal A–I and per área, casos escalados, pendientes and solucionados; the recurrent and
/// reincident cuentas; open cases past their alarm; the advisors with most forms filled
/// wrongly; over a Detalle sheet. The per-causal, per-área and top-5 figures are formulas over
/// Detalle with the core's values cached; the recurrence classification, the alarms and the
/// business days are plain values (they need the history and the calendar, not the sheet).
public enum RecurrentesWorkbook {
    /// cases: the period's tipificador cases; history: every tipificador contact known (to count recurrence); today: for alarms.
    public static func write(_ cases: [CaseRecord], history: Recurrence.Index, period: ReportPeriod, today: CalendarDate, templates: Templates,
                             language: Language, to path: String, pivotTable: Bool = true) throws {
        let summary = RecurrentesSummary(cases: cases, history: history, period: period, today: today, templates: templates)
        let text = ReportText(templates: templates, language: language, period: period)
        let footer = text("rec_titulo") + " · " + text.periodLabel
        try ReportBook.write(to: path, title: footer) { book in
            let detail = try TipificadorDetail.write(summary, into: book, text: text, footer: footer)
            let sheets = RecurrentesSheets(summary: summary, book: book, detail: detail, text: text, templates: templates, footer: footer, today: today)
            try sheets.statusSheet(name: "rec_hoja_causal", title: "rec_titulo_causal", labelHeader: "inf_col_causal", chartTitle: "rec_grafico_causal",
                                   rows: summary.byCausal, column: TipificadorDetail.Column.codigo.rawValue, label: text.tipificadorCausal)
            if pivotTable {
                typealias D = TipificadorDetail.Column
                try DetailPivot.write(into: book, detail: detail, text: text, rowField: D.codigo.rawValue,
                                      pageFields: [D.asesor.rawValue, D.area.rawValue, D.estado.rawValue, D.dia.rawValue],
                                      countField: D.fila.rawValue, footer: footer)
            }
            try sheets.statusSheet(name: "rec_hoja_area", title: "rec_titulo_area", labelHeader: "inf_col_area", chartTitle: "rec_grafico_area",
                                   rows: summary.byArea, column: TipificadorDetail.Column.area.rawValue, label: text.key)
            try sheets.accounts()
            try sheets.alarms()
            try sheets.topFormErrors()
            try book.worksheets.first { $0.name == text("rec_hoja_causal") }?.activate()
        }
    }
}

/// The Detalle sheet of the informe: every tipificador case of the period.
enum TipificadorDetail {
    enum Column: Int, CaseIterable {
        /// `dia`: the date alone, last so no formula's column moves; the pivot filters by it.
        case fecha, cuenta, asesor, codigo, causal, area, estado, motivo, dias, alarma, numErrores, errores, archivo, fila, dia
        var labelKey: String { "inf_col_" + String(describing: self) }
    }

    static func write(_ s: RecurrentesSummary, into book: Workbook, text: ReportText, footer: String) throws -> DetailSheet {
        var rows: [[WritableValue]] = []
        for (i, c) in s.cases.enumerated() {
            rows.append([ReportStyles.serial(c.day, seconds: c.secondsOfDay), .text(c.cuenta ?? ""), .text(text.key(c.asesor)),
                         .text(text.key(c.causalCode)), .text(c.causal ?? text.tipificadorCausal(c.causalCode)), .text(text.key(c.area)),
                         .text(c.estado), .text(c.motivo ?? ""), .number(Double(s.businessDays[i])), .text(s.alarmed[i] ? text.yes : text.no),
                         .number(Double(c.formErrors.count)), .text(c.formErrors.map(\.message).joined(separator: "; ")), .text(c.sourceFile),
                         .number(Double(c.row)), ReportStyles.serial(c.day)])
        }
        let detail = try DetailSheet.write(into: book, name: text("inf_hoja_detalle"), headers: Column.allCases.map { text($0.labelKey) },
                                           rows: rows, footer: footer)
        if !rows.isEmpty {
            let alarm = Column.alarma.rawValue
            try detail.sheet.addConditionalFormat(CellRange(firstRow: 1, firstColumn: alarm, lastRow: rows.count, lastColumn: alarm),
                                                  rule: .cellText(text.yes), format: ReportStyles.alarm)
        }
        return detail
    }
}
