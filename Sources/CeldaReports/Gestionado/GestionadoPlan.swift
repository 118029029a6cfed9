import CeldaCore
import XLSXReader

/// What a gestionado is known to be before its rows are written: where it came from, its
/// kind and header, how wide and long the base is. A streaming pass learns these in its first
/// pass; a base held in memory gets them from its rows.
public struct GestionadoPlan: Sendable {
    /// Data rows one sheet holds: Excel's 1,048,576 rows less the header.
    public static let excelDataRows = 1_048_575

    public var sourceName: String
    public var sheetName: String
    public var sourceHash: String
    public var isCSV: Bool
    public var kind: any BaseKind
    public var mapping: HeaderMatcher.Mapping
    public var header: Row
    /// Columns of the widest row, header included: Celda's columns start after them.
    public var originalWidth: Int
    /// The last input row number holding data (the header row when there is none).
    public var lastInputRow: Int
    public var today: CalendarDate
    public var language: Language
    /// Set when the input was itself a gestionado workbook.
    public var reprocessedFrom: String?
    /// Data rows per base sheet before the rows continue on «Base (2)»; lowered only by tests.
    public var rowsPerSheet = GestionadoPlan.excelDataRows

    public init(sourceName: String, sheetName: String, sourceHash: String, isCSV: Bool, kind: any BaseKind, mapping: HeaderMatcher.Mapping,
                header: Row, originalWidth: Int, lastInputRow: Int, today: CalendarDate, language: Language) {
        self.sourceName = sourceName
        self.sheetName = sheetName
        self.sourceHash = sourceHash
        self.isCSV = isCSV
        self.kind = kind
        self.mapping = mapping
        self.header = header
        self.originalWidth = originalWidth
        self.lastInputRow = lastInputRow
        self.today = today
        self.language = language
    }

    /// Input row n is data row n − headerRow (1 for the first row below the header): the
    /// header goes to the top and title rows are dropped.
    public func dataIndex(_ inputRow: Int) -> Int { inputRow - mapping.headerRow }

    /// The base sheet (0 for the first) and its 0-based row holding an input row.
    public func place(_ inputRow: Int) -> (sheet: Int, row: Int) {
        let index = max(1, dataIndex(inputRow))
        return ((index - 1) / rowsPerSheet, (index - 1) % rowsPerSheet + 1)
    }

    /// How many base sheets the rows need (at least one).
    public var sheetCount: Int { place(max(lastInputRow, mapping.headerRow + 1)).sheet + 1 }
}
