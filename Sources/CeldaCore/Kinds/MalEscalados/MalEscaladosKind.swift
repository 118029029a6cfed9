/// The *Base Mal Escalados* (DOMAIN.md §2.1, seed 002): each escalation's causal with its
/// evidence, procede or not, and the 24 h reclamación alarm.
public struct MalEscaladosKind: BaseKind {
    public static let id = "mal-escalados"
    public var id: String { Self.id }
    public let definition: Templates.Kind
    public let columns: [BackOfficeColumn]
    public let dateField = "fecha"
    public let advisorField = "asesor"
    public let caseKeyFields = ["cuenta", "fecha", "asesor", "opcion_escalada"]
    public let alarmBusinessDays: Int
    public let estados: [String]
    public let causals: [(code: String, label: String)]
    let rules: MalEscaladosRules
    let calendar: BusinessCalendar

    public init?(templates: Templates) {
        guard let definition = templates.kind(Self.id) else { return nil }
        self.definition = definition
        alarmBusinessDays = templates.calendar.alarm_business_days_mal_escalados ?? 1
        estados = templates.estados.estados_mal_escalados
        causals = templates.malEscalados.map { ($0.code, $0.label) }
        rules = MalEscaladosRules(templates: templates)
        calendar = templates.businessCalendar
        columns = [
            BackOfficeColumn("col_causal", .causal, width: 34, choices: causals.map { "\($0.code) · \($0.label)" }),
            BackOfficeColumn("col_causales_detectadas", .detectedCausals, width: 14),
            BackOfficeColumn("col_evidencia", .evidence, width: 50),
            BackOfficeColumn("col_procede", .procede, width: 14, choices: templates.estados.procede),
            BackOfficeColumn("col_estado", .estado, width: 14, choices: estados),
            BackOfficeColumn("col_observaciones", .observaciones, width: 35),
            BackOfficeColumn("col_dias_gestion", .diasGestion, width: 14),
            BackOfficeColumn("col_alarma", .alarm, width: 14),
        ]
    }

    public func outcomes(for records: [Record], present: Set<String>, today: CalendarDate) -> [RowOutcome] {
        let assessments = rules.assess(records, present: present)
        let clock = CaseClock(kind: self, calendar: calendar)
        return Parallel.map(Array(zip(records, assessments))) { chunk in
            chunk.map { record, a in
                var outcome = clock.start(record, today: today)
                outcome.causal = a.primary.map { "\($0.code) · \($0.label)" }
                outcome.causalCode = a.primary?.code
                outcome.detected = a.findings.map(\.code)
                outcome.evidence = a.findings.isEmpty ? nil : a.findings.map { "\($0.code): \($0.evidence)" }.joined(separator: "; ")
                outcome.procede = a.procede
                return outcome
            }
        }
    }
}
