import CeldaTestSupport
import Foundation
import Testing

/// `celda watch DIR --correo FILE.yaml` against the throwaway Dovecot and SMTP sink that
/// scripts/test.sh starts (issue 23). Every test filters on a subject of its own, so tests that
/// share the mailbox never take each other's messages. What reached the sink is read with
/// Python's email package, the mailboxes with doveadm: outside readers of what Celda did.
@Suite(.serialized) struct WatchCorreoTests {
    static let env = ProcessInfo.processInfo.environment
    static let script = Repository.root.appendingPathComponent("Tests/Support/scripts/mail_messages.py").path
    static let samples = Repository.root.appendingPathComponent("Samples").path

    struct Setup {
        let folder: String
        let config: String
        let token: String
        let work: String
    }

    /// A watch folder and a mail file whose filters take only messages with `token` in the subject.
    func setup(_ recipients: [String: [String]] = ["mal-escalados": ["coordinacion@almacontact.com.co", "formacion@almacontact.com.co"]],
               imap: String? = nil, smtp: String? = nil) throws -> Setup {
        let imapURL = try imap ?? #require(Self.env["CELDA_TEST_IMAP_URL"], "scripts/test.sh starts the test mail server")
        let work = try Repository.temporaryFolder("celda-correo")
        let token = "prueba-" + UUID().uuidString.prefix(8).lowercased()
        let informes = recipients.map { "    \($0.key): [\($0.value.joined(separator: ", "))]" }.sorted().joined(separator: "\n")
        let config = work + "/correo.yaml"
        try """
        entrada:
          imap: \(imapURL)
          usuario: backoffice
          remitentes: [gestion.soporte@claro.com.co]
          asunto: "BASE mal escalados \(token)"
          procesados: Celda/Procesados
          certificado_ca: \(Self.env["CELDA_TEST_MAIL_CA"] ?? "")
        salida:
          smtp: \(smtp ?? Self.env["CELDA_TEST_SMTP_URL"] ?? "")
          remitente: celda@almacontact.com.co
          informes:
        \(informes)
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return Setup(folder: work + "/Mal escalados", config: config, token: token, work: work)
    }

    func deliver(_ style: String, base: String?, subject: String, sender: String = "gestion.soporte@claro.com.co", in work: String) throws {
        let eml = work + "/\(UUID().uuidString).eml"
        _ = try OutsidePrograms.pythonOutput([Self.script, style] + (base.map { [$0] } ?? []) + [eml, subject, sender])
        let run = try OutsidePrograms.run(["bash", Repository.root.appendingPathComponent("scripts/mail_test_server.sh").path, "deliver", eml])
        #expect(run.status == 0, "\(run.output)")
    }

    func watch(_ s: Setup, environment: [String: String] = [:]) throws -> CeldaRun {
        try Celda.run(["watch", s.folder, "--once", "--interval", "0.2", "--today", "2024-03-22", "--correo", s.config],
                      environment: ["CELDA_IMAP_PASSWORD": Self.env["CELDA_TEST_MAIL_PASSWORD"] ?? ""].merging(environment) { _, new in new })
    }

    /// UIDs of the messages in `mailbox` whose subject has `token`.
    func messages(_ token: String, in mailbox: String) throws -> [String] {
        let dir = try #require(Self.env["CELDA_TEST_MAIL_DIR"])
        let run = try OutsidePrograms.run(["doveadm", "-c", dir + "/dovecot.conf", "search", "-u", "backoffice", "mailbox", mailbox, "subject", token])
        return run.output.split(separator: "\n").map(String.init)
    }

    func flags(_ token: String) throws -> String {
        let dir = try #require(Self.env["CELDA_TEST_MAIL_DIR"])
        return try OutsidePrograms.run(["doveadm", "-c", dir + "/dovecot.conf", "fetch", "-u", "backoffice", "flags", "mailbox", "INBOX", "subject", token]).output
    }

    struct Sent: Decodable {
        struct File: Decodable { let name: String; let type: String; let sha256: String }
        let subject: String, to: String, message_id: String, in_reply_to: String, body: String
        let files: [File]
    }

    /// What the sink received for the consolidado written into `folder`'s salida/.
    func sent(about folder: String) throws -> [Sent] {
        let dir = try #require(Self.env["CELDA_TEST_MAIL_DIR"])
        let all = try JSONDecoder().decode([Sent].self, from: Data(try OutsidePrograms.pythonOutput([Self.script, "sent", dir + "/sent"]).utf8))
        let hashes = Set(try Repository.names(folder + "/salida").map { try Self.sha256(folder + "/salida/" + $0) })
        return all.filter { $0.files.contains { hashes.contains($0.sha256) } }
    }

    static func sha256(_ path: String) throws -> String {
        try OutsidePrograms.pythonOutput(["-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", path])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: The issue's acceptance

    @Test func aBaseByMailBecomesAGestionadoAndTheConsolidadoIsMailedOnce() throws {
        let s = try setup()
        let base = s.work + "/Base Mal Escalados 22-03 — Bogotá.xlsx"
        try FileManager.default.copyItem(atPath: Self.samples + "/Base Mal Escalados 22-03.xlsx", toPath: base)
        try deliver("outlook", base: base, subject: "Base Mal Escalados \(s.token) — día", in: s.work)
        // Another sender, and a subject the filter does not ask for: both left alone.
        try deliver("outlook", base: base, subject: "Base Mal Escalados \(s.token) — otro", sender: "alguien@otro.com.co", in: s.work)
        try deliver("outlook", base: base, subject: "Recurrentes \(s.token)", in: s.work)

        let first = try watch(s)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(try Repository.names(s.folder + "/salida").contains("Base Mal Escalados 22-03 — Bogotá - gestionado.xlsx"), "\(first.stdout)")
        #expect(try Repository.names(s.folder + "/procesados") == ["Base Mal Escalados 22-03 — Bogotá.xlsx"])
        #expect(try Self.sha256(s.folder + "/procesados/Base Mal Escalados 22-03 — Bogotá.xlsx") == (try Self.sha256(base)), "saved byte for byte")
        #expect(try messages(s.token, in: "Celda/Procesados").count == 1)
        #expect(try messages(s.token, in: "INBOX").count == 2, "the two the filters leave out stay")
        let left = try flags(s.token)
        #expect(left.components(separatedBy: "\n").filter { $0.hasPrefix("flags:") } == ["flags: ", "flags: "],
                "and stay unread for the person who shares the mailbox: \(left)")

        let mails = try sent(about: s.folder)
        #expect(mails.count == 1, "\(mails.map(\.subject))")
        let mail = try #require(mails.first)
        #expect(mail.subject == "Consolidado mal escalado soporte 2024-03-22")
        #expect(Set(mail.to.components(separatedBy: ", ")) == ["coordinacion@almacontact.com.co", "formacion@almacontact.com.co"])
        #expect(mail.files.map(\.name) == ["Consolidado mal escalado soporte 2024-03-22.xlsx"])
        #expect(mail.files.first?.type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(mail.in_reply_to.isEmpty && !mail.body.contains("reemplaza"))
        #expect(mail.body.contains("Adjunto Consolidado mal escalado soporte 2024-03-22.xlsx, del periodo 22/03/2024"), "\(mail.body)")
        // The body's figures are the workbook's, as openpyxl reads its cached values.
        struct Figures: Decodable { let sheet: String; let rows: [[Value]]
            enum Value: Decodable { case text(String), number(Double)
                init(from decoder: Decoder) throws {
                    let c = try decoder.singleValueContainer()
                    if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .text(try c.decode(String.self)) }
                }
            }
        }
        let figures = try JSONDecoder().decode(Figures.self, from: Data(try OutsidePrograms.pythonOutput(
            [Self.script, "figures", s.folder + "/salida/Consolidado mal escalado soporte 2024-03-22.xlsx"]).utf8))
        #expect(mail.body.contains("Cifras de «\(figures.sheet)»"))
        for row in figures.rows {
            guard case .text(let label) = row[0], case .number(let value) = row[1] else { continue }
            #expect(mail.body.contains("• \(label): \(Int(value))"), "\(label) \(value) in\n\(mail.body)")
        }
        #expect(figures.rows.count > 3)

        // celda status says the last look at the mailbox.
        let status = try Celda.run(["status", s.folder, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let look = try #require(json["mail"] as? [String: Any], "\(status.stdout)")
        #expect(look["ok"] as? Bool == true && (look["message"] as? String) == "1 archivo(s) tomados", "\(look)")

        // Again: nothing is taken nor sent twice.
        let second = try watch(s)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(try Repository.names(s.folder + "/entrada").isEmpty && (try Repository.names(s.folder + "/procesados")).count == 1)
        #expect(try sent(about: s.folder).count == 1)
    }

    @Test(arguments: ["correo-antes-de-registrar", "correo-antes-de-mover"])
    func aWatcherKilledBetweenSavingAndMovingTakesTheMessageOnce(_ fault: String) throws {
        let s = try setup()
        let base = s.work + "/Base Mal Escalados 21-03.xlsx"
        try FileManager.default.copyItem(atPath: Self.samples + "/Base Mal Escalados 21-03.xlsx", toPath: base)
        try deliver("gmail", base: base, subject: "Base Mal Escalados \(s.token)", in: s.work)
        let killed = try watch(s, environment: ["CELDA_FAULT": fault])
        #expect(killed.status == 9, "killed by SIGKILL: \(killed.stdout)\(killed.stderr)")
        #expect(try messages(s.token, in: "INBOX").count == 1, "the message is still waiting")
        let restarted = try watch(s)
        #expect(restarted.status == 0, "\(restarted.stdout)\(restarted.stderr)")
        #expect(try Repository.names(s.folder + "/procesados") == ["Base Mal Escalados 21-03.xlsx"], "taken once: \(restarted.stdout)")
        #expect(try Repository.names(s.folder + "/salida").filter { $0.hasPrefix("Base Mal Escalados 21-03") } == ["Base Mal Escalados 21-03 - gestionado.xlsx"])
        #expect(try messages(s.token, in: "INBOX").isEmpty && (try messages(s.token, in: "Celda/Procesados")).count == 1)
        #expect(try Repository.names(s.folder + "/entrada").isEmpty)
    }

    @Test func aMessageWithoutABaseIsFlaggedAndSaidOnce() throws {
        let s = try setup()
        try deliver("nofile", base: nil, subject: "Base Mal Escalados \(s.token)", in: s.work)
        let first = try watch(s)
        #expect(first.status == 0)
        #expect(first.stdout.contains("solo trae «instructivo.pdf», ningún .xlsx ni .csv") && first.stdout.contains("marcado con bandera"), "\(first.stdout)")
        #expect(try flags(s.token).contains("\\Flagged") && !(try flags(s.token)).contains("\\Seen"), "flagged, still unread")
        #expect(try messages(s.token, in: "INBOX").count == 1, "left in place")
        let second = try watch(s)
        #expect(!second.stdout.contains("instructivo.pdf"), "said once: \(second.stdout)")
    }

    @Test func aCorrectedBaseSendsTheReportAgainSayingItReplacesTheFirst() throws {
        let s = try setup()
        let base = s.work + "/Base Mal Escalados 22-03.xlsx"
        try FileManager.default.copyItem(atPath: Self.samples + "/Base Mal Escalados 22-03.xlsx", toPath: base)
        try deliver("outlook", base: base, subject: "Base Mal Escalados \(s.token)", in: s.work)
        #expect(try watch(s).status == 0)
        // The same day's base again with one more case: the consolidado changes.
        let corrected = s.work + "/Base Mal Escalados 22-03 corregida.xlsx"
        _ = try OutsidePrograms.pythonOutput([Self.script, "add-row", base, corrected])
        try deliver("outlook", base: corrected, subject: "Base Mal Escalados \(s.token) corregida", in: s.work)
        let second = try watch(s)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("reemplaza al enviado el"), "\(second.stdout)")
        let dir = try #require(Self.env["CELDA_TEST_MAIL_DIR"])
        let all = try JSONDecoder().decode([Sent].self, from: Data(try OutsidePrograms.pythonOutput([Self.script, "sent", dir + "/sent"]).utf8))
        let consolidado = try Self.sha256(s.folder + "/salida/Consolidado mal escalado soporte 2024-03-22.xlsx")
        let latest = try #require(all.first { $0.files.contains { $0.sha256 == consolidado } })
        #expect(latest.subject == "Consolidado mal escalado soporte 2024-03-22 (corregido)")
        #expect(latest.body.hasPrefix("Este archivo reemplaza al enviado el"))
        let firstOne = try #require(all.first { $0.in_reply_to.isEmpty && $0.message_id == latest.in_reply_to })
        #expect(firstOne.subject == "Consolidado mal escalado soporte 2024-03-22")
    }

    // MARK: Faults

    @Test func aMailboxThatIsDownIsOneLineAndOnceExits1ButEntradaIsStillProcessed() throws {
        let s = try setup(imap: "imap://127.0.0.1:1/INBOX")
        try FileManager.default.createDirectory(atPath: s.folder + "/entrada", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.samples + "/Base Mal Escalados 20-03.xlsx", toPath: s.folder + "/entrada/Base Mal Escalados 20-03.xlsx")
        let run = try watch(s, environment: ["CELDA_IMAP_PASSWORD": "secreta-123"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("correo:") }
        #expect(lines.count == 1 && lines[0].contains("imap://127.0.0.1:1/INBOX no responde") && lines[0].contains("se reintenta"), "\(run.stdout)")
        #expect(!run.stdout.contains("secreta-123") && !run.stderr.contains("secreta-123"))
        #expect(try Repository.names(s.folder + "/salida").contains("Base Mal Escalados 20-03 - gestionado.xlsx"))
    }

    @Test func aRefusedRecipientIsNamedAndTheReportWaits() throws {
        let s = try setup(["mal-escalados": ["coordinacion@almacontact.com.co", "nadie@rechazado.invalid"]])
        try FileManager.default.createDirectory(atPath: s.folder + "/entrada", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.samples + "/Base Mal Escalados 22-03.xlsx", toPath: s.folder + "/entrada/Base Mal Escalados 22-03.xlsx")
        let run = try watch(s)
        #expect(run.status == 1)
        #expect(run.stdout.contains("rechazó al destinatario nadie@rechazado.invalid; no se envió a nadie"), "\(run.stdout)")
        #expect(try sent(about: s.folder).isEmpty, "nobody got it, not even the accepted recipient")
        // The address corrected, the next run sends the report that waited — no new base needed.
        let fixed = try String(contentsOfFile: s.config, encoding: .utf8).replacingOccurrences(of: ", nadie@rechazado.invalid", with: "")
        try fixed.write(toFile: s.config, atomically: true, encoding: .utf8)
        let again = try watch(s)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let mails = try sent(about: s.folder)
        #expect(mails.count == 1 && mails.first?.to == "coordinacion@almacontact.com.co", "\(again.stdout)")
    }

    @Test func aNameAlreadyThereGetsASuffixAndTheSameFileTwiceIsSavedOnce() throws {
        let s = try setup()
        let base = s.work + "/Base Mal Escalados 22-03.xlsx"
        try FileManager.default.copyItem(atPath: Self.samples + "/Base Mal Escalados 22-03.xlsx", toPath: base)
        let other = s.work + "/otra/Base Mal Escalados 22-03.xlsx"
        try FileManager.default.createDirectory(atPath: s.work + "/otra", withIntermediateDirectories: true)
        _ = try OutsidePrograms.pythonOutput([Self.script, "add-row", base, other])
        try deliver("outlook", base: base, subject: "Base Mal Escalados \(s.token) uno", in: s.work)
        try deliver("gmail", base: other, subject: "Base Mal Escalados \(s.token) dos", in: s.work)
        try deliver("outlook", base: base, subject: "Base Mal Escalados \(s.token) reenviado", in: s.work)
        let run = try watch(s)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try Repository.names(s.folder + "/procesados").sorted() == ["Base Mal Escalados 22-03 (2).xlsx", "Base Mal Escalados 22-03.xlsx"], "\(run.stdout)")
        #expect(run.stdout.contains("ya tomados de otro mensaje, no se guardan otra vez: «Base Mal Escalados 22-03.xlsx»"), "\(run.stdout)")
        #expect(try messages(s.token, in: "Celda/Procesados").count == 3 && (try messages(s.token, in: "INBOX")).isEmpty)
    }

    @Test func thePasswordMayComeFromNetrcAndLinesMayBeInEnglish() throws {
        let s = try setup()
        let home = s.work + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "machine 127.0.0.1 login backoffice password \(Self.env["CELDA_TEST_MAIL_PASSWORD"] ?? "")\n".write(toFile: home + "/.netrc", atomically: true, encoding: .utf8)
        let base = s.work + "/Base Mal Escalados 19-03.xlsx"
        try FileManager.default.copyItem(atPath: Self.samples + "/Base Mal Escalados 19-03.xlsx", toPath: base)
        try deliver("outlook", base: base, subject: "Base Mal Escalados \(s.token)", in: s.work)
        let run = try Celda.run(["watch", s.folder, "--once", "--interval", "0.2", "--today", "2024-03-22", "--correo", s.config, "--lang", "en"],
                                environment: ["HOME": home, "CELDA_IMAP_PASSWORD": ""])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("file(s) into entrada/") && run.stdout.contains("the message goes to \"Celda/Procesados\""), "\(run.stdout)")
        #expect(try Repository.names(s.folder + "/procesados") == ["Base Mal Escalados 19-03.xlsx"])
    }
}
