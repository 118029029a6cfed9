import Foundation
import Testing
@testable import XLSXWriter
import XLSXReader

/// A fresh folder for one test's files.
func scratchFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-writer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// What python-calamine and openpyxl saw in a file (Tests/Support/outside_read.py).
struct OutsideView {
    let json: [String: Any]

    static func read(_ path: String) throws -> OutsideView {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Support/outside_read.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw OutsideError(message: String(decoding: errors, as: UTF8.self))
        }
        return OutsideView(json: json)
    }

    struct OutsideError: Error, CustomStringConvertible { let message: String; var description: String { message } }

    func calamine(_ sheet: String) -> [[Any]] { ((json["calamine"] as? [String: Any])?[sheet] as? [[Any]]) ?? [] }
    func sheet(_ name: String) -> [String: Any] { ((json["sheets"] as? [String: Any])?[name] as? [String: Any]) ?? [:] }
    func cell(_ sheet: String, _ ref: String) -> [String: Any] { ((self.sheet(sheet)["cells"] as? [String: Any])?[ref] as? [String: Any]) ?? [:] }
    var sheetNames: [String] { ((json["calamine"] as? [String: Any]).map { Array($0.keys) }) ?? [] }
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
