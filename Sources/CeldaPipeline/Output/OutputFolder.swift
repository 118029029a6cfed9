import Foundation

/// A folder Celda writes into, created like `mkdir -p` and checked writable before any work
/// starts, so a wrong folder is one clear line instead of a failure after the work is done.
public enum OutputFolder {
    public static func prepare(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.folderUnusable(path: path, errno: reason(creating: path))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError.folderUnusable(path: path, errno: ENOTDIR)
        }
        guard access(path, W_OK | X_OK) == 0 else { throw PipelineError.folderUnusable(path: path, errno: errno) }
    }

    /// Why `mkdir -p` failed, from the first component that is missing or not a folder.
    private static func reason(creating path: String) -> Int32 {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { return ENOTDIR }
            } else {
                return mkdir(prefix, 0o755) == 0 ? 0 : errno
            }
        }
        return EACCES
    }
}
