import CeldaCore
import XLSXReader

/// Everything a gestionado workbook is made from: the source as read, what the core found.
public struct GestionadoInput {
    public var sourceName: String
    public var sheetName: String
    public var sourceHash: String
    public var isCSV: Bool
    public var kind: any BaseKind
    public var mapping: HeaderMatcher.Mapping
    /// The header row and every row below it, as read.
    public var header: Row
    public var rows: [Row]
    public var records: [Record]
    public var outcomes: [RowOutcome]
    public var issues: [RowIssue]
    public var today: CalendarDate
    public var language: Language
    /// Set when the input was itself a gestionado workbook (its edits are in `outcomes`).
    public var reprocessedFrom: String?
    /// Extra sheets the kind lists rows in (premium's *Agenda de hoy*).
    public var listings: [RowListing] = []

    public init(sourceName: String, sheetName: String, sourceHash: String, isCSV: Bool, kind: any BaseKind,
                mapping: HeaderMatcher.Mapping, header: Row, rows: [Row], records: [Record], outcomes: [RowOutcome], issues: [RowIssue],
                today: CalendarDate, language: Language) {
        self.sourceName = sourceName
        self.sheetName = sheetName
        self.sourceHash = sourceHash
        self.isCSV = isCSV
        self.kind = kind
        self.mapping = mapping
        self.header = header
        self.rows = rows
        self.records = records
        self.outcomes = outcomes
        self.issues = issues
        self.today = today
        self.language = language
    }

    /// Input row n is output row n − headerRow (0-based): the header goes to the top.
    func outputRow(_ inputRow: Int) -> Int { inputRow - mapping.headerRow }

    /// As many original columns as the widest row has.
    var originalWidth: Int { ([header] + rows).map { ($0.cells.map(\.column).max() ?? -1) + 1 }.max() ?? 0 }

    /// The last output row holding data (at least 1, so a base with no rows still has a range).
    var lastOutputRow: Int { max(1, outputRow(rows.map(\.number).max() ?? mapping.headerRow)) }
}

/// What was written, for the summary line and the tests.
public struct GestionadoSummary: Equatable, Sendable {
    public var rows: Int
    public var issues: Int
    /// Primary causal code → rows.
    public var causals: [String: Int]
    public var alarms: Int
    public var path: String
}
