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

    public static func make(templates: Templates) throws -> Self? { Self(templates: templates) }

    public init?(templates: Templates) {
        guard let definition = templates.kind(Self.id) else { return nil }
        self.definition = definition
        settings = templates.premium
        estados = templates.premium.estados_back
        columns = [
            BackOfficeColumn("col_nps_clasificacion", .computed(Self.bandKey), width: 16, highlights: [NPSBand.detractor.labelKey]),
            BackOfficeColumn("col_error_encuesta", .formErrors, width: 40),
            BackOfficeColumn("col_observaciones", .observaciones, width: 35),
            BackOfficeColumn("col_estado", .estado, width: 14, choices: estados),
        ]
    }

    /// One answer's outcome: its NPS band, or why its score is not one.
    func decide(_ record: Record) -> RowOutcome {
        var outcome = RowOutcome(row: record.row, estado: estados.first ?? "", alarm: false)
        if let score = PremiumSurvey.score(record.number("nps")) {
            outcome.computed[Self.bandKey] = .label(settings.band(score).labelKey)
        } else if record.has("nps") {
            outcome.formErrors.append(FormError(.invalidScore, words: .scoreNotInteger(record.text("nps") ?? "")))
        }
        return outcome
    }

    /// Every answer on its own: nothing to note across rows.
    public func decider(present: Set<String>, today: CalendarDate) -> any RowDecider { EncuestaPremiumDecider(kind: self) }
}

/// Survey answers row by row: nothing to note across rows; each batch's valid answers go into
/// the history as it is decided.
final class EncuestaPremiumDecider: RowDecider {
    let kind: EncuestaPremiumKind
    init(kind: EncuestaPremiumKind) { self.kind = kind }
    func note(_ record: Record) {}
    func seal() -> any RowRules { EncuestaPremiumRowRules(kind: kind) }
}

struct EncuestaPremiumRowRules: RowRules {
    let kind: EncuestaPremiumKind

    func decide(_ records: ArraySlice<Record>) -> [RowOutcome] { records.map(kind.decide) }

    /// Every answer with a valid score and a date.
    func history(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> KindHistory? {
        .premiumSurveys(records.compactMap { r in
            guard let fecha = DayTime(r.fields["fecha"]), let score = PremiumSurvey.score(r.number("nps")) else { return nil }
            func text(_ f: String) -> String? { r.text(f).flatMap { $0.trimmedSpaces.isEmpty ? nil : $0.trimmedSpaces } }
            return PremiumSurvey(fecha: fecha, caso: text("caso"), cuenta: text("cuenta"), backoffice: text("backoffice"), score: score,
                                 sourceFile: sourceFile, row: r.row)
        })
    }
}
