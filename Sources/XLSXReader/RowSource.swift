/// What every readable input offers: named sheets streamed as rows. `.xlsx` workbooks and
/// CSV exports (one sheet) both conform, so the core never asks which it got.
public protocol RowSource: AnyObject {
    var path: String { get }
    var sheets: [SheetInfo] { get }
    func sheet(named selector: String) throws -> SheetInfo
    var firstWorksheet: SheetInfo? { get }
    @discardableResult
    func readRows(of sheet: SheetInfo, _ body: @escaping (Row) throws -> Void) throws -> SheetSummary
}

extension XLSXWorkbook: RowSource {}

public enum SpreadsheetFile {
    /// Opens by extension: `.csv`/`.txt` as CSV, anything else as a workbook (whose real
    /// format is then told from its bytes, so a renamed .xls is refused for what it is).
    public static func open(path: String) throws -> RowSource {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".txt") || lower.hasSuffix(".tsv") {
            return try CSVReader(path: path)
        }
        return try XLSXWorkbook(path: path)
    }
}
