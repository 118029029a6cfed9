import Foundation

/// A small file written whole: to a hidden temporary name in the same folder, then renamed, so
/// a reader (the entrada intake, systemd, `celda status`) sees the old file or the new one, never
/// half of one. A leftover temporary starts with «.», which nothing of Celda takes.
enum WholeFile {
    /// `errno` of the failure in `PipelineError.fileNotWritten`.
    static func write(_ bytes: Data, to path: String) throws {
        let temporary = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: bytes) else {
            throw PipelineError.fileNotWritten(path: path, errno: errno == 0 ? EACCES : errno)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw PipelineError.fileNotWritten(path: path, errno: code)
        }
    }
}
