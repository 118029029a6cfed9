/// The figures of the *Consolidado mal escalado soporte* counted one case at a time, so a
/// month of a million stored cases is summed while it streams from the store and never held.
/// `MalEscaladosSummary(cases:…)` is this same loop over an array: one way to count.
public struct MalEscaladosTally: Sendable {
    public let period: ReportPeriod
    /// The day reclamaciones are judged passed or not.
    public let asOf: CalendarDate
    private let rules: CaseCounting.Rules
    private let calendar: BusinessCalendar

    public private(set) var total = 0
    public private(set) var pendientes = 0
    /// *No procede* cases (reclamaciones), and those of them past their due date.
    public private(set) var reclamaciones = 0
    public private(set) var reclamacionesVencidas = 0
    private var causal: [String?: Int] = [:]
    private var rows: [String?: Int] = [:]
    private var procede: [String?: Int] = [:]
    public private(set) var matrix: [String?: [String?: Int]] = [:]

    /// `asOf`: the period's last day when the report has no "today".
    public init(period: ReportPeriod, templates: Templates, asOf: CalendarDate? = nil) {
        self.period = period
        self.asOf = asOf ?? period.last
        rules = CaseCounting.Rules(templates)
        calendar = templates.businessCalendar
    }

    /// A case of the report: a mal-escalados case whose day is in the period. `add` counts no other.
    public func includes(_ c: CaseRecord) -> Bool { c.kind == MalEscaladosKind.id && period.contains(c.day) }

    /// Counts the case (if `includes` it); returns it as a reclamación when it is one.
    @discardableResult
    public mutating func add(_ c: CaseRecord) -> MalEscaladosSummary.Reclamacion? {
        guard includes(c) else { return nil }
        total += 1
        let isOpen = rules.isOpen(c)
        if isOpen { pendientes += 1 }
        causal[c.causalCode, default: 0] += 1
        rows[c.asesor, default: 0] += 1
        if rules.isProcede(c) { procede[c.asesor, default: 0] += 1 }
        matrix[c.asesor, default: [:]][c.causalCode, default: 0] += 1
        guard rules.isNoProcede(c) else { return nil }
        var due = c.firstSeen.adding(days: 1)
        while !calendar.isBusinessDay(due) { due = due.adding(days: 1) }
        let r = MalEscaladosSummary.Reclamacion(record: c, sent: c.firstSeen, due: due, passed: isOpen && asOf > due)
        reclamaciones += 1
        if r.passed { reclamacionesVencidas += 1 }
        return r
    }

    public var solucionados: Int { total - pendientes }
    /// Cases per primary causal code, ranked by count then code (blank causal last on ties).
    public var byCausal: [KeyCount] {
        CaseCounting.ranked(causal).map { KeyCount(key: $0.key, count: $0.count, share: CaseCounting.share($0.count, of: total)) }
    }
    /// Every advisor, ranked by procede cases, then rows, then name.
    public var byAdvisor: [MalEscaladosSummary.AdvisorCount] {
        rows.map { MalEscaladosSummary.AdvisorCount(asesor: $0.key, rows: $0.value, procede: procede[$0.key] ?? 0) }.sorted { a, b in
            if a.procede != b.procede { return a.procede > b.procede }
            if a.rows != b.rows { return a.rows > b.rows }
            return CaseCounting.keyOrder(a.asesor, b.asesor)
        }
    }
    /// The advisors with most procede cases (at most five, none with zero).
    public var topAdvisors: [MalEscaladosSummary.AdvisorCount] { Array(byAdvisor.filter { $0.procede > 0 }.prefix(5)) }
    /// The advisors in the order of `byAdvisor`.
    public var advisors: [String?] { byAdvisor.map(\.asesor) }
    /// The causal codes in ranking order.
    public var causals: [String?] { byCausal.map(\.key) }
    public func count(asesor: String?, causal: String?) -> Int { matrix[asesor]?[causal] ?? 0 }
}
