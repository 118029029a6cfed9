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
        }
    }
}
