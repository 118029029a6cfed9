/// How a kind decides rows when the base is too large to hold: it sees every record once in a
/// first pass (keeping only the compact facts its cross-row rules need — the same HHPP from
/// another floor), then decides each record on its own in a second pass. A kind that offers one
/// is processed in constant memory; the others are processed with their rows in memory.
public protocol RowDecider: AnyObject, Sendable {
    /// First pass: every record, in row order.
    func note(_ record: Record)
    /// Between the passes: the facts are complete.
    func seal()
    /// Second pass: the outcomes of a chunk of records, in order. Called from several threads
    /// at once (one chunk each) after `seal`.
    func decide(_ records: ArraySlice<Record>) -> [RowOutcome]
}

extension RowDecider {
    /// All outcomes of records held in memory: both passes in one call.
    public func outcomes(for records: [Record]) -> [RowOutcome] {
        for record in records { note(record) }
        seal()
        return Parallel.map(records) { self.decide($0) }
    }
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
