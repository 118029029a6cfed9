import CeldaCore

/// A case column's value in the one shape both stores are written and read in: text (days as
/// AAAA-MM-DD), a whole number, or NULL. SQLite hands back what a file holds, whatever the
/// column's declared type; PostgreSQL hands back text: each is turned into this, then checked
/// by the column's Swift type (`CaseColumnValue`).
enum StoredValue: Equatable, Sendable {
    case null
    case text(String)
    case integer(Int)
    /// Read from a file, and no column's type: bytes that are not UTF-8 text (said as their count).
    case unreadable(String)

    /// As PostgreSQL's text format and COPY take it, and as an error quotes it (nil: NULL).
    var asText: String? {
        switch self {
        case .null: return nil
        case .text(let s), .unreadable(let s): return s
        case .integer(let n): return String(n)
        }
    }
}

/// A Swift type a `CaseRecord` property has, as a case column stores it.
protocol CaseColumnValue: Sendable {
    static var storedType: CaseColumn.SQLType { get }
    /// An optional property is a column that may be NULL.
    static var isOptional: Bool { get }
    var stored: StoredValue { get }
    /// Nil when `stored` is not a value of this type: a day that is not a date, text in a number
    /// column, NULL where a value is required. The decoder then throws; it never guesses.
    init?(stored: StoredValue)
}

extension CaseColumnValue {
    static var isOptional: Bool { false }
}

extension String: CaseColumnValue {
    static var storedType: CaseColumn.SQLType { .text }
    var stored: StoredValue { .text(self) }
    init?(stored: StoredValue) {
        guard case .text(let s) = stored else { return nil }
        self = s
    }
}

extension Int: CaseColumnValue {
    static var storedType: CaseColumn.SQLType { .integer }
    var stored: StoredValue { .integer(self) }
    init?(stored: StoredValue) {
        switch stored {
        case .integer(let n): self = n
        case .text(let s):
            // PostgreSQL sends numbers as text.
            guard let n = Int(s) else { return nil }
            self = n
        case .null, .unreadable: return nil
        }
    }
}

extension CalendarDate: CaseColumnValue {
    static var storedType: CaseColumn.SQLType { .date }
    var stored: StoredValue { .text(description) }
    init?(stored: StoredValue) {
        guard case .text(let s) = stored, let day = CalendarDate(iso: s) else { return nil }
        self = day
    }
}

extension Optional: CaseColumnValue where Wrapped: CaseColumnValue {
    static var storedType: CaseColumn.SQLType { Wrapped.storedType }
    static var isOptional: Bool { true }
    var stored: StoredValue { self?.stored ?? .null }
    init?(stored: StoredValue) {
        if stored == .null {
            self = .none
        } else {
            guard let value = Wrapped(stored: stored) else { return nil }
            self = .some(value)
        }
    }
}
