/// Writes a long table row after row and continues on a new sheet ("Base (2)", "Base (3)"…)
/// with the header repeated when Excel's 1,048,576 rows run out: nothing is dropped, and the
/// spill is reported in the workbook's issues.
public final class RowSpiller {
    public private(set) var sheets: [Worksheet]
    private let header: [WritableValue]
    private let headerFormat: CellFormat?
    private let baseName: String
    private let rowsPerSheet: Int
    private var nextRow: Int
    /// Called with each new sheet after its header is written (widths, freeze, filters…).
    public var onNewSheet: ((Worksheet) throws -> Void)?

    /// `rowsPerSheet` is Excel's limit; tests lower it to see a spill without a million rows.
    public init(first: Worksheet, header: [WritableValue], headerFormat: CellFormat? = nil,
                rowsPerSheet: Int = Worksheet.maxRows) throws {
        sheets = [first]
        self.header = header
        self.headerFormat = headerFormat
        baseName = first.name
        self.rowsPerSheet = min(rowsPerSheet, Worksheet.maxRows)
        try first.writeRow(header, row: 0, formats: Array(repeating: headerFormat, count: header.count))
        nextRow = 1
    }

    public var current: Worksheet { sheets[sheets.count - 1] }

    /// The 0-based row the next `append` writes to (on a new sheet when this one is full), for
    /// a formula that refers to its own row.
    public var upcomingRow: Int { nextRow >= rowsPerSheet ? 1 : nextRow }

    /// Writes one data row; returns the sheet and row it went to.
    @discardableResult
    public func append(_ values: [WritableValue], formats: [CellFormat?] = []) throws -> (sheet: Worksheet, row: Int) {
        if nextRow >= rowsPerSheet {
            let sheet = try current.workbook.addWorksheet("\(baseName) (\(sheets.count + 1))")
            current.workbook.report(WriteIssue(kind: .rowsSpilled(toSheet: sheet.name), sheet: baseName))
            try sheet.writeRow(header, row: 0, formats: Array(repeating: headerFormat, count: header.count))
            sheets.append(sheet)
            nextRow = 1
            try onNewSheet?(sheet)
        }
        let row = nextRow
        try current.writeRow(values, row: row, formats: formats)
        nextRow += 1
        return (current, row)
    }
}
