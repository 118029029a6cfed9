/// First pass of an asistencia base: each agent's first row of each day (a second one is said),
/// each agent's day of leaving, and the base's first and last day (the period its *Retirado en
/// el periodo* speaks of). A month of 300 agents is 9,000 small entries.
final class AsistenciaDecider: RowDecider {
    let kind: AsistenciaKind
    let programadoColumn: Bool
    let today: CalendarDate
    private var firstRowOfDay: [String: Int] = [:]
    private var retiro: [String: CalendarDate] = [:]
    private var firstDay: CalendarDate?, lastDay: CalendarDate?

    init(kind: AsistenciaKind, programadoColumn: Bool, today: CalendarDate) {
        self.kind = kind
        self.programadoColumn = programadoColumn
        self.today = today
    }

    func note(_ record: Record) {
        guard let documento = AsistenciaRules.documento(record) else { return }
        let day = AsistenciaRules.day(record, "fecha")
        if let day {
            let key = AsistenciaRules.key(documento, day)
            if firstRowOfDay[key] == nil { firstRowOfDay[key] = record.row }
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
        }
        // The earliest day of leaving the base gives: its Fecha de retiro, else the first day it says Retirado.
        let leaving = AsistenciaRules.day(record, "fecha_retiro") ?? (kind.words.retired(record.text("estado")) == true ? day : nil)
        if let leaving { retiro[documento] = min(retiro[documento] ?? leaving, leaving) }
    }

    func seal() -> any RowRules {
        AsistenciaRules(kind: kind, programadoColumn: programadoColumn, today: today, firstRowOfDay: firstRowOfDay, retiro: retiro,
                        span: firstDay.flatMap { f in lastDay.map { f...$0 } })
    }
}

/// Each row on its own with the first pass's facts: what it says, what is wrong with it, and
/// the agent's day the history keeps.
struct AsistenciaRules: RowRules {
    let kind: AsistenciaKind
    let programadoColumn: Bool
    /// A day after it is a schedule, not yet a day worked: shown, not counted (the export of
    /// that day, processed then, counts it).
    let today: CalendarDate
    let firstRowOfDay: [String: Int]
    let retiro: [String: CalendarDate]
    let span: ClosedRange<CalendarDate>?

    typealias F = AsistenciaFacts

    static func documento(_ r: Record) -> String? { r.text("documento").map(\.trimmedSpaces).flatMap { $0.isEmpty ? nil : $0 } }
    static func day(_ r: Record, _ field: String) -> CalendarDate? { if case .date(let d, _)? = r.fields[field] { return d } else { return nil } }
    static func key(_ documento: String, _ day: CalendarDate) -> String { documento + "|" + day.description }

    /// What one row says: scheduled (nil: it does not say), absent, and what is wrong with it.
    struct Reading {
        var day: CalendarDate?
        var documento: String?
        var programado: Bool?
        var falta: Bool?
        var counted = true
        var issues: [RowIssue] = []
    }

    func read(_ r: Record) -> Reading {
        var reading = Reading(day: Self.day(r, "fecha"), documento: Self.documento(r))
        func issue(_ field: String, _ key: String, _ values: [String: String] = [:]) {
            reading.issues.append(RowIssue(code: .kindCheck, row: r.row, column: nil, field: field, words: kind.said(key, values)))
        }
        guard let day = reading.day, let documento = reading.documento else {
            if reading.day == nil { issue("fecha", "asis_sin_fecha") }
            reading.counted = false
            return reading
        }
        if day > today { reading.counted = false }
        if let first = firstRowOfDay[Self.key(documento, day)], first != r.row {
            issue("documento", "asis_dia_repetido", ["agente": r.text("agente") ?? "", "documento": documento, "fila": String(first), "dia": day.description])
            reading.counted = false
        }
        if r.has("estado"), kind.words.retired(r.text("estado")) == nil { issue("estado", "asis_estado_desconocido", ["valor": r.text("estado") ?? ""]) }
        let scheduled = programadoColumn ? kind.words.scheduled(text: r.text("programado"), number: r.number("programado")) : true
        if programadoColumn && scheduled == nil { issue("programado", "asis_programado_desconocido", ["valor": r.text("programado") ?? ""]) }
        switch kind.words.novedad(r.text("novedad")) {
        case .noProgramado:
            reading.programado = false
            reading.falta = false
        case .desconocida:
            issue("novedad", "asis_novedad_desconocida", ["valor": r.text("novedad") ?? ""])
        case .ausencia:
            reading.programado = scheduled
            reading.falta = scheduled
        case .presente:
            reading.programado = scheduled
            reading.falta = scheduled.map { _ in false }
        }
        return reading
    }

    func decide(_ records: ArraySlice<Record>) -> [RowOutcome] {
        records.map { r in
            var outcome = RowOutcome(row: r.row, estado: "", alarm: false)
            let reading = read(r)
            func yesNo(_ b: Bool) -> BackOfficeValue { .label(b ? "asis_si" : "asis_no") }
            if let p = reading.programado { outcome.computed[F.programado] = yesNo(p) }
            if let f = reading.falta { outcome.computed[F.falta] = yesNo(f) }
            if let documento = reading.documento, let span {
                outcome.computed[F.retirado] = yesNo(retiro[documento].map(span.contains) ?? false)
            }
            outcome.issues = reading.issues
            return outcome
        }
    }

    /// Every counted row (a day, an agent, its first row of the day) as the agent's day.
    func facts(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> [KindFact] {
        records.compactMap { r in
            let reading = read(r)
            guard reading.counted, let day = reading.day, let documento = reading.documento else { return nil }
            var values: [String: FactValue] = [F.documento: .text(documento), F.agente: .text((r.text("agente") ?? "").trimmedSpaces)]
            if let s = r.text("supervisor")?.trimmedSpaces, !s.isEmpty { values[F.supervisor] = .text(s) }
            if let p = reading.programado { values[F.programado] = .flag(p) }
            if let f = reading.falta { values[F.falta] = .flag(f) }
            if let leaving = retiro[documento] { values[F.retiro] = .day(leaving) }
            if let n = r.text("novedad")?.trimmedSpaces, !n.isEmpty { values[F.novedad] = .text(n) }
            return KindFact(kind: AsistenciaKind.id, key: Self.key(documento, day), day: day, values: values, sourceFile: sourceFile, row: r.row)
        }
    }
}
