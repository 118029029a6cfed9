import CeldaCore
import Foundation
import XLSXReader

/// The SHA-256 of a file's bytes, read a MiB at a time.
public enum FileHash {
    public static func sha256(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReaderError(.fileNotFound, file: path) }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { hasher.update($0) }
            }
        } catch {
            throw ReaderError(.unreadableFile("\(error.localizedDescription)"), file: path)
        }
        return hasher.finish()
    }
}
