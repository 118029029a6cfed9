/// The *Base Mal Escalados* (DOMAIN.md §2.1, seed 002): each escalation's causal with its
/// evidence, procede or not, and the 24 h reclamación alarm.
public struct MalEscaladosKind: RegisteredKind {
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

    public static func make(templates: Templates) throws -> Self? { Self(templates: templates) }

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
            BackOfficeColumn("col_respuesta_gs", .respuesta, width: 16, choices: templates.estados.respuestasReclamacion),
            BackOfficeColumn("col_fecha_respuesta_gs", .respuestaFecha, width: 13),
            BackOfficeColumn("col_dias_gestion", .diasGestion, width: 14),
            BackOfficeColumn("col_alarma", .alarm, width: 14),
        ]
    }

    public func decider(present: Set<String>, today: CalendarDate) -> any RowDecider {
        MalEscaladosDecider(kind: self, present: present, today: today)
    }
}

/// Mal escalados' first pass: the HHPP facts of every row.
final class MalEscaladosDecider: RowDecider {
    private var facts: MalEscaladosRules.CrossRowFacts
    private let kind: MalEscaladosKind
    private let present: Set<String>
    private let today: CalendarDate

    init(kind: MalEscaladosKind, present: Set<String>, today: CalendarDate) {
        facts = .init(present: present)
        self.kind = kind
        self.present = present
        self.today = today
    }

    var notesRecords: Bool { facts.collectsAny }
    func note(_ record: Record) { facts.note(record) }

    func seal() -> any RowRules {
        facts.seal()
        return MalEscaladosRowRules(facts: facts, rules: kind.rules, present: present, clock: CaseClock(kind: kind, calendar: kind.calendar),
                                    today: today)
    }
}

/// Each row's causal, evidence and procede, with the whole base's facts.
struct MalEscaladosRowRules: RowRules {
    let facts: MalEscaladosRules.CrossRowFacts
    let rules: MalEscaladosRules
    let present: Set<String>
    let clock: CaseClock
    let today: CalendarDate

    func decide(_ records: ArraySlice<Record>) -> [RowOutcome] {
        let memo = NormalisedText(), days = BusinessDayMemo()
        return records.map { record in
            let a = rules.assess(record, present: present, facts: facts, memo: memo)
            var outcome = clock.start(record, today: today, memo: days)
            outcome.causal = a.primary.map { "\($0.code) · \($0.label)" }
            outcome.causalCode = a.primary?.code
            outcome.detected = a.findings.map(\.code)
            if !a.findings.isEmpty {
                func said(_ language: Language) -> String { a.findings.map { "\($0.code): \($0.words.text(language))" }.joined(separator: "; ") }
                let es = said(.es)
                outcome.evidence = es
                outcome.evidenceWords = .said(es: es, en: said(.en))
            }
            outcome.procede = a.procede
            return outcome
        }
    }
}
