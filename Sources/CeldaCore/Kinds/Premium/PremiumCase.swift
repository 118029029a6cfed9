/// A day of the operation's calendar and, when the export gives one, the time of day. Dates of
/// exports carry no time zone: they are Bogotá's (calendar.yaml).
public struct DayTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var day: CalendarDate
    public var seconds: Int?

    public init(day: CalendarDate, seconds: Int? = nil) {
        self.day = day
        self.seconds = seconds
    }

    /// From a typed date field.
    public init?(_ value: FieldValue?) {
        guard case .date(let d, let s)? = value else { return nil }
        self.init(day: d, seconds: s)
    }

    /// Seconds since 1970-01-01 00:00 of the operation's clock; a day without a time is its start.
    public var start: Int { day.dayNumber * 86_400 + (seconds ?? 0) }
    /// The same, but a day without a time is its end (24:00): a case closed "on the 20th" was
    /// open until the end of the 20th as far as anyone can tell.
    public var end: Int { day.dayNumber * 86_400 + (seconds ?? 86_400) }

    public static func < (a: DayTime, b: DayTime) -> Bool { a.start != b.start ? a.start < b.start : (a.seconds ?? 0) < (b.seconds ?? 0) }

    public var description: String {
        guard let s = seconds else { return day.description }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }
}

/// One case of a Claro Premium CRM export (DOMAIN.md §2.3), its fields typed.
public struct PremiumCase: Sendable, Equatable {
    public var caso: String
    public var cuenta: String?
    public var cliente: String?
    public var segmento: String?
    public var tipo: String?
    public var subtipo: String?
    public var origen: String?
    public var asesorFront: String?
    public var backoffice: String?
    public var ingreso: DayTime?
    public var seguimiento: CalendarDate?
    public var estado: String?
    public var cierre: DayTime?
    /// Closed in first contact: Sí, No, or not said.
    public var spc: Bool?
    public var escaladoA: String?
    /// Where this state was read.
    public var sourceFile: String
    public var row: Int
    /// From the history: the first export moment that showed the case in its current estado.
    /// A case closed without a fecha de cierre counts as closed then, not on each later day.
    public var estadoSince: DayTime?

    public init(caso: String, cuenta: String? = nil, cliente: String? = nil, segmento: String? = nil, tipo: String? = nil, subtipo: String? = nil,
                origen: String? = nil, asesorFront: String? = nil, backoffice: String? = nil, ingreso: DayTime? = nil,
                seguimiento: CalendarDate? = nil, estado: String? = nil, cierre: DayTime? = nil, spc: Bool? = nil, escaladoA: String? = nil,
                sourceFile: String = "", row: Int = 0) {
        self.caso = caso
        self.cuenta = cuenta
        self.cliente = cliente
        self.segmento = segmento
        self.tipo = tipo
        self.subtipo = subtipo
        self.origen = origen
        self.asesorFront = asesorFront
        self.backoffice = backoffice
        self.ingreso = ingreso
        self.seguimiento = seguimiento
        self.estado = estado
        self.cierre = cierre
        self.spc = spc
        self.escaladoA = escaladoA
        self.sourceFile = sourceFile
        self.row = row
    }

    /// A row of the export; nil when it has no caso.
    public init?(record: Record, settings: PremiumSettings, sourceFile: String) {
        guard let caso = record.text("caso")?.trimmedSpaces, !caso.isEmpty else { return nil }
        func text(_ f: String) -> String? { record.text(f).flatMap { $0.trimmedSpaces.isEmpty ? nil : $0.trimmedSpaces } }
        self.init(caso: caso, cuenta: text("cuenta"), cliente: text("cliente"), segmento: text("segmento"), tipo: text("tipo"),
                  subtipo: text("subtipo"), origen: text("origen"), asesorFront: text("asesor_front"), backoffice: text("backoffice"),
                  ingreso: DayTime(record.fields["fecha_ingreso"]), seguimiento: DayTime(record.fields["fecha_seguimiento"])?.day,
                  estado: text("estado"), cierre: DayTime(record.fields["fecha_cierre"]), spc: settings.spc(record.text("spc")),
                  escaladoA: text("escalado_a"), sourceFile: sourceFile, row: record.row)
    }
}

/// One answer of the premium satisfaction survey (kind `encuesta-premium`).
public struct PremiumSurvey: Sendable, Equatable {
    public var fecha: DayTime
    public var caso: String?
    public var cuenta: String?
    /// The backoffice agent evaluated.
    public var backoffice: String?
    /// The 0–10 answer.
    public var score: Int
    public var sourceFile: String
    public var row: Int

    public init(fecha: DayTime, caso: String?, cuenta: String?, backoffice: String?, score: Int, sourceFile: String = "", row: Int = 0) {
        self.fecha = fecha
        self.caso = caso
        self.cuenta = cuenta
        self.backoffice = backoffice
        self.score = score
        self.sourceFile = sourceFile
        self.row = row
    }

    /// The same answer in two survey exports is one answer: its moment, case, cuenta, agent and score.
    public var key: String {
        [fecha.description, TextNormalising.normalise(caso ?? ""), TextNormalising.normalise(cuenta ?? ""),
         TextNormalising.normalise(backoffice ?? ""), String(score)].joined(separator: "|")
    }

    /// The 0–10 answer of a number cell: whole numbers 0…10 only.
    public static func score(_ value: Double?) -> Int? {
        guard let v = value, v == v.rounded(), (0...10).contains(v) else { return nil }
        return Int(v)
    }
}
