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
    public var diasGestion: Int?
    public var alarm: Bool
}

public enum Gestion {
    /// Outcomes for every record of a base of `kindID`, as of `today`.
    public static func outcomes(kindID: String, records: [Record], present: Set<String>, templates: Templates, today: CalendarDate) -> [RowOutcome] {
        let isMal = kindID == "mal-escalados"
        let calendar = templates.businessCalendar
        let alarmLimit = isMal ? (templates.calendar.alarm_business_days_mal_escalados ?? 1) : templates.calendar.alarm_business_days
        let estado = (isMal ? templates.estados.estados_mal_escalados : templates.estados.estados).first ?? ""
        let assessments = isMal ? MalEscaladosRules(templates: templates).assess(records, present: present) : []
        let tipificador = TipificadorRules(templates: templates)
        return records.enumerated().map { i, record in
            var dias: Int?
            if case .date(let start, _)? = record.fields[isMal ? "fecha" : "marca_temporal"] {
                dias = calendar.businessDays(from: start, to: today)
            }
            var outcome = RowOutcome(row: record.row, estado: estado, diasGestion: dias, alarm: (dias ?? 0) >= alarmLimit)
            if isMal {
                let a = assessments[i]
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
        }
    }
}
