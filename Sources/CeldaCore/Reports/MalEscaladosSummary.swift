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
    /// The figures, counted by `MalEscaladosTally` over `cases`.
    public let tally: MalEscaladosTally
    public var total: Int { tally.total }
    public var pendientes: Int { tally.pendientes }
    public var solucionados: Int { tally.solucionados }
    /// Cases per primary causal code, ranked by count then code (blank causal last on ties).
    public let byCausal: [KeyCount]
    /// Every advisor, ranked by procede cases, then rows, then name.
    public let byAdvisor: [AdvisorCount]
    /// The advisors with most procede cases (at most five, none with zero).
    public let topAdvisors: [AdvisorCount]
    /// Asesor × causal counts, keyed `[asesor][causal]`.
    public var matrix: [String?: [String?: Int]] { tally.matrix }
    public let reclamaciones: [Reclamacion]

    /// `asOf`: the day the reclamaciones are judged passed or not (the period's last day when
    /// the report has no "today").
    public init(cases all: [CaseRecord], period: ReportPeriod, templates: Templates, asOf: CalendarDate? = nil) {
        var tally = MalEscaladosTally(period: period, templates: templates, asOf: asOf)
        cases = Self.ordered(all, tally: tally)
        var reclamaciones: [Reclamacion] = []
        for c in cases {
            if let r = tally.add(c) { reclamaciones.append(r) }
        }
        let rules = CaseCounting.Rules(templates)
        open = cases.map(rules.isOpen)
        self.tally = tally
        self.reclamaciones = reclamaciones
        byCausal = tally.byCausal
        byAdvisor = tally.byAdvisor
        topAdvisors = tally.topAdvisors
    }

    /// The cases of the report among `all`, in the *Detalle* order — the order the store reads
    /// a period in (`HistoryStore.forEachCase`): by day, time (a case without one first), file
    /// (by its UTF-8 bytes) and row.
    public static func ordered(_ all: [CaseRecord], tally: MalEscaladosTally) -> [CaseRecord] {
        all.filter(tally.includes).sorted { a, b in
            if a.day != b.day { return a.day < b.day }
            if a.secondsOfDay != b.secondsOfDay { return (a.secondsOfDay ?? -1) < (b.secondsOfDay ?? -1) }
            if a.sourceFile != b.sourceFile { return a.sourceFile.utf8.lexicographicallyPrecedes(b.sourceFile.utf8) }
            return a.row < b.row
        }
    }

    /// The advisors in the order of `byAdvisor`.
    public var advisors: [String?] { byAdvisor.map(\.asesor) }
    /// The causal codes in ranking order.
    public var causals: [String?] { byCausal.map(\.key) }
    public func count(asesor: String?, causal: String?) -> Int { tally.count(asesor: asesor, causal: causal) }
}
