import CeldaCore
import CeldaMail
import CeldaReports
import CeldaStore
import Foundation
import XLSXReader

/// The folder workflow of DOMAIN.md §5. Each file goes entrada → procesando → (salida +
/// procesados) or errores; every move is a rename within one file system, every output is
/// written to a temporary name and renamed, and a file's rows reach the history store in one
/// transaction before its output is written, so a crash at any point leaves a state the next
/// start resolves without losing or repeating a file.
///
/// The steps are named types: `WatchFolders` (the folders and moving between them),
/// `EntradaIntake` (which files are whole), `handle` here (one file), `AfterBatch` (the week's
/// compromisos and the day's reports), `recover` (what a crash left).
public final class FolderWatcher {
    public let root: String
    let templates: Templates
    let interval: Double
    let language: Language
    let today: () -> CalendarDate
    let stop: StopRequest
    /// Told of every file handled, as it happens.
    let report: (WatchEvent) -> Void

    private let folders: WatchFolders
    private let intake: EntradaIntake
    /// The history: every file's rows, and what makes the same content dropped twice known.
    public let store: HistoryStore
    /// Who processes here, kept with every file in the store (the host name unless given).
    public var station = Station.current
    /// The longest wait between two tries while the store cannot be reached.
    public var longestRetrySeconds: Double = 30
    /// How long `--once` waits for files that are still changing.
    public var onceLimitSeconds: Double = 120
    /// Whether the day's reports carry the *Tabla dinámica* sheet.
    public var pivotTable = true
    /// While the store is unreachable: when to try again, how long the last wait was.
    private var retryAt: Date?
    private var retryWait: Double = 0
    private let log: WatchLog
    /// The mailbox the bases arrive in and the server the reports leave by (`useMail`).
    private var mailIntake: MailIntake?
    private var mailing: ReportMailing?
    private var imapOutage = MailOutage(), smtpOutage = MailOutage()
    /// Seconds between two looks at the mailbox (`entrada.revisar_cada` of the mail file).
    public var mailEverySeconds: Double = 60
    private var nextMailLook = Date.distantPast
    /// After a purge that failed, when to try it again.
    private var retentionRetryAt = Date.distantPast
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
        folders = try WatchFolders(root: root, templates: templates)
        intake = EntradaIntake(folder: folders.entrada)
        self.store = try store ?? SQLiteStore(path: FolderWatcher.defaultStorePath(root: root))
        log = WatchLog(path: folders.file("log.jsonl", in: folders.state))
    }

    /// `<folder>/.celda/celda.sqlite`: the folder's own history unless another store is given.
    public static func defaultStorePath(root: String) -> String {
        ((root as NSString).appendingPathComponent(".celda") as NSString).appendingPathComponent("celda.sqlite")
    }

    public var lockPath: String { folders.file("watch.lock", in: folders.state) }

    /// In `.celda/`: the store this watcher uses, and the last look at the mailbox (what
    /// `celda status` reads).
    static let storeFile = "historial.json", mailCheckFile = "correo.json"

    /// Says in `.celda/` which store the folder's watcher uses (its location never shows a password).
    public func recordStore() {
        let fields = ["location": store.location, "since": Self.now()]
        if let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) {
            try? WholeFile.write(data, to: folders.file(Self.storeFile, in: folders.state))
        }
    }

    private func recordMailCheck(ok: Bool, message: String?) {
        var fields = ["at": Self.now(), "ok": ok ? "sí" : "no"]
        fields["message"] = message
        if let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) {
            try? WholeFile.write(data, to: folders.file(Self.mailCheckFile, in: folders.state))
        }
    }

    /// Takes bases from `config`'s mailbox into entrada/ and mails the reports refreshed after
    /// each batch to their recipients (issue 23). Passwords come from the environment.
    public func useMail(_ config: CorreoConfig, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let say: (WatchEvent) -> Void = { [log, report, language] event in
            log.write(["at": Self.now(), "correo": event.line(language)])
            report(event)
        }
        if let entrada = config.entrada, let mailbox = config.mailbox(environment: environment) {
            mailIntake = MailIntake(mailbox: mailbox, settings: entrada, ledger: store, entrada: folders.entrada,
                                    staging: folders.file("correo", in: folders.state), accepted: templates.workflow.accepted_extensions,
                                    station: station, report: say)
            if let every = entrada.revisar_cada { mailEverySeconds = every }
        }
        if let salida = config.salida, let smtp = config.smtp(environment: environment) {
            mailing = ReportMailing(smtp: smtp, settings: salida, ledger: store, templates: templates, language: language, station: station,
                                    waitingFile: folders.file("correo-pendiente.json", in: folders.state), report: say)
        }
    }

    /// Takes the folder's lock: one watcher per folder.
    public func lock() throws -> FolderLock { try FolderLock(path: lockPath, folder: root) }

    // MARK: Start-up: resolve what a crash left behind.

    public func recover() throws {
        // A temporary output is a write that did not finish: it is removed, never used.
        for name in (try? fm.contentsOfDirectory(atPath: folders.salida)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? fm.removeItem(atPath: folders.file(name, in: folders.salida))
        }
        for name in (try? fm.contentsOfDirectory(atPath: folders.procesando)) ?? [] where !name.hasPrefix(".") {
            let path = folders.file(name, in: folders.procesando)
            let hash = try FileHash.sha256(of: path)
            // Rows go to the store before the output is written: an output means the file is done.
            if outputExists(for: hash, source: name) {
                let dest = try folders.moveAside(path, to: folders.procesados)
                report(.alreadyDone(file: name, original: dest))
            } else {
                _ = try folders.moveAside(path, to: folders.entrada, keepName: true)
                report(.resumed(file: name))
            }
        }
    }

    /// Whether a finished gestionado in salida/ came from this content (its metadata says so).
    private func outputExists(for hash: String, source: String) -> Bool {
        let stem = (source as NSString).deletingPathExtension
        for name in (try? fm.contentsOfDirectory(atPath: folders.salida)) ?? [] where name.hasPrefix(stem + " - gestionado") && name.hasSuffix(".xlsx") {
            guard let book = try? XLSXWorkbook(path: folders.file(name, in: folders.salida)),
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
        let afterBatch = AfterBatch(templates: templates, store: store, language: language, folders: folders, pivotTable: pivotTable, report: report)
        while !stop.isRequested {
            if let retryAt, Date() < retryAt {
                // The store is away: the files wait in entrada/; nothing is looked at until the
                // next try.
                Thread.sleep(forTimeInterval: min(interval, max(0.01, retryAt.timeIntervalSinceNow)))
                continue
            }
            applyRetention()
            if !lookAtMailbox() && once { failed += 1 }
            var storeAway = false
            for name in intake.look(needed: needed, settleSeconds: settleSeconds) {
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
                // Run whether or not there is mail (an optional call would skip its argument).
                let refreshed = afterBatch.run(kindsProcessed: kindsProcessed, today: today())
                mailing?.queue(refreshed)
                kindsProcessed.removeAll()
            }
            if !sendReports() && once { failed += 1 }
            // Once: wait for what is there to settle (files still being copied), then stop.
            if once && (intake.pending == 0 || Date().timeIntervalSince(started) > onceLimitSeconds) { break }
            Thread.sleep(forTimeInterval: interval)
        }
        return (handled, failed)
    }

    // MARK: Retention

    /// Once a day, when Templates/workflow.yaml sets `retencion_meses`: the history older than
    /// that is purged (`HistoryRetention`), and the log says so. A mark in .celda/ says the day
    /// was done; a store that cannot be reached leaves it for the next look.
    private func applyRetention() {
        guard let months = templates.workflow.retencion_meses, months > 0 else { return }
        let day = today()
        let mark = folders.file("retencion " + day.description, in: folders.state)
        guard !fm.fileExists(atPath: mark), Date() >= retentionRetryAt else { return }
        let before = HistoryRetention.day(months: months, before: day)
        do {
            let counts = try HistoryRetention.purge(before: before, store: store, templates: templates, dryRun: false)
            _ = fm.createFile(atPath: mark, contents: Data((before.description + "\n").utf8))
            let event = WatchEvent.retentionApplied(months: months, before: before.description, summary: HistoryRetention.summary(counts, language))
            log.write(["at": Self.now(), "retencion": event.line(language)])
            report(event)
        } catch {
            // Said, then left for ten minutes: the files go on being processed meanwhile.
            retentionRetryAt = Date().addingTimeInterval(600)
            report(.reportFailed(report: language == .es ? "retención" : "retention", reason: ErrorReport.message(for: error, language: language)))
        }
    }

    // MARK: Mail

    /// Takes what waits in the mailbox when it is time to look; false when the server (or the
    /// store) could not be used — nothing is lost, the look is tried again later.
    private func lookAtMailbox() -> Bool {
        guard let mailIntake, Date() >= nextMailLook, !imapOutage.isWaiting else { return true }
        nextMailLook = Date().addingTimeInterval(mailEverySeconds)
        do {
            let saved = try mailIntake.check()
            recordMailCheck(ok: true, message: language == .es ? "\(saved) archivo(s) tomados" : "\(saved) file(s) taken")
            if imapOutage.reached() { mailIntake.report(.mailBack(server: MailError.shown(mailIntake.mailbox.url))) }
            return true
        } catch {
            let (first, wait) = imapOutage.failed(interval: interval, longest: longestRetrySeconds)
            recordMailCheck(ok: false, message: ErrorReport.message(for: error, language: language))
            if first { mailIntake.report(.mailUnavailable(server: MailError.shown(mailIntake.mailbox.url), reason: ErrorReport.message(for: error, language: language), retryIn: wait)) }
            return false
        }
    }

    /// Mails the refreshed reports that wait; false when the server could not take them (they
    /// wait for the next try).
    private func sendReports() -> Bool {
        guard let mailing, mailing.hasWaiting, !smtpOutage.isWaiting else { return true }
        do {
            try mailing.send()
            if smtpOutage.reached() { mailing.report(.mailBack(server: MailError.shown(mailing.smtp.url))) }
            return true
        } catch {
            let (first, wait) = smtpOutage.failed(interval: interval, longest: longestRetrySeconds)
            if first { mailing.report(.mailUnavailable(server: MailError.shown(mailing.smtp.url), reason: ErrorReport.message(for: error, language: language), retryIn: wait)) }
            return false
        }
    }

    /// Seconds a file must go unmodified before it is taken.
    var settleSeconds: Double { max(1.0, 2 * interval) }

    // MARK: One file

    enum Handled { case done, failed, storeUnavailable }

    /// `.done` when the file was processed (or recognised as already processed); `.failed` when
    /// it went to errores/; `.storeUnavailable` when the history could not be reached — not
    /// the file's fault: it is back in entrada/ and tried again later.
    private func handle(_ name: String) -> Handled {
        let start = Date()
        let source = folders.file(name, in: folders.entrada)
        let working = folders.file(name, in: folders.procesando)
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
                let dest = try folders.moveAside(working, to: folders.procesados)
                entry["result"] = "duplicado"
                entry["same_as"] = before.name
                log.write(entry)
                report(.duplicate(file: name, sameAs: before.name, at: before.processedOn, station: before.station, original: dest))
                storeReached()
                return .done
            }
            var processor = try BaseProcessor(templates: templates, today: today(), language: language, outFolder: folders.salida)
            processor.store = store
            processor.station = station
            let summary = try processor.process(working, knownHash: hash)
            let dest = try folders.moveAside(working, to: folders.procesados)
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
            let back = (try? folders.moveAside(working, to: folders.entrada, keepName: true)) ?? working
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
            let notePath = folders.file(noteName, in: folders.errores)
            let noted = (try? (reason + "\n").write(toFile: notePath, atomically: true, encoding: .utf8)) != nil
            let dest = (try? folders.moveAside(working, to: folders.errores, keepName: true)) ?? working
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

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}
