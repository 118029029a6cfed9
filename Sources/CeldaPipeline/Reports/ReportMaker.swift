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
    case premium

    /// The kind of base whose cases it reads.
    public var baseKind: String {
        switch self {
        case .recurrentes: return TipificadorKind.id
        case .premium: return PremiumKind.id
        default: return MalEscaladosKind.id
        }
    }
    /// Every kind whose bases change it: the premium report also counts the surveys, the
    /// agents' days (ausentismo, rotación) and the monitoreos (calidad MEC).
    public var feedingKinds: Set<String> {
        self == .premium ? [PremiumKind.id, EncuestaPremiumKind.id, AsistenciaKind.id, MonitoreoKind.id] : [baseKind]
    }
    /// The label key of its file name (Templates/labels.yaml).
    var fileLabel: String {
        switch self {
        case .malEscalados: return "archivo_consolidado"
        case .reclamaciones: return "archivo_reclamaciones"
        case .recurrentes: return "archivo_recurrentes"
        case .premium: return "archivo_premium"
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
    /// of `period`, judged as of `asOf(…)`: a past period reads the same whenever it is asked for.
    public func make(_ report: ReportKind, period: ReportPeriod, today: CalendarDate, forClient: Bool = false) throws -> ReportResult {
        switch report {
        case .premium: return try makePremium(period: period, today: today)
        case .malEscalados: return try makeConsolidado(period: period, asOf: try asOf(kind: report.baseKind, period: period, today: today))
        case .reclamaciones: return try makeReclamaciones(period: period, asOf: try asOf(kind: report.baseKind, period: period, today: today))
        case .recurrentes:
            return try makeRecurrentes(period: period, asOf: try asOf(kind: report.baseKind, period: period, today: today), forClient: forClient)
        }
    }

    /// The moment a report of `period` is judged at: the earliest of `today`, the period's last
    /// day and the latest day a base of the kind was processed as of — never before the period.
    /// Asked in December for March, the alarms and deadlines read as they did in March.
    public func asOf(kind: String, period: ReportPeriod, today: CalendarDate) throws -> CalendarDate {
        period.judgedAt(today: today, latestData: try store.latestProcessedOn(kind: kind))
    }
}

extension ReportMaker {
    /// The consolidado streams the period from the store (one snapshot, in Detalle order)
    /// into the workbook: a month of a million cases is never held in memory.
    func makeConsolidado(period: ReportPeriod, asOf: CalendarDate) throws -> ReportResult {
        let kind = ReportKind.malEscalados.baseKind
        guard try store.hasCases(kind: kind, from: period.first, to: period.last) else { return .noData }
        var count = 0
        let names = try store.nameCounts(kind: kind, from: period.first, to: period.last)
        let path = try ReportFile.write(stem: templates.label(ReportKind.malEscalados.fileLabel, language) + " " + period.label, in: outFolder) { path in
            count = try ConsolidadoWorkbook.write(streaming: { body in try store.forEachCase(kind: kind, from: period.first, to: period.last, body) },
                                                  period: period, templates: templates, language: language, to: path, pivotTable: pivotTable,
                                                  asOf: asOf, names: names)
        }
        return .written(path: path, cases: count)
    }

    /// *Informe recurrentes y reincidentes*; `forClient`: the weekly one sent to the client (seed
    /// 000 step 5), without the internal top 5 of advisors nor the form errors, in a file of its own.
    func makeRecurrentes(period: ReportPeriod, asOf: CalendarDate, forClient: Bool) throws -> ReportResult {
        let kind = ReportKind.recurrentes.baseKind
        let cases = try store.cases(kind: kind, from: period.first, to: period.last)
        guard !cases.isEmpty else { return .noData }
        var stem = templates.label(ReportKind.recurrentes.fileLabel, language) + " " + period.label
        if forClient { stem += " - " + templates.label("archivo_para_cliente", language) }
        let path = try ReportFile.write(stem: stem, in: outFolder) { path in
            let window = templates.recurrence.ventana_dias
            let history = try store.contacts(kind: kind, from: period.first.adding(days: -window), to: period.last).map(\.contact)
            try RecurrentesWorkbook.write(cases, history: Recurrence(settings: templates.recurrence).index(history), period: period,
                                          today: asOf, templates: templates, language: language, to: path, pivotTable: pivotTable,
                                          forClient: forClient)
        }
        return .written(path: path, cases: cases.count)
    }

    /// The no-procede cases of the period stream from the store to disk, then into the form.
    func makeReclamaciones(period: ReportPeriod, asOf: CalendarDate) throws -> ReportResult {
        let kind = ReportKind.reclamaciones.baseKind
        let pending = try ReclamacionesForm.collect({ body in try store.forEachCase(kind: kind, from: period.first, to: period.last, body) },
                                                    period: period, templates: templates, language: language, asOf: asOf)
        guard pending.count > 0 else { return .noData }
        let path = try ReportFile.write(stem: templates.label(ReportKind.reclamaciones.fileLabel, language) + " " + period.label, in: outFolder) {
            try ReclamacionesForm.write(pending, to: $0)
        }
        return .written(path: path, cases: pending.count)
    }

    /// How many days before the period a survey's case may have been opened and still be linked.
    static let premiumLinkDays = 60

    /// *Informe Claro Premium <periodo>.xlsx* from the latest state of each premium case and the
    /// surveys of the period; no workbook when the period has neither. Follow-ups and hours open
    /// are judged as of the earliest of `today`, the period's last day and the latest export the
    /// history holds: a past week reads the same whenever it is asked for, and nothing is called
    /// overdue on days no export has shown.
    func makePremium(period: ReportPeriod, today requested: CalendarDate) throws -> ReportResult {
        let settings = templates.premium
        let today = period.judgedAt(today: requested, latestData: try store.premiumLatestMoment()?.day)
        let cases = try store.premiumCases(from: period.first.adding(days: -Self.premiumLinkDays),
                                           to: period.last.adding(days: settings.fcr_ventana_dias))
        let surveys = try store.premiumSurveys(from: period.first, to: period.last)
        let summary = PremiumSummary(cases: cases, surveys: surveys, period: period, today: today, settings: settings)
        let team = try premiumTeam(summary, period: period)
        guard !summary.isEmpty || !team.isEmpty else { return .noData }
        let path = try ReportFile.write(stem: templates.label(ReportKind.premium.fileLabel, language) + " " + period.label, in: outFolder) {
            try PremiumWorkbook.write(summary, team: team, templates: templates, language: language, to: $0)
        }
        return .written(path: path, cases: summary.lines.count)
    }

    /// The team's indicators of the period: the agents' days of the asistencia kind, the
    /// monitoreos, and each survey answer's satisfaction with the agent (facts of the history).
    func premiumTeam(_ summary: PremiumSummary, period: ReportPeriod) throws -> PremiumTeam {
        let asistencia = AsistenciaFigures(facts: try store.facts(kind: AsistenciaKind.id, from: period.first, to: period.last),
                                           from: period.first, to: period.last)
        var satisfaction: [String: Bool] = [:]
        for f in try store.facts(kind: EncuestaPremiumKind.id, from: period.first, to: period.last) {
            if let top = f.flag(EncuestaPremiumKind.satisfactionTopValue) { satisfaction[f.key] = top }
        }
        var calidad: CalidadMEC?
        if let monitoreo = try KindCatalog(templates: templates).kind(MonitoreoKind.id) as? MonitoreoKind {
            let answers = summary.surveys.map { CalidadMEC.Answer(day: $0.survey.fecha.day, agent: $0.agent, top: satisfaction[$0.survey.key]) }
            calidad = CalidadMEC(monitoreos: try store.facts(kind: MonitoreoKind.id, from: period.first, to: period.last), answers: answers,
                                 from: period.first, to: period.last, settings: monitoreo.settings)
        }
        return PremiumTeam(asistencia: asistencia, calidad: calidad, satisfaction: satisfaction)
    }
}
