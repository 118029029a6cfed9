/// The figures of the *Compromisos de mejoramiento* (DOMAIN.md §4.4; seed 002 step 7, seed 000
/// step 6) for one period: each advisor who erred, the errors one by one, totals per causal
/// beside the team's average, and the procedure to print for each causal. The workbook only
/// lays these out.
///
/// An error is a mal-escalados case judged *procede* (the advisor escalated wrongly), or one
/// form error of a tipificador form (a form with two errors is two errors). Advisors are
/// grouped by their name ignoring accents, case and spacing ("ANA PÉREZ" is "Ana Pérez"), and
/// shown with the spelling their rows use most.
public struct FeedbackSummary: Sendable {
    public enum Source: String, Sendable { case malEscalado = "mal-escalados", formulario = "tipificador" }

    /// One error, as the advisor's case list shows it.
    public struct ErrorCase: Sendable, Equatable {
        public var record: CaseRecord
        public var source: Source
        /// The causal code (`ME11`) or the form error's code (`cuenta-invalida`); "" when a
        /// person marked the case *procede* without a causal.
        public var code: String
        public var label: String
        /// What shows it: the rules' evidence, or the form error's words.
        public var evidence: String?
    }

    /// One causal among an advisor's errors.
    public struct CausalTotal: Sendable, Equatable {
        public var source: Source
        public var code: String
        public var label: String
        public var count: Int
        /// `count` as a fraction (0…1) of the advisor's errors.
        public var share: Double
        /// The team's errors of this causal per advisor of the team (the advisors with at least
        /// one row of that kind of base in the period), to set the advisor's count beside.
        public var teamAverage: Double
        /// The correct procedure (Templates), nil when the templates have none for the code.
        public var procedure: String?
    }

    public struct Advisor: Sendable, Equatable {
        public var asesor: String
        public var documento: String?
        public var supervisor: String?
        /// Mal-escalados rows the advisor sent in the period, and of those, *procede*.
        public var escalated: Int
        public var procede: Int
        /// Tipificador forms the advisor filled, and of those, with at least one error.
        public var forms: Int
        public var formsWithErrors: Int
        /// By day, time, file and row.
        public var errors: [ErrorCase]
        /// Ranked by count, then code.
        public var totals: [CausalTotal]
        /// Every mal-escalados row the client sent in the period (all advisors).
        public var sent: Int
        /// % cuentas mal escaladas (seed 002 §5) as a fraction: procede / every row sent.
        public var share: Double { CaseCounting.share(procede, of: sent) }
        /// % de sus escalamientos: procede / the advisor's own rows.
        public var ownShare: Double { CaseCounting.share(procede, of: escalated) }
    }

    public let period: ReportPeriod
    /// Every advisor with at least one error, most errors first (then name).
    public let advisors: [Advisor]
    /// Errors whose row names no advisor: they cannot be fed back, and the Resumen says how many.
    public let withoutAdvisor: Int
    /// The team's % cuentas mal escaladas: procede / rows sent, over every advisor.
    public let teamShare: Double
    /// Mal-escalados rows the client sent in the period, and the advisors who sent them.
    public let sent: Int
    public let advisorsWhoSent: Int
    /// The seed's % of an average advisor of the team: the team's share over its advisors.
    public var teamAverageShare: Double { advisorsWhoSent == 0 ? 0 : teamShare / Double(advisorsWhoSent) }
    /// The day the plan's follow-up is proposed for: `seguimiento_dias_habiles` business days
    /// after the period ends.
    public let followUp: CalendarDate

    /// `cases` may hold both kinds and any days: only the period's count. `asesor`, when given,
    /// keeps the advisors whose name is it, or failing that contains it (accents and case ignored).
    public init(cases all: [CaseRecord], period: ReportPeriod, templates: Templates, asesor wanted: String? = nil) {
        self.period = period
        let cases = all.filter { period.contains($0.day) }
            .sorted { ($0.day, $0.secondsOfDay ?? 0, $0.sourceFile, $0.row) < ($1.day, $1.secondsOfDay ?? 0, $1.sourceFile, $1.row) }
        var groups: [String: AdvisorGroup] = [:]
        var teams: [Source: Set<String>] = [:]
        var teamErrors: [Source: [String: Int]] = [:]
        var withoutAdvisor = 0, sent = 0, procede = 0
        for c in cases {
            guard let source = Source(rawValue: c.kind) else { continue }
            let errors = Self.errors(of: c, source: source, templates: templates)
            if source == .malEscalado {
                sent += 1
                if !errors.isEmpty { procede += 1 }
            }
            guard let name = c.asesor.flatMap({ $0.isEmpty ? nil : $0 }) else { withoutAdvisor += errors.count; continue }
            let id = TextNormalising.normalise(name)
            groups[id, default: AdvisorGroup()].add(c, name: name, source: source, errors: errors)
            teams[source, default: []].insert(id)
            for e in errors { teamErrors[source, default: [:]][e.code, default: 0] += 1 }
        }
        self.withoutAdvisor = withoutAdvisor
        teamShare = CaseCounting.share(procede, of: sent)
        self.sent = sent
        advisorsWhoSent = teams[.malEscalado]?.count ?? 0
        var followUp = period.last
        let calendar = templates.businessCalendar
        for _ in 0..<templates.compromisos.seguimiento_dias_habiles {
            repeat { followUp = followUp.adding(days: 1) } while !calendar.isBusinessDay(followUp)
        }
        self.followUp = followUp

        let selected = Self.select(Array(groups.keys), wanted: wanted)
        advisors = selected.compactMap { id -> Advisor? in
            guard let g = groups[id], !g.errors.isEmpty else { return nil }
            var counts: [Source: [String: (label: String, count: Int)]] = [:]
            for e in g.errors { counts[e.source, default: [:]][e.code, default: (e.label, 0)].count += 1 }
            let totals = counts.flatMap { source, byCode in
                byCode.map { code, v in
                    CausalTotal(source: source, code: code, label: v.label, count: v.count, share: CaseCounting.share(v.count, of: g.errors.count),
                                teamAverage: Double(teamErrors[source]?[code] ?? 0) / Double(max(teams[source]?.count ?? 1, 1)),
                                procedure: Self.procedure(source: source, code: code, templates: templates))
                }
            }.sorted { a, b in a.count != b.count ? a.count > b.count : (a.source.rawValue, a.code) < (b.source.rawValue, b.code) }
            return Advisor(asesor: g.mostUsed(g.names) ?? id, documento: g.mostUsed(g.documentos), supervisor: g.mostUsed(g.supervisors),
                           escalated: g.escalated, procede: g.procede, forms: g.forms, formsWithErrors: g.formsWithErrors,
                           errors: g.errors, totals: totals, sent: sent)
        }.sorted { a, b in
            a.errors.count != b.errors.count ? a.errors.count > b.errors.count : CaseCounting.keyOrder(a.asesor, b.asesor)
        }
    }

    /// The errors one case holds for its advisor.
    static func errors(of c: CaseRecord, source: Source, templates: Templates) -> [ErrorCase] {
        switch source {
        case .malEscalado:
            guard CaseCounting.isProcede(c, templates: templates) else { return [] }
            let code = c.causalCode ?? ""
            let label = templates.malEscalados.first { $0.code == code }?.label ?? c.causal ?? ""
            return [ErrorCase(record: c, source: source, code: code, label: label, evidence: c.evidence)]
        case .formulario:
            return c.formErrors.map { e in
                ErrorCase(record: c, source: source, code: e.code.rawValue,
                          label: templates.compromisos.formError(e.code)?.label ?? e.code.rawValue, evidence: e.message)
            }
        }
    }

    static func procedure(source: Source, code: String, templates: Templates) -> String? {
        switch source {
        case .malEscalado: return templates.malEscalados.first { $0.code == code }?.procedimiento
        case .formulario: return FormError.Code(rawValue: code).flatMap { templates.compromisos.formError($0)?.procedimiento }
        }
    }

    /// The advisors `wanted` names: an exact match (normalised) if there is one, else every
    /// advisor whose name contains it. All of them when nothing is wanted.
    static func select(_ ids: [String], wanted: String?) -> [String] {
        guard let wanted else { return ids }
        let w = TextNormalising.normalise(wanted)
        if ids.contains(w) { return [w] }
        return w.isEmpty ? [] : ids.filter { $0.contains(w) }
    }
}

/// What one advisor's rows add up to while the cases are read.
private struct AdvisorGroup {
    var names: [String: Int] = [:]
    var documentos: [String: Int] = [:]
    var supervisors: [String: Int] = [:]
    var escalated = 0, procede = 0, forms = 0, formsWithErrors = 0
    var errors: [FeedbackSummary.ErrorCase] = []

    mutating func add(_ c: CaseRecord, name: String, source: FeedbackSummary.Source, errors new: [FeedbackSummary.ErrorCase]) {
        for value in [name, c.asesorID ?? "", c.supervisor ?? ""] where !value.isEmpty && firstMet[value] == nil {
            firstMet[value] = firstMet.count
        }
        names[name, default: 0] += 1
        if let d = c.asesorID, !d.isEmpty { documentos[d, default: 0] += 1 }
        if let s = c.supervisor, !s.isEmpty { supervisors[s, default: 0] += 1 }
        switch source {
        case .malEscalado:
            escalated += 1
            if !new.isEmpty { procede += 1 }
        case .formulario:
            forms += 1
            if !new.isEmpty { formsWithErrors += 1 }
        }
        errors += new
    }

    /// The order each value was first met in (by day, file and row), for ties.
    var firstMet: [String: Int] = [:]

    /// The value the advisor's rows give most; on a tie, the one their earliest row gives (not
    /// the one that sorts first, which would put "DIANA RAMIREZ" over "Diana Ramírez").
    func mostUsed(_ counts: [String: Int]) -> String? {
        counts.max { a, b in
            a.value != b.value ? a.value < b.value : (firstMet[a.key] ?? .max) > (firstMet[b.key] ?? .max)
        }?.key
    }
}
