/// The back-office columns of one row, decided by the core; the gestionado workbook only
/// writes them.
public struct RowOutcome: Equatable, Sendable {
    public var row: Int
    /// "ME11 · Sin incidencia T&D / interacción < 3 min" or "A · Soporte Técnico".
    public var causal: String?
    public var causalCode: String?
    public var detected: [String] = []
    /// The evidence as the history keeps it (Spanish), and in both languages for the gestionado.
    public var evidence: String?
    public var evidenceWords: RowWords?
    public var procede: String?
    public var area: String?
    public var estado: String
    public var observaciones: String?
    public var diasGestion: Int?
    public var alarm: Bool
    /// Counts from the history (tipificador), when a store was given.
    public var recurrence: Recurrence.Counts?
    /// What the form's filler got wrong (tipificador): invalid cuenta, missing fields, a causal
    /// contradicting the motivo.
    public var formErrors: [FormError] = []
    /// What the back office did (premium's and the tipificador's Gestión).
    public var gestion: String?
    /// The tipificador's Observación 2.
    public var observacion2: String?
    /// Gestión Soporte's answer to a reclamación, and its day (mal escalados).
    public var respuesta: String?
    public var respuestaFecha: CalendarDate?
    /// Values only one kind computes (premium: seguimiento, horas abiertas), by key.
    public var computed: [String: BackOfficeValue] = [:]
    /// What the kind's own rules found in the row, listed in *Incidencias* with the reader's
    /// (a nil column is the field's).
    public var issues: [RowIssue] = []

    public init(row: Int, causal: String? = nil, causalCode: String? = nil, detected: [String] = [], evidence: String? = nil,
                procede: String? = nil, area: String? = nil, estado: String, observaciones: String? = nil, diasGestion: Int? = nil, alarm: Bool) {
        self.row = row
        self.causal = causal
        self.causalCode = causalCode
        self.detected = detected
        self.evidence = evidence
        self.procede = procede
        self.area = area
        self.estado = estado
        self.observaciones = observaciones
        self.diasGestion = diasGestion
        self.alarm = alarm
    }
}

/// What a person typed in a gestionado workbook's back-office columns, by row.
public struct HumanEdits: Equatable, Sendable {
    public var causal: String?
    public var procede: String?
    public var estado: String?
    public var observaciones: String?
    public var gestion: String?
    public var observacion2: String?
    public var area: String?
    public var respuesta: String?
    /// A day as the person typed it (a date cell reads as AAAA-MM-DD).
    public var respuestaFecha: String?
    /// What the person typed in a kind's own editable columns (`BackOfficeColumn.editable`),
    /// by column key: a new kind's columns need no field here.
    public var own: [String: String] = [:]
    public init(causal: String? = nil, procede: String? = nil, estado: String? = nil, observaciones: String? = nil, gestion: String? = nil,
                observacion2: String? = nil, area: String? = nil, respuesta: String? = nil, respuestaFecha: String? = nil) {
        self.causal = causal
        self.procede = procede
        self.estado = estado
        self.observaciones = observaciones
        self.gestion = gestion
        self.observacion2 = observacion2
        self.area = area
        self.respuesta = respuesta
        self.respuestaFecha = respuestaFecha
    }

    /// What the history keeps of these edits, by field (the store's `decision` rows).
    public var fields: [String: String] {
        let common: [String: String?] = ["causal": causal, "procede": procede, "estado": estado, "observaciones": observaciones,
                                         "gestion": gestion, "observacion_2": observacion2, "area": area, "respuesta": respuesta,
                                         "respuesta_fecha": respuestaFecha]
        return common.merging(own.mapValues { Optional($0) }) { a, _ in a }.compactMapValues { $0.flatMap { $0.isEmpty ? nil : $0 } }
    }
}

/// The person's values win over the rules.
public struct EditsApplier: Sendable {
    let causals: [(code: String, label: String)]
    /// Normalised estados that close a case.
    let closed: Set<String>
    let closingEndsAlarm: Bool

    public init(kind: any BaseKind, templates: Templates) {
        causals = kind.causals
        closed = Set(templates.estados.cerrados.map(TextNormalising.normalise))
        closingEndsAlarm = kind.closingEndsAlarm
    }

    /// Whether `estado` closes a case (accents and case ignored).
    public func isClosed(_ estado: String) -> Bool { closed.contains(TextNormalising.normalise(estado)) }

    /// A causal, procede, estado or observation typed in the gestionado workbook is kept; what
    /// follows from them (no alarm for a closed case) follows. An empty cell leaves the rules'
    /// value. A typed causal that starts with a catalog code takes the catalog's label.
    public func apply(_ edits: [Int: HumanEdits], to outcomes: [RowOutcome]) -> [RowOutcome] {
        outcomes.map { o in
            guard let e = edits[o.row] else { return o }
            var out = o
            if let typed = e.causal?.trimmedSpaces, !typed.isEmpty, typed != o.causal {
                let code = typed.split(whereSeparator: { $0 == " " || $0 == "·" || $0 == "-" }).first.map(String.init)?.uppercased()
                if let hit = causals.first(where: { $0.code == code }) {
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
            if let g = e.gestion, !g.isEmpty { out.gestion = g }
            if let o = e.observacion2, !o.isEmpty { out.observacion2 = o }
            if let a = e.area?.trimmedSpaces, !a.isEmpty { out.area = a }
            if let r = e.respuesta?.trimmedSpaces, !r.isEmpty { out.respuesta = r }
            if let d = e.respuestaFecha, case .date(let day, _)? = FieldTyping.parseDate(d) { out.respuestaFecha = day }
            for (key, typed) in e.own where !typed.trimmedSpaces.isEmpty { out.computed[key] = .text(typed.trimmedSpaces) }
            if closingEndsAlarm && isClosed(out.estado) { out.alarm = false }
            return out
        }
    }
}
