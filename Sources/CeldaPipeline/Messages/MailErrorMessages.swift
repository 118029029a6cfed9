import CeldaCore
import CeldaMail

extension MailError {
    /// One line: which server (never its password), what went wrong in the user's words, what
    /// to do, and what libcurl or the server said.
    public func message(_ language: Language) -> String {
        let es = language == .es
        let said = message.isEmpty ? "" : (es ? " (dijo: \(message))" : " (it said: \(message))")
        if let recipient = refusedRecipient {
            return es
                ? "\(server) rechazó al destinatario \(recipient); no se envió a nadie. Corrija la dirección en el archivo de correo\(said)"
                : "\(server) refused the recipient \(recipient); it was sent to nobody. Correct the address in the mail file\(said)"
        }
        let (palabras, words): (String, String)
        switch code {
        case 6: (palabras, words) = ("no se encuentra ese servidor: revise el nombre en el archivo de correo", "no such server: check its name in the mail file")
        case 7: (palabras, words) = ("no responde: revise que el servidor esté encendido, el puerto y la red", "does not answer: check the server is up, the port and the network")
        case 28: (palabras, words) = ("no respondió a tiempo: revise la red", "did not answer in time: check the network")
        case 67: (palabras, words) = ("rechazó el usuario o la contraseña (CELDA_IMAP_PASSWORD, CELDA_SMTP_PASSWORD, ~/.netrc o el token OAuth2); en Office 365 y Gmail use una contraseña de aplicación o un token",
                                      "refused the user or password (CELDA_IMAP_PASSWORD, CELDA_SMTP_PASSWORD, ~/.netrc or the OAuth2 token); on Office 365 and Gmail use an app password or a token")
        case 35, 58, 60, 77, 83, 90, 91:
            (palabras, words) = ("no se pudo verificar su certificado TLS: si lo firma una autoridad propia, indíquela con certificado_ca",
                                 "its TLS certificate could not be verified: if your own authority signs it, give it with certificado_ca")
        case 9, 78: (palabras, words) = ("no tiene ese buzón o no deja usarlo: revise «entrada.imap»", "has no such mailbox or does not allow it: check \"entrada.imap\"")
        case 52, 55, 56: (palabras, words) = ("cortó la conexión a mitad: se reintenta", "dropped the connection midway: it is retried")
        default: (palabras, words) = ("falló", "failed")
        }
        return es ? "\(server) \(palabras)\(said)" : "\(server) \(words)\(said)"
    }
}
