import Foundation
import Testing

/// `celda correo probar` against the throwaway servers (scripts/test.sh starts them): it says
/// the mailbox, the messages waiting and the SMTP greeting, sends nothing; a wrong password is
/// one line naming the server, exit 1, the password never shown.
struct CorreoProbarTests {
    static let env = ProcessInfo.processInfo.environment

    func config() throws -> String {
        let imap = try #require(Self.env["CELDA_TEST_IMAP_URL"], "scripts/test.sh starts the test mail server")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("correo-\(UUID().uuidString).yaml").path
        try """
        entrada:
          imap: \(imap)
          usuario: \(Self.env["CELDA_TEST_MAIL_USER"] ?? "backoffice")
          procesados: Celda/Procesados
          certificado_ca: \(Self.env["CELDA_TEST_MAIL_CA"] ?? "")
        salida:
          smtp: \(Self.env["CELDA_TEST_SMTP_URL"] ?? "")
          remitente: celda@almacontact.com.co
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func itSaysWhatItFoundAndSendsNothing() throws {
        let sent = (Self.env["CELDA_TEST_MAIL_DIR"] ?? "") + "/sent/new"
        let before = (try? FileManager.default.contentsOfDirectory(atPath: sent))?.count ?? 0
        let run = try Celda.run(["correo", "probar", "--correo", try config()], environment: ["CELDA_IMAP_PASSWORD": Self.env["CELDA_TEST_MAIL_PASSWORD"] ?? ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("buzón «INBOX»") && run.stdout.contains("mensajes en espera") && run.stdout.contains("saluda «220"), "\(run.stdout)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: sent))?.count ?? 0) == before, "nothing sent")
    }

    @Test func aWrongPasswordIsOneLineAndExit1() throws {
        let run = try Celda.run(["correo", "probar", "--correo", try config()], environment: ["CELDA_IMAP_PASSWORD": "clave-equivocada"])
        #expect(run.status == 1)
        #expect(run.stderrLines.count == 1 && run.stderr.contains("imap://127.0.0.1") && !run.stderr.contains("clave-equivocada"), "\(run.stderr)")
    }

    @Test func aBadFileIsOneLineInEitherLanguage() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("correo-\(UUID().uuidString).yaml").path
        try "entrada: {imap: http://correo.claro.com.co, usuario: backoffice}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let es = try Celda.run(["correo", "probar", "--correo", path])
        #expect(es.status == 1 && es.stderrLines.count == 1 && es.stderr.contains("«entrada.imap» debe empezar por imap://"), "\(es.stderr)")
        let en = try Celda.run(["correo", "probar", "--correo", path, "--lang", "en"])
        #expect(en.status == 1 && en.stderrLines.count == 1 && en.stderr.contains("\"entrada.imap\" must start with imap://"), "\(en.stderr)")
    }
}
