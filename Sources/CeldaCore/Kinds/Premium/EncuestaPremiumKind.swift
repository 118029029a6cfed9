/// The Claro Premium satisfaction survey export (DOMAIN.md §2.3, kind `encuesta-premium`):
/// each answer's NPS band (promotor, pasivo, detractor); into the history, linked later to its
/// case and agent by the report.
public struct EncuestaPremiumKind: RegisteredKind {
    public static let id = "encuesta-premium"
    public var id: String { Self.id }
    public let definition: Templates.Kind
    public let columns: [BackOfficeColumn]
    public let dateField = "fecha"
    public let advisorField = "backoffice"
    public let caseKeyFields = ["fecha", "caso", "cuenta", "backoffice", "nps"]
    public let alarmBusinessDays = 0
    public let estados: [String]
    public let causals: [(code: String, label: String)] = []
    let settings: PremiumSettings

    public static let bandKey = "nps_clasificacion"
    /// Whether the answer to «Índice de satisfacción del asesor» is in the top two points
    /// (Calidad percibida, CALIDAD MEC); the history keeps it as a fact of the survey's key.
    public static let satisfactionKey = "satisfaccion_top"
    /// The name of a satisfaction fact's value: in the top two points.
    public static let satisfactionTopValue = "top"
    let templates: Templates

    public static func make(templates: Templates) throws -> Self? { Self(templates: templates) }

    public init?(templates: Templates) {
        guard let definition = templates.kind(Self.id) else { return nil }
        self.definition = definition
        settings = templates.premium
        self.templates = templates
        estados = templates.premium.estados_back
        columns = [
            BackOfficeColumn("col_nps_clasificacion", .computed(Self.bandKey), width: 16, highlights: [NPSBand.detractor.labelKey]),
            BackOfficeColumn("col_satisfaccion_top", .computed(Self.satisfactionKey), width: 16),
            BackOfficeColumn("col_error_encuesta", .formErrors, width: 40),
            BackOfficeColumn("col_observaciones", .observaciones, width: 35),
            BackOfficeColumn("col_estado", .estado, width: 14, choices: estados),
        ]
    }

    /// One answer's outcome: its NPS band, or why its score is not one; whether its satisfaction
    /// with the agent is in the top two points of its column's scale (`scale`: 5 or 10).
    func decide(_ record: Record, scale: Int) -> RowOutcome {
        var outcome = RowOutcome(row: record.row, estado: estados.first ?? "", alarm: false)
        if let score = PremiumSurvey.score(record.number("nps")) {
            outcome.computed[Self.bandKey] = .label(settings.band(score).labelKey)
        } else if record.has("nps") {
            outcome.formErrors.append(FormError(.invalidScore, words: .scoreNotInteger(record.text("nps") ?? "")))
        }
        if let top = satisfactionTop(record, scale: scale) {
            outcome.computed[Self.satisfactionKey] = .label(top ? "satisf_si" : "satisf_no")
        } else if record.has("satisfaccion_asesor") {
            let words = templates.words("satisf_fuera_de_escala", ["valor": record.text("satisfaccion_asesor") ?? "", "desde": scale == 5 ? "1" : "0",
                                                                   "hasta": String(scale)])
            outcome.issues.append(RowIssue(code: .kindCheck, row: record.row, column: nil, field: "satisfaccion_asesor", words: words))
        }
        return outcome
    }

    /// The answer's satisfaction with the agent in the top two points; nil without a whole
    /// answer on the scale (1–5, or 0–10).
    func satisfactionTop(_ record: Record, scale: Int) -> Bool? {
        guard let v = record.number("satisfaccion_asesor"), v == v.rounded(), v >= (scale == 5 ? 1 : 0), v <= Double(scale) else { return nil }
        return Int(v) >= settings.satisfactionTop(scale: scale)
    }

    /// Every answer on its own: nothing to note across rows.
    public func decider(present: Set<String>, today: CalendarDate) -> any RowDecider { EncuestaPremiumDecider(kind: self) }
}

/// Survey answers: the first pass notes the highest satisfaction answer (its column's scale:
/// above 5 is 0–10, else 1–5); each batch's valid answers go into the history as it is decided.
final class EncuestaPremiumDecider: RowDecider {
    let kind: EncuestaPremiumKind
    private var highest = 0.0, firstRow: Int?
    init(kind: EncuestaPremiumKind) { self.kind = kind }
    func note(_ record: Record) {
        guard let v = record.number("satisfaccion_asesor") else { return }
        if firstRow == nil { firstRow = record.row }
        if v <= 10 { highest = max(highest, v) }
    }
    func seal() -> any RowRules {
        switch kind.settings.satisfaccion_escala ?? "auto" {
        case "5": return EncuestaPremiumRowRules(kind: kind, scale: 5, scaleSaidOn: nil, highest: highest)
        case "10": return EncuestaPremiumRowRules(kind: kind, scale: 10, scaleSaidOn: nil, highest: highest)
        default: return EncuestaPremiumRowRules(kind: kind, scale: highest > 5 ? 10 : 5, scaleSaidOn: firstRow, highest: highest)
        }
    }
}

struct EncuestaPremiumRowRules: RowRules {
    let kind: EncuestaPremiumKind
    let scale: Int
    /// The first row with a satisfaction answer, where a scale read from the column is said.
    let scaleSaidOn: Int?
    let highest: Double

    func decide(_ records: ArraySlice<Record>) -> [RowOutcome] {
        records.map { r in
            var outcome = kind.decide(r, scale: scale)
            if r.row == scaleSaidOn {
                let header = kind.definition.fields.first { $0.field == "satisfaccion_asesor" }?.aliases.first ?? "satisfaccion_asesor"
                outcome.issues.insert(RowIssue(code: .kindCheck, row: r.row, column: nil, field: "satisfaccion_asesor",
                                               words: kind.templates.words("satisf_escala", [
                                                   "columna": header, "desde": scale == 5 ? "1" : "0", "hasta": String(scale),
                                                   "maxima": FieldTyping.display(.number(highest)), "top": String(kind.settings.satisfactionTop(scale: scale))])),
                                      at: 0)
            }
            return outcome
        }
    }

    /// Every answer with a valid score and a date.
    func history(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> KindHistory? {
        .premiumSurveys(records.compactMap { survey($0, sourceFile: sourceFile) })
    }

    func survey(_ r: Record, sourceFile: String) -> PremiumSurvey? {
        guard let fecha = DayTime(r.fields["fecha"]), let score = PremiumSurvey.score(r.number("nps")) else { return nil }
        func text(_ f: String) -> String? { r.text(f).flatMap { $0.trimmedSpaces.isEmpty ? nil : $0.trimmedSpaces } }
        return PremiumSurvey(fecha: fecha, caso: text("caso"), cuenta: text("cuenta"), backoffice: text("backoffice"), score: score,
                             sourceFile: sourceFile, row: r.row)
    }

    /// The satisfaction of every stored answer that has one, under the answer's key.
    func facts(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> [KindFact] {
        records.compactMap { r in
            guard let s = survey(r, sourceFile: sourceFile), let top = kind.satisfactionTop(r, scale: scale), let v = r.number("satisfaccion_asesor") else { return nil }
            return KindFact(kind: EncuestaPremiumKind.id, key: s.key, day: s.fecha.day,
                            values: [EncuestaPremiumKind.satisfactionTopValue: .flag(top), "valor": .number(v), "escala": .number(Double(scale))], sourceFile: sourceFile, row: r.row)
        }
    }
}
