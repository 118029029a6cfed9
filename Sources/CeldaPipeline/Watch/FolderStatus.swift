import CeldaCore
import Foundation

/// What `celda status CARPETA` says of a watch folder (issue 27), read without touching it: it
/// never takes the lock, moves, writes or removes a file.
public struct FolderStatus: Encodable, Equatable, Sendable {
    public struct Processed: Encodable, Equatable, Sendable {
        public var file: String
        public var at: String
        /// The journal's result: «ok», «duplicado», «error», «historial no disponible».
        public var outcome: String
        public var output: String?
        public var message: String?
    }

    public struct Failed: Encodable, Equatable, Sendable {
        public var file: String
        /// The first line of its `.error.txt`; nil when there is none.
        public var reason: String?
    }

    public struct Store: Encodable, Equatable, Sendable {
        /// «sqlite» or «postgres».
        public var kind: String
        /// The file, or the server's URL without its password.
        public var location: String
        /// SQLite only: the file's size, write-ahead log included.
        public var bytes: Int64?
        /// When it was last written (SQLite: the file's time; PostgreSQL: the journal's last file stored).
        public var lastWrite: String?
    }

    public struct MailCheck: Encodable, Equatable, Sendable {
        public var at: String
        public var ok: Bool
        public var message: String?
    }

    public var folder: String
    /// Whether a `celda watch` holds the folder's lock now, and its process.
    public var watching: Bool
    public var pid: Int?
    /// Files in entrada/ waiting to be taken (lock files and hidden ones are not counted).
    public var waiting: Int
    public var waitingFiles: [String]
    /// Newest first.
    public var processed: [Processed]
    public var errors: [Failed]
    public var store: Store?
    public var mail: MailCheck?

    /// How many of the latest files the status lists.
    public static let latest = 20

    public static func read(folder: String, templates: Templates) throws -> FolderStatus {
        let fm = FileManager.default
        let f = templates.workflow.folders
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let state = path(".celda")
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: state, isDirectory: &isDirectory), isDirectory.boolValue,
              fm.fileExists(atPath: path(f.entrada)) else { throw PipelineError.notAWatchFolder(path: folder) }
        let lock = WatchLockProbe.holder(of: (state as NSString).appendingPathComponent("watch.lock"))
        let waitingFiles = ((try? fm.contentsOfDirectory(atPath: path(f.entrada))) ?? []).filter { !EntradaIntake.ignored($0) }.sorted()
        let journal = JournalLines.read((state as NSString).appendingPathComponent("log.jsonl"))
        let processed = journal.reversed().compactMap { entry -> Processed? in
            guard let file = entry["file"], let at = entry["at"], let result = entry["result"] else { return nil }
            return Processed(file: file, at: at, outcome: result, output: entry["output"], message: entry["message"])
        }
        let errores = path(f.errores)
        let names = ((try? fm.contentsOfDirectory(atPath: errores)) ?? []).sorted()
        let notes = Set(names.filter { $0.hasSuffix(".error.txt") })
        let errors = names.filter { !$0.hasSuffix(".error.txt") && !$0.hasPrefix(".") }.map { name -> Failed in
            let note = OutputNames.fitted(stem: name, tail: ".error.txt")
            let reason = notes.contains(note)
                ? (try? String(contentsOfFile: (errores as NSString).appendingPathComponent(note), encoding: .utf8))?
                    .split(separator: "\n").first.map(String.init)
                : nil
            return Failed(file: name, reason: reason)
        }
        return FolderStatus(folder: folder, watching: lock != nil, pid: lock, waiting: waitingFiles.count, waitingFiles: waitingFiles,
                            processed: Array(processed.prefix(latest)), errors: errors,
                            store: store(state: state, lastStored: processed.first { $0.outcome == "ok" }?.at),
                            mail: mailCheck((state as NSString).appendingPathComponent(FolderWatcher.mailCheckFile)))
    }

    /// The store the watcher last started with (`.celda/historial.json`), or the folder's own.
    static func store(state: String, lastStored: String?) -> Store? {
        let recorded = (try? Data(contentsOf: URL(fileURLWithPath: (state as NSString).appendingPathComponent(FolderWatcher.storeFile))))
            .flatMap { try? JSONDecoder().decode([String: String].self, from: $0) }
        let location = recorded?["location"] ?? (state as NSString).appendingPathComponent("celda.sqlite")
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return Store(kind: "postgres", location: location, bytes: nil, lastWrite: lastStored)
        }
        let fm = FileManager.default
        guard let attributes = try? fm.attributesOfItem(atPath: location) else { return nil }
        var bytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        var modified = attributes[.modificationDate] as? Date
        if let wal = try? fm.attributesOfItem(atPath: location + "-wal") {
            bytes += (wal[.size] as? NSNumber)?.int64Value ?? 0
            if let m = wal[.modificationDate] as? Date, m > (modified ?? .distantPast) { modified = m }
        }
        return Store(kind: "sqlite", location: location, bytes: bytes, lastWrite: modified.map { ISO8601DateFormatter().string(from: $0) })
    }

    static func mailCheck(_ path: String) -> MailCheck? {
        guard let data = FileManager.default.contents(atPath: path),
              let fields = try? JSONDecoder().decode([String: String].self, from: data), let at = fields["at"] else { return nil }
        return MailCheck(at: at, ok: fields["ok"] == "sí", message: fields["message"])
    }
}

/// The journal `.celda/log.jsonl`, line by line; a line that is no JSON object of strings (a
/// write cut off by a crash) is skipped.
enum JournalLines {
    static func read(_ path: String) -> [[String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: 10).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: String]
        }
    }
}

/// Who holds a watch folder's lock, found without taking it: the kernel lists every `flock`
/// in /proc/locks with its holder and the file's device and inode.
enum WatchLockProbe {
    static func holder(of lockPath: String) -> Int? {
        var st = stat()
        guard stat(lockPath, &st) == 0, let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        let major = (UInt64(st.st_dev) >> 8) & 0xfff | ((UInt64(st.st_dev) >> 32) & ~UInt64(0xfff))
        let minor = (UInt64(st.st_dev) & 0xff) | ((UInt64(st.st_dev) >> 12) & ~UInt64(0xff))
        let device = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(st.st_ino))
        var sameInode: Int?
        for line in table.split(separator: "\n") {
            // «1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF»
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 6, words[1] == "FLOCK" else { continue }
            if words[5] == device { return Int(words[4]) }
            if words[5].hasSuffix(":\(st.st_ino)") { sameInode = Int(words[4]) }
        }
        // On a btrfs subvolume stat() gives the subvolume's device and /proc/locks the file
        // system's: the same inode held by a celda watch is the lock.
        guard let pid = sameInode, let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
              command.contains("celda"), command.contains("watch") else { return nil }
        return pid
    }
}
