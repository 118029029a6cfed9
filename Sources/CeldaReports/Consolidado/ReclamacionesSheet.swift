import CeldaCore
import XLSXReader
import XLSXWriter

/// The *no procede* cases (seed 002 step 4): Gestión Soporte's errors, claimed back and due
/// within 24 h. A sheet of the consolidado, and the whole of the form sent to Gestión Soporte.
struct ReclamacionesSheet {
    let text: ReportText
    let templates: Templates

    /// One row of the sheet, as written: what a reclamación is kept as between the detail pass
    /// and this sheet (see `Spool`).
    struct Line {
        var cuenta: String
        var day: CalendarDate
        var asesor: String
        var why: String
        var sent: CalendarDate
        var due: CalendarDate
        var passed: Bool
    }

    func line(_ r: MalEscaladosSummary.Reclamacion) -> Line {
        let c = r.record
        return Line(cuenta: c.cuenta ?? "", day: c.day, asesor: text.key(c.asesor), why: why(c), sent: r.sent, due: r.due, passed: r.passed)
    }

    static let columns = ["inf_col_cuenta", "inf_col_fecha", "inf_col_asesor", "rcl_col_motivo", "rcl_col_enviada", "rcl_col_vence", "rcl_col_vencida"]

    /// The reason in words: causal, evidence and the back office's observations.
    func why(_ c: CaseRecord) -> String {
        [c.causal ?? text.malEscaladoCausal(c.causalCode), c.evidence, c.observaciones]
            .compactMap { $0.flatMap { $0.isEmpty ? nil : $0 } }.joined(separator: " — ")
    }

    /// Plain values, not formulas: the due date is a business-day computation of the core.
    /// `count` and `vencidas` head the sheet; `lines` gives its rows, in order.
    @discardableResult
    func write(into book: Workbook, name: String, title: String, footer: String, count: Int, vencidas: Int,
               lines: ((Line) throws -> Void) throws -> Void) throws -> Worksheet {
        let sheet = try book.addWorksheet(name)
        let widths = ColumnWidths()
        try sheet.write(.text(title), row: 0, column: 0, format: ReportStyles.title)
        try sheet.write(.text(text.periodLabel + " · " + text("rcl_casos") + ": " + String(count)
                              + " · " + text("rcl_vencidas") + ": " + String(vencidas)),
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
        var written = 0
        try lines { r in
            let row = header + 1 + written
            let values: [(WritableValue, CellFormat)] = [
                (.text(r.cuenta), top), (ReportStyles.serial(r.day), date), (.text(r.asesor), top), (.text(r.why), wrap),
                (ReportStyles.serial(r.sent), date), (ReportStyles.serial(r.due), date),
                (.text(r.passed ? text.yes : text.no), r.passed ? ReportStyles.alarm.merged(with: top) : top),
            ]
            for (column, (value, format)) in values.enumerated() {
                try sheet.write(value, row: row, column: column, format: format)
                if column != 3 { widths.note(value, column: column) }
            }
            written += 1
        }
        widths.note(String(repeating: "x", count: 60), column: 3)
        try sheet.freezePanes(row: header + 1)
        try sheet.autofilter(CellRange(firstRow: header, firstColumn: 0, lastRow: header + max(written, 1), lastColumn: Self.columns.count - 1))
        try widths.apply(to: sheet)
        try ReportStyles.printSetup(sheet, headerRow: header, footer: footer)
        return sheet
    }

    /// The lines on disk, in order, while the detail streams (half a month of a million cases
    /// may be *no procede*); read back once for the sheet, which comes last.
    static func spool() throws -> Spool<Line> {
        try Spool(encode: { line, w in
            w.string(line.cuenta)
            w.int(line.day.dayNumber)
            w.string(line.asesor)
            w.string(line.why)
            w.int(line.sent.dayNumber)
            w.int(line.due.dayNumber)
            w.byte(line.passed ? 1 : 0)
        }, decode: { r in
            let cuenta = try r.string(), day = CalendarDate(dayNumber: try r.int()), asesor = try r.string()
            let why = try r.string(), sent = CalendarDate(dayNumber: try r.int()), due = CalendarDate(dayNumber: try r.int())
            return Line(cuenta: cuenta, day: day, asesor: asesor, why: why, sent: sent, due: due, passed: try r.byte() == 1)
        })
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
/// cases with why, when each was sent and when its answer is due. The cases stream through
/// once (`collect`); the no-procede ones wait on disk, so the count heading the sheet is known
/// before its rows are written and a period without any writes no file.
public enum ReclamacionesForm {
    /// The no-procede cases of a period, counted and waiting on disk to be written.
    public struct Pending {
        let tally: MalEscaladosTally
        let text: ReportText
        let spool: Spool<ReclamacionesSheet.Line>
        /// How many reclamaciones the form will hold.
        public var count: Int { tally.reclamaciones }
    }

    /// Reads `cases` (in Detalle order; other kinds and days are skipped) and keeps the no-procede ones.
    public static func collect(_ cases: ConsolidadoWorkbook.Cases, period: ReportPeriod, templates: Templates, language: Language) throws -> Pending {
        var tally = MalEscaladosTally(period: period, templates: templates)
        let text = ReportText(templates: templates, language: language, period: period)
        let sheet = ReclamacionesSheet(text: text, templates: templates)
        let spool = try ReclamacionesSheet.spool()
        try cases { c in
            if let r = tally.add(c) { try spool.append(sheet.line(r)) }
        }
        return Pending(tally: tally, text: text, spool: spool)
    }

    public static func write(_ pending: Pending, to path: String) throws {
        let text = pending.text
        let footer = text("rcl_titulo") + " · " + text.periodLabel
        try ReportBook.write(to: path, title: footer, constantMemory: true) { book in
            try ReclamacionesSheet(text: text, templates: text.templates)
                .write(into: book, name: text("con_hoja_reclamaciones"), title: text("rcl_titulo"), footer: footer,
                       count: pending.tally.reclamaciones, vencidas: pending.tally.reclamacionesVencidas, lines: pending.spool.forEach)
        }
    }

    public static func write(_ cases: [CaseRecord], period: ReportPeriod, templates: Templates, language: Language, to path: String) throws {
        let ordered = MalEscaladosSummary.ordered(cases, tally: MalEscaladosTally(period: period, templates: templates))
        try write(try collect({ body in try ordered.forEach(body) }, period: period, templates: templates, language: language), to: path)
    }
}
