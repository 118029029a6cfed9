/// The Claro Premium satisfaction survey export (DOMAIN.md §2.3, kind `encuesta-premium`):
/// each answer's NPS band (promotor, pasivo, detractor); into the history, linked later to its
/// case and agent by the report.
public struct EncuestaPremiumKind: BaseKind {
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

    public func outcomes(for records: [Record], present: Set<String>, today: CalendarDate) -> [RowOutcome] {
        records.map { record in
            var outcome = RowOutcome(row: record.row, estado: estados.first ?? "", alarm: false)
            if let score = PremiumSurvey.score(record.number("nps")) {
                outcome.computed[Self.bandKey] = .label(settings.band(score).labelKey)
            } else if record.has("nps") {
                outcome.formErrors.append(FormError(.invalidScore, "la calificación «\(record.text("nps") ?? "")» no es un número entero de 0 a 10"))
            }
            return outcome
        }
    }

    /// Every answer with a valid score and a date.
    public func history(records: [Record], outcomes: [RowOutcome], sourceFile: String, today: CalendarDate) -> KindHistory? {
        .premiumSurveys(records.compactMap { r in
            guard let fecha = DayTime(r.fields["fecha"]), let score = PremiumSurvey.score(r.number("nps")) else { return nil }
            func text(_ f: String) -> String? { r.text(f).flatMap { $0.trimmedSpaces.isEmpty ? nil : $0.trimmedSpaces } }
            return PremiumSurvey(fecha: fecha, caso: text("caso"), cuenta: text("cuenta"), backoffice: text("backoffice"), score: score,
                                 sourceFile: sourceFile, row: r.row)
        })
    }
}
