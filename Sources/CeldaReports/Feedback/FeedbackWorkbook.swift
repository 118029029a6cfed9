import CeldaCore
import XLSXWriter

/// *Compromisos de mejoramiento <fecha>.xlsx* (DOMAIN.md §4.4; seed 002 step 7, seed 000 step 6):
/// a *Resumen* ranking the advisors who erred in the period, each name a link to the advisor's
/// own printable sheet (`CompromisoSheet`).
public enum FeedbackWorkbook {
    /// `today`: the date the forms carry in their header; `asOf`: the day the figures are said
    /// as of (the period's last day by default).
    public static func write(_ summary: FeedbackSummary, today: CalendarDate, asOf: CalendarDate? = nil, templates: Templates, language: Language,
                             to path: String) throws {
        let text = ReportText(templates: templates, language: language, period: summary.period, asOf: asOf)
        let footer = text("fb_titulo_libro") + " · " + text.periodLabel
        try ReportBook.write(to: path, title: footer) { book in
            let resumen = try book.addWorksheet(text("fb_hoja_resumen"))
            var sheets: [String] = []
            for advisor in summary.advisors {
                let sheet = try CompromisoSheet(advisor: advisor, summary: summary, text: text, templates: templates, today: today).write(into: book)
                sheets.append(sheet.name)
            }
            try FeedbackResumen(summary: summary, text: text).write(into: resumen, sheets: sheets, footer: footer)
            try resumen.activate()
        }
    }
}

/// The first sheet: every advisor with errors, most first, linked to their compromiso.
struct FeedbackResumen {
    let summary: FeedbackSummary
    let text: ReportText

    static let columns = ["fb_res_n", "fb_asesor", "fb_documento", "fb_supervisor", "fb_res_errores", "fb_ind_procede",
                          "fb_ind_escalados", "fb_ind_pct", "fb_ind_pct_propio", "fb_res_formulario"]

    func write(into sheet: Worksheet, sheets: [String], footer: String) throws {
        let widths = ColumnWidths()
        try sheet.write(.text(text("fb_titulo_libro")), row: 0, column: 0, format: ReportStyles.title)
        var lines = [text.subtitle + " · " + text("fb_res_asesores") + ": \(summary.advisors.count)",
                     text("fb_res_enviadas") + ": \(summary.sent) · " + text("fb_ind_pct") + " (" + text("fb_ind_equipo") + "): "
                        + text.percent(summary.teamShare) + " · " + text("fb_res_definicion")]
        if summary.withoutAdvisor > 0 { lines.append(text("fb_sin_asesor").replacing("{n}", with: String(summary.withoutAdvisor))) }
        for (i, line) in lines.enumerated() { try sheet.write(.text(line), row: 1 + i, column: 0, format: ReportStyles.subtitle) }
        let header = 2 + lines.count
        try sheet.writeRow(Self.columns.map { .text(text($0)) }, row: header, formats: Array(repeating: ReportStyles.header, count: Self.columns.count))
        for (i, key) in Self.columns.enumerated() { widths.note(text(key), column: i, cap: 16) }
        try sheet.setRowHeight(30, row: header) // headers wrap at 16 characters: two lines
        for (i, (a, name)) in zip(summary.advisors, sheets).enumerated() {
            let r = header + 1 + i
            let formErrors = a.errors.filter { $0.source == .formulario }.count
            try sheet.write(.number(Double(i + 1)), row: r, column: 0, format: ReportStyles.integer)
            try sheet.writeInternalLink(toSheet: name, cell: "A1", row: r, column: 1, text: a.asesor, format: FeedbackStyles.link)
            try sheet.write(.text(a.documento ?? ""), row: r, column: 2, format: ReportStyles.cell)
            try sheet.write(.text(a.supervisor ?? ""), row: r, column: 3, format: ReportStyles.cell)
            try sheet.write(.number(Double(a.errors.count)), row: r, column: 4, format: ReportStyles.integer)
            try sheet.write(.number(Double(a.procede)), row: r, column: 5, format: ReportStyles.integer)
            try sheet.write(.number(Double(a.escalated)), row: r, column: 6, format: ReportStyles.integer)
            try sheet.write(a.sent > 0 ? .number(a.share) : .blank, row: r, column: 7, format: ReportStyles.percent)
            try sheet.write(a.escalated > 0 ? .number(a.ownShare) : .blank, row: r, column: 8, format: ReportStyles.percent)
            try sheet.write(.number(Double(formErrors)), row: r, column: 9, format: ReportStyles.integer)
            for (c, v) in [a.asesor, a.documento ?? "", a.supervisor ?? ""].enumerated() { widths.note(v, column: c + 1) }
        }
        try widths.apply(to: sheet)
        try sheet.freezePanes(row: header + 1)
        try ReportStyles.printSetup(sheet, headerRow: header, footer: footer)
    }
}
