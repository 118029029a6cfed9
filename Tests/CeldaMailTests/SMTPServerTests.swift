import Foundation
import Testing
@testable import CeldaMail

/// Against the SMTP sink scripts/mail_test_server.sh starts: a message sent arrives whole, once
/// per recipient list; a server that is down is an error naming it.
struct SMTPServerTests {
    static let env = ProcessInfo.processInfo.environment

    @Test func aMessageArrivesWhole() throws {
        let url = try #require(Self.env["CELDA_TEST_SMTP_URL"], "scripts/test.sh starts the test mail server")
        let sent = try #require(Self.env["CELDA_TEST_MAIL_DIR"]) + "/sent/new"
        let before = (try? FileManager.default.contentsOfDirectory(atPath: sent))?.count ?? 0
        let subject = "Consolidado mal escalado soporte 2024-03-22 \(UUID().uuidString)"
        let message = "From: celda@almacontact.com.co\r\nTo: coordinacion@almacontact.com.co\r\nSubject: \(subject)\r\n\r\nCuerpo: 40 casos, 12 alarmas.\r\n"
        try SMTPServer(url: url).send(Data(message.utf8), from: "celda@almacontact.com.co", to: ["coordinacion@almacontact.com.co", "formacion@almacontact.com.co"])
        let files = try FileManager.default.contentsOfDirectory(atPath: sent)
        #expect(files.count == before + 1, "one message for both recipients")
        let texts = try files.map { try String(contentsOfFile: sent + "/" + $0, encoding: .utf8) }
        #expect(texts.contains { $0.contains(subject) && $0.contains("Cuerpo: 40 casos, 12 alarmas.") })
    }

    @Test func aProbeSaysTheGreetingAndSendsNothing() throws {
        let url = try #require(Self.env["CELDA_TEST_SMTP_URL"], "scripts/test.sh starts the test mail server")
        let probe = try SMTPServer(url: url).probe()
        #expect(probe.greeting.hasPrefix("220 ") && probe.reply.hasPrefix("250"), "\(probe)")
    }

    @Test func aRefusedRecipientIsNamedAndNothingIsSent() throws {
        let url = try #require(Self.env["CELDA_TEST_SMTP_URL"], "scripts/test.sh starts the test mail server")
        let sent = try #require(Self.env["CELDA_TEST_MAIL_DIR"]) + "/sent/new"
        let subject = "nunca llega \(UUID().uuidString)"
        let message = "From: celda@almacontact.com.co\r\nSubject: \(subject)\r\n\r\nx\r\n"
        #expect { try SMTPServer(url: url).send(Data(message.utf8), from: "celda@almacontact.com.co", to: ["coordinacion@almacontact.com.co", "nadie@rechazado.invalid"]) } throws: { error in
            let e = error as? MailError
            return e?.refusedRecipient == "nadie@rechazado.invalid" && e?.message.contains("550") == true
        }
        // Nobody got it: not the recipient the server accepted either.
        let texts = try FileManager.default.contentsOfDirectory(atPath: sent).map { try String(contentsOfFile: sent + "/" + $0, encoding: .utf8) }
        #expect(!texts.contains { $0.contains(subject) })
    }

    @Test func aServerThatIsDownIsSaid() {
        #expect { try SMTPServer(url: "smtp://127.0.0.1:1").send(Data("x".utf8), from: "a@b.co", to: ["c@d.co"]) } throws: { error in
            (error as? MailError)?.server == "smtp://127.0.0.1:1" && (error as? MailError)?.code == 7
        }
    }
}
