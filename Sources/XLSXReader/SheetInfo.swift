/// A sheet as listed by the workbook, before any of its cells are read.
public struct SheetInfo: Equatable, Sendable {
    public enum Visibility: String, Sendable { case visible, hidden, veryHidden }
    public enum SheetType: String, Sendable {
        case worksheet, chartsheet, dialogsheet, macrosheet

        init(relationshipType: String) {
            let t = relationshipType.lowercased()
            if t.hasSuffix("/chartsheet") { self = .chartsheet }
            else if t.hasSuffix("/dialogsheet") { self = .dialogsheet }
            else if t.hasSuffix("macrosheet") { self = .macrosheet }
            else { self = .worksheet }
        }
    }

    public var name: String
    /// Position in the workbook, 0-based.
    public var index: Int
    public var visibility: Visibility
    public var type: SheetType
}

/// A merged range, 0-based inclusive (`A1:B2` is rows 0...1, columns 0...1).
public struct MergedRange: Equatable, Sendable {
    public var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
}

/// What streaming one sheet found besides its rows.
public struct SheetSummary: Equatable, Sendable {
    /// 1-based number of the last row holding a non-empty cell (0 if none).
    public var lastRow: Int = 0
    /// Number of columns up to the last non-empty cell of any row.
    public var columnCount: Int = 0
    public var mergedRanges: [MergedRange] = []
}
