import CeldaMail
import Foundation
import Yams

/// The mail a watch folder uses (`--correo FILE.yaml`, issue 23): the mailbox the bases arrive
/// in and the server the reports leave by. Passwords are never in the file: CELDA_IMAP_PASSWORD
/// and CELDA_SMTP_PASSWORD.
public struct CorreoConfig: Decodable, Sendable {
    public struct Entrada: Decodable, Sendable {
        public var imap: String
        public var usuario: String
        public var remitentes: [String]?
        public var asunto: String?
        public var procesados: String?
        /// A PEM file with the authority of a server whose certificate no public one signs.
        public var certificado_ca: String?
        /// Seconds between two looks at the mailbox (60 unless given).
        public var revisar_cada: Double?
    }

    public struct Salida: Decodable, Sendable {
        public var smtp: String
        public var usuario: String?
        public var remitente: String
        public var informes: [String: [String]]?
        public var certificado_ca: String?
    }

    public var entrada: Entrada?
    public var salida: Salida?

    /// What is wrong with the file, in one line naming it and the key.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var words: String
        public var english: String
        public init(file: String, words: String, english: String) {
            self.file = file
            self.words = words
            self.english = english
        }
        public var description: String { "\(file): \(words)" }
        public func message(english: Bool) -> String { "\(file): " + (english ? self.english : words) }
    }

    public static func load(_ path: String) throws -> CorreoConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw Problem(file: path, words: exists ? "no se puede leer como texto UTF-8" : "no existe",
                          english: exists ? "cannot be read as UTF-8 text" : "does not exist")
        }
        let config: CorreoConfig
        do { config = try YAMLDecoder().decode(CorreoConfig.self, from: text) } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                let name = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
                throw Problem(file: path, words: "falta «\(name)»", english: "\"\(name)\" is missing")
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                let name = context.codingPath.map(\.stringValue).joined(separator: ".")
                throw Problem(file: path, words: "«\(name)» no es válido", english: "\"\(name)\" is not valid")
            @unknown default: throw Problem(file: path, words: "no es un archivo de correo válido", english: "is not a valid mail file")
            }
        } catch {
            throw Problem(file: path, words: "no es YAML válido (\(error))", english: "is not valid YAML (\(error))")
        }
        guard config.entrada != nil || config.salida != nil else {
            throw Problem(file: path, words: "no tiene «entrada» ni «salida»", english: "has neither \"entrada\" nor \"salida\"")
        }
        if let e = config.entrada, !(e.imap.hasPrefix("imap://") || e.imap.hasPrefix("imaps://")) {
            throw Problem(file: path, words: "«entrada.imap» debe empezar por imap:// o imaps:// (tiene «\(e.imap)»)",
                          english: "\"entrada.imap\" must start with imap:// or imaps:// (it has \"\(e.imap)\")")
        }
        if let s = config.salida, !(s.smtp.hasPrefix("smtp://") || s.smtp.hasPrefix("smtps://")) {
            throw Problem(file: path, words: "«salida.smtp» debe empezar por smtp:// o smtps:// (tiene «\(s.smtp)»)",
                          english: "\"salida.smtp\" must start with smtp:// or smtps:// (it has \"\(s.smtp)\")")
        }
        return config
    }

    public func mailbox(environment: [String: String] = ProcessInfo.processInfo.environment) -> IMAPMailbox? {
        entrada.map { e in
            var m = IMAPMailbox(url: e.imap, user: e.usuario, password: given(environment["CELDA_IMAP_PASSWORD"]))
            m.token = given(environment["CELDA_IMAP_TOKEN"])
            m.caFile = e.certificado_ca
            return m
        }
    }

    public func smtp(environment: [String: String] = ProcessInfo.processInfo.environment) -> SMTPServer? {
        salida.map { s in
            var server = SMTPServer(url: s.smtp, user: s.usuario, password: s.usuario == nil ? nil : given(environment["CELDA_SMTP_PASSWORD"]))
            server.token = s.usuario == nil ? nil : given(environment["CELDA_SMTP_TOKEN"])
            server.caFile = s.certificado_ca
            return server
        }
    }

    /// An empty variable is no password: ~/.netrc is looked at instead.
    private func given(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
}
