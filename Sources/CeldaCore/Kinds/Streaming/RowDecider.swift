/// How a kind decides rows when the base is too large to hold: it sees every record once in a
/// first pass (keeping only the compact facts its cross-row rules need — the same HHPP from
/// another floor), then decides each record on its own in a second pass. A kind that offers one
/// is processed in constant memory; the others are processed with their rows in memory.
public protocol RowDecider: AnyObject, Sendable {
    /// First pass: every record, in row order.
    func note(_ record: Record)
    /// After the first pass, before `seal`: what the history adds to the cross-row facts (the
    /// tipificador: each cuenta's earlier contacts). nil: no history. Nothing by default.
    func prepare(history: DeciderHistory?) throws
    /// Between the passes: the facts are complete.
    func seal()
    /// Second pass: the outcomes of a chunk of records, in order. Called from several threads
    /// at once (one chunk each) after `seal`.
    func decide(_ records: ArraySlice<Record>) -> [RowOutcome]
}

extension RowDecider {
    public func prepare(history: DeciderHistory?) throws {}

    /// All outcomes of records held in memory: both passes in one call.
    public func outcomes(for records: [Record], history: DeciderHistory? = nil) throws -> [RowOutcome] {
        for record in records { note(record) }
        try prepare(history: history)
        seal()
        return Parallel.map(records) { self.decide($0) }
    }
}

/// What a decider may read of the history between its passes.
public protocol DeciderHistory: AnyObject {
    /// Every contact of `kind` whose day falls between the dates, with its case key.
    func contacts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [(key: String, contact: Recurrence.Contact)]
}

/// A 64-bit digest of a text, stable within one run (both passes happen in one process).
/// Two different texts share one with odds of about 1 in 10^19 per pair.
enum Digest {
    static func of(_ text: String) -> UInt64 {
        var h = Hasher()
        h.combine(text)
        return UInt64(bitPattern: Int64(h.finalize()))
    }
}
