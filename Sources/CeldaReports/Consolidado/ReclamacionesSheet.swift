import CeldaCore
import XLSXReader
import XLSXWriter

/// The *no procede* cases (seed 002 step 4): Gestión Soporte's errors, claimed back and due
/// within 24 h. A sheet of the consolidado, and the whole of the form sent to Gestión Soporte.
struct ReclamacionesSheet {
    let text: ReportText
    let templates: Templates
    let answers: ReclamacionAnswers

    init(text: ReportText, templates: Templates) {
        self.text = text
        self.templates = templates
        answers = ReclamacionAnswers(templates)
    }

    /// One row of the sheet, as written: what a reclamación is kept as between the detail pass
    /// and this sheet (see `Spool`).
    struct Line {
        var cuenta: String
        var day: CalendarDate
        var asesor: String
        var why: String
        var sent: CalendarDate
        var due: CalendarDate
        var answer: String
        var answeredOn: CalendarDate?
        var passed: Bool
    }

    func line(_ r: MalEscaladosSummary.Reclamacion) -> Line {
        let c = r.record
        return Line(cuenta: c.cuenta ?? "", day: c.day, asesor: text.key(c.asesor), why: why(c), sent: r.sent, due: r.due,
                    answer: r.answer.map(answers.label) ?? (c.respuesta ?? ""), answeredOn: c.respuestaFecha, passed: r.passed)
    }

    static let columns = ["inf_col_cuenta", "inf_col_fecha", "inf_col_asesor", "rcl_col_motivo", "rcl_col_enviada", "rcl_col_vence",
                          "rcl_col_respuesta", "rcl_col_fecha_respuesta", "rcl_col_vencida"]
    /// Widths in characters; the motivo's is what its wrapped lines are measured against.
    static let widths: [Double] = [14, 11, 24, 60, 11, 11, 14, 12, 11]
    static let motivoColumn = 3, answerColumn = 6

    /// The reason in words: causal, evidence and the back office's observations; a case with
    /// no causal starts with its evidence (never with «(vacío)»).
    func why(_ c: CaseRecord) -> String {
        let causal = c.causal ?? c.causalCode.map { text.malEscaladoCausal($0) }
        return [causal, c.evidence, c.observaciones]
            .compactMap { $0.flatMap { $0.trimmedSpaces.isEmpty ? nil : $0 } }.joined(separator: " — ")
    }

    /// Plain values, not formulas: the due date is a business-day computation of the core.
    /// The counts head the sheet; `lines` gives its rows, in order. `answerList`: the answers'
    /// dropdown on the Respuesta column, for the form Gestión Soporte fills in.
    @discardableResult
    func write(into book: Workbook, name: String, title: String, footer: String, tally: MalEscaladosTally,
               answerList: Bool = false, lines: ((Line) throws -> Void) throws -> Void) throws -> Worksheet {
        let sheet = try ReportBook.sheet(name, in: book)
        try sheet.write(.text(title), row: 0, column: 0, format: ReportStyles.title)
        let counts = [("rcl_casos", tally.reclamaciones), ("rcl_aceptadas", tally.aceptadas), ("rcl_rechazadas", tally.rechazadas),
                      ("rcl_sin_respuesta", tally.sinRespuesta), ("rcl_vencidas_sin_respuesta", tally.reclamacionesVencidas)]
        try sheet.write(.text(text.subtitle + " · " + counts.map { text($0.0) + ": " + String($0.1) }.joined(separator: " · ")),
                        row: 1, column: 0, format: ReportStyles.subtitle)
        let header = 3
        try sheet.writeRow(Self.columns.map { .text(text($0)) }, row: header, formats: Array(repeating: ReportStyles.header, count: Self.columns.count))
        try sheet.setRowHeight(Page.height(of: Self.columns.map { text($0) }.max { $0.count < $1.count } ?? "", width: 12), row: header)
        for (i, w) in Self.widths.enumerated() { try sheet.setColumnWidth(w, columns: i...i) }
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
                (.text(r.cuenta), top), (ReportStyles.serial(r.day), date), (.text(r.asesor), wrap), (.text(r.why), wrap),
                (ReportStyles.serial(r.sent), date), (ReportStyles.serial(r.due), date), (.text(r.answer), top),
                (r.answeredOn.map { ReportStyles.serial($0) } ?? .blank, date),
                (.text(r.passed ? text.yes : text.no), r.passed ? ReportStyles.alarm.merged(with: top) : top),
            ]
            for (column, (value, format)) in values.enumerated() {
                try sheet.write(value, row: row, column: column, format: format)
            }
            // Wrapped text grows the row as far as it needs: a spreadsheet does not, for text a
            // program wrote, and the next row would print over it.
            let height = max(Page.height(of: r.why, width: Self.widths[Self.motivoColumn]), Page.height(of: r.asesor, width: Self.widths[2]))
            try sheet.setRowHeight(height, row: row)
            written += 1
        }
        if written == 0 {
            try sheet.write(.text(text("rcl_sin_reclamaciones")), row: header + 1, column: 0, format: ReportStyles.subtitle)
        }
        if answerList {
            let last = min(header + max(written, 1) + DetailSheet.spareRows, Worksheet.maxRows - 1)
            try sheet.addDropdown(CellRange(firstRow: header + 1, firstColumn: Self.answerColumn, lastRow: last, lastColumn: Self.answerColumn),
                                  values: ReclamacionAnswers(templates).labels, listSheet: text("sheet_listas"))
        }
        try sheet.freezePanes(row: header + 1)
        try sheet.autofilter(CellRange(firstRow: header, firstColumn: 0, lastRow: header + max(written, 1), lastColumn: Self.columns.count - 1))
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
            w.string(line.answer)
            w.int(line.answeredOn.map(\.dayNumber) ?? Int.min)
            w.byte(line.passed ? 1 : 0)
        }, decode: { r in
            let cuenta = try r.string(), day = CalendarDate(dayNumber: try r.int()), asesor = try r.string()
            let why = try r.string(), sent = CalendarDate(dayNumber: try r.int()), due = CalendarDate(dayNumber: try r.int())
            let answer = try r.string(), on = try r.int()
            return Line(cuenta: cuenta, day: day, asesor: asesor, why: why, sent: sent, due: due, answer: answer,
                        answeredOn: on == Int.min ? nil : CalendarDate(dayNumber: on), passed: try r.byte() == 1)
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
    /// `asOf`: the day the 24 h deadlines are judged at (the period's last day by default).
    public static func collect(_ cases: ConsolidadoWorkbook.Cases, period: ReportPeriod, templates: Templates, language: Language,
                               asOf: CalendarDate? = nil) throws -> Pending {
        var tally = MalEscaladosTally(period: period, templates: templates, asOf: asOf)
        let text = ReportText(templates: templates, language: language, period: period, asOf: tally.asOf)
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
                       tally: pending.tally, answerList: true, lines: pending.spool.forEach)
        }
    }

    public static func write(_ cases: [CaseRecord], period: ReportPeriod, templates: Templates, language: Language, to path: String,
                             asOf: CalendarDate? = nil) throws {
        let ordered = MalEscaladosSummary.ordered(cases, tally: MalEscaladosTally(period: period, templates: templates))
        try write(try collect({ body in try ordered.forEach(body) }, period: period, templates: templates, language: language, asOf: asOf), to: path)
    }
}
