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
    /// Calls its argument with each case in Detalle order (day, time, file, row).
    public typealias Cases = ((CaseRecord) throws -> Void) throws -> Void

    /// pivotTable: add the *Tabla dinámica* sheet (a native pivot table over Detalle, refreshed on open).
    public static func write(_ cases: [CaseRecord], period: ReportPeriod, templates: Templates, language: Language, to path: String,
                             pivotTable: Bool = true) throws {
        let ordered = MalEscaladosSummary.ordered(cases, tally: MalEscaladosTally(period: period, templates: templates))
        try write(streaming: { body in try ordered.forEach(body) }, period: period, templates: templates, language: language, to: path,
                  pivotTable: pivotTable)
    }

    /// The workbook from cases given one at a time (a store's `forEachCase`); cases of another
    /// kind or outside the period are skipped. Returns how many cases Detalle holds.
    /// `rowsPerSheet`: Detalle's rows per sheet (Excel's limit; tests lower it).
    @discardableResult
    public static func write(streaming cases: Cases, period: ReportPeriod, templates: Templates, language: Language, to path: String,
                             pivotTable: Bool = true, rowsPerSheet: Int = Worksheet.maxRows) throws -> Int {
        var tally = MalEscaladosTally(period: period, templates: templates)
        let text = ReportText(templates: templates, language: language, period: period)
        let footer = text("con_titulo") + " · " + text.periodLabel
        let reclamaciones = ReclamacionesSheet(text: text, templates: templates)
        typealias D = MalEscaladosDetail.Column
        try ReportBook.write(to: path, title: footer, constantMemory: true) { book in
            let writer = try DetailSheet.Writer(into: book, name: text("inf_hoja_detalle"), headers: D.allCases.map { text($0.labelKey) },
                                                pivotFields: pivotTable ? Set([D.codigo, D.asesor, D.supervisor, D.dia].map(\.rawValue)) : nil,
                                                rowsPerSheet: rowsPerSheet)
            let spool = try ReclamacionesSheet.spool()
            try cases { c in
                guard tally.includes(c) else { return }
                let reclamacion = tally.add(c)
                try writer.append(MalEscaladosDetail.row(c, text: text))
                if let reclamacion { try spool.append(reclamaciones.line(reclamacion)) }
            }
            let detail = try writer.finish(footer: footer)
            let sheets = ConsolidadoSheets(summary: tally, book: book, detail: detail, text: text, templates: templates, footer: footer)
            try sheets.byCausal()
            if pivotTable {
                try DetailPivot.write(into: book, detail: detail, text: text, rowField: D.codigo.rawValue,
                                      pageFields: [D.asesor.rawValue, D.supervisor.rawValue, D.dia.rawValue], countField: D.fila.rawValue,
                                      footer: footer)
            }
            try sheets.matrix()
            try sheets.topAdvisors()
            try sheets.indicators()
            try reclamaciones.write(into: book, name: text("con_hoja_reclamaciones"), title: text("con_titulo_reclamaciones"), footer: footer,
                                    count: tally.reclamaciones, vencidas: tally.reclamacionesVencidas, lines: spool.forEach)
            try book.worksheets.first { $0.name == sheets.firstSummaryName }?.activate()
        }
        return tally.total
    }
}

/// Labels of the report in one language, and how blanks and causals read.
struct ReportText {
    let templates: Templates
    let language: Language
    let period: ReportPeriod

    func callAsFunction(_ key: String) -> String { templates.label(key, language) }

    var periodLabel: String { self("inf_periodo") + ": " + period.first.description + (period.first == period.last ? "" : " – " + period.last.description) }
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
}

/// The Detalle sheet of the consolidado: every case of the period.
enum MalEscaladosDetail {
    enum Column: Int, CaseIterable {
        /// `dia`: the date alone, last so no formula's column moves; the pivot filters by it (a
        /// date-time filter would list every timestamp as its own item).
        case fecha, cuenta, asesor, documento, supervisor, codigo, causal, evidencia, procede, estado, observaciones, archivo, fila, dia
        var labelKey: String { "inf_col_" + String(describing: self) }
    }

    /// A case as its Detalle row.
    static func row(_ c: CaseRecord, text: ReportText) -> [WritableValue] {
        [ReportStyles.serial(c.day, seconds: c.secondsOfDay), .text(c.cuenta ?? ""), .text(text.key(c.asesor)), .text(c.asesorID ?? ""),
         .text(c.supervisor ?? ""), .text(text.key(c.causalCode)), .text(c.causal ?? text.malEscaladoCausal(c.causalCode)),
         .text(c.evidence ?? ""), .text(c.procede ?? ""), .text(c.estado), .text(c.observaciones ?? ""), .text(c.sourceFile),
         .number(Double(c.row)), ReportStyles.serial(c.day)]
    }
}
