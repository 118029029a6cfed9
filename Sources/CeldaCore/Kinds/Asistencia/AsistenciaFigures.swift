/// AUSENTISMO and ROTACIÓN of a period (seed 001 §5) from the agents' days the history keeps:
/// - Ausentismo = scheduled agent-days with an absence / scheduled agent-days (a day whose row
///   does not say whether it was scheduled is in neither);
/// - Rotación = agents whose day of leaving falls in the period / agents active on the
///   period's first day with data (a row that day, not left before it).
/// Per supervisor: an agent-day counts for the supervisor of its row; a retiro for the agent's
/// supervisor on its latest day (a supervisor's name whatever its case and accents). The report writes the same figures as formulas over its
/// detail sheets; these are their cached values.
public struct AsistenciaFigures: Sendable {
    public struct Ratio: Sendable, Equatable {
        public var part = 0, whole = 0
        public init() {}
        /// nil over nothing: never a 0 %.
        public var value: Double? { whole == 0 ? nil : Double(part) / Double(whole) }
    }

    /// One agent's day in the period, as the detail sheet lists it.
    public struct Day: Sendable {
        public var day: CalendarDate
        public var documento: String, agente: String, supervisor: String
        public var programado: Bool?, falta: Bool?
        /// Not left before this day.
        public var activo: Bool
    }

    /// One agent of the period: its latest name and supervisor, first day, day of leaving.
    public struct Agent: Sendable {
        public var documento: String, agente: String, supervisor: String
        public var firstDay: CalendarDate
        public var retiro: CalendarDate?
        public var retiredInPeriod: Bool
    }

    public struct Figures: Sendable, Equatable {
        public var ausentismo = Ratio()
        public var rotacion = Ratio()
        public init() {}
    }

    /// A Monday–Sunday week of the period (cut at its ends) and its figures.
    public struct Week: Sendable {
        public var first: CalendarDate, last: CalendarDate
        /// The first day of the week with data: the day its Rotación's active agents are counted.
        public var firstDataDay: CalendarDate?
        public var figures: Figures
    }

    public let first: CalendarDate, last: CalendarDate
    public let days: [Day]
    public let agents: [Agent]
    /// The first day of the period with data.
    public let firstDataDay: CalendarDate?
    public let total: Figures
    public let bySupervisor: [String: Figures]
    public let weeks: [Week]

    public var isEmpty: Bool { days.isEmpty }
    public var supervisors: [String] { bySupervisor.keys.sorted() }

    public init(facts: [KindFact], from first: CalendarDate, to last: CalendarDate) {
        typealias F = AsistenciaFacts
        self.first = first
        self.last = last
        let inPeriod = facts.filter { $0.kind == AsistenciaKind.id && first <= $0.day && $0.day <= last }.sorted { ($0.day, $0.key) < ($1.day, $1.key) }
        // A supervisor is the same person whatever the case or accents (COUNTIFS ignores case):
        // the first spelling met is the one shown and counted.
        var spellings: [String: String] = [:]
        func supervisor(_ raw: String?) -> String {
            let key = TextNormalising.normalise(raw ?? "")
            if let known = spellings[key] { return known }
            spellings[key] = raw ?? ""
            return raw ?? ""
        }
        days = inPeriod.map { f in
            let retiro = f.date(F.retiro)
            return Day(day: f.day, documento: f.text(F.documento) ?? "", agente: f.text(F.agente) ?? "", supervisor: supervisor(f.text(F.supervisor)),
                       programado: f.flag(F.programado), falta: f.flag(F.falta), activo: retiro.map { $0 >= f.day } ?? true)
        }
        var byAgent: [String: Agent] = [:]
        for (d, f) in zip(days, inPeriod) {
            let retiro = f.date(F.retiro)
            var agent = byAgent[d.documento] ?? Agent(documento: d.documento, agente: d.agente, supervisor: d.supervisor, firstDay: d.day, retiro: retiro,
                                                      retiredInPeriod: false)
            // Days in order: the latest row's name, supervisor and retiro win.
            agent.agente = d.agente
            agent.supervisor = d.supervisor
            if let retiro { agent.retiro = retiro }
            agent.retiredInPeriod = agent.retiro.map { first <= $0 && $0 <= last } ?? false
            byAgent[d.documento] = agent
        }
        agents = byAgent.values.sorted { ($0.supervisor, $0.agente, $0.documento) < ($1.supervisor, $1.agente, $1.documento) }
        firstDataDay = days.first?.day
        let (total, bySupervisor) = Self.figures(days: days, agents: agents, from: first, to: last)
        self.total = total
        self.bySupervisor = bySupervisor
        var weeks: [Week] = []
        var start = first
        while start <= last {
            let end = min(last, start.adding(days: 7 - start.weekday))
            let (figures, _) = Self.figures(days: days.filter { start <= $0.day && $0.day <= end }, agents: agents, from: start, to: end)
            weeks.append(Week(first: start, last: end, firstDataDay: days.first { start <= $0.day && $0.day <= end }?.day, figures: figures))
            start = end.adding(days: 1)
        }
        self.weeks = weeks
    }

    /// The figures of `days` (all within first…last): overall and per supervisor.
    static func figures(days: [Day], agents: [Agent], from first: CalendarDate, to last: CalendarDate) -> (Figures, [String: Figures]) {
        var total = Figures(), by: [String: Figures] = [:]
        func add(_ supervisor: String, _ change: (inout Figures) -> Void) {
            change(&total)
            change(&by[supervisor, default: Figures()])
        }
        for d in days {
            by[d.supervisor, default: Figures()] = by[d.supervisor] ?? Figures()
            guard d.programado == true else { continue }
            add(d.supervisor) { $0.ausentismo.whole += 1; if d.falta == true { $0.ausentismo.part += 1 } }
        }
        if let start = days.first?.day {
            for d in days where d.day == start && d.activo { add(d.supervisor) { $0.rotacion.whole += 1 } }
        }
        for a in agents {
            guard let r = a.retiro, first <= r, r <= last else { continue }
            add(a.supervisor) { $0.rotacion.part += 1 }
        }
        return (total, by)
    }
}
