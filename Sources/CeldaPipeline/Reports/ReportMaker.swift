import CeldaCore
import CeldaReports
import CeldaStore
import Foundation
import XLSXWriter

/// The consolidated reports of a period, from the history store.
public enum ReportKind: String, CaseIterable, Sendable {
    case malEscalados = "mal-escalados"
    case reclamaciones
    case recurrentes

    /// The kind of base whose cases it reads.
    public var baseKind: String { self == .recurrentes ? TipificadorKind.id : MalEscaladosKind.id }
    /// The label key of its file name (Templates/labels.yaml).
    var fileLabel: String {
        switch self {
        case .malEscalados: return "archivo_consolidado"
        case .reclamaciones: return "archivo_reclamaciones"
        case .recurrentes: return "archivo_recurrentes"
        }
    }
}

public enum ReportResult: Equatable, Sendable {
    case written(path: String, cases: Int)
    /// The store holds no case of that kind in the period: no workbook is written.
    case noData
}

public struct ReportMaker {
    public let templates: Templates
    public let store: HistoryStore
    public let language: Language
    public let outFolder: String
    /// Whether the consolidated workbooks carry the *Tabla dinámica* sheet (`--sin-tabla-dinamica` leaves it out).
    public let pivotTable: Bool

    public init(templates: Templates, store: HistoryStore, language: Language, outFolder: String, pivotTable: Bool = true) {
        self.templates = templates
        self.store = store
        self.language = language
        self.outFolder = outFolder
        self.pivotTable = pivotTable
    }

    /// Writes (or replaces: a report is Celda's own, made again from the history) the report
    /// of `period` as of `today`.
    public func make(_ report: ReportKind, period: ReportPeriod, today: CalendarDate) throws -> ReportResult {
        var cases = try store.cases(kind: report.baseKind, from: period.first, to: period.last)
        if report == .reclamaciones { cases = cases.filter { CaseCounting.isNoProcede($0, templates: templates) } }
        guard !cases.isEmpty else { return .noData }
        try OutputFolder.prepare(outFolder)
        let name = OutputNames.fitted(stem: templates.label(report.fileLabel, language) + " " + period.label, tail: ".xlsx")
        let path = (outFolder as NSString).appendingPathComponent(name)
        do {
            switch report {
            case .malEscalados:
                try ConsolidadoWorkbook.write(cases, period: period, templates: templates, language: language, to: path, pivotTable: pivotTable)
            case .reclamaciones:
                try ReclamacionesForm.write(cases, period: period, templates: templates, language: language, to: path)
            case .recurrentes:
                let window = templates.recurrence.ventana_dias
                let history = try store.contacts(kind: report.baseKind, from: period.first.adding(days: -window), to: period.last).map(\.contact)
                try RecurrentesWorkbook.write(cases, history: Recurrence(settings: templates.recurrence).index(history), period: period,
                                              today: today, templates: templates, language: language, to: path, pivotTable: pivotTable)
            }
        } catch let error as WriterError {
            throw PipelineError.outputNotWritten(path: path, detail: error)
        }
        return .written(path: path, cases: cases.count)
    }
}
