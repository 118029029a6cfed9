import CeldaCore
import CeldaReports
import CeldaStore
import Foundation
import XLSXReader

/// The folder workflow of DOMAIN.md §5. Each file goes entrada → procesando → (salida +
/// procesados) or errores; every move is a rename within one file system, every output is
/// written to a temporary name and renamed, and a file's rows reach the history store in one
/// transaction before its output is written, so a crash at any point leaves a state the next
/// start resolves without losing or repeating a file.
public final class FolderWatcher {
    public let root: String
    let templates: Templates
    let interval: Double
    let language: Language
    let today: () -> CalendarDate
    let stop: StopRequest
    /// Told of every file handled, as it happens.
    let report: (WatchEvent) -> Void

    private let entrada: String, salida: String, procesados: String, errores: String, procesando: String, state: String
    /// The history: every file's rows, and what makes the same content dropped twice known.
    public let store: HistoryStore
    /// Who processes here, kept with every file in the store (the host name unless given).
    public var station = Station.current
    /// The longest wait between two tries while the store cannot be reached.
    public var longestRetrySeconds: Double = 30
    /// While the store is unreachable: when to try again, how long the last wait was.
    private var retryAt: Date?
    private var retryWait: Double = 0
    private let log: WatchLog
    private var seen: [String: (size: UInt64, mtime: Double, looks: Int)] = [:]
    /// Kinds of base processed since the day's reports were last refreshed.
    private var kindsProcessed = Set<String>()
    private let fm = FileManager.default

    /// Creates the workflow's folders under `root` (named in Templates/workflow.yaml).
    public init(root: String, templates: Templates, interval: Double, language: Language, stop: StopRequest,
                today: @escaping () -> CalendarDate, store: HistoryStore? = nil, report: @escaping (WatchEvent) -> Void) throws {
        self.root = root
        self.report = report
        self.templates = templates
        self.interval = interval
        self.language = language
        self.stop = stop
        self.today = today
        let f = templates.workflow.folders
        func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }
        entrada = path(f.entrada); salida = path(f.salida); procesados = path(f.procesados)
        errores = path(f.errores); procesando = path(f.procesando); state = path(".celda")
        for folder in [entrada, salida, procesados, errores, procesando, state] { try OutputFolder.prepare(folder) }
        self.store = try store ?? SQLiteStore(path: FolderWatcher.defaultStorePath(root: root))
        log = WatchLog(path: (state as NSString).appendingPathComponent("log.jsonl"))
    }

    /// `<folder>/.celda/celda.sqlite`: the folder's own history unless another store is given.
    public static func defaultStorePath(root: String) -> String {
        ((root as NSString).appendingPathComponent(".celda") as NSString).appendingPathComponent("celda.sqlite")
    }

    public var lockPath: String { (state as NSString).appendingPathComponent("watch.lock") }

    /// Takes the folder's lock: one watcher per folder.
    public func lock() throws -> FolderLock { try FolderLock(path: lockPath, folder: root) }

    // MARK: Start-up: resolve what a crash left behind.

    public func recover() throws {
        // A temporary output is a write that did not finish: it is removed, never used.
        for name in (try? fm.contentsOfDirectory(atPath: salida)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? fm.removeItem(atPath: (salida as NSString).appendingPathComponent(name))
        }
        for name in (try? fm.contentsOfDirectory(atPath: procesando)) ?? [] where !name.hasPrefix(".") {
            let path = (procesando as NSString).appendingPathComponent(name)
            let hash = try FileHash.sha256(of: path)
            // Rows go to the store before the output is written: an output means the file is done.
            if outputExists(for: hash, source: name) {
                let dest = try moveAside(path, to: procesados)
                report(.alreadyDone(file: name, original: dest))
            } else {
                _ = try moveAside(path, to: entrada, keepName: true)
                report(.resumed(file: name))
            }
        }
    }

    /// Whether a finished gestionado in salida/ came from this content (its metadata says so).
    private func outputExists(for hash: String, source: String) -> Bool {
        let stem = (source as NSString).deletingPathExtension
        for name in (try? fm.contentsOfDirectory(atPath: salida)) ?? [] where name.hasPrefix(stem + " - gestionado") && name.hasSuffix(".xlsx") {
            guard let book = try? XLSXWorkbook(path: (salida as NSString).appendingPathComponent(name)),
                  let metadata = try? GestionadoMetadata.read(from: book) else { continue }
            if metadata.sourceHash == hash { return true }
        }
        return false
    }

    // MARK: The loop

    /// Looks at entrada/ until stopped (or once: looks twice, `interval` apart, and handles
    /// whatever is complete by then).
    public func run(once: Bool) throws -> (handled: Int, failed: Int) {
        var handled = 0, failed = 0
        let needed = max(2, templates.workflow.stable_looks)
        let started = Date()
        while !stop.isRequested {
            if let retryAt, Date() < retryAt {
                // The store is away: the files wait in entrada/; nothing is looked at until the
                // next try.
                Thread.sleep(forTimeInterval: min(interval, max(0.01, retryAt.timeIntervalSinceNow)))
                continue
            }
            let ready = look(needed: needed)
            var storeAway = false
            for name in ready {
                if stop.isRequested { break }
                switch handle(name) {
                case .done: handled += 1
                case .failed: failed += 1
                case .storeUnavailable:
                    // The rest of the batch would meet the same fault: it waits with this file.
                    storeAway = true
                }
                if storeAway { break }
            }
            if storeAway {
                if once { failed += 1; break }
                continue
            }
            if !kindsProcessed.isEmpty {
                writeLastWeeksCompromisos()
                refreshReports()
            }
            // Once: wait for what is there to settle (files still being copied), then stop.
            if once && (pendingCount == 0 || Date().timeIntervalSince(started) > onceLimitSeconds) { break }
            Thread.sleep(forTimeInterval: interval)
        }
        return (handled, failed)
    }

    private var pendingCount: Int { seen.count }
    /// How long `--once` waits for files that are still changing.
    public var onceLimitSeconds: Double = 120
    /// Whether the day's reports carry the *Tabla dinámica* sheet.
    public var pivotTable = true

    /// The day's reports of the kinds just processed, made again from the history into salida/
    /// (a report is Celda's own: it is replaced). A report that cannot be written is said; the
    /// files stay processed.
    private func refreshReports() {
        let day = today()
        let maker = ReportMaker(templates: templates, store: store, language: language, outFolder: salida, pivotTable: pivotTable)
        for report in ReportKind.allCases where !report.feedingKinds.isDisjoint(with: kindsProcessed) {
            do {
                if case .written(let path, let cases) = try maker.make(report, period: ReportPeriod(.day, containing: day), today: day) {
                    self.report(.reportRefreshed(report: report.rawValue, path: path, cases: cases))
                }
            } catch {
                self.report(.reportFailed(report: report.rawValue, reason: ErrorReport.message(for: error, language: language)))
            }
        }
        kindsProcessed.removeAll()
    }

    /// On the first batch of a week, the compromisos de mejoramiento of the week that just
    /// ended (Monday to Sunday): the weekly feedback session (seed 002 step 7) is about it. A
    /// mark in .celda/ says the week was done, so later batches (and a restart) leave the
    /// workbook alone — a supervisor may have printed and annotated it.
    private func writeLastWeeksCompromisos() {
        guard kindsProcessed.contains(MalEscaladosKind.id) || kindsProcessed.contains(TipificadorKind.id) else { return }
        let week = ReportPeriod(.week, containing: today().adding(days: -7))
        let mark = (state as NSString).appendingPathComponent("compromisos " + week.label)
        guard !fm.fileExists(atPath: mark) else { return }
        do {
            let maker = FeedbackMaker(templates: templates, store: store, language: language, outFolder: salida)
            if case .written(let path, let advisors, _) = try maker.make(period: week, today: today()) {
                report(.compromisosWritten(week: week.label, path: path, advisors: advisors))
            }
            try? fm.createDirectory(atPath: state, withIntermediateDirectories: true)
            guard fm.createFile(atPath: mark, contents: Data((week.label + "\n").utf8)) else {
                throw PipelineError.fileNotWritten(path: mark, errno: errno)
            }
        } catch {
            report(.reportFailed(report: "compromisos", reason: ErrorReport.message(for: error, language: language)))
        }
    }

    /// Candidates whose size and modification time held still for `needed` looks and that can
    /// be opened. Lock files of Excel (`~$…`) and LibreOffice (`.~lock.…#`), hidden and temp
    /// files are never touched.
    private func look(needed: Int) -> [String] {
        let names = ((try? fm.contentsOfDirectory(atPath: entrada)) ?? []).sorted()
        var ready: [String] = []
        var present = Set<String>()
        for name in names {
            if FolderWatcher.ignored(name) { continue }
            let path = (entrada as NSString).appendingPathComponent(name)
            var st = stat()
            guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            present.insert(name)
            let size = UInt64(st.st_size)
            let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
            if let previous = seen[name], previous.size == size, previous.mtime == mtime {
                seen[name] = (size, mtime, previous.looks + 1)
            } else {
                seen[name] = (size, mtime, 1)
            }
            // Still for long enough: a copy over a network share pauses between pieces.
            let age = Date().timeIntervalSince1970 - mtime
            if seen[name]!.looks >= needed && age >= settleSeconds {
                let fd = open(path, O_RDONLY)
                guard fd >= 0 else { continue }
                let complete = FolderWatcher.looksComplete(fd: fd, size: size, name: name) || age >= 60
                close(fd)
                if complete { ready.append(name) }
            }
        }
        for name in seen.keys where !present.contains(name) { seen[name] = nil }
        for name in ready { seen[name] = nil }
        return ready
    }

    /// Seconds a file must go unmodified before it is taken.
    var settleSeconds: Double { max(1.0, 2 * interval) }

    /// A workbook (a zip) is whole only once its end-of-central-directory record is written,
    /// the last thing a copy writes; a CSV has no such mark, so the settle time is its guard.
    public static func looksComplete(fd: Int32, size: UInt64, name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        guard ext == "xlsx" || ext == "xlsm" else { return true }
        guard size >= 22 else { return false }
        let tail = Int(min(size, 65_557))
        var buffer = [UInt8](repeating: 0, count: tail)
        let n = pread(fd, &buffer, tail, off_t(size) - off_t(tail))
        guard n == tail else { return false }
        var i = tail - 22
        while i >= 0 {
            if buffer[i] == 0x50 && buffer[i + 1] == 0x4B && buffer[i + 2] == 0x05 && buffer[i + 3] == 0x06 { return true }
            i -= 1
        }
        // Not a zip at all (a renamed file): nothing to wait for; the reader will say what it is.
        return !(buffer.count >= 4 && size > 4 && FolderWatcher.startsAsZip(fd: fd))
    }

    static func startsAsZip(fd: Int32) -> Bool {
        var head = [UInt8](repeating: 0, count: 2)
        return pread(fd, &head, 2, 0) == 2 && head == [0x50, 0x4B]
    }

    public static func ignored(_ name: String) -> Bool {
        name.hasPrefix("~$") || name.hasPrefix(".") || name.hasSuffix(".tmp") || name.hasSuffix("#") || name.hasSuffix("~")
            || name.lowercased().hasSuffix(".crdownload") || name.lowercased().hasSuffix(".part")
    }

    // MARK: One file

    enum Handled { case done, failed, storeUnavailable }

    /// `.done` when the file was processed (or recognised as already processed); `.failed` when
    /// it went to errores/; `.storeUnavailable` when the history could not be reached — not
    /// the file's fault: it is back in entrada/ and tried again later.
    private func handle(_ name: String) -> Handled {
        let start = Date()
        let source = (entrada as NSString).appendingPathComponent(name)
        let working = (procesando as NSString).appendingPathComponent(name)
        guard rename(source, working) == 0 else { return .failed } // gone meanwhile: nothing to do
        var entry: [String: String] = ["at": Self.now(), "file": name]
        do {
            let ext = (name as NSString).pathExtension.lowercased()
            guard templates.workflow.accepted_extensions.contains(ext) else {
                throw PipelineError.notAccepted(file: name, accepted: templates.workflow.accepted_extensions, entrada: templates.workflow.folders.entrada)
            }
            let hash = try FileHash.sha256(of: working)
            entry["sha256"] = hash
            // The same content again, and its gestionado still there: nothing to do. (Stored but
            // with no output — a crash between the two — is processed again: the store keeps it
            // once, the output is written.)
            if let before = try store.file(sha256: hash), let output = before.output, fm.fileExists(atPath: output) {
                let dest = try moveAside(working, to: procesados)
                entry["result"] = "duplicado"
                entry["same_as"] = before.name
                log.write(entry)
                report(.duplicate(file: name, sameAs: before.name, at: before.processedOn, station: before.station, original: dest))
                storeReached()
                return .done
            }
            var processor = try BaseProcessor(templates: templates, today: today(), language: language, outFolder: salida)
            processor.store = store
            processor.station = station
            let summary = try processor.process(working, knownHash: hash)
            let dest = try moveAside(working, to: procesados)
            entry["result"] = "ok"
            entry["output"] = summary.output
            entry["rows"] = String(summary.rows)
            entry["issues"] = String(summary.issues)
            entry["seconds"] = String(format: "%.2f", Date().timeIntervalSince(start))
            log.write(entry)
            report(.processed(summary, original: dest))
            kindsProcessed.insert(summary.kind)
            storeReached()
            return .done
        } catch let error as StoreError where error.isTransient {
            // The server is down or restarting: the file is not at fault and none of its rows
            // were kept (one transaction), nor was its gestionado written (the rows go first).
            // Back to entrada/ as it was; said once per outage; tried again with a growing wait.
            let back = (try? moveAside(working, to: entrada, keepName: true)) ?? working
            entry["result"] = "historial no disponible"
            entry["message"] = ErrorReport.message(for: error, language: language)
            log.write(entry)
            retryWait = retryWait == 0 ? max(1, interval) : min(longestRetrySeconds, retryWait * 2)
            if retryAt == nil { report(.storeUnavailable(file: name, reason: entry["message"] ?? "", keptAt: back, retryIn: retryWait)) }
            retryAt = Date().addingTimeInterval(retryWait)
            return .storeUnavailable
        } catch {
            let reason = ErrorReport.message(for: error, language: language)
            // The reason first (atomically), then the file: a crash between the two only repeats
            // the attempt. The note's name is shortened to fit like any output's.
            let noteName = OutputNames.fitted(stem: name, tail: ".error.txt")
            let notePath = (errores as NSString).appendingPathComponent(noteName)
            let noted = (try? (reason + "\n").write(toFile: notePath, atomically: true, encoding: .utf8)) != nil
            let dest = (try? moveAside(working, to: errores, keepName: true)) ?? working
            entry["result"] = "error"
            entry["message"] = reason
            log.write(entry)
            report(.failed(file: name, reason: reason, keptAt: dest, note: noted ? noteName : nil))
            return .failed
        }
    }

    /// The store answered: an outage, if there was one, is over (and said to be).
    private func storeReached() {
        guard retryAt != nil else { return }
        retryAt = nil
        retryWait = 0
        report(.storeBack)
    }

    /// Moves a file into `folder`, adding a timestamp when the name is taken: never overwrites,
    /// never deletes. Returns the new path.
    @discardableResult
    private func moveAside(_ path: String, to folder: String, keepName: Bool = false) throws -> String {
        let name = (path as NSString).lastPathComponent
        var dest = (folder as NSString).appendingPathComponent(name)
        if fm.fileExists(atPath: dest) {
            let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
            let stamp = Self.stamp()
            var n = 1
            repeat {
                let suffix = n == 1 ? stamp : "\(stamp)-\(n)"
                dest = (folder as NSString).appendingPathComponent(OutputNames.fitted(stem: stem, tail: ext.isEmpty ? " \(suffix)" : " \(suffix).\(ext)"))
                n += 1
            } while fm.fileExists(atPath: dest)
        }
        guard rename(path, dest) == 0 else { throw PipelineError.moveFailed(file: name, folder: folder, errno: errno) }
        return dest
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    static func stamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HHmmss"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}
