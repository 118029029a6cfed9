import CeldaCore
import Foundation

/// The systemd unit that runs `celda watch` on a folder as a service (issue 27): the back
/// office's PCs drop files into a share of that folder, nobody keeps a terminal open.
public struct ServiceUnit: Equatable, Sendable {
    /// Absolute paths, as systemd wants them.
    public var celda: String
    public var folder: String
    public var correo: String?
    /// A file path (made absolute) or a postgres:// URL without a password.
    public var store: String?
    public var user: String?
    public var settings: Templates.Workflow.Service

    public init(celda: String, folder: String, correo: String?, store: String?, user: String?, settings: Templates.Workflow.Service) {
        self.celda = celda
        self.folder = folder
        self.correo = correo
        self.store = store
        self.user = user
        self.settings = settings
    }

    /// `celda-mal-escalados.service`: one unit per folder, named after it.
    public var name: String { "celda-\(Self.slug((folder as NSString).lastPathComponent)).service" }

    /// Where the passwords go (CELDA_IMAP_PASSWORD, PGPASSWORD…): a file only root reads, never the unit.
    public var environmentFile: String { "/etc/celda/" + (name as NSString).deletingPathExtension + ".env" }

    /// The arguments of `celda watch`, the same options the service was asked for.
    public var watchArguments: [String] {
        var arguments = ["watch", folder]
        if let correo { arguments += ["--correo", correo] }
        if let store { arguments += ["--store", store] }
        return arguments
    }

    public var text: String {
        let command = ([celda] + watchArguments).map(Self.quoted).joined(separator: " ")
        var lines = [
            "# Written by «celda service»: celda watch on \(folder). Passwords go in \(environmentFile) (mode 0600), never here.",
            "[Unit]",
            "Description=Celda vigila \(Self.specifiersEscaped(folder))",
            "After=network-online.target",
            "Wants=network-online.target",
            // A watcher that fails is started again however often that happens: the store and
            // the mail have their own back-off inside; this covers the process itself.
            "StartLimitIntervalSec=0",
            "",
            "[Service]",
            "Type=exec",
            "ExecStart=\(command)",
            "Restart=on-failure",
            "RestartSec=\(settings.reinicio_segundos)s",
            // SIGTERM: the current file is finished, then the watcher stops.
            "KillSignal=SIGTERM",
            "TimeoutStopSec=\(settings.espera_al_detener_segundos)s",
            "UMask=\(settings.umask)",
            "EnvironmentFile=-\(environmentFile)",
            "StandardOutput=journal",
            "StandardError=journal",
            "SyslogIdentifier=\((name as NSString).deletingPathExtension)",
            "NoNewPrivileges=yes",
            "PrivateTmp=yes",
        ]
        if let user { lines.append("User=\(user)") }
        lines += ["", "[Install]", "WantedBy=multi-user.target", ""]
        return lines.joined(separator: "\n")
    }

    /// One ExecStart argument: double-quoted, with systemd's escapes for backslash and quote,
    /// and its specifiers (%) and variables ($) doubled so a folder named «100% $dia» stays itself.
    static func quoted(_ argument: String) -> String {
        let escaped = specifiersEscaped(argument).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "$", with: "$$")
        return "\"" + escaped + "\""
    }

    static func specifiersEscaped(_ text: String) -> String { text.replacingOccurrences(of: "%", with: "%%") }

    /// «Mal escalados» → «mal-escalados»: letters and digits, accents folded, the rest one dash.
    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var out = "", dash = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(scalar)
                dash = false
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "carpeta" : out
    }
}
