/// Which rows repeat an earlier row (every mapped field equal), found with one pass over the
/// base in 16 bytes a row: each row's fields as a 64-bit digest, sorted once; afterwards only
/// the rows whose digest an earlier row shares are kept. The second pass confirms each one
/// against the earlier row's values, so two different rows sharing a digest are never called
/// duplicates.
public struct DuplicateRows: Sendable {
    private struct Entry { var digest: UInt64; var row: Int32 }
    private var entries: [Entry] = []
    /// Row → the first row with its digest (rows that share a digest with an earlier one).
    private var candidates: [Int32: Int32] = [:]
    /// First rows of a shared digest, until their values are seen in the second pass.
    private var firsts: Set<Int32> = []
    private var firstValues: [Int32: [FieldValue]] = [:]

    public init() {}

    /// First pass, in row order: a row's typed values, the same fields in the same order for every row.
    public mutating func note(row: Int, values: [FieldValue]) {
        var h = Hasher()
        h.combine(values)
        entries.append(Entry(digest: UInt64(bitPattern: Int64(h.finalize())), row: Int32(clamping: row)))
    }

    public mutating func seal() {
        // Sorted in place by digest, then row: each digest's rows in row order, no index array.
        entries.sort { ($0.digest, $0.row) < ($1.digest, $1.row) }
        var i = 0
        while i < entries.count {
            let first = entries[i]
            var j = i + 1
            while j < entries.count, entries[j].digest == first.digest {
                candidates[entries[j].row] = first.row
                j += 1
            }
            if j > i + 1 { firsts.insert(first.row) }
            i = j
        }
        entries = []
    }

    /// Second pass, every row in row order: the earlier row this one repeats, if any.
    public mutating func earlierRow(repeatedBy row: Int, values: [FieldValue]) -> Int? {
        let r = Int32(clamping: row)
        if firsts.contains(r) { firstValues[r] = values }
        guard let first = candidates[r], firstValues[first] == values else { return nil }
        return Int(first)
    }
}
