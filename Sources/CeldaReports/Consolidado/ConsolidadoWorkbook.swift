import CeldaCore
import XLSXWriter

/// *Consolidado mal escalado soporte <fecha>.xlsx* (DOMAIN.md §4.2, seed 002 step 6): Detalle,
/// Resumen por causal, Tabla dinámica (a native pivot table, see `DetailPivot`), Asesor × causal, Top 5 asesores, Indicadores and Reclamaciones, with
/// native charts. Every figure of the summary sheets is a formula over Detalle carrying the
/// value `MalEscaladosSummary` computed as its cached result.
public enum ConsolidadoWorkbook {
    /// pivotTable: add the *Tabla dinámica* sheet (a native pivot table over Detalle, refreshed on open).
    public static func write(_ cases: [CaseRecord], period: ReportPeriod, templates: Templates, language: Language, to path: String,
                             pivotTable: Bool = true) throws {
        let summary = MalEscaladosSummary(cases: cases, period: period, templates: templates)
        let text = ReportText(templates: templates, language: language, period: period)
        let footer = text("con_titulo") + " · " + text.periodLabel
        try ReportBook.write(to: path, title: footer) { book in
            let detail = try MalEscaladosDetail.write(summary, into: book, text: text, templates: templates, footer: footer)
            let sheets = ConsolidadoSheets(summary: summary, book: book, detail: detail, text: text, templates: templates, footer: footer)
            try sheets.byCausal()
            if pivotTable {
                typealias D = MalEscaladosDetail.Column
                try DetailPivot.write(into: book, detail: detail, text: text, rowField: D.codigo.rawValue,
                                      pageFields: [D.asesor.rawValue, D.supervisor.rawValue, D.dia.rawValue], countField: D.fila.rawValue,
                                      footer: footer)
            }
            try sheets.matrix()
            try sheets.topAdvisors()
            try sheets.indicators()
            try ReclamacionesSheet(summary: summary, text: text, templates: templates)
                .write(into: book, name: text("con_hoja_reclamaciones"), title: text("con_titulo_reclamaciones"), footer: footer)
            try book.worksheets.first { $0.name == sheets.firstSummaryName }?.activate()
        }
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

    static func write(_ s: MalEscaladosSummary, into book: Workbook, text: ReportText, templates: Templates, footer: String) throws -> DetailSheet {
        let rows: [[WritableValue]] = s.cases.map { c in
            [ReportStyles.serial(c.day, seconds: c.secondsOfDay), .text(c.cuenta ?? ""), .text(text.key(c.asesor)), .text(c.asesorID ?? ""),
             .text(c.supervisor ?? ""), .text(text.key(c.causalCode)), .text(c.causal ?? text.malEscaladoCausal(c.causalCode)),
             .text(c.evidence ?? ""), .text(c.procede ?? ""), .text(c.estado), .text(c.observaciones ?? ""), .text(c.sourceFile),
             .number(Double(c.row)), ReportStyles.serial(c.day)]
        }
        return try DetailSheet.write(into: book, name: text("inf_hoja_detalle"), headers: Column.allCases.map { text($0.labelKey) },
                                     rows: rows, footer: footer)
    }
}
