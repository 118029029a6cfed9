import CeldaCore
import XLSXWriter

/// The *no procede* cases (seed 002 step 4): Gestión Soporte's errors, claimed back and due
/// within 24 h. A sheet of the consolidado, and the whole of the form sent to Gestión Soporte.
struct ReclamacionesSheet {
    let summary: MalEscaladosSummary
    let text: ReportText
    let templates: Templates

    static let columns = ["inf_col_cuenta", "inf_col_fecha", "inf_col_asesor", "rcl_col_motivo", "rcl_col_enviada", "rcl_col_vence", "rcl_col_vencida"]

    /// The reason in words: causal, evidence and the back office's observations.
    func why(_ c: CaseRecord) -> String {
        [c.causal ?? text.malEscaladoCausal(c.causalCode), c.evidence, c.observaciones]
            .compactMap { $0.flatMap { $0.isEmpty ? nil : $0 } }.joined(separator: " — ")
    }

    /// Plain values, not formulas: the due date is a business-day computation of the core.
    @discardableResult
    func write(into book: Workbook, name: String, title: String, footer: String) throws -> Worksheet {
        let sheet = try book.addWorksheet(name)
        let widths = ColumnWidths()
        try sheet.write(.text(title), row: 0, column: 0, format: ReportStyles.title)
        try sheet.write(.text(text.periodLabel + " · " + text("rcl_casos") + ": " + String(summary.reclamaciones.count)
                              + " · " + text("rcl_vencidas") + ": " + String(summary.reclamaciones.filter(\.passed).count)),
                        row: 1, column: 0, format: ReportStyles.subtitle)
        let header = 3
        try sheet.writeRow(Self.columns.map { .text(text($0)) }, row: header, formats: Array(repeating: ReportStyles.header, count: Self.columns.count))
        for (i, key) in Self.columns.enumerated() { widths.note(text(key), column: i, cap: 20) }
        var wrap = ReportStyles.cell
        wrap.wrap = true
        wrap.vertical = .top
        var date = ReportStyles.cell
        date.numberFormat = "dd/mm/yyyy"
        date.vertical = .top
        var top = ReportStyles.cell
        top.vertical = .top
        for (i, r) in summary.reclamaciones.enumerated() {
            let c = r.record
            let row = header + 1 + i
            let values: [(WritableValue, CellFormat)] = [
                (.text(c.cuenta ?? ""), top), (ReportStyles.serial(c.day), date), (.text(text.key(c.asesor)), top), (.text(why(c)), wrap),
                (ReportStyles.serial(r.sent), date), (ReportStyles.serial(r.due), date),
                (.text(r.passed ? text.yes : text.no), r.passed ? ReportStyles.alarm.merged(with: top) : top),
            ]
            for (column, (value, format)) in values.enumerated() {
                try sheet.write(value, row: row, column: column, format: format)
                if column != 3 { widths.note(value, column: column) }
            }
        }
        widths.note(String(repeating: "x", count: 60), column: 3)
        try sheet.freezePanes(row: header + 1)
        try sheet.autofilter(CellRange(firstRow: header, firstColumn: 0, lastRow: header + max(summary.reclamaciones.count, 1), lastColumn: Self.columns.count - 1))
        try widths.apply(to: sheet)
        try ReportStyles.printSetup(sheet, headerRow: header, footer: footer)
        return sheet
    }
}

extension CellFormat {
    /// This format's fill and font colour over `base`.
    func merged(with base: CellFormat) -> CellFormat {
        var f = base
        f.fillColor = fillColor
        f.fontColor = fontColor
        return f
    }
}

/// The reclamaciones form for Gestión Soporte (seed 002 step 4): the period's *no procede*
/// cases with why, when each was sent and when its answer is due.
public enum ReclamacionesForm {
    public static func write(_ cases: [CaseRecord], period: ReportPeriod, templates: Templates, language: Language, to path: String) throws {
        let summary = MalEscaladosSummary(cases: cases, period: period, templates: templates)
        let text = ReportText(templates: templates, language: language, period: period)
        let footer = text("rcl_titulo") + " · " + text.periodLabel
        try ReportBook.write(to: path, title: footer) { book in
            try ReclamacionesSheet(summary: summary, text: text, templates: templates)
                .write(into: book, name: text("con_hoja_reclamaciones"), title: text("rcl_titulo"), footer: footer)
        }
    }
}
