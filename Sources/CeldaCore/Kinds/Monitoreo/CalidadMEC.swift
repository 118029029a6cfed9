/// CALIDAD MEC of a period (seed 001 §5), per backoffice agent and for the operation:
/// - Calidad emitida = the mean nota (0–100, as a share) of the agent's monitoreos;
/// - Calidad percibida = the share of the agent's survey answers to «Índice de satisfacción del
///   asesor» in the top two points (the encuesta-premium kind says which answers are);
/// - Calidad MEC = peso_emitida × emitida + peso_percibida × percibida, against the meta —
///   only when both parts have data: a part without data is said, never a 0 %.
/// The operation's figures are over every monitoring and every answer (not a mean of agents).
public struct CalidadMEC: Sendable {
    public struct Line: Sendable, Equatable {
        public var agent: String
        public var monitoreos = 0
        public var notaSum = 0.0
        public var answers = 0
        public var topAnswers = 0
        public var emitida: Double? { monitoreos == 0 ? nil : notaSum / Double(monitoreos) / 100 }
        public var percibida: Double? { answers == 0 ? nil : Double(topAnswers) / Double(answers) }
    }

    /// One monitoring of the period, as the detail sheet lists it (the agent under its report name).
    public struct Monitoring: Sendable {
        public var day: CalendarDate
        public var agent: String, documento: String?, monitor: String?
        public var nota: Double
    }

    /// A survey answer's part of it: its day, its agent (as the report names it) and whether it
    /// is in the top two points (nil: no satisfaction answer).
    public struct Answer: Sendable {
        public var day: CalendarDate
        public var agent: String?
        public var top: Bool?
        public init(day: CalendarDate, agent: String?, top: Bool?) {
            self.day = day
            self.agent = agent
            self.top = top
        }
    }

    public struct Week: Sendable {
        public var first: CalendarDate, last: CalendarDate
        public var total: Line
    }

    public let settings: MonitoreoKind.Settings
    public let monitorings: [Monitoring]
    /// Every agent with a monitoring or a satisfaction answer, by name.
    public let lines: [Line]
    public let total: Line
    public let weeks: [Week]

    public var hasMonitoreos: Bool { !monitorings.isEmpty }
    public var hasAnswers: Bool { total.answers > 0 }

    public func mec(_ line: Line) -> Double? {
        guard let e = line.emitida, let p = line.percibida else { return nil }
        return settings.peso_emitida * e + settings.peso_percibida * p
    }

    /// Compared at nine decimals, as the sheet's formula does: 0.8999999999999999 is the meta of 90 %.
    public func meetsMeta(_ line: Line) -> Bool? { mec(line).map { ($0 * 1e9).rounded() / 1e9 >= settings.meta } }

    public init(monitoreos facts: [KindFact], answers: [Answer], from first: CalendarDate, to last: CalendarDate, settings: MonitoreoKind.Settings) {
        self.settings = settings
        // The survey's spelling of an agent first (the report's other tables use it), then the monitoreo's.
        var names: [String: String] = [:]
        func name(_ raw: String) -> String {
            let key = TextNormalising.normalise(raw)
            if let known = names[key] { return known }
            names[key] = raw
            return raw
        }
        let answers = answers.filter { first <= $0.day && $0.day <= last }
        for a in answers { if let agent = a.agent { _ = name(agent) } }
        monitorings = facts.filter { $0.kind == MonitoreoKind.id && first <= $0.day && $0.day <= last }
            .sorted { ($0.day, $0.sourceFile, $0.row) < ($1.day, $1.sourceFile, $1.row) }
            .compactMap { f in
                guard let agent = f.text("agente"), let nota = f.number("nota") else { return nil }
                return Monitoring(day: f.day, agent: name(agent), documento: f.text("documento"), monitor: f.text("monitor"), nota: nota)
            }
        (lines, total) = Self.lines(monitorings, answers)
        var weeks: [Week] = []
        var start = first
        while start <= last {
            let end = min(last, start.adding(days: 7 - start.weekday))
            let (_, t) = Self.lines(monitorings.filter { start <= $0.day && $0.day <= end }, answers.filter { start <= $0.day && $0.day <= end })
            weeks.append(Week(first: start, last: end, total: t))
            start = end.adding(days: 1)
        }
        self.weeks = weeks
    }

    static func lines(_ monitorings: [Monitoring], _ answers: [Answer]) -> ([Line], Line) {
        var by: [String: Line] = [:], total = Line(agent: "")
        for m in monitorings {
            by[m.agent, default: Line(agent: m.agent)].monitoreos += 1
            by[m.agent, default: Line(agent: m.agent)].notaSum += m.nota
            total.monitoreos += 1
            total.notaSum += m.nota
        }
        for a in answers {
            guard let top = a.top else { continue }
            total.answers += 1
            if top { total.topAnswers += 1 }
            guard let agent = a.agent else { continue }
            by[agent, default: Line(agent: agent)].answers += 1
            if top { by[agent, default: Line(agent: agent)].topAnswers += 1 }
        }
        return (by.values.sorted { $0.agent < $1.agent }, total)
    }
}
