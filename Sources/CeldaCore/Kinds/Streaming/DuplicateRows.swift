/// Which rows repeat an earlier row (every mapped field equal), found with one pass over the
/// base in 24 bytes a row: each row's fields as a 128-bit digest, sorted once; afterwards only
/// the repeating rows are kept.
public struct DuplicateRows: Sendable {
    private struct Entry { var high: UInt64; var low: UInt64; var row: Int32 }
    private var entries: [Entry] = []
    private var firstOf: [Int32: Int32] = [:]

    public init() {}

    /// First pass, in row order: a row's typed values, the same fields in the same order for every row.
    public mutating func note(row: Int, values: [FieldValue]) {
        var a = Hasher(), b = Hasher()
        a.combine(0x5EED_0001 as UInt32)
        b.combine(0x5EED_0002 as UInt32)
        a.combine(values)
        b.combine(values)
        entries.append(Entry(high: UInt64(bitPattern: Int64(a.finalize())), low: UInt64(bitPattern: Int64(b.finalize())),
                             row: Int32(clamping: row)))
    }

    public mutating func seal() {
        let order = entries.indices.sorted { (entries[$0].high, entries[$0].low, $0) < (entries[$1].high, entries[$1].low, $1) }
        var i = 0
        while i < order.count {
            let first = entries[order[i]]
            var j = i + 1
            while j < order.count, entries[order[j]].high == first.high, entries[order[j]].low == first.low {
                firstOf[entries[order[j]].row] = first.row
                j += 1
            }
            i = j
        }
        entries = []
    }

    /// The earlier row `row` repeats, if any.
    public func earlierRow(repeatedBy row: Int) -> Int? { firstOf[Int32(clamping: row)].map(Int.init) }
}
