/// The figures of the *Informe Claro Premium* (DOMAIN.md §2.3, §4 item 5; seed 001 §5) for one
/// period, per backoffice agent and for the operation, computed once here; the workbook lays
/// them out as formulas over its detail sheets with these values cached.
///
/// - Seguimientos: the follow-ups whose fecha de seguimiento falls in the period, with their
///   Seguimiento as of `today` (`PremiumRules`). Those *due* (exigibles) are the ones whose
///   fecha de seguimiento is on or before `today` and that are not still *Vence hoy* (the day is
///   not over); *Efectividad* = Cumplido / due. A follow-up not yet due is in neither.
/// - 72 h: the escalated cases opened in the period, and of them those over the limit.
/// - FCR: the cases opened in the period closed in first contact (SPC = Sí); one is *repeated*
///   when another case of the same cuenta with the same subtipo was opened after it, at most
///   `fcr_ventana_dias` calendar days later (by day). FCR = (SPC − repetidos) / SPC; the seed's
///   «2ª interacción / SPC» = repetidos / SPC.
/// - NPS: the surveys dated in the period: % promotores − % detractores, in points.
/// A case's backoffice is its own; a survey's is the «Asesor evaluado», else its case's. Agents
/// are the same person whatever the accents or case; the name shown is the first spelling met.
public struct PremiumSummary: Sendable {
    public struct CaseLine: Sendable, Equatable {
        public var c: PremiumCase
        public var agent: String?
        public var seguimiento: PremiumRules.Seguimiento?
        /// Its fecha de seguimiento is in the period.
        public var due: Bool
        /// Due in the period and already exigible as of `today`: its fecha de seguimiento is
        /// on or before it and it is not still *Vence hoy*.
        public var exigible: Bool
        /// Its fecha de ingreso is in the period.
        public var opened: Bool
        public var escalated: Bool
        public var hours: Double?
        public var alarm: Bool
        /// Opened in the period and closed in first contact.
        public var spc: Bool
        /// The case that repeated it (same cuenta and subtipo within the window), if any.
        public var repeatedBy: String?
    }

    public struct SurveyLine: Sendable, Equatable {
        public var survey: PremiumSurvey
        public var agent: String?
        public var band: NPSBand
        /// The case it is about: its own caso, else the latest case of its cuenta opened before it.
        public var linkedCaso: String?
    }

    public struct Figures: Sendable, Equatable {
        /// Follow-ups of the period; of them, due as of the report's day (exigibles), and of those
        /// cumplidos, cumplidos tarde and vencidos; the rest are not due yet (`porVencer`).
        public var enPeriodo = 0, due = 0, cumplidos = 0, cumplidosTarde = 0, vencidos = 0, porVencer = 0
        public var escalados = 0, over72 = 0
        public var spc = 0, repeats = 0
        public var surveys = 0, promotores = 0, pasivos = 0, detractores = 0
        public init() {}
        public var efectividad: Double { CaseCounting.share(cumplidos, of: due) }
        public var fcr: Double { CaseCounting.share(spc - repeats, of: spc) }
        /// «2ª interacción por la misma tipología / total atendidas como SPC».
        public var repeatShare: Double { CaseCounting.share(repeats, of: spc) }
        /// Points, −100…100.
        public var nps: Double { surveys == 0 ? 0 : Double(promotores - detractores) / Double(surveys) * 100 }
    }

    public let period: ReportPeriod
    public let today: CalendarDate
    /// Cases due or opened in the period, by fecha de ingreso, then caso.
    public let lines: [CaseLine]
    public let surveys: [SurveyLine]
    /// Every agent with a case or a survey in the period, by name; blank last.
    public let agents: [String?]
    public let byAgent: [String?: Figures]
    public let total: Figures
    /// The days of the period with an SPC case or a survey (all of them when none has), with
    /// their figures (FCR by day of ingreso, NPS by day of survey): a chart of them shows no
    /// false zero for a weekend.
    public let days: [CalendarDate]
    public let byDay: [CalendarDate: Figures]

    /// `cases`: the latest state of every premium case the history has around the period (the
    /// FCR window after it included); `surveys`: the answers of the period. Four steps: the
    /// cases in order of ingreso, each case's line, each survey's line (linked to its case),
    /// the figures per agent, for the operation and per day.
    public init(cases: [PremiumCase], surveys allSurveys: [PremiumSurvey], period: ReportPeriod, today: CalendarDate, settings: PremiumSettings) {
        self.period = period
        self.today = today
        let sorted = cases.sorted { a, b in
            let x = a.ingreso?.start ?? Int.max, y = b.ingreso?.start ?? Int.max
            return x != y ? x < y : a.caso < b.caso
        }
        let names = AgentNames()
        let lines = Self.caseLines(sorted, period: period, today: today, settings: settings, names: names)
        let surveys = Self.surveyLines(allSurveys, cases: sorted, period: period, settings: settings, names: names)
        let (byAgent, total, byDay) = Self.figures(lines, surveys)
        self.lines = lines
        self.surveys = surveys
        self.byAgent = byAgent
        self.total = total
        self.byDay = byDay
        agents = byAgent.keys.sorted { CaseCounting.keyOrder($0, $1) }
        let all = (period.first.dayNumber...period.last.dayNumber).map(CalendarDate.init(dayNumber:))
        let active = all.filter { byDay[$0] != nil }
        days = active.isEmpty ? all : active
    }

    /// An agent is the same person whatever the accents or case; the name shown is the first
    /// spelling met (cases first, then surveys).
    private final class AgentNames {
        private var names: [String: String] = [:]
        func name(_ name: String?) -> String? {
            guard let name, !name.trimmedSpaces.isEmpty else { return nil }
            let key = TextNormalising.normalise(name)
            if let known = names[key] { return known }
            names[key] = name
            return name
        }
    }

    /// The cases due or opened in the period, each with what the figures count of it: its
    /// Seguimiento, whether it is exigible, escalated, over the limit, SPC and repeated.
    private static func caseLines(_ sorted: [PremiumCase], period: ReportPeriod, today: CalendarDate, settings: PremiumSettings,
                                  names: AgentNames) -> [CaseLine] {
        let rules = PremiumRules(settings: settings)
        let window = settings.fcr_ventana_dias
        // cuenta|subtipo → the cases, in order of ingreso, to find repeats.
        func repeatKey(_ c: PremiumCase) -> String? {
            guard let cuenta = c.cuenta, let subtipo = c.subtipo else { return nil }
            let k = TextNormalising.normalise(cuenta) + "|" + TextNormalising.normalise(subtipo)
            return k == "|" ? nil : k
        }
        var sameKey: [String: [PremiumCase]] = [:]
        for c in sorted { if let k = repeatKey(c) { sameKey[k, default: []].append(c) } }
        var lines: [CaseLine] = []
        for c in sorted {
            let opened = c.ingreso.map { period.contains($0.day) } ?? false
            let due = c.seguimiento.map(period.contains) ?? false
            guard opened || due else { continue }
            let spc = opened && c.spc == true
            var repeatedBy: String?
            if spc, let k = repeatKey(c), let start = c.ingreso {
                repeatedBy = sameKey[k]?.first { d in
                    guard d.caso != c.caso, let s = d.ingreso else { return false }
                    return start < s && s.day.dayNumber - start.day.dayNumber <= window
                }?.caso
            }
            let seguimiento = rules.seguimiento(c, today: today)
            let exigible = due && (c.seguimiento.map { $0 <= today } ?? false) && seguimiento != .venceHoy
            lines.append(CaseLine(c: c, agent: names.name(c.backoffice), seguimiento: seguimiento, due: due, exigible: exigible, opened: opened,
                                  escalated: rules.isEscalated(c), hours: rules.hoursOpen(c, today: today), alarm: rules.alarm(c, today: today),
                                  spc: spc, repeatedBy: repeatedBy))
        }
        return lines
    }

    /// The surveys dated in the period, each linked to its case (its own caso, else the latest
    /// case of its cuenta opened before it) and its agent.
    private static func surveyLines(_ surveys: [PremiumSurvey], cases sorted: [PremiumCase], period: ReportPeriod, settings: PremiumSettings,
                                    names: AgentNames) -> [SurveyLine] {
        var byCuenta: [String: [PremiumCase]] = [:]
        var byCaso: [String: PremiumCase] = [:]
        for c in sorted {
            byCaso[TextNormalising.normalise(c.caso)] = c
            if let cuenta = c.cuenta { byCuenta[TextNormalising.normalise(cuenta), default: []].append(c) }
        }
        return surveys.filter { period.contains($0.fecha.day) }.sorted { ($0.fecha, $0.sourceFile, $0.row) < ($1.fecha, $1.sourceFile, $1.row) }.map { s in
            var linked = s.caso.flatMap { byCaso[TextNormalising.normalise($0)] }
            if linked == nil, s.caso == nil, let cuenta = s.cuenta {
                linked = byCuenta[TextNormalising.normalise(cuenta)]?.last { ($0.ingreso?.start ?? Int.max) <= s.fecha.end }
            }
            return SurveyLine(survey: s, agent: names.name(s.backoffice ?? linked?.backoffice), band: settings.band(s.score),
                              linkedCaso: linked?.caso ?? s.caso)
        }
    }

    /// The figures per agent, for the operation, and per day (FCR by day of ingreso, NPS by day
    /// of survey).
    private static func figures(_ lines: [CaseLine], _ surveys: [SurveyLine])
        -> (byAgent: [String?: Figures], total: Figures, byDay: [CalendarDate: Figures]) {
        var byAgent: [String?: Figures] = [:], total = Figures()
        var byDay: [CalendarDate: Figures] = [:]
        for l in lines {
            byAgent[l.agent, default: Figures()].add(l)
            total.add(l)
            if l.spc, let day = l.c.ingreso?.day { byDay[day, default: Figures()].add(l) }
        }
        for s in surveys {
            byAgent[s.agent, default: Figures()].add(s)
            total.add(s)
            byDay[s.survey.fecha.day, default: Figures()].add(s)
        }
        return (byAgent, total, byDay)
    }

    public var isEmpty: Bool { lines.isEmpty && surveys.isEmpty }
}

extension PremiumSummary.Figures {
    /// What a case's line adds.
    mutating func add(_ l: PremiumSummary.CaseLine) {
        if l.due { enPeriodo += 1 }
        if l.exigible {
            due += 1
            switch l.seguimiento {
            case .cumplido?: cumplidos += 1
            case .cumplidoTarde?: cumplidosTarde += 1
            case .vencido?: vencidos += 1
            case .venceHoy?, .programado?, nil: break
            }
        } else if l.due {
            porVencer += 1
        }
        if l.opened && l.escalated { escalados += 1 }
        if l.opened && l.alarm { over72 += 1 }
        if l.spc { spc += 1 }
        if l.spc && l.repeatedBy != nil { repeats += 1 }
    }

    /// What a survey's line adds.
    mutating func add(_ s: PremiumSummary.SurveyLine) {
        surveys += 1
        switch s.band {
        case .promotor: promotores += 1
        case .pasivo: pasivos += 1
        case .detractor: detractores += 1
        }
    }
}
