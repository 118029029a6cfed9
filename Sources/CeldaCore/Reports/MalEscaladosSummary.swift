/// The figures of the *Consolidado mal escalado soporte* (DOMAIN.md §2.1, §3, §4.2; seed 002
/// steps 4–6) for one period: every figure the workbook shows, computed here once, so the
/// workbook only lays them out (and its formulas must come to the same numbers).
public struct MalEscaladosSummary: Sendable {
    /// One advisor's line: rows sent, of which *procede* (mal escaladas by the advisor).
    public struct AdvisorCount: Sendable, Equatable {
        public var asesor: String?
        public var rows: Int
        public var procede: Int
        /// % cuentas mal escaladas (DOMAIN.md §3) as a fraction: procede / rows.
        public var share: Double { CaseCounting.share(procede, of: rows) }
    }

    /// A *no procede* case: Gestión Soporte's error, claimed back within 24 h (seed 002 step 4).
    public struct Reclamacion: Sendable, Equatable {
        public var record: CaseRecord
        /// When it was sent: the day the history first saw it.
        public var sent: CalendarDate
        /// The answer is due 24 h after it was sent; counted in business days, that is the next
        /// business day after `sent` (a case seen on Friday is due on Monday, or Tuesday after a
        /// holiday Monday).
        public var due: CalendarDate
        /// Still open and `asOf` is after the due date.
        public var passed: Bool
    }

    /// The period's mal-escalados cases, by day, then file and row: the *Detalle* order.
    public let cases: [CaseRecord]
    public let open: [Bool]
    public var total: Int { cases.count }
    public let pendientes: Int
    public var solucionados: Int { total - pendientes }
    /// Cases per primary causal code, ranked by count then code (blank causal last on ties).
    public let byCausal: [KeyCount]
    /// Every advisor, ranked by procede cases, then rows, then name.
    public let byAdvisor: [AdvisorCount]
    /// The advisors with most procede cases (at most five, none with zero).
    public let topAdvisors: [AdvisorCount]
    /// Asesor × causal counts, keyed `[asesor][causal]`.
    public let matrix: [String?: [String?: Int]]
    public let reclamaciones: [Reclamacion]

    /// `asOf`: the day the reclamaciones are judged passed or not (the period's last day when
    /// the report has no "today").
    public init(cases all: [CaseRecord], period: ReportPeriod, templates: Templates, asOf: CalendarDate? = nil) {
        let calendar = templates.businessCalendar
        let asOf = asOf ?? period.last
        cases = all.filter { $0.kind == "mal-escalados" && period.contains($0.day) }
            .sorted { ($0.day, $0.secondsOfDay ?? 0, $0.sourceFile, $0.row) < ($1.day, $1.secondsOfDay ?? 0, $1.sourceFile, $1.row) }
        open = cases.map { CaseCounting.isOpen($0, templates: templates) }
        pendientes = open.filter { $0 }.count

        var causal: [String?: Int] = [:], rows: [String?: Int] = [:], procede: [String?: Int] = [:]
        var matrix: [String?: [String?: Int]] = [:]
        for c in cases {
            causal[c.causalCode, default: 0] += 1
            rows[c.asesor, default: 0] += 1
            if CaseCounting.isProcede(c, templates: templates) { procede[c.asesor, default: 0] += 1 }
            matrix[c.asesor, default: [:]][c.causalCode, default: 0] += 1
        }
        let total = cases.count
        byCausal = CaseCounting.ranked(causal).map { KeyCount(key: $0.key, count: $0.count, share: CaseCounting.share($0.count, of: total)) }
        byAdvisor = rows.map { AdvisorCount(asesor: $0.key, rows: $0.value, procede: procede[$0.key] ?? 0) }.sorted { a, b in
            if a.procede != b.procede { return a.procede > b.procede }
            if a.rows != b.rows { return a.rows > b.rows }
            return CaseCounting.keyOrder(a.asesor, b.asesor)
        }
        topAdvisors = Array(byAdvisor.filter { $0.procede > 0 }.prefix(5))
        self.matrix = matrix

        var reclamaciones: [Reclamacion] = []
        for (c, isOpen) in zip(cases, open) where CaseCounting.isNoProcede(c, templates: templates) {
            var due = c.firstSeen.adding(days: 1)
            while !calendar.isBusinessDay(due) { due = due.adding(days: 1) }
            reclamaciones.append(Reclamacion(record: c, sent: c.firstSeen, due: due, passed: isOpen && asOf > due))
        }
        self.reclamaciones = reclamaciones
    }

    /// The advisors in the order of `byAdvisor`.
    public var advisors: [String?] { byAdvisor.map(\.asesor) }
    /// The causal codes in ranking order.
    public var causals: [String?] { byCausal.map(\.key) }
    public func count(asesor: String?, causal: String?) -> Int { matrix[asesor]?[causal] ?? 0 }
}
