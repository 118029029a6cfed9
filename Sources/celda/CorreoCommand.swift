import ArgumentParser
import CeldaCore
import CeldaMail
import CeldaPipeline
import Foundation

struct CorreoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correo",
        abstract: "El correo de una carpeta: el buzón del que llegan las bases y el servidor por el que salen los informes.",
        subcommands: [Probar.self]
    )

    struct Probar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "probar",
            abstract: "Se conecta a los dos servidores y dice qué encontró (buzón, mensajes en espera, saludo SMTP); no envía ni toma nada.",
            discussion: """
            Las contraseñas nunca van en el archivo: CELDA_IMAP_PASSWORD y CELDA_SMTP_PASSWORD, o ~/.netrc; un servicio sin contraseñas toma un token OAuth2 en CELDA_IMAP_TOKEN / CELDA_SMTP_TOKEN.

            Ejemplo: CELDA_IMAP_PASSWORD=… celda correo probar --correo correo.yaml
            """
        )

        @Option(name: .long, help: "El archivo YAML del correo (también CELDA_CORREO).")
        var correo: String?

        @OptionGroup var options: ReadOptions

        func run() throws {
            guard let config = try CorreoOption.load(correo, language: options.lang) else {
                throw usageError(es: "falta --correo ARCHIVO.yaml (o CELDA_CORREO)", en: "--correo FILE.yaml (or CELDA_CORREO) is missing")
            }
            let en = options.lang == .en
            var failed = false
            if let mailbox = config.mailbox() {
                do {
                    let s = try mailbox.status()
                    Terminal.say(en ? "entrada: \(MailError.shown(mailbox.url)) — mailbox \"\(mailbox.name)\", \(s.messages) messages waiting (UIDVALIDITY \(s.uidValidity))"
                                    : "entrada: \(MailError.shown(mailbox.url)) — buzón «\(mailbox.name)», \(s.messages) mensajes en espera (UIDVALIDITY \(s.uidValidity))")
                } catch let e as MailError {
                    Terminal.complain("entrada: " + e.message(options.lang))
                    failed = true
                }
            }
            if let smtp = config.smtp() {
                do {
                    let p = try smtp.probe()
                    Terminal.say(en ? "salida: \(MailError.shown(smtp.url)) — greets \"\(p.greeting)\"; nothing was sent"
                                    : "salida: \(MailError.shown(smtp.url)) — saluda «\(p.greeting)»; no se envió nada")
                } catch let e as MailError {
                    Terminal.complain("salida: " + e.message(options.lang))
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}

/// `--correo FILE.yaml`, or CELDA_CORREO: the mail file read, or nil when neither is given; a
/// bad file is one line naming it and the key, and exit 1.
enum CorreoOption {
    static func load(_ option: String?, language: Language) throws -> CorreoConfig? {
        guard let path = option ?? ProcessInfo.processInfo.environment["CELDA_CORREO"], !path.isEmpty else { return nil }
        do { return try CorreoConfig.load(path) } catch let p as CorreoConfig.Problem {
            Terminal.complain(p.message(english: language == .en))
            throw ExitCode(1)
        }
    }
}
