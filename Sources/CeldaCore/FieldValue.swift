import XLSXReader

/// A cell read as its field's type, or the reason it could not be.
public enum FieldValue: Hashable, Sendable {
    case missing
    case text(String)
    case number(Double)
    case date(CalendarDate, secondsOfDay: Int?)
    /// An account as text: digits only, leading zeros as they came.
    case account(String)
    case list([String])
}

/// Why a cell is flagged. Flags are data: the row always stays.
public struct RowIssue: Equatable, Sendable {
    public enum Code: String, Sendable {
        case missingRequired = "falta-valor"
        case invalidAccount = "cuenta-invalida"
        case unparseableDate = "fecha-invalida"
        case futureDate = "fecha-futura"
        case unparseableNumber = "numero-invalido"
        case duplicateRow = "fila-duplicada"
        /// What a kind's own rules found in a row (an agent's second row of a day, a novedad
        /// that is no known word): named, never guessed.
        case kindCheck = "revision-del-tipo"
    }
    public var code: Code
    /// 1-based sheet row and 0-based column, so the message can say "Base!C17".
    public var row: Int
    public var column: Int?
    public var field: String?
    /// What is wrong, as words in either language (`RowWords.text`).
    public var words: RowWords

    public init(code: Code, row: Int, column: Int?, field: String?, words: RowWords) {
        self.code = code
        self.row = row
        self.column = column
        self.field = field
        self.words = words
    }
}

/// Turns cells into field values: dates from date cells or text (`dd/mm/yyyy`, `dd-mm-yyyy`,
/// `yyyy-mm-dd`, with or without a time; never month first), numbers with a decimal comma,
/// accounts as text (a number 12345678.0 becomes "12345678").
public enum FieldTyping {
    public static func value(_ cell: CellValue, as type: Templates.Field.ValueType) -> FieldValue? {
        if case .empty = cell { return .missing }
        if case .text(let t) = cell, t.trimmedSpaces.isEmpty { return .missing }
        switch type {
        case .text:
            return .text(display(cell))
        case .list:
            let parts = display(cell).split(whereSeparator: { ",;|\n".contains($0) }).map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
            return .list(parts)
        case .number:
            switch cell {
            case .number(let v): return .number(v)
            case .text(let t): return parseNumber(t).map(FieldValue.number)
            default: return nil
            }
        case .account:
            switch cell {
            case .number(let v) where v >= 0 && v == v.rounded() && v < 1e15: return .account(String(Int64(v)))
            case .text(let t):
                let digits = t.trimmedSpaces
                return digits.allSatisfy(\.isNumber) ? .account(digits) : .text(digits)
            default: return nil
            }
        case .date, .datetime:
            switch cell {
            case .date(let d):
                let c = d.components
                let seconds = d.kind == .dateTime ? c.hour * 3600 + c.minute * 60 + c.second : nil
                return .date(CalendarDate(year: c.year, month: c.month, day: c.day), secondsOfDay: seconds)
            case .text(let t): return parseDate(t)
            default: return nil
            }
        }
    }

    /// `1.234,5` and `1234,5` and `1234.5` → 1234.5. A lone comma is a decimal comma (CSV from
    /// Spanish Excel); with both marks, the last one is the decimal mark.
    public static func parseNumber(_ text: String) -> Double? {
        var t = text.trimmedSpaces.replacing(" ", with: "")
        guard !t.isEmpty else { return nil }
        let lastComma = t.lastIndex(of: ","), lastDot = t.lastIndex(of: ".")
        if let c = lastComma, let d = lastDot {
            if c > d { t = t.replacing(".", with: "").replacing(",", with: ".") } else { t = t.replacing(",", with: "") }
        } else if lastComma != nil {
            if t.filter({ $0 == "," }).count > 1 { t = t.replacing(",", with: "") } else { t = t.replacing(",", with: ".") }
        }
        return Double(t)
    }

    /// Day first, always: 05/03/2024 is the 5th of March.
    public static func parseDate(_ text: String) -> FieldValue? {
        let t = text.trimmedSpaces
        let pieces = t.split(separator: " ", maxSplits: 1).map(String.init)
        guard let datePart = pieces.first else { return nil }
        let numbers = datePart.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard numbers.count == 3, let a = Int(numbers[0]), let b = Int(numbers[1]), let c = Int(numbers[2]) else { return nil }
        let (y, m, d) = numbers[0].count == 4 ? (a, b, c) : (c < 100 ? 2000 + c : c, b, a)
        guard (1...12).contains(m), (1...CalendarDate.daysIn(month: m, year: y)).contains(d), (1900...2200).contains(y) else { return nil }
        var seconds: Int?
        if pieces.count == 2 {
            let time = pieces[1].lowercased().replacing(".", with: "")
            let pm = time.hasSuffix("pm") || time.hasSuffix("p m"), am = time.hasSuffix("am") || time.hasSuffix("a m")
            let hms = time.filter { $0.isNumber || $0 == ":" }.split(separator: ":").compactMap { Int($0) }
            guard hms.count >= 2, hms[0] < 24, hms[1] < 60 else { return nil }
            var h = hms[0]
            if pm && h < 12 { h += 12 }
            if am && h == 12 { h = 0 }
            seconds = h * 3600 + hms[1] * 60 + (hms.count > 2 ? hms[2] : 0)
        }
        return .date(CalendarDate(year: y, month: m, day: d), secondsOfDay: seconds)
    }

    /// The text a user sees for a cell (for text fields fed a number or a date).
    public static func display(_ cell: CellValue) -> String {
        switch cell {
        case .empty: return ""
        case .text(let t): return t
        case .number(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        case .bool(let b): return b ? "VERDADERO" : "FALSO"
        case .date(let d): return d.isoString
        case .error(let e): return e
        }
    }
}
