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
        let plain = try mailbox().status(), tls = try mailbox("CELDA_TEST_IMAPS_URL").status()
        #expect(plain == tls)
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
