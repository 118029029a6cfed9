import Foundation

/// What python-calamine and openpyxl saw in a file (Tests/Support/outside_read.py).
public struct OutsideView {
    public let json: [String: Any]

    public static func read(_ path: String) throws -> OutsideView {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("outside_read.py").path
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

    public func calamine(_ sheet: String) -> [[Any]] { ((json["calamine"] as? [String: Any])?[sheet] as? [[Any]]) ?? [] }
    public func sheet(_ name: String) -> [String: Any] { ((json["sheets"] as? [String: Any])?[name] as? [String: Any]) ?? [:] }
    public func cell(_ sheet: String, _ ref: String) -> [String: Any] { ((self.sheet(sheet)["cells"] as? [String: Any])?[ref] as? [String: Any]) ?? [:] }
    public var sheetNames: [String] { ((json["calamine"] as? [String: Any]).map { Array($0.keys) }) ?? [] }
    /// The sheets in the workbook's (tab) order.
    public var tabOrder: [String] { json["order"] as? [String] ?? [] }
    /// The sheet the workbook opens on.
    public var active: String? { json["active"] as? String }
}

