/// The back-office columns of one row, decided by the core; the gestionado workbook only
/// writes them.
public struct RowOutcome: Equatable, Sendable {
    public var row: Int
    /// "ME11 · Sin incidencia T&D / interacción < 3 min" or "A · Soporte Técnico".
    public var causal: String?
    public var causalCode: String?
    public var detected: [String] = []
    public var evidence: String?
    public var procede: String?
    public var area: String?
    public var estado: String
    public var observaciones: String?
    public var diasGestion: Int?
    public var alarm: Bool
}

/// What a person typed in a gestionado workbook's back-office columns, by row.
public struct HumanEdits: Equatable, Sendable {
    public var causal: String?
    public var procede: String?
    public var estado: String?
    public var observaciones: String?
    public init(causal: String? = nil, procede: String? = nil, estado: String? = nil, observaciones: String? = nil) {
        self.causal = causal
        self.procede = procede
        self.estado = estado
        self.observaciones = observaciones
    }
}

public enum Gestion {
    /// Estados that close a case: no alarm once a person set one of them.
    public static let closedStates: Set<String> = ["solucionado", "cerrado", "retroalimentado", "reclamado"]

    /// The person's values win over the rules: a causal, procede, estado or observation typed
    /// in the gestionado workbook is kept; what follows from them (the alarm of a closed case)
    /// follows. An empty cell leaves the rules' value.
    public static func apply(_ edits: [Int: HumanEdits], to outcomes: [RowOutcome], templates: Templates, kindID: String) -> [RowOutcome] {
        let catalog: [(code: String, label: String)] = kindID == "mal-escalados"
            ? templates.malEscalados.map { ($0.code, $0.label) } : templates.tipificador.map { ($0.code, $0.label) }
        return outcomes.map { o in
            guard let e = edits[o.row] else { return o }
            var out = o
            if let typed = e.causal?.trimmedSpaces, !typed.isEmpty, typed != o.causal {
                let code = typed.split(whereSeparator: { $0 == " " || $0 == "·" || $0 == "-" }).first.map(String.init)?.uppercased()
                if let hit = catalog.first(where: { $0.code == code }) {
                    out.causal = "\(hit.code) · \(hit.label)"
                    out.causalCode = hit.code
                } else {
                    out.causal = typed
                    out.causalCode = nil
                }
            }
            if let p = e.procede, !p.isEmpty { out.procede = p }
            if let s = e.estado, !s.isEmpty { out.estado = s }
            if let obs = e.observaciones, !obs.isEmpty { out.observaciones = obs }
            if closedStates.contains(HeaderMatcher.normalise(out.estado)) { out.alarm = false }
            return out
        }
    }

    /// Outcomes for every record of a base of `kindID`, as of `today`.
    public static func outcomes(kindID: String, records: [Record], present: Set<String>, templates: Templates, today: CalendarDate) -> [RowOutcome] {
        let isMal = kindID == "mal-escalados"
        let calendar = templates.businessCalendar
        let alarmLimit = isMal ? (templates.calendar.alarm_business_days_mal_escalados ?? 1) : templates.calendar.alarm_business_days
        let estado = (isMal ? templates.estados.estados_mal_escalados : templates.estados.estados).first ?? ""
        let assessments = isMal ? MalEscaladosRules(templates: templates).assess(records, present: present) : []
        let tipificador = TipificadorRules(templates: templates)
        let indexed = Array(zip(records, assessments.isEmpty ? Array(repeating: nil, count: records.count) : assessments.map { Optional($0) }))
        return Parallel.map(indexed) { chunk in chunk.map { record, assessment in
            var dias: Int?
            if case .date(let start, _)? = record.fields[isMal ? "fecha" : "marca_temporal"] {
                dias = calendar.businessDays(from: start, to: today)
            }
            var outcome = RowOutcome(row: record.row, estado: estado, diasGestion: dias, alarm: (dias ?? 0) >= alarmLimit)
            if isMal, let a = assessment {
                outcome.causal = a.primary.map { "\($0.code) · \($0.label)" }
                outcome.causalCode = a.primary?.code
                outcome.detected = a.findings.map(\.code)
                outcome.evidence = a.findings.isEmpty ? nil : a.findings.map { "\($0.code): \($0.evidence)" }.joined(separator: "; ")
                outcome.procede = a.procede
            } else if let t = tipificador.normalise(causal: record.text("causal"), motivo: record.text("motivo")) {
                outcome.causal = "\(t.code) · \(t.label)"
                outcome.causalCode = t.code
                outcome.area = t.area
            }
            return outcome
        } }
    }
}
