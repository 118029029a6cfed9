/// One case as the history knows it: the row of a base that opened it, what the rules and the
/// people decided, and when it was first seen. Reports and recurrence are computed from these.
public struct CaseRecord: Sendable, Equatable {
    /// The kind's id (`mal-escalados`, `tipificador`).
    public var kind: String
    /// What makes two rows of two bases the same case (`CaseKey`).
    public var key: String
    /// Where it was first read: file name, sheet and 1-based row.
    public var sourceFile: String
    public var sheet: String
    public var row: Int
    /// The case's own date (fecha / marca temporal) and time of day in seconds, when given.
    public var date: CalendarDate?
    public var secondsOfDay: Int?
    /// The day the history first saw it (días de gestión count from the case date, or from this).
    public var firstSeen: CalendarDate
    public var cuenta: String?
    /// The advisor who escalated (mal-escalados) or filled the form (tipificador).
    public var asesor: String?
    public var asesorID: String?
    public var supervisor: String?
    public var causalCode: String?
    /// "ME11 · Sin incidencia T&D / interacción < 3 min", "A · Soporte Técnico".
    public var causal: String?
    public var evidence: String?
    public var procede: String?
    public var estado: String
    public var area: String?
    public var motivo: String?
    public var observaciones: String?
    /// Tipificador: what the front advisor filled wrongly (invalid cuenta, missing fields,
    /// causal contradicting the motivo); empty when nothing.
    public var formErrors: [FormError]
    /// Mal escalados judged *no procede*: Gestión Soporte's answer to the reclamación
    /// (estados.yaml `respuestas_reclamacion`: Aceptada, Rechazada) and the day it came.
    public var respuesta: String?
    public var respuestaFecha: CalendarDate?

    public init(kind: String, key: String, sourceFile: String, sheet: String, row: Int, date: CalendarDate?, secondsOfDay: Int? = nil,
                firstSeen: CalendarDate, cuenta: String? = nil, asesor: String? = nil, asesorID: String? = nil, supervisor: String? = nil,
                causalCode: String? = nil, causal: String? = nil, evidence: String? = nil, procede: String? = nil, estado: String,
                area: String? = nil, motivo: String? = nil, observaciones: String? = nil, formErrors: [FormError] = [],
                respuesta: String? = nil, respuestaFecha: CalendarDate? = nil) {
        self.kind = kind
        self.key = key
        self.sourceFile = sourceFile
        self.sheet = sheet
        self.row = row
        self.date = date
        self.secondsOfDay = secondsOfDay
        self.firstSeen = firstSeen
        self.cuenta = cuenta
        self.asesor = asesor
        self.asesorID = asesorID
        self.supervisor = supervisor
        self.causalCode = causalCode
        self.causal = causal
        self.evidence = evidence
        self.procede = procede
        self.estado = estado
        self.area = area
        self.motivo = motivo
        self.observaciones = observaciones
        self.formErrors = formErrors
        self.respuesta = respuesta
        self.respuestaFecha = respuestaFecha
    }

    /// The day the case counts on in reports: its own date, or the day it was first seen.
    public var day: CalendarDate { date ?? firstSeen }
}
