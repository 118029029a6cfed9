import CeldaCore
import CeldaReports
import CeldaStore
import Foundation
import XLSXWriter

public enum FeedbackResult: Equatable, Sendable {
    case written(path: String, advisors: Int, errors: Int)
    /// No advisor (or none named as asked) has an error in the period: no workbook is written.
    case noErrors
}

/// *Compromisos de mejoramiento* of a period, from the history store: the mal-escalados judged
/// *procede* and the tipificador forms with errors.
public struct FeedbackMaker {
    /// The kinds whose cases name an advisor's errors (the compromisos are about them).
    public static let kinds = [MalEscaladosKind.id, TipificadorKind.id]

    public let templates: Templates
    public let store: HistoryStore
    public let language: Language
    public let outFolder: String

    public init(templates: Templates, store: HistoryStore, language: Language, outFolder: String) {
        self.templates = templates
        self.store = store
        self.language = language
        self.outFolder = outFolder
    }

    /// Writes (or replaces) the period's workbook; with `asesor`, only the advisors so named,
    /// in a file of their own (the team's file is left as it is). `today`: the forms' Fecha;
    /// the figures are said as of the earliest of it, the period's end and the latest base.
    public func make(period: ReportPeriod, today: CalendarDate, asesor: String? = nil) throws -> FeedbackResult {
        let cases = try Self.kinds.flatMap { try store.cases(kind: $0, from: period.first, to: period.last) }
        let summary = FeedbackSummary(cases: cases, period: period, templates: templates, asesor: asesor)
        guard !summary.advisors.isEmpty else { return .noErrors }
        var stem = templates.label("archivo_compromisos", language) + " " + period.label
        if let asesor {
            // One advisor found: their name as the history spells it; a slash cannot be in a file name.
            let who = summary.advisors.count == 1 ? summary.advisors[0].asesor : asesor
            stem += " - " + who.replacing("/", with: "-")
        }
        let latest = try Self.kinds.compactMap { try store.latestProcessedOn(kind: $0) }.max()
        let asOf = period.judgedAt(today: today, latestData: latest)
        let path = try ReportFile.write(stem: stem, in: outFolder) {
            try FeedbackWorkbook.write(summary, today: today, asOf: asOf, templates: templates, language: language, to: $0)
        }
        return .written(path: path, advisors: summary.advisors.count, errors: summary.advisors.reduce(0) { $0 + $1.errors.count })
    }
}
