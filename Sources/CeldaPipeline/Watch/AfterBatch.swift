import CeldaCore
import CeldaStore
import Foundation

/// What the watcher does once a batch of files is in the history: the week's compromisos on the
/// first batch of a week, then the day's reports of the kinds just processed. A report that
/// cannot be written is said; the files stay processed.
struct AfterBatch {
    let templates: Templates
    let store: HistoryStore
    let language: Language
    let folders: WatchFolders
    let pivotTable: Bool
    let report: (WatchEvent) -> Void

    /// The reports written, for the mail (`ReportMailing`).
    func run(kindsProcessed: Set<String>, today: CalendarDate) -> [RefreshedReport] {
        let compromisos = writeLastWeeksCompromisos(kindsProcessed: kindsProcessed, today: today)
        return (compromisos.map { [$0] } ?? []) + refreshReports(kindsProcessed: kindsProcessed, today: today)
    }

    /// The day's reports, made again from the history into salida/ (a report is Celda's own:
    /// it is replaced).
    private func refreshReports(kindsProcessed: Set<String>, today day: CalendarDate) -> [RefreshedReport] {
        let maker = ReportMaker(templates: templates, store: store, language: language, outFolder: folders.salida, pivotTable: pivotTable)
        var written: [RefreshedReport] = []
        for kind in ReportKind.allCases where !kind.feedingKinds.isDisjoint(with: kindsProcessed) {
            do {
                let period = ReportPeriod(.day, containing: day)
                if case .written(let path, let cases) = try maker.make(kind, period: period, today: day) {
                    report(.reportRefreshed(report: kind.rawValue, path: path, cases: cases))
                    written.append(RefreshedReport(report: kind.rawValue, period: period.label, dates: period.shownDates, path: path))
                }
            } catch {
                report(.reportFailed(report: kind.rawValue, reason: ErrorReport.message(for: error, language: language)))
            }
        }
        return written
    }

    /// The compromisos de mejoramiento of the week that just ended (Monday to Sunday): the
    /// weekly feedback session (seed 002 step 7) is about it. A mark in .celda/ says the week
    /// was done, so later batches (and a restart) leave the workbook alone — a supervisor may
    /// have printed and annotated it.
    private func writeLastWeeksCompromisos(kindsProcessed: Set<String>, today: CalendarDate) -> RefreshedReport? {
        guard !Set(FeedbackMaker.kinds).isDisjoint(with: kindsProcessed) else { return nil }
        let week = ReportPeriod(.week, containing: today.adding(days: -7))
        let mark = folders.file("compromisos " + week.label, in: folders.state)
        let fm = FileManager.default
        guard !fm.fileExists(atPath: mark) else { return nil }
        var written: RefreshedReport?
        do {
            let maker = FeedbackMaker(templates: templates, store: store, language: language, outFolder: folders.salida)
            if case .written(let path, let advisors, _) = try maker.make(period: week, today: today) {
                report(.compromisosWritten(week: week.label, path: path, advisors: advisors))
                written = RefreshedReport(report: "compromisos", period: week.label, dates: week.shownDates, path: path)
            }
            try? fm.createDirectory(atPath: folders.state, withIntermediateDirectories: true)
            guard fm.createFile(atPath: mark, contents: Data((week.label + "\n").utf8)) else {
                throw PipelineError.fileNotWritten(path: mark, errno: errno)
            }
        } catch {
            report(.reportFailed(report: "compromisos", reason: ErrorReport.message(for: error, language: language)))
        }
        return written
    }
}
