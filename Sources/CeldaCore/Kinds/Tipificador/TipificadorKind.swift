/// The *Formulario Tipificador* of recurrent and reincident customers (DOMAIN.md §2.2, seed
/// 000): the causal normalised to A–I, its área, and the N-business-day alarm.
public struct TipificadorKind: BaseKind {
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

    public init?(templates: Templates) {
        guard let definition = templates.kind(Self.id) else { return nil }
        self.definition = definition
        alarmBusinessDays = templates.calendar.alarm_business_days
        estados = templates.estados.estados
        causals = templates.tipificador.map { ($0.code, $0.label) }
        rules = TipificadorRules(templates: templates)
        calendar = templates.businessCalendar
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

    public func outcomes(for records: [Record], present: Set<String>, today: CalendarDate) -> [RowOutcome] {
        let clock = CaseClock(kind: self, calendar: calendar)
        return Parallel.map(records) { chunk in
            chunk.map { record in
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
                    outcome.formErrors.append(FormError(.causalContradictsMotivo, contradiction))
                }
                return outcome
            }
        }
    }
}
