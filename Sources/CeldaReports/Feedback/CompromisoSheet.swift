import CeldaCore
import XLSXWriter

/// One advisor's *compromiso de mejoramiento*: the page the supervisor prints for the feedback
/// session (seed 002 step 7). Five columns, portrait Letter, one page wide; from top to bottom:
/// title, header block, the cases with their causal and evidence, totals per causal beside the
/// team's average, the correct procedure for each causal, the commitment lines, the plan de
/// mejora and the signature grid. Plain values: a form to print and sign, not a model to edit.
struct CompromisoSheet {
    let advisor: FeedbackSummary.Advisor
    let summary: FeedbackSummary
    let text: ReportText
    let templates: Templates
    let today: CalendarDate

    /// Fecha, Cuenta, Causal, Evidencia, Observación del back: widths in characters. The
    /// signature grid uses the same columns (captions in A:B, one signer per column C, D, E).
    static let widths: [Double] = [11, 15, 26, 28, 26]
    static var lastColumn: Int { widths.count - 1 }
    /// Cases that fit on the first page under the header block.
    static let casesOnAPage = 20

    /// Writes the sheet; returns its name (Excel-valid and unique in the book).
    @discardableResult
    func write(into book: Workbook) throws -> Worksheet {
        let sheet = try book.addWorksheet(advisor.asesor)
        for (i, w) in Self.widths.enumerated() { try sheet.setColumnWidth(w, columns: i...i) }
        var page = Page(sheet: sheet)
        try title(&page)
        try headerBlock(&page)
        let casesHeader = try cases(&page)
        try totals(&page)
        try procedures(&page)
        try commitments(&page)
        try plan(&page)
        try signatures(&page)
        try printSetup(sheet, repeatRow: casesHeader, lastRow: page.row - 1)
        return sheet
    }

    private func title(_ page: inout Page) throws {
        try page.band(text("fb_titulo"), format: FeedbackStyles.title, height: 24)
        try page.band(text("fb_subtitulo"), format: ReportStyles.subtitle)
        page.skip()
    }

    private func headerBlock(_ page: inout Page) throws {
        let operacion = Set(advisor.errors.map(\.source)).sorted { $0.rawValue < $1.rawValue }
            .compactMap { templates.compromisos.operacion[$0.rawValue] }.joined(separator: " / ")
        let pairs: [(String, String, String, String)] = [
            (text("fb_operacion"), operacion, text("fb_fecha"), Self.dmy(today)),
            (text("fb_asesor"), advisor.asesor, text("fb_documento"), advisor.documento ?? ""),
            (text("fb_supervisor"), advisor.supervisor ?? "", text("inf_periodo"), periodText),
        ]
        for (l1, v1, l2, v2) in pairs {
            try page.sheet.write(.text(l1), row: page.row, column: 0, format: FeedbackStyles.label)
            try page.sheet.merge(CellRange(firstRow: page.row, firstColumn: 1, lastRow: page.row, lastColumn: 2), text: v1, format: FeedbackStyles.value)
            try page.sheet.write(.text(l2), row: page.row, column: 3, format: FeedbackStyles.label)
            try page.sheet.write(.text(v2), row: page.row, column: 4, format: FeedbackStyles.value)
            try page.sheet.setRowHeight(Page.height(of: v1, width: Self.widths[1] + Self.widths[2]), row: page.row)
            page.row += 1
        }
        try page.band(indicatorLine, format: FeedbackStyles.note)
        page.skip()
    }

    /// "Casos escalados: 2 · Mal escalados: 2 · % cuentas mal escaladas: 5,0 % de 40 filas enviadas (promedio por asesor:
    /// 3,3 %) · % de sus escalamientos: 100,0 % (equipo: 40,0 %)", and the forms' line when the advisor fills
    /// tipificador forms. The first % is seed 002 §5's (over every row the client sent), the second the advisor's own rate.
    var indicatorLine: String {
        var parts: [String] = []
        if advisor.escalated > 0 {
            parts.append(text("fb_ind_escalados") + ": \(advisor.escalated)")
            parts.append(text("fb_ind_procede") + ": \(advisor.procede)")
            parts.append(text("fb_ind_pct") + ": " + text.percent(advisor.share) + " " + text("fb_ind_de_filas").replacing("{n}", with: String(advisor.sent))
                         + " (" + text("fb_ind_promedio_asesor") + ": " + text.percent(summary.teamAverageShare) + ")")
            parts.append(text("fb_ind_pct_propio") + ": " + text.percent(advisor.ownShare) + " (" + text("fb_ind_equipo") + ": "
                         + text.percent(summary.teamShare) + ")")
        }
        if advisor.forms > 0 {
            parts.append(text("fb_ind_formularios") + ": \(advisor.forms)")
            parts.append(text("fb_ind_con_error") + ": \(advisor.formsWithErrors)")
        }
        return parts.joined(separator: " · ")
    }

    /// "18/03/2024 – 24/03/2024": a printed form reads dates the way its readers write them.
    var periodText: String {
        let p = summary.period
        return p.first == p.last ? Self.dmy(p.first) : Self.dmy(p.first) + " – " + Self.dmy(p.last)
    }

    static func dmy(_ d: CalendarDate) -> String { ReportText.dmy(d) }

    /// The case list; returns its header row (repeated on each printed page).
    private func cases(_ page: inout Page) throws -> Int {
        try page.caption(text("fb_casos") + " (\(advisor.errors.count))")
        let header = page.row
        let columns = ["fb_col_fecha", "fb_col_cuenta", "fb_col_causal", "fb_col_evidencia", "fb_col_observacion"]
        try page.sheet.writeRow(columns.map { .text(text($0)) }, row: header, formats: Array(repeating: ReportStyles.header, count: columns.count))
        page.row += 1
        for e in advisor.errors {
            let c = e.record
            let values: [String] = [c.cuenta ?? "", causalText(e.source, e.code, e.label), e.evidence ?? "", c.observaciones ?? ""]
            try page.sheet.write(ReportStyles.serial(c.day), row: page.row, column: 0, format: FeedbackStyles.dateCell)
            for (i, v) in values.enumerated() {
                try page.sheet.write(.text(v), row: page.row, column: i + 1, format: FeedbackStyles.wrapCell)
            }
            let height = zip(values, Self.widths.dropFirst()).map { Page.height(of: $0, width: $1) }.max() ?? Page.lineHeight
            try page.sheet.setRowHeight(height, row: page.row)
            page.row += 1
        }
        page.skip()
        return header
    }

    private func totals(_ page: inout Page) throws {
        try page.caption(text("fb_totales"))
        let r = page.row
        try page.sheet.merge(CellRange(firstRow: r, firstColumn: 0, lastRow: r, lastColumn: 1), text: text("fb_col_causal"), format: ReportStyles.header)
        try page.sheet.writeRow([.text(text("fb_col_casos")), .text(text("fb_col_pct")), .text(text("fb_col_promedio"))], row: r, column: 2,
                                formats: Array(repeating: ReportStyles.header, count: 3))
        page.row += 1
        for t in advisor.totals {
            let label = causalText(t.source, t.code, t.label)
            try page.sheet.merge(CellRange(firstRow: page.row, firstColumn: 0, lastRow: page.row, lastColumn: 1), text: label, format: FeedbackStyles.wrapCell)
            try page.sheet.write(.number(Double(t.count)), row: page.row, column: 2, format: FeedbackStyles.top(ReportStyles.integer))
            try page.sheet.write(.number(t.share), row: page.row, column: 3, format: FeedbackStyles.top(ReportStyles.percent))
            try page.sheet.write(.number(t.teamAverage), row: page.row, column: 4, format: FeedbackStyles.top(FeedbackStyles.average))
            try page.sheet.setRowHeight(Page.height(of: label, width: Self.widths[0] + Self.widths[1]), row: page.row)
            page.row += 1
        }
        try page.sheet.merge(CellRange(firstRow: page.row, firstColumn: 0, lastRow: page.row, lastColumn: 1), text: text("inf_total"),
                             format: ReportStyles.totals(ReportStyles.cell))
        try page.sheet.write(.number(Double(advisor.errors.count)), row: page.row, column: 2, format: ReportStyles.totals(ReportStyles.integer))
        try page.sheet.write(.number(1), row: page.row, column: 3, format: ReportStyles.totals(ReportStyles.percent))
        try page.sheet.write(.blank, row: page.row, column: 4, format: ReportStyles.totals(ReportStyles.cell))
        page.row += 1
        try page.band(text("fb_nota_promedio"), format: FeedbackStyles.note)
        page.skip()
    }

    private func procedures(_ page: inout Page) throws {
        try page.caption(text("fb_procedimientos"))
        for t in advisor.totals {
            try page.band(causalText(t.source, t.code, t.label), format: FeedbackStyles.label)
            try page.band(t.procedure ?? text("fb_sin_procedimiento"), format: FeedbackStyles.paragraph)
        }
        page.skip()
    }

    private func commitments(_ page: inout Page) throws {
        try page.caption(text("fb_compromisos"))
        try page.band(text("fb_compromisos_ayuda"), format: FeedbackStyles.note)
        for _ in 0..<templates.compromisos.renglones_compromiso {
            try page.band("", format: FeedbackStyles.writingLine, height: 22)
        }
        page.skip()
    }

    private func plan(_ page: inout Page) throws {
        try page.caption(text("fb_plan"))
        let r = page.row
        try page.sheet.merge(CellRange(firstRow: r, firstColumn: 0, lastRow: r, lastColumn: 2), text: text("fb_col_accion"), format: ReportStyles.header)
        try page.sheet.writeRow([.text(text("fb_col_responsable")), .text(text("fb_col_seguimiento"))], row: r, column: 3,
                                formats: [ReportStyles.header, ReportStyles.header])
        page.row += 1
        for _ in 0..<templates.compromisos.renglones_plan {
            try page.sheet.merge(CellRange(firstRow: page.row, firstColumn: 0, lastRow: page.row, lastColumn: 2), text: "", format: ReportStyles.cell)
            try page.sheet.write(.blank, row: page.row, column: 3, format: ReportStyles.cell)
            try page.sheet.write(ReportStyles.serial(summary.followUp), row: page.row, column: 4, format: FeedbackStyles.dateCell)
            try page.sheet.setRowHeight(22, row: page.row)
            page.row += 1
        }
        page.skip()
    }

    /// Captions in A:B; the asesor, the supervisor and the back office in C, D and E, each
    /// with a tall box to sign in, the name (filled when the history knows it) and the date.
    private func signatures(_ page: inout Page) throws {
        let r = page.row
        let signers = [text("fb_firma_asesor"), text("fb_firma_supervisor"), text("fb_firma_back")]
        let names = [advisor.asesor, advisor.supervisor ?? "", ""]
        let rows: [(caption: String, values: [String], height: Double)] = [
            ("", signers, 18), (text("fb_firma"), ["", "", ""], 48), (text("fb_nombre"), names, 20), (text("fb_fecha_firma"), ["", "", ""], 20),
        ]
        for (offset, line) in rows.enumerated() {
            let row = r + offset
            let look = offset == 0 ? ReportStyles.header : FeedbackStyles.signatureCell
            try page.sheet.merge(CellRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: 1), text: line.caption,
                                 format: offset == 0 ? FeedbackStyles.blank : FeedbackStyles.label)
            for (i, v) in line.values.enumerated() { try page.sheet.write(.text(v), row: row, column: 2 + i, format: look) }
            try page.sheet.setRowHeight(line.height, row: row)
        }
        page.row = r + rows.count
    }

    /// "ME11 · Sin incidencia T&D / interacción < 3 min"; "Formulario · Cuenta inválida".
    func causalText(_ source: FeedbackSummary.Source, _ code: String, _ label: String) -> String {
        switch source {
        case .malEscalado: return code.isEmpty ? (label.isEmpty ? text("fb_sin_causal") : label) : code + " · " + label
        case .formulario: return text("fb_formulario") + " · " + label
        }
    }

    private func printSetup(_ sheet: Worksheet, repeatRow: Int, lastRow: Int) throws {
        var print = PrintSetup()
        print.orientation = .portrait
        print.paper = .letter
        print.fitToPages = (1, 0)
        print.margins = (0.5, 0.5, 0.6, 0.7)
        // The case list's header on each page only when the list itself runs over a page: over
        // the commitments or the signatures it would read as a heading of theirs.
        if advisor.errors.count > Self.casesOnAPage { print.repeatRows = repeatRow...repeatRow }
        print.printArea = CellRange(firstRow: 0, firstColumn: 0, lastRow: lastRow, lastColumn: Self.lastColumn)
        print.centerHorizontally = true
        let who = (advisor.asesor + " · " + periodText).replacing("&", with: "&&")
        print.footer = "&L" + who + "&R" + text("fb_pagina") + " &P " + text("fb_de") + " &N"
        try sheet.setPrint(print)
    }

}

/// Where the next row of a sheet goes, and the full-width pieces every section uses.
struct Page {
    static let lineHeight = 15.0
    let sheet: Worksheet
    var row = 0

    init(sheet: Worksheet) { self.sheet = sheet }

    /// Text across all the columns, as tall as its wrapped lines need.
    mutating func band(_ text: String, format: CellFormat, height: Double? = nil) throws {
        try sheet.merge(CellRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: CompromisoSheet.lastColumn), text: text, format: format)
        try sheet.setRowHeight(height ?? Self.height(of: text, width: CompromisoSheet.widths.reduce(0, +)), row: row)
        row += 1
    }

    mutating func caption(_ text: String) throws { try band(text, format: ReportStyles.caption, height: 20) }

    mutating func skip() { row += 1 }

    /// The row height wrapped text needs in a column `width` characters wide: spreadsheets do
    /// not grow a row on open for text written by a program, so the sheet sets it. A line holds
    /// a little fewer characters than the width (proportional font, words not split).
    static func height(of text: String, width: Double) -> Double {
        let perLine = max(1, Int(width * 1.15) - 1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { max(1, ($0.count + perLine - 1) / perLine) }.reduce(0, +)
        return Double(max(lines, 1)) * lineHeight
    }
}
