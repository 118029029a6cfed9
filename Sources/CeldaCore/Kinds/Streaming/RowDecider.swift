/// How a kind decides the rows of a base of any size without holding them. A first pass sees
/// every record once, on one thread, keeping only the compact facts its cross-row rules need
/// (the same HHPP from another floor, each cuenta's contacts, each caso's last row); `seal`
/// ends it and hands over those facts as an immutable `RowRules` value, the only thing the
/// second pass's threads share. A decider is used by one thread at a time (made on the reading
/// thread, fed by the first pass's worker, prepared and sealed once that thread is joined) and
/// is not `Sendable`: note →
/// prepare → seal is the only order its API allows to reach a `decide`.
public protocol RowDecider: AnyObject {
    /// Whether `note` reads any record (true by default). A decider of a base whose columns
    /// give it nothing to note says false, and the first pass builds no record for it.
    var notesRecords: Bool { get }
    /// First pass: every record, in row order.
    func note(_ record: Record)
    /// After the first pass, before `seal`: what the history adds to the cross-row facts (the
    /// tipificador: each cuenta's earlier contacts). nil: no history. Nothing by default.
    func prepare(history: DeciderHistory?) throws
    /// Ends the first pass: the facts, complete and immutable, with the rules that use them.
    func seal() -> any RowRules
}

/// The second pass of a kind: immutable, shared by the threads that decide a base's batches.
public protocol RowRules: Sendable {
    /// The outcomes of a chunk of records, in order. Called from several threads at once (one
    /// chunk each).
    func decide(_ records: ArraySlice<Record>) -> [RowOutcome]
    /// Once a batch is decided (one thread, batches in row order): what the kind keeps in the
    /// history beside the batch's cases (premium: each caso's latest state; the surveys). nil
    /// by default.
    func history(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> KindHistory?
    /// Once a batch is decided, like `history`: the kind's own facts of the batch (an agent's
    /// day, a monitoring), kept by the store without a table of the kind's own. None by default.
    func facts(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> [KindFact]
    /// The kind's listing sheets (premium: *Agenda de hoy*), gathered batch by batch; nil (the
    /// default): none.
    func listing() -> (any ListingCollector)?
}

/// A listing sheet in the making: the second pass hands it every decided batch, in row order,
/// on one thread; it keeps only the lines it lists.
public protocol ListingCollector: AnyObject {
    func add(_ records: [Record], outcomes: [RowOutcome])
    func listings() -> [RowListing]
}

extension RowDecider {
    public var notesRecords: Bool { true }
    public func prepare(history: DeciderHistory?) throws {}

    /// All outcomes of records held in memory: both passes in one call.
    public func outcomes(for records: [Record], history: DeciderHistory? = nil) throws -> [RowOutcome] {
        for record in records { note(record) }
        try prepare(history: history)
        let rules = seal()
        return Parallel.map(records) { rules.decide($0) }
    }
}

extension RowRules {
    public func history(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> KindHistory? { nil }
    public func facts(_ records: [Record], outcomes: [RowOutcome], sourceFile: String) -> [KindFact] { [] }
    public func listing() -> (any ListingCollector)? { nil }
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
