import CeldaCore
import CeldaMail
import CeldaStore
import Foundation

/// Takes the bases from the mailbox they arrive in (issue 23), exactly once.
///
/// For each waiting message that passes the filters, in this order: its usable files are
/// written to `.celda/correo/<UIDVALIDITY>-<UID>/`; the taking (mailbox, UIDVALIDITY, UID and
/// each file's SHA-256) goes into the store in one transaction; the files are renamed into
/// entrada/; the message is moved to `procesados`. Killed anywhere in between, the next look
/// finishes the job: a staged message the store does not hold is staged again from the
/// mailbox, one it holds has its files renamed in, and a message the store holds that is still
/// waiting is only moved — never saved twice, by this station or another sharing the history.
final class MailIntake {
    let mailbox: IMAPMailbox
    let settings: CorreoConfig.Entrada
    let ledger: MailLedger
    let entrada: String
    let staging: String
    let accepted: [String]
    let station: String
    let report: (WatchEvent) -> Void
    /// Messages that did not pass the filters, in this UIDVALIDITY: not fetched again.
    private var passedOver: (validity: UInt32, uids: Set<UInt32>) = (0, [])
    private let fm = FileManager.default

    static let defaultProcesados = "Celda/Procesados"

    init(mailbox: IMAPMailbox, settings: CorreoConfig.Entrada, ledger: MailLedger, entrada: String, staging: String,
         accepted: [String], station: String, report: @escaping (WatchEvent) -> Void) {
        self.mailbox = mailbox
        self.settings = settings
        self.ledger = ledger
        self.entrada = entrada
        self.staging = staging
        self.accepted = accepted
        self.station = station
        self.report = report
    }

    var procesados: String { settings.procesados ?? Self.defaultProcesados }

    /// One look at the mailbox; the number of files saved into entrada/. A server or store that
    /// cannot be reached throws, and nothing half done is left that the next look does not finish.
    func check() throws -> Int {
        try finishStaged()
        let status = try mailbox.status()
        if passedOver.validity != status.uidValidity { passedOver = (status.uidValidity, []) }
        var saved = 0
        let waiting = try mailbox.uids().filter { !passedOver.uids.contains($0) }
        guard !waiting.isEmpty else { return 0 }
        let unread = Set(try mailbox.unseenUIDs())
        var fault: Error?
        for uid in waiting {
            do {
                saved += try take(uid: uid, validity: status.uidValidity, wasUnread: unread.contains(uid))
            } catch let error as MailError where Self.serverWide(error) {
                throw error
            } catch {
                // This message's own trouble (a move the server refuses, a name that cannot be
                // written): the others are still taken; it is tried again at the next look.
                fault = fault ?? error
            }
        }
        if let fault { throw fault }
        return saved
    }

    /// `wasUnread`: the message had no \Seen flag before Celda looked (libcurl's fetch sets it);
    /// one Celda leaves in the mailbox gets it back unread.
    private func take(uid: UInt32, validity: UInt32, wasUnread: Bool) throws -> Int {
        if let before = try ledger.takenMessage(mailbox: mailbox.identity, uidValidity: validity, uid: uid) {
            // Taken already (here before an interruption, or by another station): only the move
            // is left. One left in place for want of a file stays where it is, said once.
            if before.outcome == .tomado { try mailbox.move(uid: uid, to: procesados) }
            return 0
        }
        // The header decides whether the message is one to take: other mail is not downloaded.
        let header = ReceivedMessage.parse(try mailbox.header(uid: uid)) ?? ReceivedMessage(from: nil, subject: nil, messageID: nil, files: [])
        guard passesFilters(header) else {
            passedOver.uids.insert(uid)
            if wasUnread { try mailbox.markUnseen(uid: uid) }
            return 0
        }
        let message = ReceivedMessage.parse(try mailbox.message(uid: uid)) ?? header
        let usable = message.files.compactMap { file -> (name: String, bytes: Data)? in
            guard let name = usableName(file) else { return nil }
            return (name, file.bytes)
        }
        var taking = MailTaking(mailbox: mailbox.identity, uidValidity: validity, uid: uid, messageID: message.messageID, sender: message.from,
                                subject: message.subject, outcome: usable.isEmpty ? .sinAdjunto : .tomado, files: [],
                                at: FolderWatcher.now(), station: station)
        if usable.isEmpty {
            guard try ledger.record(taking) else { return 0 }
            try mailbox.flag(uid: uid)
            if wasUnread { try mailbox.markUnseen(uid: uid) }
            report(.mailWithoutFile(subject: message.subject ?? "", sender: message.from ?? "", attached: message.files.compactMap(\.name)))
            return 0
        }
        // Files already taken from another message (the same base sent twice, or a mailbox whose
        // UIDs were renumbered) are not saved again.
        var fresh: [(name: String, bytes: Data)] = []
        var known: [String] = []
        for file in usable {
            let hash = Self.sha256(file.bytes)
            taking.files.append(.init(name: file.name, sha256: hash))
            if try ledger.takenFile(sha256: hash) != nil { known.append(file.name) } else { fresh.append(file) }
        }
        let folder = (staging as NSString).appendingPathComponent("\(validity)-\(uid)")
        try? fm.removeItem(atPath: folder)
        try OutputFolder.prepare(folder)
        var staged = Set<String>()
        for file in fresh {
            // Two files of one message with one name: the second gets « (2)».
            var name = file.name, n = 2
            while staged.contains(name) {
                name = OutputNames.fitted(stem: (file.name as NSString).deletingPathExtension, tail: " (\(n))." + (file.name as NSString).pathExtension)
                n += 1
            }
            staged.insert(name)
            try WholeFile.write(file.bytes, to: (folder as NSString).appendingPathComponent(name))
        }
        FaultPoint.beforeRecording.reached()
        guard try ledger.record(taking) else {
            // Another station recorded it between our look and now: its files are its own.
            try? fm.removeItem(atPath: folder)
            return 0
        }
        let names = try promote(folder)
        FaultPoint.beforeMoving.reached()
        try mailbox.move(uid: uid, to: procesados)
        report(.mailTaken(subject: message.subject ?? "", sender: message.from ?? "", saved: names, known: known, movedTo: procesados))
        return names.count
    }

    /// Staged messages left by an interruption: the ones the store holds have their files
    /// renamed into entrada/; the others are removed (their message is still waiting, and is
    /// staged again).
    private func finishStaged() throws {
        for name in ((try? fm.contentsOfDirectory(atPath: staging)) ?? []).sorted() {
            let folder = (staging as NSString).appendingPathComponent(name)
            let parts = name.split(separator: "-")
            guard parts.count == 2, let validity = UInt32(parts[0]), let uid = UInt32(parts[1]) else { continue }
            // Only this station's own record makes its staged files its own: a message another
            // station recorded first is that station's to save.
            if let taken = try ledger.takenMessage(mailbox: mailbox.identity, uidValidity: validity, uid: uid), taken.station == station {
                let names = try promote(folder)
                if !names.isEmpty { report(.mailResumed(saved: names)) }
            } else {
                try? fm.removeItem(atPath: folder)
            }
        }
    }

    /// Renames a staged message's files into entrada/ (a name already there gets « (2)», « (3)»…)
    /// and removes its folder; the names given.
    private func promote(_ folder: String) throws -> [String] {
        var names: [String] = []
        for name in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted() where !name.hasPrefix(".") {
            let source = (folder as NSString).appendingPathComponent(name)
            // link(2) never replaces: a file an agent drops under the same name meanwhile stays,
            // and this one takes the next free name.
            var placed: String?
            for _ in 0..<1000 {
                let target = freeName(name)
                if link(source, (entrada as NSString).appendingPathComponent(target)) == 0 { placed = target; break }
                guard errno == EEXIST else { throw PipelineError.moveFailed(file: name, folder: entrada, errno: errno) }
            }
            guard let target = placed else { throw PipelineError.moveFailed(file: name, folder: entrada, errno: EEXIST) }
            unlink(source)
            names.append(target)
        }
        try? fm.removeItem(atPath: folder)
        return names
    }

    private func freeName(_ name: String) -> String {
        let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        var candidate = name, n = 2
        while fm.fileExists(atPath: (entrada as NSString).appendingPathComponent(candidate)) {
            candidate = OutputNames.fitted(stem: stem, tail: " (\(n))" + (ext.isEmpty ? "" : "." + ext))
            n += 1
        }
        return candidate
    }

    /// A fault of the server or the connection, not of one message: the look stops there.
    static func serverWide(_ error: MailError) -> Bool {
        [6, 7, 28, 35, 52, 55, 56, 58, 60, 67, 77, 83, 90, 91].contains(error.code)
    }

    // MARK: What is taken

    func passesFilters(_ message: ReceivedMessage) -> Bool {
        if let senders = settings.remitentes, !senders.isEmpty {
            guard let from = message.from?.lowercased(), senders.contains(where: { $0.lowercased() == from }) else { return false }
        }
        if let words = settings.asunto, !words.isEmpty {
            guard let subject = message.subject, Self.folded(subject).contains(Self.folded(words)) else { return false }
        }
        return true
    }

    static func folded(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
    }

    /// The name a file part is saved under when it is a base: its own name made safe for a
    /// folder (no path, no control characters, not hidden), or a name from its type when it has
    /// none; nil for anything that is no .xlsx or .csv.
    func usableName(_ file: ReceivedMessage.File) -> String? {
        var name = file.name.map(Self.safeName) ?? ""
        if name.isEmpty {
            switch file.mimeType {
            case OutgoingMessage.workbookType: name = "adjunto.xlsx"
            case "text/csv": name = "adjunto.csv"
            default: return nil
            }
        }
        return accepted.contains((name as NSString).pathExtension.lowercased()) ? name : nil
    }

    static func safeName(_ raw: String) -> String {
        var name = String(raw.unicodeScalars.map { scalar -> Character in
            if scalar == "/" || scalar == "\\" || scalar == ":" { return "_" }
            if CharacterSet.controlCharacters.contains(scalar) { return " " }
            return Character(scalar)
        })
        name = name.trimmingCharacters(in: .whitespaces)
        // Hidden and lock-file names are never taken from entrada/: a base must not look like one.
        while name.hasPrefix(".") || name.hasPrefix("~") || name.hasPrefix("$") { name.removeFirst() }
        let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        return ext.isEmpty ? OutputNames.fitted(stem: name, tail: "") : OutputNames.fitted(stem: stem, tail: "." + ext)
    }

    static func sha256(_ bytes: Data) -> String {
        var hasher = SHA256Hasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finish()
    }
}
