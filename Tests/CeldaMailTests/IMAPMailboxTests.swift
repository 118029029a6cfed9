import Foundation
import Testing
@testable import CeldaMail

/// Against the throwaway Dovecot scripts/mail_test_server.sh starts (scripts/test.sh exports
/// where): messages waiting and the UIDVALIDITY, over STARTTLS and over IMAPS; a wrong password
/// and a server that is down are errors that name the server, never its password.
struct IMAPMailboxTests {
    static let env = ProcessInfo.processInfo.environment

    func mailbox(_ key: String = "CELDA_TEST_IMAP_URL", password: String? = nil) throws -> IMAPMailbox {
        let url = try #require(Self.env[key], "scripts/test.sh starts the test mail server")
        return IMAPMailbox(url: url, user: Self.env["CELDA_TEST_MAIL_USER"] ?? "backoffice", password: password ?? Self.env["CELDA_TEST_MAIL_PASSWORD"], insecure: true)
    }

    @Test func statusOverStartTLSAndOverIMAPS() throws {
        // Other tests deliver meanwhile: the mailbox is the same one, its count may have moved.
        let plain = try mailbox().status(), tls = try mailbox("CELDA_TEST_IMAPS_URL").status()
        #expect(plain.uidValidity == tls.uidValidity)
        #expect(plain.uidValidity > 0 && plain.uidNext >= UInt32(plain.messages) + 1)
    }

    @Test func aWrongPasswordNamesTheServer() throws {
        #expect { try mailbox(password: "no-es-esta").status() } throws: { error in
            let e = error as? MailError
            return e?.server.hasPrefix("imap://127.0.0.1") == true && e?.code == 67 && !(e?.description.contains("no-es-esta") ?? true)
        }
    }

    @Test func aServerThatIsDownIsSaid() throws {
        let down = IMAPMailbox(url: "imap://127.0.0.1:1/INBOX", user: "backoffice", password: "x")
        #expect { try down.status() } throws: { error in (error as? MailError)?.code == 7 }
    }

    @Test func statusRepliesAreParsed() {
        #expect(IMAPMailbox.parse(status: "* STATUS INBOX (MESSAGES 3 UIDVALIDITY 1796650066 UIDNEXT 4)\r\n")
                == .init(messages: 3, uidValidity: 1_796_650_066, uidNext: 4))
        #expect(IMAPMailbox.parse(status: "* STATUS INBOX (MESSAGES x)") == nil)
    }
}

/// Taking messages: each waiting UID, a message whole, moved to the mailbox taken ones go to.
struct IMAPTakingTests {
    /// A message into the test mailbox's INBOX, through scripts/mail_test_server.sh.
    func deliver(from sender: String, subject: String, body: String) throws {
        let dir = try #require(ProcessInfo.processInfo.environment["CELDA_TEST_MAIL_DIR"], "scripts/test.sh starts the test mail server")
        let eml = dir + "/\(UUID().uuidString).eml"
        try "From: \(sender)\r\nSubject: \(subject)\r\n\r\n\(body)\r\n".write(toFile: eml, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/mail_test_server.sh").path, "deliver", eml]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func aMessageIsReadWholeThenMovedToProcesados() throws {
        let env = ProcessInfo.processInfo.environment
        let base = try #require(env["CELDA_TEST_IMAP_URL"], "scripts/test.sh starts the test mail server")
        let subject = "Base Mal Escalados \(UUID().uuidString)"
        try deliver(from: "gestion.soporte@claro.com.co", subject: subject, body: "Adjunto la base.")
        let inbox = IMAPMailbox(url: base, user: env["CELDA_TEST_MAIL_USER"] ?? "", password: env["CELDA_TEST_MAIL_PASSWORD"], insecure: true)
        let uids = try inbox.uids()
        let found = try uids.first { try String(decoding: inbox.message(uid: $0), as: UTF8.self).contains(subject) }
        let uid = try #require(found, "the delivered message is waiting")
        #expect(String(decoding: try inbox.message(uid: uid), as: UTF8.self).contains("Adjunto la base."))
        try inbox.move(uid: uid, to: "Celda/Procesados")
        #expect(!(try inbox.uids().contains(uid)))
        var procesados = inbox
        procesados.url = base.replacingOccurrences(of: "/INBOX", with: "/Celda%2FProcesados")
        #expect(try procesados.status().messages >= 1)
        // Moving again into the existing mailbox: no fault from its CREATE.
        let other = "otra \(UUID().uuidString)"
        try deliver(from: "a@b.co", subject: other, body: "x")
        // Other tests deliver to the same mailbox meanwhile: the message is found by its subject.
        let second = try #require(try inbox.uids().first { try String(decoding: inbox.message(uid: $0), as: UTF8.self).contains(other) })
        try inbox.move(uid: second, to: "Celda/Procesados")
        #expect(!(try inbox.uids().contains(second)))
    }

    @Test func mailboxNamesAreQuotedInModifiedUTF7() {
        // RFC 3501 §5.1.3's own example, and a Spanish one.
        #expect(IMAPMailbox.modifiedUTF7("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
        #expect(IMAPMailbox.quoted("Celda/Revisión & \"año\"") == "\"Celda/Revisi&APM-n &- \\\"a&APE-o\\\"\"")
    }

    @Test func aMessageMovesToAMailboxWithAnAccentedName() throws {
        let env = ProcessInfo.processInfo.environment
        let base = try #require(env["CELDA_TEST_IMAP_URL"], "scripts/test.sh starts the test mail server")
        let dir = try #require(env["CELDA_TEST_MAIL_DIR"])
        let subject = "acento \(UUID().uuidString)"
        try deliver(from: "a@b.co", subject: subject, body: "x")
        let inbox = IMAPMailbox(url: base, user: env["CELDA_TEST_MAIL_USER"] ?? "", password: env["CELDA_TEST_MAIL_PASSWORD"], insecure: true)
        let uid = try #require(try inbox.uids().first { try String(decoding: inbox.message(uid: $0), as: UTF8.self).contains(subject) })
        try inbox.move(uid: uid, to: "Celda/Revisión año")
        let list = Process()
        list.executableURL = URL(fileURLWithPath: "/usr/bin/doveadm")
        list.arguments = ["-c", dir + "/dovecot.conf", "mailbox", "list", "-u", "backoffice"]
        let out = Pipe()
        list.standardOutput = out
        try list.run()
        let names = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        list.waitUntilExit()
        #expect(names.split(separator: "\n").contains("Celda/Revisión año"), "doveadm shows the name as the person reads it: \(names)")
    }

    @Test func searchRepliesAreParsed() {
        #expect(IMAPMailbox.parse(search: "* SEARCH 9 1 4\r\n") == [1, 4, 9])
        #expect(IMAPMailbox.parse(search: "* SEARCH\r\n").isEmpty)
    }
}
