/// The quality tool's export (kind `monitoreo`, seed 001 §5): each monitoring's nota taken to
/// 0–100 (a 0–10 or 0–5 column is recognised and said), kept in the history as a fact; the
/// Premium report's CALIDAD EMITIDA is their mean per agent (`CalidadMEC`).
public struct MonitoreoKind: RegisteredKind {
    public static let id = "monitoreo"
    public var id: String { Self.id }
    public let definition: Templates.Kind
    public let columns: [BackOfficeColumn]
    public let dateField = "fecha"
    public let advisorField = "agente"
    public let caseKeyFields = ["agente", "fecha", "monitor", "nota"]
    public let alarmBusinessDays = 0
    public let estados: [String] = []
    public let causals: [(code: String, label: String)] = []
    public let settings: Settings
    let templates: Templates

    public struct Settings: Decodable, Sendable {
        /// "auto", or 1 (shares), 5, 10, 100.
        public var escala: String
        public var peso_emitida: Double
        public var peso_percibida: Double
        public var meta: Double
    }

    public static let notaKey = "nota100"

    public static func make(templates: Templates) throws -> MonitoreoKind? {
        guard let definition = templates.kind(id), let settings = try templates.ownSettings(Settings.self, kind: id) else { return nil }
        guard ["auto", "1", "5", "10", "100"].contains(settings.escala) else {
            throw TemplateError(file: Templates.kindFolder + "/\(id).yaml", key: "ajustes.escala", problem: .invalidValue(settings.escala))
        }
        let weights = settings.peso_emitida + settings.peso_percibida
        guard settings.peso_emitida >= 0, settings.peso_percibida >= 0, abs(weights - 1) < 1e-9 else {
            throw TemplateError(file: Templates.kindFolder + "/\(id).yaml", key: "ajustes.peso_percibida",
                                problem: .invalidValue("peso_emitida + peso_percibida = \(weights), not 1"))
        }
        guard (0...1).contains(settings.meta) else {
            throw TemplateError(file: Templates.kindFolder + "/\(id).yaml", key: "ajustes.meta", problem: .invalidValue("\(settings.meta) is not between 0 and 1"))
        }
        return MonitoreoKind(definition: definition, settings: settings, templates: templates)
    }

    init(definition: Templates.Kind, settings: Settings, templates: Templates) {
        self.definition = definition
        self.settings = settings
        self.templates = templates
        columns = [BackOfficeColumn("col_moni_nota", .computed(Self.notaKey), width: 14)]
    }

    public func decider(present: Set<String>, today: CalendarDate) -> any RowDecider { MonitoreoDecider(kind: self) }

    /// The column's header, for saying its scale.
    var notaHeader: String { definition.fields.first { $0.field == "nota" }?.aliases.first ?? "Nota" }

    func said(_ key: String, _ values: [String: String]) -> RowWords { templates.words(key, values) }
}

/// First pass: the column's highest nota (its scale), the first row with a nota (where the
/// scale is said), and which rows repeat an earlier monitoring's agent, moment, monitor and
/// nota (the second of two alike is another monitoring, kept under its own key).
final class MonitoreoDecider: RowDecider {
    let kind: MonitoreoKind
    private var highest = 0.0, firstRow: Int?
    private var seen: [String: Int] = [:], occurrence: [Int: Int] = [:]

    init(kind: MonitoreoKind) { self.kind = kind }

    func note(_ record: Record) {
        guard let nota = record.number("nota") else { return }
        if firstRow == nil { firstRow = record.row }
        if nota <= 100 { highest = max(highest, nota) }
        let key = MonitoreoRules.baseKey(record)
        let n = (seen[key] ?? 0) + 1
        seen[key] = n
        if n > 1 { occurrence[record.row] = n }
    }

    func seal() -> any RowRules {
        let scale: Double
        switch kind.settings.escala {
        case "1": scale = 1
        case "5": scale = 5
        case "10": scale = 10
        case "100": scale = 100
        // Shares written as notas (0.92 in a percent cell) are a 0–1 column.
        default: scale = highest <= 1 ? 1 : highest <= 5 ? 5 : highest <= 10 ? 10 : 100
        }
        return MonitoreoRules(kind: kind, scale: scale, scaleSaidOn: scale == 100 ? nil : firstRow, occurrence: occurrence)
    }
}

struct MonitoreoRules: RowRules {
    let kind: MonitoreoKind
    let scale: Double
    let scaleSaidOn: Int?
    let occurrence: [Int: Int]

    static func baseKey(_ r: Record) -> String {
        let moment: String
        if case .date(let d, let s)? = r.fields["fecha"] { moment = d.description + (s.map { "T\($0)" } ?? "") } else { moment = "" }
        return [TextNormalising.normalise(r.text("agente") ?? ""), moment, TextNormalising.normalise(r.text("monitor") ?? ""),
                r.number("nota").map { String($0) } ?? ""].joined(separator: "|")
    }

    /// The nota on 0–100, nil when it is missing or off the scale.
    func nota100(_ r: Record) -> Double? {
        guard let nota = r.number("nota"), nota >= 0, nota <= scale else { return nil }
        return nota * (100 / scale)
    }

    func decide(_ records: ArraySlice<Record>) -> [RowOutcome] {
        records.map { r in
            var outcome = RowOutcome(row: r.row, estado: "", alarm: false)
            func issue(_ key: String, _ values: [String: String]) {
                outcome.issues.append(RowIssue(code: .kindCheck, row: r.row, column: nil, field: "nota", words: kind.said(key, values)))
            }
            if r.row == scaleSaidOn {
                issue("moni_escala", ["columna": kind.notaHeader, "escala": String(Int(scale)), "factor": String(Int(100 / scale))])
            }
            if let n = nota100(r) {
                outcome.computed[MonitoreoKind.notaKey] = .number(n)
            } else if let raw = r.number("nota") {
                issue("moni_fuera_de_escala", ["valor": FieldTyping.display(.number(raw)), "escala": String(Int(scale))])
            } else if !r.has("nota") {
                issue("moni_sin_nota", [:])
            }
            return outcome
        }
    }

    /// Every monitoring with a day, an agent and a nota on the scale.
    func facts(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> [KindFact] {
        records.compactMap { r in
            guard case .date(let day, _)? = r.fields["fecha"], let agente = r.text("agente")?.trimmedSpaces, !agente.isEmpty, let nota = nota100(r) else { return nil }
            var values: [String: FactValue] = ["agente": .text(agente), "nota": .number(nota), "escala": .number(scale)]
            if let d = r.text("documento")?.trimmedSpaces, !d.isEmpty { values["documento"] = .text(d) }
            if let m = r.text("monitor")?.trimmedSpaces, !m.isEmpty { values["monitor"] = .text(m) }
            let key = Self.baseKey(r) + (occurrence[r.row].map { "#\($0)" } ?? "")
            return KindFact(kind: MonitoreoKind.id, key: key, day: day, values: values, sourceFile: sourceFile, row: r.row)
        }
    }
}
