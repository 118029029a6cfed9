import CeldaCore
import XLSXWriter

/// *Consolidado mal escalado soporte <fecha>.xlsx* (DOMAIN.md §4.2, seed 002 step 6): Detalle,
/// Resumen por causal, Tabla dinámica (a native pivot table, see `DetailPivot`), Asesor × causal,
/// Top 5 asesores, Indicadores and Reclamaciones, with native charts. Every figure of the
/// summary sheets is a formula over Detalle carrying the value `MalEscaladosTally` counted as
/// its cached result.
///
/// The cases stream through once: each becomes a Detalle row (written at once, the workbook in
/// constant-memory mode; past 1,048,575 rows on «Detalle (2)», …), is counted by
/// `MalEscaladosTally`, and a *no procede* one waits on disk for the Reclamaciones sheet; the
/// summary sheets are written after, from the tally. Nothing of the period is held in memory.
public enum ConsolidadoWorkbook {
    /// Cases from which the workbook is written in constant memory.
    static let constantMemoryFrom = 50_000

    /// Calls its argument with each case in Detalle order (day, time, file, row).
    public typealias Cases = ((CaseRecord) throws -> Void) throws -> Void

    /// pivotTable: add the *Tabla dinámica* sheet (a native pivot table over Detalle, refreshed on open).
    /// `asOf`: the day reclamaciones are judged overdue at (the period's last day by default).
    public static func write(_ cases: [CaseRecord], period: ReportPeriod, templates: Templates, language: Language, to path: String,
                             pivotTable: Bool = true, asOf: CalendarDate? = nil) throws {
        let ordered = MalEscaladosSummary.ordered(cases, tally: MalEscaladosTally(period: period, templates: templates))
        try write(streaming: { body in try ordered.forEach(body) }, period: period, templates: templates, language: language, to: path,
                  pivotTable: pivotTable, asOf: asOf, names: NameCounts(ordered))
    }

    /// The workbook from cases given one at a time (a store's `forEachCase`); cases of another
    /// kind or outside the period are skipped. Returns how many cases Detalle holds. `names`:
    /// the period's spellings of each advisor and supervisor, counted beforehand (`Spellings`).
    /// `rowsPerSheet`: Detalle's rows per sheet (Excel's limit; tests lower it).
    @discardableResult
    public static func write(streaming cases: Cases, period: ReportPeriod, templates: Templates, language: Language, to path: String,
                             pivotTable: Bool = true, rowsPerSheet: Int = Worksheet.maxRows, asOf: CalendarDate? = nil,
                             names: NameCounts = NameCounts()) throws -> Int {
        var tally = MalEscaladosTally(period: period, templates: templates, asOf: asOf, names: names)
        let text = ReportText(templates: templates, language: language, period: period, asOf: tally.asOf)
        let footer = text("con_titulo") + " · " + text.periodLabel
        let reclamaciones = ReclamacionesSheet(text: text, templates: templates)
        let rules = CaseCounting.Rules(templates)
        typealias D = MalEscaladosDetail.Column
        // Rows go to disk as written only for a large period (a month of a million cases): a
        // small workbook keeps its strings shared, as Excel writes them (Excel rewrites inline
        // strings into a shared table on its next save).
        try ReportBook.write(to: path, title: footer, constantMemory: (names.rows ?? Int.max) > Self.constantMemoryFrom) { book in
            // Printed or read in tab order, the figures come first and the long detail last.
            try ReportBook.reserve([text("con_hoja_resumen")] + (pivotTable ? [text("inf_hoja_tabla")] : [])
                                   + ["con_hoja_matriz", "con_hoja_top", "con_hoja_indicadores"].map { text($0) }
                                   + (period.length == .day ? [] : [text("con_hoja_evolucion")]) + [text("con_hoja_reclamaciones")], in: book)
            let writer = try DetailSheet.Writer(into: book, name: text("inf_hoja_detalle"), headers: D.allCases.map { text($0.labelKey) },
                                                pivotFields: pivotTable ? Set([D.tipo, D.asesor, D.supervisor, D.dia].map(\.rawValue)) : nil,
                                                rowsPerSheet: rowsPerSheet)
            let spool = try ReclamacionesSheet.spool()
            try cases { raw in
                guard tally.includes(raw) else { return }
                let c = tally.canonical(raw)
                let reclamacion = tally.add(c)
                try writer.append(MalEscaladosDetail.row(c, kind: tally.classify(c), procede: rules.isProcede(c), text: text, at: writer.upcomingRow))
                if let reclamacion { try spool.append(reclamaciones.line(reclamacion)) }
            }
            let detail = try writer.finish(footer: footer)
            let sheets = ConsolidadoSheets(summary: tally, book: book, detail: detail, text: text, templates: templates, footer: footer)
            try sheets.byCausal()
            if pivotTable {
                try DetailPivot.write(into: book, detail: detail, text: text, rowField: D.tipo.rawValue,
                                      pageFields: [D.asesor.rawValue, D.supervisor.rawValue, D.dia.rawValue], countField: D.fila.rawValue,
                                      footer: footer)
            }
            try sheets.matrix()
            try sheets.topAdvisors()
            try sheets.indicators()
            try sheets.evolution()
            try reclamaciones.write(into: book, name: text("con_hoja_reclamaciones"), title: text("con_titulo_reclamaciones"), footer: footer,
                                    tally: tally, lines: spool.forEach)
            try book.worksheets.first { $0.name == sheets.firstSummaryName }?.activate()
        }
        return tally.total
    }
}

/// Labels of the report in one language, and how blanks, causals and dates read.
struct ReportText {
    let templates: Templates
    let language: Language
    let period: ReportPeriod
    /// The moment the figures are judged at (alarms, overdue): the period's last day unless the
    /// report says otherwise.
    var asOf: CalendarDate

    init(templates: Templates, language: Language, period: ReportPeriod, asOf: CalendarDate? = nil) {
        self.templates = templates
        self.language = language
        self.period = period
        self.asOf = asOf ?? period.last
    }

    func callAsFunction(_ key: String) -> String { templates.label(key, language) }

    /// "Periodo: 18/03/2024 – 24/03/2024": dates as the readers write them.
    var periodLabel: String { self("inf_periodo") + ": " + periodDates }
    var periodDates: String { period.shownDates }
    /// "Cifras al 22/03/2024": the day alarms and deadlines are judged at.
    var asOfLabel: String { self("inf_al_dia") + " " + Self.dmy(asOf) }
    /// The period, then the day it is judged at.
    var subtitle: String { periodLabel + " · " + asOfLabel }

    /// "22/03/2024".
    static func dmy(_ d: CalendarDate) -> String { two(d.day) + "/" + two(d.month) + "/" + String(d.year) }
    /// "22/03".
    static func dm(_ d: CalendarDate) -> String { two(d.day) + "/" + two(d.month) }
    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// "41,7 %": a share as text, with the language's decimal mark ("41.7 %" in English).
    func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        let sign = tenths < 0 ? "-" : ""
        return sign + "\(abs(tenths) / 10)" + (language == .en ? "." : ",") + "\(abs(tenths) % 10) %"
    }

    /// What a blank key reads as, in Detalle and in the summaries (so COUNTIFS can match it).
    var blank: String { self("inf_vacio") }
    func key(_ k: String?) -> String { k.flatMap { $0.isEmpty ? nil : $0 } ?? blank }
    var yes: String { self("inf_si") }
    var no: String { self("inf_no") }

    /// "ME11 · Sin incidencia T&D / interacción < 3 min" from the templates' catalog.
    func malEscaladoCausal(_ code: String?) -> String {
        guard let code else { return blank }
        return templates.malEscalados.first { $0.code == code }.map { "\(code) · \($0.label)" } ?? code
    }

    func tipificadorCausal(_ code: String?) -> String {
        guard let code else { return blank }
        return templates.tipificador.first { $0.code == code }.map { "\(code) · \($0.label)" } ?? code
    }

    /// What a row counts as, as Detalle's «Tipo de error» column writes it: the causal code of an
    /// error, or the words of the two lines kept apart.
    func classKey(_ kind: MalEscaladoClass) -> String {
        switch kind {
        case .error(let code): return code
        case .porRevisar: return self("con_sin_causal")
        case .noProcede: return self("con_no_procede")
        }
    }
}

/// The Detalle sheet of the consolidado: every case of the period.
enum MalEscaladosDetail {
    enum Column: Int, CaseIterable {
        /// `tipo`: what the row counts as (`MalEscaladoClass`), the key of every summary and of the
        /// pivot table. `dia`: the date alone, which the pivot filters by (a date-time filter
        /// would list every timestamp as its own item) and the evolution counts by.
        case fecha, cuenta, asesor, documento, supervisor, codigo, causal, evidencia, procede, tipo, estado, observaciones,
             respuesta, fechaRespuesta, archivo, fila, dia
        var labelKey: String { "inf_col_" + String(describing: self) }
    }

    /// A case as its Detalle row (`row`: its 0-based row on its sheet). Procede is written in
    /// the templates' words when it is one of them («procede» typed by hand reads «Procede»),
    /// and so is Gestión Soporte's answer, so every formula matches them exactly. «Tipo de
    /// error» is a formula over Procede and Código with the core's class cached: a supervisor
    /// who corrects either in Detalle sees every summary follow.
    static func row(_ c: CaseRecord, kind: MalEscaladoClass, procede isProcede: Bool, text: ReportText, at row: Int) -> [WritableValue] {
        let procede: String
        switch kind {
        case .noProcede: procede = CaseCounting.noProcedeValue(text.templates)
        default: procede = isProcede ? CaseCounting.procedeValue(text.templates) : (c.procede ?? "")
        }
        let answers = ReclamacionAnswers(text.templates)
        let answer = answers.answer(c.respuesta).map(answers.label) ?? (c.respuesta ?? "")
        return [ReportStyles.serial(c.day, seconds: c.secondsOfDay), .text(c.cuenta ?? ""), .text(text.key(c.asesor)), .text(c.asesorID ?? ""),
                .text(c.supervisor ?? ""), .text(text.key(c.causalCode)), .text(c.causal ?? text.malEscaladoCausal(c.causalCode)),
                .text(c.evidence ?? ""), .text(procede), .formula(typeFormula(row: row, text: text), cached: .text(text.classKey(kind))),
                .text(c.estado), .text(c.observaciones ?? ""),
                .text(answer), c.respuestaFecha.map { ReportStyles.serial($0) } ?? .blank,
                .text(c.sourceFile), .number(Double(c.row)), ReportStyles.serial(c.day)]
    }

    /// `IF(procede="No procede","No procede — …",IF(AND(procede="Procede",code<>"(vacío)"),code,"Sin causal — …"))`:
    /// `MalEscaladoClass` as a spreadsheet computes it from the row's own cells.
    static func typeFormula(row: Int, text: ReportText) -> String {
        func cell(_ c: Column) -> String { CellName.of(row: row, column: c.rawValue) }
        let q = SummaryTable.quoted
        let procede = cell(.procede), code = cell(.codigo)
        return "IF(\(procede)=\(q(CaseCounting.noProcedeValue(text.templates)))," + q(text.classKey(.noProcede))
            + ",IF(AND(\(procede)=\(q(CaseCounting.procedeValue(text.templates)))," + code + "<>" + q(text.blank) + "),"
            + code + "," + q(text.classKey(.porRevisar)) + "))"
    }
}
