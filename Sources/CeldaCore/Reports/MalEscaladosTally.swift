/// The figures of the *Consolidado mal escalado soporte* counted one case at a time, so a
/// month of a million stored cases is summed while it streams from the store and never held.
/// `MalEscaladosSummary(cases:…)` is this same loop over an array: one way to count.
///
/// The definitions are seed 002's (§5, steps 4–6); README › *Las cifras* lists them:
/// - rows sent: every row of the period, whatever it holds;
/// - an error type (*causal*): the rows judged *procede* with that causal; rows without a causal
///   or not decided yet are one line apart («Sin causal — por revisar»), *no procede* rows are
///   Gestión Soporte's (reclamaciones), and neither is an error type;
/// - % cuentas mal escaladas por asesor: the advisor's *procede* rows / every row sent × 100;
///   the advisor's own rate (procede / the advisor's rows) is a second figure;
/// - % recurrencia por tipo de error: the rows of that error type / every row sent × 100.
public struct MalEscaladosTally: Sendable {
    public let period: ReportPeriod
    /// The day reclamaciones are judged overdue or not.
    public let asOf: CalendarDate
    private let rules: CaseCounting.Rules
    private let calendar: BusinessCalendar
    private let answers: ReclamacionAnswers

    public private(set) var total = 0
    public private(set) var pendientes = 0
    /// Rows in no error type: no causal, or not decided (`MalEscaladoClass.porRevisar`).
    public private(set) var porRevisar = 0
    /// *No procede* rows: the reclamaciones.
    public private(set) var reclamaciones = 0
    /// Reclamaciones Gestión Soporte accepted, rejected, has not answered yet within the 24 h,
    /// and has not answered past them.
    public private(set) var aceptadas = 0
    public private(set) var rechazadas = 0
    public private(set) var sinRespuesta = 0
    public private(set) var reclamacionesVencidas = 0
    private var errors: [String: Int] = [:]
    private var rows: [String?: Int] = [:]
    private var procede: [String?: Int] = [:]
    private var byClass: [String?: [MalEscaladoClass: Int]] = [:]
    private var days: [CalendarDate: Span] = [:]
    private var asesores: Spellings, supervisors: Spellings

    /// `asOf`: the period's last day when the report has no "today"; `names`: how many of the
    /// period's rows give each spelling of an advisor and of a supervisor (`Spellings`).
    public init(period: ReportPeriod, templates: Templates, asOf: CalendarDate? = nil, names: NameCounts = NameCounts()) {
        asesores = Spellings(counts: names.asesores)
        supervisors = Spellings(counts: names.supervisors)
        self.period = period
        self.asOf = asOf ?? period.last
        rules = CaseCounting.Rules(templates)
        calendar = templates.businessCalendar
        answers = ReclamacionAnswers(templates)
    }

    /// A case of the report: a mal-escalados case whose day is in the period. `add` counts no other.
    public func includes(_ c: CaseRecord) -> Bool { c.kind == MalEscaladosKind.id && period.contains(c.day) }

    /// What the case counts as.
    public func classify(_ c: CaseRecord) -> MalEscaladoClass { rules.classify(c) }

    /// The case as the report shows it: its advisor and supervisor in the spelling the report
    /// keeps for them (`Spellings`), and without an answer of Gestión Soporte dated after the
    /// report's day (a past week reads as it was then). What Detalle writes and `add` counts.
    public mutating func canonical(_ c: CaseRecord) -> CaseRecord {
        var c = c
        c.asesor = asesores.canonical(c.asesor)
        c.supervisor = supervisors.canonical(c.supervisor)
        if let answered = c.respuestaFecha, answered > asOf {
            c.respuesta = nil
            c.respuestaFecha = nil
        }
        return c
    }

    /// Counts the case (if `includes` it); returns it as a reclamación when it is one.
    @discardableResult
    public mutating func add(_ raw: CaseRecord) -> MalEscaladosSummary.Reclamacion? {
        guard includes(raw) else { return nil }
        let c = canonical(raw)
        total += 1
        if rules.isOpen(c) { pendientes += 1 }
        let kind = rules.classify(c)
        rows[c.asesor, default: 0] += 1
        if rules.isProcede(c) { procede[c.asesor, default: 0] += 1 }
        byClass[c.asesor, default: [:]][kind, default: 0] += 1
        days[c.day, default: Span(first: c.day, last: c.day)].add(kind)
        switch kind {
        case .error(let code): errors[code, default: 0] += 1
        case .porRevisar: porRevisar += 1
        case .noProcede: break
        }
        guard kind == .noProcede else { return nil }
        var due = c.firstSeen.adding(days: 1)
        while !calendar.isBusinessDay(due) { due = due.adding(days: 1) }
        let answer = answers.answer(c.respuesta)
        let r = MalEscaladosSummary.Reclamacion(record: c, sent: c.firstSeen, due: due, answer: answer,
                                                passed: answer == nil && asOf > due)
        reclamaciones += 1
        switch answer {
        case .aceptada?: aceptadas += 1
        case .rechazada?: rechazadas += 1
        case nil: if r.passed { reclamacionesVencidas += 1 } else { sinRespuesta += 1 }
        }
        return r
    }

    public var solucionados: Int { total - pendientes }
    /// The advisors' errors (*procede* rows with a causal) per causal code, ranked by count then
    /// code; each share is of every row sent.
    public var byCausal: [KeyCount] {
        CaseCounting.ranked(Dictionary(uniqueKeysWithValues: errors.map { ($0.key as String?, $0.value) }))
            .map { KeyCount(key: $0.key, count: $0.count, share: CaseCounting.share($0.count, of: total)) }
    }
    /// Rows of an error type: the sum of `byCausal`.
    public var errorRows: Int { errors.values.reduce(0, +) }
    /// Every advisor, ranked by errors (*procede*), then name.
    public var byAdvisor: [MalEscaladosSummary.AdvisorCount] {
        rows.map { MalEscaladosSummary.AdvisorCount(asesor: $0.key, rows: $0.value, procede: procede[$0.key] ?? 0, sent: total) }
            .sorted(by: MalEscaladosSummary.AdvisorCount.ranking)
    }
    /// The advisors with most errors: five, and everyone tied with the fifth (at most ten rows;
    /// the ranking says how many more share the last place).
    public var topAdvisors: TopRanking<MalEscaladosSummary.AdvisorCount> {
        TopRanking(byAdvisor.filter { $0.procede > 0 }) { $0.procede == $1.procede }
    }
    /// Every *procede* row, with a causal or not: the team's errors.
    public var procedeRows: Int { procede.values.reduce(0, +) }
    /// The advisors in the order of `byAdvisor`.
    public var advisors: [String?] { byAdvisor.map(\.asesor) }
    /// The causal codes of the error types in ranking order.
    public var causals: [String] { byCausal.compactMap(\.key) }
    /// Rows of the advisor that count as `kind`.
    public func count(asesor: String?, _ kind: MalEscaladoClass) -> Int { byClass[asesor]?[kind] ?? 0 }
    /// Rows of the advisor with an error of causal `causal` (nil: the rows to review).
    public func count(asesor: String?, causal: String?) -> Int { count(asesor: asesor, causal.map(MalEscaladoClass.error) ?? .porRevisar) }

    /// Cases, errors and errors per causal over some days of the period.
    public struct Span: Sendable, Equatable {
        public var first: CalendarDate
        public var last: CalendarDate
        public var total = 0
        public var errors = 0
        public var byCausal: [String: Int] = [:]

        mutating func add(_ kind: MalEscaladoClass) {
            total += 1
            if let code = kind.errorCode { errors += 1; byCausal[code, default: 0] += 1 }
        }

        mutating func add(_ other: Span) {
            total += other.total
            errors += other.errors
            for (k, v) in other.byCausal { byCausal[k, default: 0] += v }
        }
    }

    /// How the period went (seed 002 step 8): day by day for a week, week by week (Monday to
    /// Sunday, cut at the month's ends) for a month; empty for a day.
    public var evolution: [Span] {
        switch period.length {
        case .day: return []
        case .week:
            return (0...(period.last.dayNumber - period.first.dayNumber)).map { i in
                let d = period.first.adding(days: i)
                return days[d] ?? Span(first: d, last: d)
            }
        case .month:
            var spans: [Span] = []
            var start = period.first
            while start <= period.last {
                var end = start
                while end < period.last && end.weekday != 7 { end = end.adding(days: 1) }
                var span = Span(first: start, last: end)
                var d = start
                while d <= end { if let s = days[d] { span.add(s) }; d = d.adding(days: 1) }
                spans.append(span)
                start = end.adding(days: 1)
            }
            return spans
        }
    }
}

/// How many rows give each spelling of an advisor's and of a supervisor's name.
public struct NameCounts: Sendable, Equatable {
    public var asesores: [String: Int]
    public var supervisors: [String: Int]
    /// The cases counted (nil: not known).
    public var rows: Int?
    public init(asesores: [String: Int] = [:], supervisors: [String: Int] = [:], rows: Int? = nil) {
        self.asesores = asesores
        self.supervisors = supervisors
        self.rows = rows
    }

    /// Counted from cases held in memory.
    public init(_ cases: [CaseRecord]) {
        self.init(rows: cases.count)
        for c in cases {
            if let a = c.asesor { asesores[a, default: 0] += 1 }
            if let s = c.supervisor { supervisors[s, default: 0] += 1 }
        }
    }
}

/// The first places of a ranking without cutting a tie: `size` items and every one tied with
/// the last of them, at most `cap` rows; `more` counts the tied ones left out.
public struct TopRanking<Item: Sendable & Equatable>: Sendable, Equatable {
    public let shown: [Item]
    /// Items tied with the last shown that did not fit in `cap` rows.
    public let more: Int

    /// `ranked`: best first; `tied`: whether two items share a place.
    public init(_ ranked: [Item], size: Int = 5, cap: Int = 10, tied: (Item, Item) -> Bool) {
        guard ranked.count > size else {
            shown = ranked
            more = 0
            return
        }
        var end = size
        while end < ranked.count && tied(ranked[end], ranked[size - 1]) { end += 1 }
        shown = Array(ranked.prefix(min(end, max(cap, size))))
        more = end - shown.count
    }
}

/// Gestión Soporte's answer to a reclamación as estados.yaml words it (`respuestas_reclamacion`).
public struct ReclamacionAnswers: Sendable {
    public enum Answer: Sendable, Equatable { case aceptada, rechazada }
    let accepted: String
    let rejected: String
    public let labels: [String]

    public init(_ templates: Templates) {
        // Two distinct words: Templates.validate() refuses anything else.
        labels = templates.estados.respuestasReclamacion
        accepted = TextNormalising.normalise(labels[0])
        rejected = TextNormalising.normalise(labels[1])
    }

    /// The answer a typed value stands for (accents, case and spacing ignored); nil for none.
    public func answer(_ typed: String?) -> Answer? {
        switch typed.map(TextNormalising.normalise) {
        case accepted?: return .aceptada
        case rejected?: return .rechazada
        default: return nil
        }
    }

    /// The word of an answer as the templates give it.
    public func label(_ a: Answer) -> String {
        switch a {
        case .aceptada: return labels[0]
        case .rechazada: return labels[1]
        }
    }
}
