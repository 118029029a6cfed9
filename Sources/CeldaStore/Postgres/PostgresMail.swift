/// The mail ledger on PostgreSQL: the same tables as SQLite's (`MailLedgerTables`). Two
/// stations taking the same message race on its primary key: the one whose row goes in saves
/// the files, the other saves nothing.
extension PostgresStore: MailLedger {
    public func takenMessage(mailbox: String, uidValidity: UInt32, uid: UInt32) throws -> MailTaking? {
        try taking(where: "mailbox = $1 AND uid_validity = $2 AND uid = $3", [mailbox, String(uidValidity), String(uid)])
    }

    public func takenFile(sha256: String) throws -> MailTaking? {
        try taking(where: "(mailbox, uid_validity, uid) IN (SELECT mailbox, uid_validity, uid FROM mail_file WHERE sha256 = $1)", [sha256])
    }

    private func taking(where condition: String, _ parameters: [String?]) throws -> MailTaking? {
        try withConnection { conn in
            let r = try conn.execute("SELECT \(MailLedgerTables.messageColumnsAsText) FROM mail_message WHERE \(condition) ORDER BY taken_at LIMIT 1", parameters)
            guard r.count > 0 else { return nil }
            let f = try conn.execute("""
                SELECT name, sha256 FROM mail_file WHERE mailbox = $1 AND uid_validity = $2 AND uid = $3 ORDER BY name COLLATE "C"
                """, [r.text(0, "mailbox"), r.text(0, "uid_validity"), r.text(0, "uid")])
            let files = (0..<f.count).map { MailTaking.File(name: f.text($0, "name") ?? "", sha256: f.text($0, "sha256") ?? "") }
            return MailLedgerTables.taking({ r.text(0, $0) }, files: files)
        }
    }

    public func record(_ taking: MailTaking) throws -> Bool {
        try withConnection { conn in
            try conn.execute("BEGIN")
            do {
                let inserted = try conn.execute("""
                    INSERT INTO mail_message (\(MailLedgerTables.messageColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    ON CONFLICT DO NOTHING RETURNING uid
                    """, [taking.mailbox, String(taking.uidValidity), String(taking.uid), taking.messageID, taking.sender, taking.subject,
                          taking.outcome.rawValue, taking.at, taking.station])
                if inserted.count == 1 {
                    for file in taking.files {
                        try conn.execute("""
                            INSERT INTO mail_file (sha256, mailbox, uid_validity, uid, name) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
                            """, [file.sha256, taking.mailbox, String(taking.uidValidity), String(taking.uid), file.name])
                    }
                }
                try conn.execute("COMMIT")
                return inserted.count == 1
            } catch {
                _ = try? conn.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func lastSending(report: String, period: String) throws -> MailSending? {
        try withConnection { conn in
            let r = try conn.execute("""
                SELECT \(MailLedgerTables.sentColumns) FROM mail_sent WHERE report = $1 AND period = $2 ORDER BY sent_at DESC LIMIT 1
                """, [report, period])
            return r.count == 0 ? nil : MailLedgerTables.sending { r.text(0, $0) }
        }
    }

    public func record(_ s: MailSending) throws {
        try withConnection { conn in
            _ = try conn.execute("INSERT INTO mail_sent (\(MailLedgerTables.sentColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                                 [s.report, s.period, s.fingerprint, s.messageID, s.recipients.joined(separator: ","), s.fileName, s.at, s.station])
        }
    }
}
