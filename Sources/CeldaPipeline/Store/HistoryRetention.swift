import CeldaCore
import CeldaStore
import Foundation

/// The history kept only as long as it may be (issue 27): `celda store purge --before FECHA`,
/// and the watcher's daily purge when `retencion_meses` is set in Templates/workflow.yaml.
public enum HistoryRetention {
    /// What goes when the user says «before FECHA»: cases whose latest day is before it, except
    /// what a report of a period from FECHA on still reads — the tipificador's contacts of the
    /// recurrence window before the period, and Premium cases opened up to
    /// `ReportMaker.premiumLinkDays` before it (a survey of the period may name them).
    public static func cutoffs(before day: CalendarDate, templates: Templates) -> PurgeCutoffs {
        PurgeCutoffs(cases: day, byKind: [TipificadorKind.id: day.adding(days: -templates.recurrence.ventana_dias)],
                     premiumCases: day.adding(days: -ReportMaker.premiumLinkDays), dated: day)
    }

    /// `months` before `today`, the same day of the month (the month's last when it is shorter).
    public static func day(months: Int, before today: CalendarDate) -> CalendarDate {
        let total = today.year * 12 + (today.month - 1) - months
        let year = total / 12, month = total % 12 + 1
        return CalendarDate(year: year, month: month, day: min(today.day, CalendarDate.daysIn(month: month, year: year)))
    }

    public static func purge(before day: CalendarDate, store: HistoryStore, templates: Templates, dryRun: Bool) throws -> PurgeCounts {
        try store.purge(cutoffs(before: day, templates: templates), dryRun: dryRun)
    }

    /// «412 casos (2.140 avistamientos, 35 decisiones), 20 casos premium (61 estados), 300 encuestas, 1.900 datos de asistencia y monitoreos».
    public static func summary(_ c: PurgeCounts, _ language: Language) -> String {
        language == .es
            ? "\(c.cases) casos (\(c.sightings) avistamientos, \(c.decisions) decisiones), \(c.premiumCases) casos premium (\(c.premiumStates) estados), \(c.premiumSurveys) encuestas, \(c.facts) datos de asistencia, monitoreos y satisfacción"
            : "\(c.cases) cases (\(c.sightings) sightings, \(c.decisions) decisions), \(c.premiumCases) premium cases (\(c.premiumStates) states), \(c.premiumSurveys) surveys, \(c.facts) attendance, monitoring and satisfaction facts"
    }

    /// What is kept before FECHA, and why: said with every purge.
    public static func kept(before day: CalendarDate, templates: Templates, _ language: Language) -> String {
        let c = cutoffs(before: day, templates: templates)
        return language == .es
            ? "se conservan los casos del tipificador desde \(c.byKind[TipificadorKind.id]!) (la ventana de recurrencia) y los casos premium desde \(c.premiumCases) (los que una encuesta del periodo puede nombrar): los informes de \(day) en adelante no cambian"
            : "tipificador cases from \(c.byKind[TipificadorKind.id]!) (the recurrence window) and premium cases from \(c.premiumCases) (those a survey of the period may name) are kept: reports from \(day) on do not change"
    }
}
