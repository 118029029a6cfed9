/// The *Formulario Tipificador* of recurrent and reincident customers (DOMAIN.md §2.2, seed
/// 000): the causal normalised to A–I, its área, and the N-business-day alarm.
public struct TipificadorKind: RegisteredKind {
    public static let id = "tipificador"
    public var id: String { Self.id }
    public let definition: Templates.Kind
    public let columns: [BackOfficeColumn]
    public let dateField = "marca_temporal"
    public let advisorField = "asesor_front"
    public let caseKeyFields = ["cuenta", "marca_temporal", "asesor_front"]
    public let alarmBusinessDays: Int
    public let estados: [String]
    public let causals: [(code: String, label: String)]
    let rules: TipificadorRules
    let calendar: BusinessCalendar
    let recurrence: Recurrence

    public static func make(templates: Templates) throws -> Self? { Self(templates: templates) }

    public init?(templates: Templates) {
        guard let definition = templates.kind(Self.id) else { return nil }
        self.definition = definition
        alarmBusinessDays = templates.calendar.alarm_business_days
        estados = templates.estados.estados
        causals = templates.tipificador.map { ($0.code, $0.label) }
        rules = TipificadorRules(templates: templates)
        calendar = templates.businessCalendar
        recurrence = Recurrence(settings: templates.recurrence)
        var areas: [String] = []
        for a in templates.tipificador.map(\.area) where !areas.contains(a) { areas.append(a) }
        // Seed 000 step 4: the back office fills gestión, observaciones del back, estado del
        // caso, área de escalamiento, observación 2 and días de gestión; Celda's own follow.
        columns = [
            BackOfficeColumn("col_causal_normalizada", .causal, width: 28, choices: causals.map { "\($0.code) · \($0.label)" }),
            BackOfficeColumn("col_area", .area, width: 24, choices: areas),
            BackOfficeColumn("col_gestion", .gestion, width: 30),
            BackOfficeColumn("col_observaciones", .observaciones, width: 35),
            BackOfficeColumn("col_estado", .estado, width: 14, choices: estados),
            BackOfficeColumn("col_observacion_2", .observacion2, width: 30),
            BackOfficeColumn("col_dias_gestion", .diasGestion, width: 14),
            BackOfficeColumn("col_alarma", .alarm, width: 14),
            BackOfficeColumn("col_contactos_dia", .contactsDay, width: 12),
            BackOfficeColumn("col_contactos_ventana", .contactsWindow, width: 12),
            BackOfficeColumn("col_tipo_usuario", .userType, width: 22),
            BackOfficeColumn("col_error_diligenciamiento", .formErrors, width: 40),
        ]
    }

    /// One record's outcome on its own: causal, área, gestión, the contradiction of its motivo.
    func decide(_ record: Record, clock: CaseClock, today: CalendarDate) -> RowOutcome {
        var outcome = clock.start(record, today: today)
        if let t = rules.normalise(causal: record.text("causal"), motivo: record.text("motivo")) {
            outcome.causal = "\(t.code) · \(t.label)"
            outcome.causalCode = t.code
            outcome.area = t.area
        }
        // The área the form already gives wins over the causal's (a person chose it).
        if let given = record.text("area_escalamiento")?.trimmedSpaces, !given.isEmpty { outcome.area = given }
        if let given = record.text("gestion")?.trimmedSpaces, !given.isEmpty { outcome.gestion = given }
        if let contradiction = rules.contradiction(causal: record.text("causal"), motivo: record.text("motivo")) {
            outcome.formErrors.append(FormError(.causalContradictsMotivo, words: contradiction))
        }
        return outcome
    }

    /// A base of any size in two passes: the contacts of each cuenta noted compactly in the
    /// first, with the history's, so each row's recurrence is counted in the second.
    public func decider(present: Set<String>, today: CalendarDate) -> any RowDecider {
        TipificadorDecider(kind: self, recurrence: recurrence, today: today)
    }
}

/// The tipificador's first pass: every contact of the base (cuenta, day, causal) and the
/// history's earlier ones. A contact the history holds under a case key of this base is this
/// base seen again, not another contact.
final class TipificadorDecider: RowDecider {
    private var contacts: [Recurrence.Contact] = []
    private var ownKeys = Set<UInt64>()
    private let kind: TipificadorKind
    private let recurrence: Recurrence
    private let today: CalendarDate

    init(kind: TipificadorKind, recurrence: Recurrence, today: CalendarDate) {
        self.kind = kind
        self.recurrence = recurrence
        self.today = today
    }

    func note(_ record: Record) {
        ownKeys.insert(Digest.of(CaseRecord.key(kind: kind, record: record)))
        if let c = kind.contact(record) { contacts.append(c) }
    }

    func prepare(history: DeciderHistory?) throws {
        guard let history, let first = contacts.map(\.day).min(), let last = contacts.map(\.day).max() else { return }
        let stored = try history.contacts(kind: kind.id, from: first.adding(days: -recurrence.settings.ventana_dias), to: last)
        contacts += stored.filter { !ownKeys.contains(Digest.of($0.key)) }.map(\.contact)
    }

    func seal() -> any RowRules {
        let rules = TipificadorRowRules(kind: kind, index: recurrence.index(contacts), clock: CaseClock(kind: kind, calendar: kind.calendar), today: today)
        contacts = []
        ownKeys = []
        return rules
    }
}

/// Each row's causal, área and form errors on its own, and its cuenta's contacts counted.
struct TipificadorRowRules: RowRules {
    let kind: TipificadorKind
    let index: Recurrence.Index
    let clock: CaseClock
    let today: CalendarDate

    func decide(_ records: ArraySlice<Record>) -> [RowOutcome] {
        records.map { record in
            var outcome = kind.decide(record, clock: clock, today: today)
            if let c = kind.contact(record) { outcome.recurrence = index.counts(for: c) }
            return outcome
        }
    }
}

extension TipificadorKind {
    /// A row as a contact of its cuenta: the day and the causal it was normalised to.
    func contact(_ record: Record) -> Recurrence.Contact? {
        guard let cuenta = record.text("cuenta"), case .date(let day, _)? = record.fields[dateField] else { return nil }
        return Recurrence.Contact(cuenta: cuenta, day: day, causalCode: rules.normalise(causal: record.text("causal"), motivo: record.text("motivo"))?.code)
    }
}
