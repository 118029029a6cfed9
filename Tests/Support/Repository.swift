import Foundation

/// The package's own folders, for tests that need its Templates/ or scripts.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var templates: String { root.appendingPathComponent("Templates").path }

    /// A new empty folder under the system's temporary folder.
    public static func temporaryFolder(_ prefix: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The names in a folder, sorted; a folder that does not exist is a failure, not an empty list.
    public static func names(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }
}
