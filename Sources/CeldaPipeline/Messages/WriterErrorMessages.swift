import CeldaCore
import XLSXWriter

extension WriterError {
    /// The writer's reason: its own Spanish sentence, or the same in English.
    public func message(_ language: Language) -> String {
        guard language == .en else { return description }
        var place = ""
        if let sheet { place += " (sheet \"\(sheet)\"" + (cell.map { ", \($0)" } ?? "") + ")" }
        switch kind {
        case .library(let code, let call): return "libxlsxwriter refused \(call): \(code)\(place)"
        case .workbookClosed: return "the workbook is already closed\(place)"
        case .cannotCreateTemporaryFile(let why): return "the temporary file could not be created (\(why))\(place)"
        case .cannotSave(let why): return "the workbook could not be saved (\(why))\(place)"
        case .rowOutOfRange(let r): return "row \(r + 1) is past Excel's last row (1,048,576)\(place)"
        case .columnOutOfRange(let c): return "column \(c + 1) is past Excel's last column (16,384)\(place)"
        case .rowAlreadyWritten(let row, let current):
            return "row \(row + 1) was already written (at \(current + 1)); constant-memory mode writes rows in order\(place)"
        case .invalidRange(let r): return "invalid range \"\(r)\"\(place)"
        case .invalidName(let n): return "invalid name \"\(n)\"\(place)"
        case .emptyList: return "the dropdown list has no values\(place)"
        case .pivotTable(let rule): return "pivot table: \(Self.english(rule))\(place)"
        }
    }

    static func english(_ rule: PivotTableRule) -> String {
        switch rule {
        case .emptySource: return "the source has no data rows (a pivot table needs at least one); not written"
        case .sourceSheetMissing(let s): return "the source sheet \"\(s)\" is not in the workbook"
        case .noFields: return "the source has no columns"
        case .rowWidth(let row, let values, let headers): return "row \(row + 1) of the source has \(values) values for \(headers) headers"
        case .blankFieldName(let c): return "column \(CellName.column(c)) of the source has no header"
        case .duplicateFieldName(let n): return "the header \"\(n)\" appears twice in the source"
        case .fieldOutOfRange(let f, let fields): return "field \(f) does not exist (the source has \(fields))"
        case .fieldOnTwoAxes(let n): return "the field \"\(n)\" is in two areas"
        case .valueNameTaken(let n): return "the value name \"\(n)\" is empty or a source field's name"
        case .invalidTableName(let n): return "invalid table name \"\(n)\""
        case .doesNotFit(let why): return "it does not fit on the sheet (\(why))"
        case .sheetAlreadyHasPivot(let s): return "the sheet \"\(s)\" already has a pivot table"
        case .fieldNotTallied(let s): return "the source did not keep the items of the field \"\(s)\""
        }
    }
}
