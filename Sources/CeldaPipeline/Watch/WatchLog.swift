import Foundation

/// One JSON line per file handled, in `.celda/log.jsonl`.
struct WatchLog {
    let path: String
    func write(_ fields: [String: String]) {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        if let handle = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) {
            handle.seekToEndOfFile()
            handle.write(data + Data([10]))
            try? handle.close()
        }
    }
}
