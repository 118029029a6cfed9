import CeldaCore
import XLSXWriter

/// *Informe recurrentes y reincidentes <fecha>.xlsx* (DOMAIN.md §4.3, seed 000 step 5): per
/// causal (ranked by impact) and per área, casos escalados, pendientes and solucionados; the
/// recurrent and reincident cuentas with their causales, last motivo, área, estado and advisors;
/// open cases past their alarm; the advisors with most forms filled wrongly; over a Detalle
/// sheet. The per-causal, per-área and top-5 figures are formulas over Detalle with the core's
/// values cached; the recurrence classification, the alarms and the business days are plain
/// values (they need the history and the calendar, not the sheet).
///
/// `forClient`: the weekly report sent to the client (seed 000 step 5, "con las alarmas de los
/// casos"): the same without the internal top 5 of advisors and without the form errors.
public enum RecurrentesWorkbook {
    /// cases: the period's tipificador cases; history: every tipificador contact known (to count
    /// recurrence); today: the day alarms and días hábiles are judged at.
    public static func write(_ cases: [CaseRecord], history: Recurrence.Index, period: ReportPeriod, today: CalendarDate, templates: Templates,
                             language: Language, to path: String, pivotTable: Bool = true, forClient: Bool = false) throws {
        let summary = RecurrentesSummary(cases: cases, history: history, period: period, today: today, templates: templates)
        let text = ReportText(templates: templates, language: language, period: period, asOf: today)
        let footer = text("rec_titulo") + (forClient ? " · " + text("rec_para_cliente") : "") + " · " + text.periodDates
        let layout = TipificadorDetail(forClient: forClient)
        try ReportBook.write(to: path, title: footer) { book in
            // The figures first, the detail they count last (see `ReportBook.reserve`).
            try ReportBook.reserve(["rec_hoja_causal"].map { text($0) } + (pivotTable ? [text("inf_hoja_tabla")] : [])
                                   + ["rec_hoja_area", "rec_hoja_cuentas", "rec_hoja_alarmas"].map { text($0) }
                                   + (forClient ? [] : [text("rec_hoja_top")]), in: book)
            let detail = try layout.write(summary, into: book, text: text, footer: footer)
            let sheets = RecurrentesSheets(summary: summary, book: book, detail: detail, layout: layout, text: text, templates: templates,
                                           footer: footer, today: today)
            try sheets.statusSheet(name: "rec_hoja_causal", title: "rec_titulo_causal", labelHeader: "inf_col_causal", chartTitle: "rec_grafico_causal",
                                   rows: summary.byCausal, apart: summary.withoutCausal.map { ($0, text("rec_sin_causal")) },
                                   column: layout.index(.codigo), label: text.tipificadorCausal)
            if pivotTable {
                try DetailPivot.write(into: book, detail: detail, text: text, rowField: layout.index(.codigo),
                                      pageFields: [layout.index(.asesor), layout.index(.area), layout.index(.estado), layout.index(.dia)],
                                      countField: layout.index(.fila), footer: footer)
            }
            try sheets.statusSheet(name: "rec_hoja_area", title: "rec_titulo_area", labelHeader: "inf_col_area", chartTitle: "rec_grafico_area",
                                   rows: summary.byArea, apart: summary.withoutArea.map { ($0, text("rec_sin_area")) },
                                   column: layout.index(.area), label: text.key)
            try sheets.accounts()
            try sheets.alarms()
            if !forClient { try sheets.topFormErrors() }
            try book.worksheets.first { $0.name == text("rec_hoja_causal") }?.activate()
        }
    }
}

/// The Detalle sheet of the informe: every tipificador case of the period.
struct TipificadorDetail {
    enum Column: String, CaseIterable {
        /// `dia`: the date alone, last so no formula's column moves; the pivot filters by it.
        case fecha, cuenta, asesor, codigo, causal, area, estado, motivo, dias, alarma, numErrores, errores, archivo, fila, dia
        var labelKey: String { "inf_col_" + rawValue }
    }

    /// The columns written, in order: the client's copy has no form errors.
    let columns: [Column]

    init(forClient: Bool) {
        columns = Column.allCases.filter { !forClient || ($0 != .numErrores && $0 != .errores) }
    }

    /// The 0-based column of `c` (every column the summaries count by is in both layouts).
    func index(_ c: Column) -> Int { columns.firstIndex(of: c) ?? 0 }

    func write(_ s: RecurrentesSummary, into book: Workbook, text: ReportText, footer: String) throws -> DetailSheet {
        var rows: [[WritableValue]] = []
        for (i, c) in s.cases.enumerated() {
            rows.append(columns.map { column -> WritableValue in
                switch column {
                case .fecha: return ReportStyles.serial(c.day, seconds: c.secondsOfDay)
                case .cuenta: return .text(c.cuenta ?? "")
                case .asesor: return .text(text.key(c.asesor))
                case .codigo: return .text(text.key(c.causalCode))
                case .causal: return .text(c.causal ?? text.tipificadorCausal(c.causalCode))
                case .area: return .text(text.key(c.area))
                case .estado: return .text(c.estado)
                case .motivo: return .text(c.motivo ?? "")
                case .dias: return .number(Double(s.businessDays[i]))
                case .alarma: return .text(s.alarmed[i] ? text.yes : text.no)
                case .numErrores: return .number(Double(c.formErrors.count))
                case .errores: return .text(c.formErrors.map(\.message).joined(separator: "; "))
                case .archivo: return .text(c.sourceFile)
                case .fila: return .number(Double(c.row))
                case .dia: return ReportStyles.serial(c.day)
                }
            })
        }
        let detail = try DetailSheet.write(into: book, name: text("inf_hoja_detalle"), headers: columns.map { text($0.labelKey) },
                                           rows: rows, footer: footer)
        if !rows.isEmpty {
            let alarm = index(.alarma)
            try detail.sheet.addConditionalFormat(CellRange(firstRow: 1, firstColumn: alarm, lastRow: rows.count, lastColumn: alarm),
                                                  rule: .cellText(text.yes), format: ReportStyles.alarm)
        }
        return detail
    }
}
