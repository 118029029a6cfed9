/// The Claro Premium CRM export (DOMAIN.md §2.3, seed 001): each case's Seguimiento, Horas
/// abiertas and Alarma 72 h; the back office's Gestión, Observaciones and Estado; the *Agenda de
/// hoy*; and, in the history, one case per `caso` with its latest state.
public struct PremiumKind: RegisteredKind {
    public static let id = "premium"
    public var id: String { Self.id }
    public let definition: Templates.Kind
    public let columns: [BackOfficeColumn]
    public let dateField = "fecha_ingreso"
    public let advisorField = "backoffice"
    public let caseKeyFields = ["caso"]
    /// Unused: premium's alarm is counted in hours (premium.yaml `alarma_horas`).
    public let alarmBusinessDays = 0
    public let estados: [String]
    public let causals: [(code: String, label: String)] = []
    public var closingEndsAlarm: Bool { false }
    public let rules: PremiumRules

    /// The keys of the values only premium computes (`RowOutcome.computed`).
    public static let seguimientoKey = "seguimiento"
    public static let horasKey = "horas_abiertas"

    public static func make(templates: Templates) throws -> Self? { Self(templates: templates) }

    public init?(templates: Templates) {
        guard let definition = templates.kind(Self.id) else { return nil }
        self.definition = definition
        rules = PremiumRules(settings: templates.premium)
        estados = templates.premium.estados_back
        columns = [
            BackOfficeColumn("col_seguimiento", .computed(Self.seguimientoKey), width: 15,
                             highlights: [PremiumRules.Seguimiento.vencido.labelKey, PremiumRules.Seguimiento.venceHoy.labelKey]),
            BackOfficeColumn("col_horas_abiertas", .computed(Self.horasKey), width: 10),
            BackOfficeColumn("col_alarma_72h", .alarm, width: 10),
            BackOfficeColumn("col_gestion", .gestion, width: 28, choices: templates.premium.gestiones),
            BackOfficeColumn("col_observaciones", .observaciones, width: 35),
            BackOfficeColumn("col_estado", .estado, width: 14, choices: estados),
        ]
    }

    /// The back office's estado a case starts with: the CRM's when it is one of the list
    /// (Escalado, Cerrado), else the first (Pendiente).
    func initialEstado(_ crm: String?) -> String {
        let n = TextNormalising.normalise(crm ?? "")
        return estados.first { TextNormalising.normalise($0) == n } ?? estados.first ?? ""
    }

    /// One row's outcome on its own: the back office's estado, seguimiento, horas abiertas, alarm.
    func decide(_ record: Record, today: CalendarDate) -> RowOutcome {
        var outcome = RowOutcome(row: record.row, estado: initialEstado(record.text("estado")), alarm: false)
        guard let c = PremiumCase(record: record, settings: rules.settings, sourceFile: "") else { return outcome }
        if let s = rules.seguimiento(c, today: today) { outcome.computed[Self.seguimientoKey] = .label(s.labelKey) }
        if let h = rules.hoursOpen(c, today: today) { outcome.computed[Self.horasKey] = .number(h) }
        outcome.alarm = rules.alarm(c, today: today)
        return outcome
    }

    /// Rows decided one at a time; the export's moment and each caso's last row noted first.
    public func decider(present: Set<String>, today: CalendarDate) -> any RowDecider {
        PremiumDecider(kind: self, today: today)
    }
}
