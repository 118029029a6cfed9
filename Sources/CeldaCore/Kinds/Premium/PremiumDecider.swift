/// The Claro Premium export's first pass: what the history needs of the whole export — the
/// last row of each caso (its state in this export) and the export's own moment — so the
/// second pass stores each caso's state from its batch without holding the export.
final class PremiumDecider: RowDecider {
    private let kind: PremiumKind
    private let today: CalendarDate
    private var lastRow: [UInt64: Int] = [:]
    private var moment: DayTime?

    init(kind: PremiumKind, today: CalendarDate) {
        self.kind = kind
        self.today = today
    }

    func note(_ record: Record) {
        guard let c = PremiumCase(record: record, settings: kind.rules.settings, sourceFile: "") else { return }
        lastRow[Digest.of(c.caso)] = record.row
        // An export never shows the future: moments after the day processed are typing errors.
        let endOfToday = (today.dayNumber + 1) * 86_400
        for m in [c.ingreso, c.cierre].compactMap({ $0 }) where m.start < endOfToday {
            if moment.map({ $0 < m }) ?? true { moment = m }
        }
    }

    func seal() -> any RowRules {
        PremiumRowRules(kind: kind, today: today, lastRow: lastRow, asOf: moment ?? DayTime(day: today))
    }
}

/// Each row decided on its own (seguimiento, horas abiertas, alarma 72 h); each caso's last
/// row stored in the history; the due follow-ups listed.
struct PremiumRowRules: RowRules {
    let kind: PremiumKind
    let today: CalendarDate
    let lastRow: [UInt64: Int]
    let asOf: DayTime

    func decide(_ records: ArraySlice<Record>) -> [RowOutcome] {
        records.map { kind.decide($0, today: today) }
    }

    /// Each caso whose last row of the export is in this batch, in that row's state.
    func history(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> KindHistory? {
        let latest = records.compactMap { r -> PremiumCase? in
            guard let c = PremiumCase(record: r, settings: kind.rules.settings, sourceFile: sourceFile),
                  lastRow[Digest.of(c.caso)] == r.row else { return nil }
            return c
        }
        return .premiumExport(PremiumExport(asOf: asOf, cases: latest))
    }

    func listing() -> (any ListingCollector)? { PremiumAgenda(rules: kind.rules, today: today) }
}

/// *Agenda de hoy*, gathered batch by batch: only the follow-ups due today or overdue are kept
/// (a line of twelve values each), grouped by backoffice agent when the base is done.
final class PremiumAgenda: ListingCollector {
    private let rules: PremiumRules
    private let today: CalendarDate
    private struct Due {
        var group: String
        var seguimiento: CalendarDate
        var ingreso: Int
        var line: RowListing.Row
    }
    private var due: [Due] = []
    /// Each group's title: the first spelling of the agent's name met.
    private var titles: [String: String] = [:]

    init(rules: PremiumRules, today: CalendarDate) {
        self.rules = rules
        self.today = today
    }

    func add(_ records: [Record], outcomes: [RowOutcome]) {
        for record in records {
            guard let c = PremiumCase(record: record, settings: rules.settings, sourceFile: ""),
                  let s = rules.seguimiento(c, today: today), s.isDue else { continue }
            let group = TextNormalising.normalise(c.backoffice ?? "")
            if titles[group] == nil, let name = c.backoffice { titles[group] = name }
            due.append(Due(group: group, seguimiento: c.seguimiento ?? today, ingreso: c.ingreso?.start ?? 0, line: line(c, s)))
        }
    }

    private func line(_ c: PremiumCase, _ s: PremiumRules.Seguimiento) -> RowListing.Row {
        let late = c.seguimiento.map { today.dayNumber - $0.dayNumber } ?? 0
        func text(_ t: String?) -> RowListing.Value { t.map(RowListing.Value.text) ?? .empty }
        return RowListing.Row(sourceRow: c.row, values: [
            c.seguimiento.map { .date($0, secondsOfDay: nil) } ?? .empty, .label(s.labelKey), .number(Double(late)),
            .text(c.caso), text(c.cuenta), text(c.cliente), text(c.tipo), text(c.subtipo), text(c.estado),
            c.ingreso.map { .date($0.day, secondsOfDay: $0.seconds) } ?? .empty,
            rules.hoursOpen(c, today: today).map(RowListing.Value.number) ?? .empty,
            .label(rules.alarm(c, today: today) ? "alarma_si" : "alarma_no"),
        ])
    }

    /// Grouped by agent (by name; blank last), the oldest fecha de seguimiento first, then
    /// fecha de ingreso, then row.
    func listings() -> [RowListing] {
        let byGroup = Dictionary(grouping: due, by: \.group)
        let ordered = byGroup.keys.sorted { a, b in CaseCounting.keyOrder(a.isEmpty ? nil : a, b.isEmpty ? nil : b) }
        let groups = ordered.map { key -> RowListing.Group in
            let rows = (byGroup[key] ?? []).sorted { a, b in
                if a.seguimiento != b.seguimiento { return a.seguimiento < b.seguimiento }
                return a.ingreso != b.ingreso ? a.ingreso < b.ingreso : a.line.sourceRow < b.line.sourceRow
            }
            return RowListing.Group(title: key.isEmpty ? nil : titles[key], rows: rows.map(\.line))
        }
        return [RowListing(sheetKey: "sheet_agenda", titleKey: "agenda_titulo",
                           headerKeys: ["agenda_fecha_seguimiento", "col_seguimiento", "agenda_dias_atraso", "agenda_caso", "agenda_cuenta",
                                        "agenda_cliente", "agenda_tipo", "agenda_subtipo", "agenda_estado_crm", "agenda_fecha_ingreso",
                                        "col_horas_abiertas", "col_alarma_72h"],
                           emptyKey: "agenda_vacia", asOf: today, groups: groups)]
    }
}
