import Foundation
import XLSXReader

/// Runs the built `celda` binary as a user would, capturing everything it says.
struct CeldaRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    /// JSON lines, split on "\n" only (U+2028 inside a string is not a line break).
    var jsonRows: [Any] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed])) ?? NSNull()
        }
    }
}

enum Celda {
    /// The `celda` executable next to the test bundle (`swift build` puts both in one folder).
    static let binary: URL = {
        if let env = ProcessInfo.processInfo.environment["CELDA_BIN"] { return URL(fileURLWithPath: env) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("celda")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/celda")
    }()

    /// `environment`: variables added to this process's own for the run.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CeldaRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        // Drain both pipes while it runs so a large dump cannot block on a full pipe.
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let outData = outBox.data
        process.waitUntilExit()
        return CeldaRun(status: process.terminationStatus,
                        stdout: String(decoding: outData, as: UTF8.self),
                        stderr: String(decoding: errData, as: UTF8.self),
                        seconds: Date().timeIntervalSince(start))
    }
}

let sharedFolder: URL = {
    if let env = ProcessInfo.processInfo.environment["CELDA_SHARED"] { return URL(fileURLWithPath: env) }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
}()

func corpus(_ path: String) -> String { sharedFolder.appendingPathComponent("corpus").appendingPathComponent(path).path }

func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// Every cell of a sheet as Celda's reader sees it: row number (1-based) → column → value.
func sheetCells(_ path: String, sheet: String) throws -> [Int: [Int: CellValue]] {
    let book = try XLSXWorkbook(path: path)
    final class Box: @unchecked Sendable { var rows: [Int: [Int: CellValue]] = [:] }
    let box = Box()
    try book.readRows(of: try book.sheet(named: sheet)) { row in for c in row.cells { box.rows[row.number, default: [:]][c.column] = c.value } }
    return box.rows
}
