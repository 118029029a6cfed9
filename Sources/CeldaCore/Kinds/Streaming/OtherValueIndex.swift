/// Answers «which row has this key with another value?» (the same HHPP escalated from another
/// floor) after one pass over the base, in about 16 bytes a row while collecting and only the
/// keys that do have two values afterwards. Keys and values are normalised by the caller and
/// kept as digests.
struct OtherValueIndex {
    private struct Entry { var key: UInt64; var value: UInt64; var row: Int32 }
    private struct Group { var firstValue: UInt64; var firstRow: Int32; var otherRow: Int32 }
    private var entries: [Entry] = []
    private var groups: [UInt64: Group] = [:]

    /// First pass, in row order.
    mutating func note(key: String, value: String, row: Int) {
        entries.append(Entry(key: Digest.of(key), value: Digest.of(value), row: Int32(clamping: row)))
    }

    /// Keeps, for each key with at least two values, its first row and the first row with a
    /// value other than the first row's.
    mutating func seal() {
        // Sorted in place by key, then row: each key's rows in row order, no index array.
        entries.sort { ($0.key, $0.row) < ($1.key, $1.row) }
        var i = 0
        while i < entries.count {
            let first = entries[i]
            var j = i + 1
            var other: Int32?
            while j < entries.count, entries[j].key == first.key {
                if other == nil, entries[j].value != first.value { other = entries[j].row }
                j += 1
            }
            if let other { groups[first.key] = Group(firstValue: first.value, firstRow: first.row, otherRow: other) }
            i = j
        }
        entries = []
    }

    /// The first row (not `row`) holding `key` with a value other than `value`.
    func otherRow(key: String, value: String, row: Int) -> Int? {
        guard let g = groups[Digest.of(key)] else { return nil }
        // The key's first row has another value: it is the first such row. Otherwise the first
        // row with another value than the first's is.
        return Digest.of(value) != g.firstValue ? Int(g.firstRow) : Int(g.otherRow)
    }
}
