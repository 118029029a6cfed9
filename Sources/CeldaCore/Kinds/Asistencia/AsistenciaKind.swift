/// The workforce system's export (Almabi, kind `asistencia`, seed 001 §5): one row per agent
/// and day. Each row is said *Programado*, *Falta* and *Retirado en el periodo*; the history
/// keeps each agent's day as a fact, from which the Premium report counts AUSENTISMO and
/// ROTACIÓN (`AsistenciaFigures`). Words and lists: Templates/kinds/asistencia.yaml.
public struct AsistenciaKind: RegisteredKind {
    public static let id = "asistencia"
    public var id: String { Self.id }
    public let definition: Templates.Kind
    public let columns: [BackOfficeColumn]
    public let dateField = "fecha"
    public let advisorField = "agente"
    public let caseKeyFields = ["documento", "fecha"]
    public let alarmBusinessDays = 0
    public let estados: [String] = []
    public let causals: [(code: String, label: String)] = []
    let words: AsistenciaWords
    let labels: Templates

    public static func make(templates: Templates) throws -> AsistenciaKind? {
        guard let definition = templates.kind(id), let settings = try templates.ownSettings(AsistenciaWords.Settings.self, kind: id) else { return nil }
        return AsistenciaKind(definition: definition, words: AsistenciaWords(settings), templates: templates)
    }

    init(definition: Templates.Kind, words: AsistenciaWords, templates: Templates) {
        self.definition = definition
        self.words = words
        labels = templates
        columns = [
            BackOfficeColumn("col_asis_programado", .computed(AsistenciaFacts.programado), width: 12),
            BackOfficeColumn("col_asis_falta", .computed(AsistenciaFacts.falta), width: 10, highlights: ["asis_si"]),
            BackOfficeColumn("col_asis_retirado", .computed(AsistenciaFacts.retirado), width: 14, highlights: ["asis_si"]),
        ]
    }

    public func decider(present: Set<String>, today: CalendarDate) -> any RowDecider {
        AsistenciaDecider(kind: self, programadoColumn: present.contains("programado"), today: today)
    }

    /// A label of the kind's file in both languages, `{name}` replaced by the values.
    func said(_ key: String, _ values: [String: String]) -> RowWords { labels.words(key, values) }
}

/// The names of an agent's day as the history keeps it (`KindFact.values`) and as the
/// gestionado's columns compute it.
public enum AsistenciaFacts {
    public static let documento = "documento", agente = "agente", supervisor = "supervisor"
    /// Whether the agent was scheduled that day; absent when the row does not say (then the
    /// day is in neither side of AUSENTISMO).
    public static let programado = "programado"
    /// Scheduled and absent (a novedad among `novedad_ausencia`).
    public static let falta = "falta"
    /// The agent's day of leaving, as the base says it (Fecha de retiro, or the first day its estado is Retirado).
    public static let retiro = "retiro"
    public static let retirado = "retirado"
    public static let novedad = "novedad"
}
