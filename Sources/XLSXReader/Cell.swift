/// One cell as a spreadsheet user sees it: the typed value, plus the formula text when the
/// cell holds a formula (the value is then the result the producing application cached).
public struct Cell: Equatable, Sendable {
    /// Zero-based column (A = 0).
    public var column: Int
    public var value: CellValue
    public var formula: String?

    public init(column: Int, value: CellValue, formula: String? = nil) {
        self.column = column
        self.value = value
        self.formula = formula
    }
}

public enum CellValue: Equatable, Sendable {
    case empty
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A date, time, date-time or duration: a number whose cell format says so, or a `t="d"` cell.
    case date(SpreadsheetDate)
    /// An error value such as `#N/A` or `#DIV/0!`.
    case error(String)

    public var isEmpty: Bool { if case .empty = self { return true } else { return false } }
}

/// A row as streamed: its 1-based number in the sheet and its non-empty-or-styled cells in
/// document order. Readers reuse the buffer between rows; copy `cells` to keep them.
public struct Row: Sendable {
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    /// The value in a column (empty when the row has no cell there), found without building a
    /// map per row: cells come in column order and a row has few.
    public func value(at column: Int) -> CellValue {
        for c in cells where c.column == column { return c.value }
        return .empty
    }
}
