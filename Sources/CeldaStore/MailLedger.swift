import Foundation
import GRDB

/// A message taken from a mailbox (issue 23), as the store keeps it so it is never taken twice,
/// by this station or another sharing the history: the mailbox, its UIDVALIDITY and the
/// message's UID, and the SHA-256 of each file saved from it.
public struct MailTaking: Equatable, Sendable {
    public enum Outcome: String, Sendable {
        /// Its files were saved into entrada/ (or were known already); it goes to procesados.
        case tomado
        /// No .xlsx or .csv attached: left in place, flagged, said once.
        case sinAdjunto = "sin-adjunto"
    }

    public struct File: Equatable, Sendable {
        public var name: String
        public var sha256: String
        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    /// «usuario@servidor/buzón», never a password.
    public var mailbox: String
    public var uidValidity: UInt32
    public var uid: UInt32
    public var messageID: String?
    public var sender: String?
    public var subject: String?
    public var outcome: Outcome
    public var files: [File]
    /// ISO 8601, UTC.
    public var at: String
    public var station: String

    public init(mailbox: String, uidValidity: UInt32, uid: UInt32, messageID: String?, sender: String?, subject: String?,
                outcome: Outcome, files: [File], at: String, station: String) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
        self.messageID = messageID
        self.sender = sender
        self.subject = subject
        self.outcome = outcome
        self.files = files
        self.at = at
        self.station = station
    }
}

/// A report mailed (issue 23): which version went to whom, so the same workbook is not sent
/// twice and a corrected one names the message it replaces.
public struct MailSending: Equatable, Sendable {
    public var report: String
    public var period: String
    /// SHA-256 of the workbook's content (its parts without the time it was written).
    public var fingerprint: String
    public var messageID: String
    public var recipients: [String]
    public var fileName: String
    /// ISO 8601, UTC.
    public var at: String
    public var station: String

    public init(report: String, period: String, fingerprint: String, messageID: String, recipients: [String], fileName: String,
                at: String, station: String) {
        self.report = report
        self.period = period
        self.fingerprint = fingerprint
        self.messageID = messageID
        self.recipients = recipients
        self.fileName = fileName
        self.at = at
        self.station = station
    }
}

/// What the store knows of the mail: messages taken, reports sent.
public protocol MailLedger: AnyObject {
    func takenMessage(mailbox: String, uidValidity: UInt32, uid: UInt32) throws -> MailTaking?
    /// The message a file with this content was saved from, if any.
    func takenFile(sha256: String) throws -> MailTaking?
    /// Keeps `taking` in one transaction; false when the message was kept already (another
    /// station took it first): then the caller saves nothing.
    func record(_ taking: MailTaking) throws -> Bool
    func lastSending(report: String, period: String) throws -> MailSending?
    func record(_ sending: MailSending) throws
}

/// The tables (migration "v7 mail ledger").
enum MailLedgerTables {
    /// `integer`: the type of a UID, which goes up to 2³²−1 (SQLite's INTEGER, PostgreSQL's bigint).
    static func sql(integer: String) -> String { """
        CREATE TABLE mail_message (
            mailbox text NOT NULL,
            uid_validity \(integer) NOT NULL,
            uid \(integer) NOT NULL,
            message_id text,
            sender text,
            subject text,
            outcome text NOT NULL,
            taken_at text NOT NULL,
            station text NOT NULL,
            PRIMARY KEY (mailbox, uid_validity, uid)
        );
        CREATE TABLE mail_file (
            sha256 text NOT NULL,
            mailbox text NOT NULL,
            uid_validity \(integer) NOT NULL,
            uid \(integer) NOT NULL,
            name text NOT NULL,
            PRIMARY KEY (sha256, mailbox, uid_validity, uid),
            FOREIGN KEY (mailbox, uid_validity, uid) REFERENCES mail_message
        );
        CREATE TABLE mail_sent (
            report text NOT NULL,
            period text NOT NULL,
            fingerprint text NOT NULL,
            message_id text NOT NULL PRIMARY KEY,
            recipients text NOT NULL,
            file_name text NOT NULL,
            sent_at text NOT NULL,
            station text NOT NULL
        );
        CREATE INDEX mail_sent_by_report ON mail_sent (report, period, sent_at);
        """
    }

    static let messageColumns = "mailbox, uid_validity, uid, message_id, sender, subject, outcome, taken_at, station"
    /// The same, every one as text (both backends).
    static let messageColumnsAsText = "mailbox, CAST(uid_validity AS TEXT) AS uid_validity, CAST(uid AS TEXT) AS uid, message_id, sender, subject, outcome, taken_at, station"
    static let sentColumns = "report, period, fingerprint, message_id, recipients, file_name, sent_at, station"

    /// A stored taking from its columns (`value(name)` reads one as text).
    static func taking(_ value: (String) -> String?, files: [MailTaking.File]) -> MailTaking {
        MailTaking(mailbox: value("mailbox") ?? "", uidValidity: UInt32(value("uid_validity") ?? "") ?? 0, uid: UInt32(value("uid") ?? "") ?? 0,
                   messageID: value("message_id"), sender: value("sender"), subject: value("subject"),
                   outcome: MailTaking.Outcome(rawValue: value("outcome") ?? "") ?? .tomado, files: files,
                   at: value("taken_at") ?? "", station: value("station") ?? "")
    }

    static func sending(_ value: (String) -> String?) -> MailSending {
        MailSending(report: value("report") ?? "", period: value("period") ?? "", fingerprint: value("fingerprint") ?? "",
                    messageID: value("message_id") ?? "", recipients: (value("recipients") ?? "").split(separator: ",").map(String.init),
                    fileName: value("file_name") ?? "", at: value("sent_at") ?? "", station: value("station") ?? "")
    }
}

extension SQLiteStore: MailLedger {
    public func takenMessage(mailbox: String, uidValidity: UInt32, uid: UInt32) throws -> MailTaking? {
        try guarded {
            try queue.read { db in
                try Self.taking(db, where: "mailbox = ? AND uid_validity = ? AND uid = ?", [mailbox, Int64(uidValidity), Int64(uid)])
            }
        }
    }

    public func takenFile(sha256: String) throws -> MailTaking? {
        try guarded {
            try queue.read { db in
                try Self.taking(db, where: "(mailbox, uid_validity, uid) IN (SELECT mailbox, uid_validity, uid FROM mail_file WHERE sha256 = ?)", [sha256])
            }
        }
    }

    private static func taking(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> MailTaking? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(MailLedgerTables.messageColumnsAsText) FROM mail_message WHERE \(condition) ORDER BY taken_at LIMIT 1",
                                         arguments: arguments) else { return nil }
        let files = try Row.fetchAll(db, sql: "SELECT name, sha256 FROM mail_file WHERE mailbox = ? AND uid_validity = CAST(? AS INTEGER) AND uid = CAST(? AS INTEGER) ORDER BY name",
                                     arguments: [row["mailbox"] as String, row["uid_validity"] as String, row["uid"] as String])
            .map { MailTaking.File(name: $0["name"], sha256: $0["sha256"]) }
        return MailLedgerTables.taking({ row[$0] as String? }, files: files)
    }

    public func record(_ taking: MailTaking) throws -> Bool {
        try guarded {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO mail_message (\(MailLedgerTables.messageColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               arguments: [taking.mailbox, Int64(taking.uidValidity), Int64(taking.uid), taking.messageID, taking.sender, taking.subject,
                                           taking.outcome.rawValue, taking.at, taking.station])
                guard db.changesCount == 1 else { return false }
                for f in taking.files {
                    try db.execute(sql: "INSERT INTO mail_file (sha256, mailbox, uid_validity, uid, name) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                   arguments: [f.sha256, taking.mailbox, Int64(taking.uidValidity), Int64(taking.uid), f.name])
                }
                return true
            }
        }
    }

    public func lastSending(report: String, period: String) throws -> MailSending? {
        try guarded {
            try queue.read { db in
                try Row.fetchOne(db, sql: "SELECT \(MailLedgerTables.sentColumns) FROM mail_sent WHERE report = ? AND period = ? ORDER BY sent_at DESC LIMIT 1",
                                 arguments: [report, period]).map { row in MailLedgerTables.sending { row[$0] } }
            }
        }
    }

    public func record(_ s: MailSending) throws {
        try guarded {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO mail_sent (\(MailLedgerTables.sentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [s.report, s.period, s.fingerprint, s.messageID, s.recipients.joined(separator: ","), s.fileName, s.at, s.station])
            }
        }
    }
}
