import Foundation
import Testing
@testable import CeldaStore

/// The mail ledger on SQLite and PostgreSQL alike: a message is kept once (a second station
/// recording the same one is told it was first taken elsewhere), found again by its UID or by
/// any of its files' SHA-256, and the latest sending of a report's period is the one returned.
struct MailLedgerTests {
    static let box = "backoffice@imap://127.0.0.1:1143/INBOX"

    static func taking(uid: UInt32, station: String, files: [MailTaking.File]) -> MailTaking {
        MailTaking(mailbox: box, uidValidity: 4_000_000_001, uid: uid, messageID: "m\(uid)@claro.com.co", sender: "gestion.soporte@claro.com.co",
                   subject: "Base Mal Escalados «22-03»", outcome: files.isEmpty ? .sinAdjunto : .tomado, files: files,
                   at: "2026-12-07T10:00:0\(uid)Z", station: station)
    }

    @Test(arguments: Backend.allCases) func aMessageIsKeptOnceAndFoundByUIDOrByFile(_ backend: Backend) throws {
        let opened = try backend.fresh()
        let files = [MailTaking.File(name: "Base Bogotá.xlsx", sha256: String(repeating: "a", count: 64)),
                     MailTaking.File(name: "Base Cali.csv", sha256: String(repeating: "b", count: 64))]
        let first = Self.taking(uid: 7, station: "pc-1", files: files)
        #expect(try opened.store.record(first))
        // Another station, same history: the message is no longer its to take.
        let other = try opened.reopen()
        #expect(try other.record(Self.taking(uid: 7, station: "pc-2", files: [])) == false)
        #expect(try other.takenMessage(mailbox: Self.box, uidValidity: 4_000_000_001, uid: 7) == first)
        #expect(try other.takenMessage(mailbox: Self.box, uidValidity: 4_000_000_002, uid: 7) == nil)
        #expect(try other.takenFile(sha256: String(repeating: "b", count: 64))?.uid == 7)
        #expect(try other.takenFile(sha256: String(repeating: "c", count: 64)) == nil)
        let none = Self.taking(uid: 8, station: "pc-2", files: [])
        #expect(try other.record(none))
        #expect(try opened.store.takenMessage(mailbox: Self.box, uidValidity: 4_000_000_001, uid: 8)?.outcome == .sinAdjunto)
    }

    @Test(arguments: Backend.allCases) func theLatestSendingOfAPeriodIsReturned(_ backend: Backend) throws {
        let store = try backend.fresh().store
        #expect(try store.lastSending(report: "mal-escalados", period: "día 22/03/2024") == nil)
        let first = MailSending(report: "mal-escalados", period: "día 22/03/2024", fingerprint: "f1", messageID: "1@celda",
                                recipients: ["a@almacontact.com.co", "b@claro.com.co"], fileName: "Consolidado 22-03.xlsx",
                                at: "2026-12-07T10:00:00Z", station: "pc-1")
        try store.record(first)
        var second = first
        second.fingerprint = "f2"
        second.messageID = "2@celda"
        second.at = "2026-12-07T11:00:00Z"
        try store.record(second)
        #expect(try store.lastSending(report: "mal-escalados", period: "día 22/03/2024") == second)
        #expect(try store.lastSending(report: "premium", period: "día 22/03/2024") == nil)
    }
}
