/// The Claro Premium CRM export (DOMAIN.md §2.3, seed 001): each case's Seguimiento, Horas
/// abiertas and Alarma 72 h; the back office's Gestión, Observaciones and Estado; the *Agenda de
/// hoy*; and, in the history, one case per `caso` with its latest state.
public struct PremiumKind: BaseKind {
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

    public func outcomes(for records: [Record], present: Set<String>, today: CalendarDate) -> [RowOutcome] {
        records.map { record in
            var outcome = RowOutcome(row: record.row, estado: initialEstado(record.text("estado")), alarm: false)
            guard let c = PremiumCase(record: record, settings: rules.settings, sourceFile: "") else { return outcome }
            if let s = rules.seguimiento(c, today: today) { outcome.computed[Self.seguimientoKey] = .label(s.labelKey) }
            if let h = rules.hoursOpen(c, today: today) { outcome.computed[Self.horasKey] = .number(h) }
            outcome.alarm = rules.alarm(c, today: today)
            return outcome
        }
    }

    /// *Agenda de hoy*: the follow-ups due today or overdue, grouped by backoffice agent (by
    /// name; blank last), the oldest fecha de seguimiento first (then fecha de ingreso, row).
    public func listings(records: [Record], outcomes: [RowOutcome], today: CalendarDate) -> [RowListing] {
        var due: [(c: PremiumCase, s: PremiumRules.Seguimiento, alarm: Bool)] = []
        for record in records {
            guard let c = PremiumCase(record: record, settings: rules.settings, sourceFile: ""),
                  let s = rules.seguimiento(c, today: today), s.isDue else { continue }
            due.append((c, s, rules.alarm(c, today: today)))
        }
        var groups: [String: [(c: PremiumCase, s: PremiumRules.Seguimiento, alarm: Bool)]] = [:]
        var titles: [String: String?] = [:]
        for d in due {
            let key = TextNormalising.normalise(d.c.backoffice ?? "")
            groups[key, default: []].append(d)
            if titles[key] == nil { titles[key] = .some(key.isEmpty ? nil : d.c.backoffice) }
        }
        let ordered = groups.keys.sorted { a, b in CaseCounting.keyOrder(a.isEmpty ? nil : a, b.isEmpty ? nil : b) }
        let listed = ordered.map { key -> RowListing.Group in
            let rows = (groups[key] ?? []).sorted { a, b in
                let da = a.c.seguimiento ?? today, db = b.c.seguimiento ?? today
                if da != db { return da < db }
                let ia = a.c.ingreso?.start ?? 0, ib = b.c.ingreso?.start ?? 0
                return ia != ib ? ia < ib : a.c.row < b.c.row
            }.map { d -> RowListing.Row in
                let c = d.c
                let late = c.seguimiento.map { today.dayNumber - $0.dayNumber } ?? 0
                return RowListing.Row(sourceRow: c.row, values: [
                    c.seguimiento.map { .date($0, secondsOfDay: nil) } ?? .empty, .label(d.s.labelKey), .number(Double(late)),
                    .text(c.caso), c.cuenta.map(RowListing.Value.text) ?? .empty, c.cliente.map(RowListing.Value.text) ?? .empty,
                    c.tipo.map(RowListing.Value.text) ?? .empty, c.subtipo.map(RowListing.Value.text) ?? .empty,
                    c.estado.map(RowListing.Value.text) ?? .empty,
                    c.ingreso.map { .date($0.day, secondsOfDay: $0.seconds) } ?? .empty,
                    rules.hoursOpen(c, today: today).map(RowListing.Value.number) ?? .empty, .label(d.alarm ? "alarma_si" : "alarma_no"),
                ])
            }
            return RowListing.Group(title: titles[key] ?? nil, rows: rows)
        }
        return [RowListing(sheetKey: "sheet_agenda", titleKey: "agenda_titulo",
                           headerKeys: ["agenda_fecha_seguimiento", "col_seguimiento", "agenda_dias_atraso", "agenda_caso", "agenda_cuenta",
                                        "agenda_cliente", "agenda_tipo", "agenda_subtipo", "agenda_estado_crm", "agenda_fecha_ingreso",
                                        "col_horas_abiertas", "col_alarma_72h"],
                           emptyKey: "agenda_vacia", asOf: today, groups: listed)]
    }

    /// One case per caso (the export's last row of it), and the moment the export is as of.
    public func history(records: [Record], outcomes: [RowOutcome], sourceFile: String, today: CalendarDate) -> KindHistory? {
        var byCaso: [String: PremiumCase] = [:]
        var order: [String] = []
        let endOfToday = (today.dayNumber + 1) * 86_400
        var asOf: DayTime?
        for record in records {
            guard let c = PremiumCase(record: record, settings: rules.settings, sourceFile: sourceFile) else { continue }
            if byCaso[c.caso] == nil { order.append(c.caso) }
            byCaso[c.caso] = c
            for moment in [c.ingreso, c.cierre].compactMap({ $0 }) where moment.start < endOfToday {
                if asOf.map({ $0 < moment }) ?? true { asOf = moment }
            }
        }
        return .premiumExport(PremiumExport(asOf: asOf ?? DayTime(day: today), cases: order.compactMap { byCaso[$0] }))
    }
}
