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
    /// Every causal of causales-tipificador.yaml (A–I) in its order, zero or not; then any
    /// other code the cases carry, then the blank one when some case has none.
    public let byCausal: [StatusCount]
    /// The áreas of causales-tipificador.yaml in order of first mention, then others, then blank.
    public let byArea: [StatusCount]
    public let total: StatusCount
    public let accounts: [Account]
    public let alarms: [Alarm]
    /// Advisors with at least one form filled wrongly, most first (then more errors, then
    /// name); at most five.
    public let topFormErrors: [AdvisorErrors]

    public init(cases all: [CaseRecord], history: Recurrence.Index, period: ReportPeriod, today: CalendarDate, templates: Templates) {
        let calendar = templates.businessCalendar
        cases = all.filter { $0.kind == "tipificador" && period.contains($0.day) }
            .sorted { ($0.day, $0.secondsOfDay ?? 0, $0.sourceFile, $0.row) < ($1.day, $1.secondsOfDay ?? 0, $1.sourceFile, $1.row) }
        open = cases.map { CaseCounting.isOpen($0, templates: templates) }
        businessDays = cases.map { calendar.businessDays(from: $0.day, to: today) }
        let limit = templates.calendar.alarm_business_days
        alarmed = zip(open, businessDays).map { $0 && $1 >= limit }
        alarms = zip(cases, zip(alarmed, businessDays)).compactMap { c, a in a.0 ? Alarm(record: c, businessDays: a.1) : nil }

        let (cases, open) = (self.cases, self.open)
        func statusCounts(_ key: (CaseRecord) -> String?, known: [String]) -> [StatusCount] {
            var escalados: [String?: Int] = [:], pendientes: [String?: Int] = [:]
            for (c, isOpen) in zip(cases, open) {
                escalados[key(c), default: 0] += 1
                if isOpen { pendientes[key(c), default: 0] += 1 }
            }
            var seen = Set<String>(), keys: [String?] = []
            for k in known where seen.insert(k).inserted { keys.append(k) }
            keys += escalados.keys.compactMap { $0 }.filter { !seen.contains($0) }.sorted { CaseCounting.keyOrder($0, $1) }
            if escalados[nil] != nil { keys.append(nil) }
            return keys.map { StatusCount(key: $0, escalados: escalados[$0] ?? 0, pendientes: pendientes[$0] ?? 0) }
        }
        byCausal = statusCounts({ $0.causalCode }, known: templates.tipificador.map(\.code))
        byArea = statusCounts({ $0.area }, known: templates.tipificador.map(\.area))
        total = StatusCount(key: nil, escalados: cases.count, pendientes: open.filter { $0 }.count)

        var accounts: [String: Account] = [:]
        for c in cases {
            guard let cuenta = c.cuenta, !cuenta.isEmpty else { continue }
            let counts = history.counts(for: Recurrence.Contact(cuenta: cuenta, day: c.day, causalCode: c.causalCode))
            var a = accounts[cuenta] ?? Account(cuenta: cuenta, type: .nuevo, contactsInPeriod: 0, maxSameDay: 0, maxWindow: 0, maxSameCausal: 0, lastContact: c.day)
            a.contactsInPeriod += 1
            a.maxSameDay = max(a.maxSameDay, counts.sameDay)
            a.maxWindow = max(a.maxWindow, counts.window)
            a.maxSameCausal = max(a.maxSameCausal, counts.sameCausalInWindow)
            a.lastContact = max(a.lastContact, c.day)
            let recurrent = a.type.isRecurrent || counts.type.isRecurrent
            let reincident = a.type.isReincident || counts.type.isReincident
            a.type = recurrent ? (reincident ? .recurrenteYReincidente : .recurrente) : (reincident ? .reincidente : .nuevo)
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
        topFormErrors = Array(forms.values.filter { $0.formsWithErrors > 0 }.sorted { a, b in
            if a.formsWithErrors != b.formsWithErrors { return a.formsWithErrors > b.formsWithErrors }
            if a.errors != b.errors { return a.errors > b.errors }
            return CaseCounting.keyOrder(a.asesor, b.asesor)
        }.prefix(5))
    }
}
