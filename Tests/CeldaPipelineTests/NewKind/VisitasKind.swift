import CeldaCore

/// A kind of base written outside Celda's modules, as a new operation's would be: its settings
/// decoded from its own Templates file, its columns declared as data, its cross-row fact (each
/// cuenta's visits in the base) noted in the first pass.
struct VisitasKind: RegisteredKind {
    static let id = "visitas-tecnicas"
    var id: String { Self.id }
    let definition: Templates.Kind
    let columns: [BackOfficeColumn]
    let dateField = "fecha_visita"
    let advisorField = "tecnico"
    let caseKeyFields = ["cuenta", "fecha_visita"]
    let alarmBusinessDays: Int
    let estados: [String]
    let causals: [(code: String, label: String)] = []
    let failed: Set<String>
    let calendar: BusinessCalendar

    struct Settings: Decodable {
        var alarma_dias_habiles: Int
        var resultados_fallidos: [String]
    }

    static func make(templates: Templates) throws -> VisitasKind? {
        guard let definition = templates.kind(id), let settings = try templates.ownSettings(Settings.self, kind: id) else { return nil }
        return VisitasKind(definition: definition, settings: settings, templates: templates)
    }

    init(definition: Templates.Kind, settings: Settings, templates: Templates) {
        self.definition = definition
        alarmBusinessDays = settings.alarma_dias_habiles
        failed = Set(settings.resultados_fallidos.map(TextNormalising.normalise))
        estados = templates.estados.estados
        calendar = templates.businessCalendar
        columns = [
            BackOfficeColumn("col_visita_fallida", .computed("fallida"), width: 12, highlights: ["visita_si"]),
            BackOfficeColumn("col_visitas_cuenta", .computed("visitas"), width: 12),
            BackOfficeColumn("col_responsable", .computed("responsable"), width: 24, editable: true),
            BackOfficeColumn("col_estado", .estado, width: 14, choices: estados),
            BackOfficeColumn("col_observaciones", .observaciones, width: 35),
            BackOfficeColumn("col_dias_gestion", .diasGestion, width: 14),
            BackOfficeColumn("col_alarma", .alarm, width: 14),
        ]
    }

    func decider(present: Set<String>, today: CalendarDate) -> any RowDecider { VisitasDecider(kind: self, today: today) }
}

/// First pass: visits per cuenta.
final class VisitasDecider: RowDecider {
    let kind: VisitasKind
    let today: CalendarDate
    private var visits: [String: Int] = [:]
    init(kind: VisitasKind, today: CalendarDate) {
        self.kind = kind
        self.today = today
    }
    func note(_ record: Record) { if let c = record.text("cuenta") { visits[c, default: 0] += 1 } }
    func seal() -> any RowRules { VisitasRules(kind: kind, today: today, visits: visits) }
}

/// Each visit: failed or not, its cuenta's visits; días de gestión and the alarm are every
/// kind's (`CaseClock`, the kind's own limit).
struct VisitasRules: RowRules {
    let kind: VisitasKind
    let today: CalendarDate
    let visits: [String: Int]

    func decide(_ records: ArraySlice<Record>) -> [RowOutcome] {
        let clock = CaseClock(kind: kind, calendar: kind.calendar)
        return records.map { record in
            var outcome = clock.start(record, today: today)
            let failed = kind.failed.contains(TextNormalising.normalise(record.text("resultado") ?? ""))
            outcome.computed["fallida"] = .label(failed ? "visita_si" : "visita_no")
            outcome.computed["visitas"] = .number(Double(visits[record.text("cuenta") ?? ""] ?? 0))
            return outcome
        }
    }
}
