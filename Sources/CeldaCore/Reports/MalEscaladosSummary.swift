/// The figures of the *Consolidado mal escalado soporte* (DOMAIN.md §2.1, §3, §4.2; seed 002
/// steps 4–6) for one period: every figure the workbook shows, computed here once, so the
/// workbook only lays them out (and its formulas must come to the same numbers).
public struct MalEscaladosSummary: Sendable {
    /// One advisor's line: the advisor's rows, of which *procede* (mal escaladas by the advisor),
    /// and every row the client sent in the period.
    public struct AdvisorCount: Sendable, Equatable {
        public var asesor: String?
        public var rows: Int
        public var procede: Int
        public var sent: Int
        /// % cuentas mal escaladas por asesor (seed 002 §5) as a fraction: procede / every row sent.
        public var share: Double { CaseCounting.share(procede, of: sent) }
        /// % de sus escalamientos: procede / the advisor's own rows.
        public var ownShare: Double { CaseCounting.share(procede, of: rows) }

        /// More errors first; then the name (a tie by errors is a tie by the seed's %).
        static func ranking(_ a: AdvisorCount, _ b: AdvisorCount) -> Bool {
            a.procede != b.procede ? a.procede > b.procede : CaseCounting.keyOrder(a.asesor, b.asesor)
        }
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
        /// Gestión Soporte's answer, when it came.
        public var answer: ReclamacionAnswers.Answer?
        /// Not answered, and the report's day is after the due date.
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
    /// The error types (procede with a causal), ranked by count then code.
    public let byCausal: [KeyCount]
    /// Every advisor, ranked by errors, then name.
    public let byAdvisor: [AdvisorCount]
    /// The advisors with most errors, ties at the last place kept.
    public let topAdvisors: TopRanking<AdvisorCount>
    public let reclamaciones: [Reclamacion]

    /// `asOf`: the day the reclamaciones are judged passed or not (the period's last day when
    /// the report has no "today").
    public init(cases all: [CaseRecord], period: ReportPeriod, templates: Templates, asOf: CalendarDate? = nil) {
        var tally = MalEscaladosTally(period: period, templates: templates, asOf: asOf,
                                      names: NameCounts(all.filter { $0.kind == MalEscaladosKind.id && period.contains($0.day) }))
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
    /// The causal codes of the error types in ranking order.
    public var causals: [String] { tally.causals }
    public func count(asesor: String?, causal: String?) -> Int { tally.count(asesor: asesor, causal: causal) }
}
