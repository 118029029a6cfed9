import CeldaTestSupport
import Foundation
@testable import XLSXReader

/// Reads every row of a sheet into a grid of values keyed by A1 reference, for assertions
/// that name the cell that failed.
struct SheetContents {
    var rows: [Int: [Int: Cell]] = [:]
    var summary = SheetSummary()

    subscript(_ ref: String) -> CellValue {
        let parsed = Array(ref.utf8).withUnsafeBufferPointer { CellReference.parse($0) }!
        return rows[parsed.row]?[parsed.column]?.value ?? .empty
    }

    func formula(_ ref: String) -> String? {
        let parsed = Array(ref.utf8).withUnsafeBufferPointer { CellReference.parse($0) }!
        return rows[parsed.row]?[parsed.column]?.formula
    }
}

func readSheet(_ source: RowSource, _ sheet: SheetInfo? = nil) throws -> SheetContents {
    var contents = SheetContents()
    let target = sheet ?? source.sheets[0]
    let box = ContentsBox()
    contents.summary = try source.readRows(of: target) { row in
        for cell in row.cells { box.rows[row.number, default: [:]][cell.column] = cell }
    }
    contents.rows = box.rows
    return contents
}

func readFixture(_ fixture: WorkbookFixture) throws -> SheetContents {
    try readSheet(try XLSXWorkbook(path: try fixture.write()))
}

final class ContentsBox: @unchecked Sendable { var rows: [Int: [Int: Cell]] = [:] }

/// The `../shared` folder beside the repository (CELDA_SHARED overrides).
let sharedFolder: URL = {
    if let env = ProcessInfo.processInfo.environment["CELDA_SHARED"] { return URL(fileURLWithPath: env) }
    return URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
}()

let corpusFolder = sharedFolder.appendingPathComponent("corpus")

func date(_ v: CellValue) -> String? {
    if case .date(let d) = v { return d.isoString }
    return nil
}
