import Foundation

/// The content hashes already processed, kept as JSON lines in `.celda/procesados.jsonl` and
/// fsynced on every append: the same content dropped again is recognised, across restarts.
final class ProcessedJournal {
    struct Entry: Codable, Equatable { var sha256: String; var file: String; var output: String; var at: String }

    private let path: String
    private(set) var byHash: [String: Entry] = [:]

    init(path: String) {
        self.path = path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            // A line cut by a crash is simply not there: its file is resolved again at start.
            if let e = try? JSONDecoder().decode(Entry.self, from: Data(line.utf8)) { byHash[e.sha256] = e }
        }
    }

    func record(_ entry: Entry) throws {
        var data = try JSONEncoder().encode(entry)
        data.append(10)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw PipelineError.fileNotWritten(path: path, errno: errno) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(fd) == 0 else { throw PipelineError.fileNotWritten(path: path, errno: written < 0 ? errno : ENOSPC) }
        byHash[entry.sha256] = entry
    }
}

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
