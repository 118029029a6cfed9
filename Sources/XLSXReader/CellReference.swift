/// Parses and prints A1-style references.
public enum CellReference {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    /// Parses `AB12` into (row 12, column 27) 1-based... returned 0-based column and 1-based row.
    /// Returns nil for anything that is not letters followed by digits within Excel's grid.
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (row: Int, column: Int)? {
        var i = 0
        var column = 0
        while i < bytes.count {
            var b = bytes[i]
            if b >= 97 && b <= 122 { b -= 32 }
            guard b >= 65 && b <= 90 else { break }
            column = column * 26 + Int(b - 64)
            if column > maxColumns { return nil }
            i += 1
        }
        if i == 0 { return nil }
        if i < bytes.count && bytes[i] == 36 { i += 1 } // `$`
        let digitsStart = i
        var row = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b >= 48 && b <= 57 else { return nil }
            row = row * 10 + Int(b - 48)
            if row > maxRows { return nil }
            i += 1
        }
        if i == digitsStart || row == 0 { return nil }
        return (row, column - 1)
    }

    /// Parses a bare row number as in `<row r="12">`.
    @inline(__always)
    static func parseRow(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var row = 0
        guard !bytes.isEmpty else { return nil }
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            row = row * 10 + Int(b - 48)
            if row > maxRows { return nil }
        }
        return row == 0 ? nil : row
    }

    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var scalars: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            scalars.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: scalars.reversed(), as: UTF8.self)
    }

    public static func name(row: Int, column: Int) -> String { columnName(column) + String(row) }

    static func parseRange(_ text: String) -> MergedRange? {
        let parts = text.split(separator: ":")
        guard let first = parts.first else { return nil }
        let a = Array(first.utf8), b = Array((parts.count > 1 ? parts[1] : first).utf8)
        guard let start = a.withUnsafeBufferPointer({ parse($0) }),
              let end = b.withUnsafeBufferPointer({ parse($0) }) else { return nil }
        return MergedRange(firstRow: start.row - 1, firstColumn: start.column, lastRow: end.row - 1, lastColumn: end.column)
    }
}
