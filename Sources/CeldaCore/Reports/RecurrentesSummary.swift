/// The figures of the *Informe recurrentes y reincidentes* (DOMAIN.md §2.2, §3, §4.3; seed 000
/// step 5) for one period, computed once here; the workbook lays them out.
public struct RecurrentesSummary: Sendable {
    /// A cuenta that was recurrent or reincident on some contact of the period.
    public struct Account: Sendable, Equatable {
        public var cuenta: String
        /// Recurrent on some contact, reincident on some contact, or both.
        public var type: Recurrence.UserType
        /// Its contacts in the period.
        public var contactsInPeriod: Int
        /// The most contacts it made in one day, and in one window, as of its period contacts.
        public var maxSameDay: Int
        public var maxWindow: Int
        /// The most contacts with one causal in one window.
        public var maxSameCausal: Int
        public var lastContact: CalendarDate
        /// Its causales in the period, most contacts first (then code); "" for none.
        public var causals: [String]
        /// Of its last contact in the period: the motivo, the área and the estado.
        public var lastMotivo: String?
        public var lastArea: String?
        public var lastEstado: String
        /// The advisors who took its contacts, most first (then name).
        public var advisors: [String]
    }

    /// An open case past the alarm: `businessDays` ≥ calendar.yaml's `alarm_business_days`.
    public struct Alarm: Sendable, Equatable {
        public var record: CaseRecord
        public var businessDays: Int
    }

    /// One advisor's forms, and how many were filled wrongly (seed 000 step 6).
    public struct AdvisorErrors: Sendable, Equatable {
        public var asesor: String?
        public var forms: Int
        public var formsWithErrors: Int
        public var errors: Int
        public var share: Double { CaseCounting.share(formsWithErrors, of: forms) }
    }

    /// The period's tipificador cases, by day, time, file and row: the *Detalle* order.
    public let cases: [CaseRecord]
    public let open: [Bool]
    /// Business days from each case's day to `today` (días de gestión while open).
    public let businessDays: [Int]
    public let alarmed: [Bool]
    /// The causales the cases carry, by impact: most cases first (then pendientes, then code),
    /// as the consolidado ranks its own.
    public let byCausal: [StatusCount]
    /// The cases without a causal: one line apart, outside the ranking and its chart.
    public let withoutCausal: StatusCount?
    /// The áreas the cases carry, most cases first; the cases without one apart.
    public let byArea: [StatusCount]
    public let withoutArea: StatusCount?
    public let total: StatusCount
    public let accounts: [Account]
    public let alarms: [Alarm]
    /// Advisors with at least one form filled wrongly, most first (then more errors, then
    /// name): five, and everyone tied with the fifth.
    public let topFormErrors: TopRanking<AdvisorErrors>
    /// Every advisor's forms, for the top's total (the team's, not the five's).
    public let teamForms: AdvisorErrors

    public init(cases all: [CaseRecord], history: Recurrence.Index, period: ReportPeriod, today: CalendarDate, templates: Templates) {
        let calendar = templates.businessCalendar
        let mine = all.filter { $0.kind == "tipificador" && period.contains($0.day) }
        // One spelling per advisor (the one used most), so the figures and the pivot count a person once.
        var spellings = Spellings(of: mine.map(\.asesor))
        // An área typed by a person or the form («traslados») reads as the catalog writes it, so
        // one área is one line (COUNTIFS would count both spellings on each).
        var areaCounts: [String: Int] = [:]
        for c in mine { if let a = c.area { areaCounts[a, default: 0] += 1 } }
        for a in templates.tipificador.map(\.area) { areaCounts[a, default: 0] += 1_000_000 }
        var areas = Spellings(counts: areaCounts)
        cases = mine
            .sorted { ($0.day, $0.secondsOfDay ?? 0, $0.sourceFile, $0.row) < ($1.day, $1.secondsOfDay ?? 0, $1.sourceFile, $1.row) }
            .map { c in
                var c = c
                c.asesor = spellings.canonical(c.asesor)
                c.area = areas.canonical(c.area)
                return c
            }
        open = cases.map { CaseCounting.isOpen($0, templates: templates) }
        businessDays = cases.map { calendar.businessDays(from: $0.day, to: today) }
        let limit = templates.calendar.alarm_business_days
        alarmed = zip(open, businessDays).map { $0 && $1 >= limit }
        alarms = zip(cases, zip(alarmed, businessDays)).compactMap { c, a in a.0 ? Alarm(record: c, businessDays: a.1) : nil }

        let (cases, open) = (self.cases, self.open)
        func statusCounts(_ key: (CaseRecord) -> String?) -> (ranked: [StatusCount], blank: StatusCount?) {
            var escalados: [String?: Int] = [:], pendientes: [String?: Int] = [:]
            for (c, isOpen) in zip(cases, open) {
                let k = key(c).flatMap { $0.isEmpty ? nil : $0 }
                escalados[k, default: 0] += 1
                if isOpen { pendientes[k, default: 0] += 1 }
            }
            let ranked = escalados.keys.compactMap { $0 }.map { StatusCount(key: $0, escalados: escalados[$0] ?? 0, pendientes: pendientes[$0] ?? 0) }
                .sorted { a, b in
                    if a.escalados != b.escalados { return a.escalados > b.escalados }
                    if a.pendientes != b.pendientes { return a.pendientes > b.pendientes }
                    return CaseCounting.keyOrder(a.key, b.key)
                }
            let blank = escalados[nil].map { StatusCount(key: nil, escalados: $0, pendientes: pendientes[nil] ?? 0) }
            return (ranked, blank)
        }
        (byCausal, withoutCausal) = statusCounts { $0.causalCode }
        (byArea, withoutArea) = statusCounts { $0.area }
        total = StatusCount(key: nil, escalados: cases.count, pendientes: open.filter { $0 }.count)

        var accounts: [String: Account] = [:]
        var causalsOf: [String: [String: Int]] = [:], advisorsOf: [String: [String: Int]] = [:]
        for c in cases {
            guard let cuenta = c.cuenta, !cuenta.isEmpty else { continue }
            let counts = history.counts(for: Recurrence.Contact(cuenta: cuenta, day: c.day, causalCode: c.causalCode))
            var a = accounts[cuenta] ?? Account(cuenta: cuenta, type: .nuevo, contactsInPeriod: 0, maxSameDay: 0, maxWindow: 0, maxSameCausal: 0,
                                                lastContact: c.day, causals: [], lastMotivo: nil, lastArea: nil, lastEstado: c.estado, advisors: [])
            a.contactsInPeriod += 1
            if let code = c.causalCode, !code.isEmpty { causalsOf[cuenta, default: [:]][code, default: 0] += 1 }
            if let name = c.asesor, !name.isEmpty { advisorsOf[cuenta, default: [:]][name, default: 0] += 1 }
            // Cases come by day, time, file and row: the last one met is the latest contact.
            a.lastMotivo = c.motivo
            a.lastArea = c.area
            a.lastEstado = c.estado
            a.maxSameDay = max(a.maxSameDay, counts.sameDay)
            a.maxWindow = max(a.maxWindow, counts.window)
            a.maxSameCausal = max(a.maxSameCausal, counts.sameCausalInWindow)
            a.lastContact = max(a.lastContact, c.day)
            let recurrent = a.type.isRecurrent || counts.type.isRecurrent
            let reincident = a.type.isReincident || counts.type.isReincident
            a.type = recurrent ? (reincident ? .recurrenteYReincidente : .recurrente) : (reincident ? .reincidente : .nuevo)
            accounts[cuenta] = a
        }
        func byCount(_ counts: [String: Int]?) -> [String] {
            (counts ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : CaseCounting.keyOrder($0.key, $1.key) }.map(\.key)
        }
        for (cuenta, a) in accounts {
            var a = a
            a.causals = byCount(causalsOf[cuenta])
            a.advisors = byCount(advisorsOf[cuenta])
            accounts[cuenta] = a
        }
        self.accounts = accounts.values.filter { $0.type != .nuevo }.sorted { a, b in
            if a.maxWindow != b.maxWindow { return a.maxWindow > b.maxWindow }
            return a.cuenta < b.cuenta
        }

        var forms: [String?: AdvisorErrors] = [:]
        for c in cases {
            var e = forms[c.asesor] ?? AdvisorErrors(asesor: c.asesor, forms: 0, formsWithErrors: 0, errors: 0)
            e.forms += 1
            if !c.formErrors.isEmpty { e.formsWithErrors += 1 }
            e.errors += c.formErrors.count
            forms[c.asesor] = e
        }
        let ranked = forms.values.filter { $0.formsWithErrors > 0 }.sorted { a, b in
            if a.formsWithErrors != b.formsWithErrors { return a.formsWithErrors > b.formsWithErrors }
            if a.errors != b.errors { return a.errors > b.errors }
            return CaseCounting.keyOrder(a.asesor, b.asesor)
        }
        topFormErrors = TopRanking(ranked) { $0.formsWithErrors == $1.formsWithErrors && $0.errors == $1.errors }
        teamForms = forms.values.reduce(AdvisorErrors(asesor: nil, forms: 0, formsWithErrors: 0, errors: 0)) { t, e in
            AdvisorErrors(asesor: nil, forms: t.forms + e.forms, formsWithErrors: t.formsWithErrors + e.formsWithErrors, errors: t.errors + e.errors)
        }
    }
}
