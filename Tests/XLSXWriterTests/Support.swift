import Foundation
import Testing
@testable import XLSXWriter
import XLSXReader
@_exported import CeldaTestSupport

/// A fresh folder for one test's files.
func scratchFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-writer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Our own reader's view, for the round trip.
func readBack(_ path: String, sheet: String? = nil) throws -> [Int: [Int: XLSXReader.Cell]] {
    let book = try XLSXWorkbook(path: path)
    let info = try sheet.map { try book.sheet(named: $0) } ?? book.sheets[0]
    final class Box: @unchecked Sendable { var rows: [Int: [Int: XLSXReader.Cell]] = [:] }
    let box = Box()
    try book.readRows(of: info) { row in for c in row.cells { box.rows[row.number, default: [:]][c.column] = c } }
    return box.rows
}
