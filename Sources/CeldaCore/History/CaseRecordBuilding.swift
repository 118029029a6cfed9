extension CaseRecord {
    /// A processed row as the history keeps it.
    public init(kind: any BaseKind, record: Record, outcome: RowOutcome, sourceFile: String, sheet: String, firstSeen: CalendarDate) {
        var date: CalendarDate?, seconds: Int?
        if case .date(let d, let s)? = record.fields[kind.dateField] { date = d; seconds = s }
        self.init(kind: kind.id, key: CaseRecord.key(kind: kind, record: record), sourceFile: sourceFile, sheet: sheet, row: record.row,
                  date: date, secondsOfDay: seconds, firstSeen: firstSeen, cuenta: record.text("cuenta"),
                  asesor: record.text(kind.advisorField), asesorID: record.text("asesor_id"), supervisor: record.text("supervisor"),
                  causalCode: outcome.causalCode, causal: outcome.causal, evidence: outcome.evidence, procede: outcome.procede,
                  estado: outcome.estado, area: outcome.area, motivo: record.text("motivo"), observaciones: outcome.observaciones,
                  formErrors: outcome.formErrors, respuesta: outcome.respuesta, respuestaFecha: outcome.respuestaFecha)
    }

    /// The kind's key fields, normalised (accents, case, spacing) and joined: the same case in
    /// two bases gets the same key whatever the export did to its text.
    public static func key(kind: any BaseKind, record: Record) -> String {
        kind.caseKeyFields.map { field -> String in
            switch record.fields[field] {
            case .date(let d, let s)?: return d.description + (s.map { "T\($0)" } ?? "")
            default: return TextNormalising.normalise(record.text(field) ?? "")
            }
        }.joined(separator: "|")
    }
}
