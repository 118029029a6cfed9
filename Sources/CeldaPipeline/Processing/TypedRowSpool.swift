import CeldaCore
import XLSXReader

/// A row as the first pass read it and, below the header, its mapped fields as the first pass
/// typed them: the second pass reads both back and never types a cell again.
struct SpooledRow: Sendable {
    var row: Row
    /// nil: a row at or above the header (no record).
    var values: [FieldValue?]?
}

/// The first pass's spool: each row in `RowSpool`'s form, then its typed values. A text that is
/// the cell's own text (most of them) is a one-byte reference to it, not a second copy.
enum TypedRowSpool {
    static func make(columns: [Int]) throws -> Spool<SpooledRow> {
        try Spool(encode: { spooled, w in
            RowSpool.encode(spooled.row, w)
            guard let values = spooled.values else { w.int(-1); return }
            w.int(values.count)
            for (value, column) in zip(values, columns) { encode(value, cellText: text(of: spooled.row, column: column), w) }
        }, decode: { r in
            let row = try RowSpool.decode(r)
            let count = try r.int()
            guard count >= 0 else { return SpooledRow(row: row, values: nil) }
            guard count == columns.count else { throw SpoolError.corrupt }
            var values: [FieldValue?] = []
            values.reserveCapacity(count)
            for column in columns { values.append(try decode(r, cellText: { text(of: row, column: column) })) }
            return SpooledRow(row: row, values: values)
        })
    }

    private static func text(of row: Row, column: Int) -> String? {
        if case .text(let t) = row.value(at: column) { return t }
        return nil
    }

    /// The same bytes, not only the same text to Unicode (`==` takes «é» and «e\u{301}» as one):
    /// a reference must give back exactly the value typed.
    private static func sameBytes(_ a: String, _ b: String?) -> Bool {
        guard let b else { return false }
        return a.utf8.elementsEqual(b.utf8)
    }

    private enum Tag: UInt8 {
        case unreadable, missing, cellText, text, number, date, dateTime, cellAccount, account, list
    }

    private static func encode(_ value: FieldValue?, cellText: String?, _ w: SpoolWriter) {
        switch value {
        case nil: w.byte(Tag.unreadable.rawValue)
        case .missing?: w.byte(Tag.missing.rawValue)
        case .text(let t)? where sameBytes(t, cellText): w.byte(Tag.cellText.rawValue)
        case .text(let t)?: w.byte(Tag.text.rawValue); w.string(t)
        case .number(let n)?: w.byte(Tag.number.rawValue); w.double(n)
        case .date(let d, let seconds)?:
            w.byte(seconds == nil ? Tag.date.rawValue : Tag.dateTime.rawValue)
            w.int(d.year); w.int(d.month); w.int(d.day)
            if let seconds { w.int(seconds) }
        case .account(let t)? where sameBytes(t, cellText): w.byte(Tag.cellAccount.rawValue)
        case .account(let t)?: w.byte(Tag.account.rawValue); w.string(t)
        case .list(let parts)?:
            w.byte(Tag.list.rawValue)
            w.int(parts.count)
            for p in parts { w.string(p) }
        }
    }

    private static func decode(_ r: SpoolReader, cellText: () -> String?) throws -> FieldValue? {
        guard let tag = Tag(rawValue: try r.byte()) else { throw SpoolError.corrupt }
        switch tag {
        case .unreadable: return nil
        case .missing: return .missing
        case .cellText:
            guard let t = cellText() else { throw SpoolError.corrupt }
            return .text(t)
        case .text: return .text(try r.string())
        case .number: return .number(try r.double())
        case .date, .dateTime:
            let day = CalendarDate(year: try r.int(), month: try r.int(), day: try r.int())
            return .date(day, secondsOfDay: tag == .dateTime ? try r.int() : nil)
        case .cellAccount:
            guard let t = cellText() else { throw SpoolError.corrupt }
            return .account(t)
        case .account: return .account(try r.string())
        case .list:
            let n = try r.int()
            guard n >= 0 else { throw SpoolError.corrupt }
            var parts: [String] = []
            for _ in 0..<n { parts.append(try r.string()) }
            return .list(parts)
        }
    }
}
