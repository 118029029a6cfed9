import CeldaCore
import CeldaStore

/// What the history adds to a batch's outcomes: días de gestión from the day a case was first
/// seen, the form's errors among the rows' issues; then what a person typed. (Recurrence is
/// the tipificador decider's, counted with the history's contacts between the passes.)
struct HistoryEnrichment {
    let kind: any BaseKind
    let templates: Templates
    let today: CalendarDate
    /// Where first-seen days come from: the open transaction of the base's ingest (nil: no history).
    var lookup: FirstSeenLookup?

    init(kind: any BaseKind, templates: Templates, today: CalendarDate, lookup: FirstSeenLookup?) {
        self.kind = kind
        self.templates = templates
        self.today = today
        self.lookup = lookup
    }

    struct Result {
        var outcomes: [RowOutcome]
        /// Case key of each record, in record order.
        var keys: [String]
        /// The day each case was first seen (today for a new one).
        var firstSeen: [String: CalendarDate]
    }

    /// The outcomes as written and stored: the history's additions, then what a person typed in
    /// a returning gestionado (which wins).
    func settle(_ decided: [RowOutcome], records: [Record], issues: [RowIssue], edits: [Int: HumanEdits]) throws -> Result {
        var result = try enrich(decided, records: records, issues: issues)
        if !edits.isEmpty { result.outcomes = EditsApplier(kind: kind, templates: templates).apply(edits, to: result.outcomes) }
        return result
    }

    func enrich(_ outcomes: [RowOutcome], records: [Record], issues: [RowIssue]) throws -> Result {
        var out = outcomes
        let columns = Set(kind.columns.map(\.content))
        // Without a history there is no first day to look up and no case to store: no keys.
        guard let lookup else {
            if columns.contains(.formErrors) { addFormErrors(&out, issues: issues) }
            return Result(outcomes: out, keys: [], firstSeen: [:])
        }
        let keys = records.map { CaseRecord.key(kind: kind, record: $0) }
        let known = try lookup.firstSeen(kind: kind.id, keys: Set(keys))
        var firstSeen: [String: CalendarDate] = [:]
        for key in keys { firstSeen[key] = known[key] ?? today }
        let clock = CaseClock(kind: kind, calendar: templates.businessCalendar)
        // Only kinds that show días de gestión count them (premium's alarm is in hours, its own).
        for i in out.indices where columns.contains(.diasGestion) {
            // A case the history saw before counts from that first day (DOMAIN: días de gestión
            // run while it stays open, across bases).
            if let seen = known[keys[i]] {
                var start = seen
                if case .date(let own, _)? = records[i].fields[kind.dateField], own < seen { start = own }
                clock.count(&out[i], from: start, today: today)
            }
        }
        if columns.contains(.formErrors) { addFormErrors(&out, issues: issues) }
        return Result(outcomes: out, keys: keys, firstSeen: firstSeen)
    }

    /// Missing required values and invalid accounts are the filler's errors too.
    private func addFormErrors(_ outcomes: inout [RowOutcome], issues: [RowIssue]) {
        let index = Dictionary(outcomes.enumerated().map { ($0.element.row, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for issue in issues {
            if let error = FormError(issue: issue), let i = index[issue.row] { outcomes[i].formErrors.insert(error, at: 0) }
        }
    }
}

extension HistoryEnrichment.Result {
    /// The cases to store for these records (their settled outcomes), and what a person typed
    /// for them by case key.
    func cases(records: [Record], kind: any BaseKind, edits: [Int: HumanEdits], sourceFile: String, sheet: String,
               today: CalendarDate) -> (cases: [CaseRecord], decisions: [String: [String: String]]) {
        let cases = zip(records, outcomes).enumerated().map { i, pair in
            CaseRecord(kind: kind, record: pair.0, outcome: pair.1, sourceFile: sourceFile, sheet: sheet, firstSeen: firstSeen[keys[i]] ?? today)
        }
        var decisions: [String: [String: String]] = [:]
        for (i, record) in records.enumerated() {
            guard let e = edits[record.row] else { continue }
            let fields = e.fields
            if !fields.isEmpty { decisions[keys[i]] = fields }
        }
        return (cases, decisions)
    }
}
