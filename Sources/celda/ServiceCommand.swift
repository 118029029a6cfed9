import ArgumentParser
import CeldaCore
import CeldaPipeline
import CeldaStore
import Foundation

struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Escribe la unidad systemd que deja a celda watch vigilando una carpeta como servicio.",
        discussion: """
        Imprime la unidad: celda watch CARPETA con las mismas opciones, rutas absolutas, reinicio si falla, SIGTERM para detenerse (termina el archivo en curso), UMask para que el grupo del recurso compartido lea y escriba las salidas, y el diario (journalctl) como registro. Las contraseñas (CELDA_IMAP_PASSWORD, CELDA_SMTP_PASSWORD, PGPASSWORD) van en /etc/celda/celda-<carpeta>.env (modo 0600), nunca en la unidad.

        Con --install la escribe en /etc/systemd/system/celda-<carpeta>.service y ejecuta systemctl enable --now; donde systemd no corre, lo dice e imprime los dos comandos. Una carpeta por tipo de base: una unidad por carpeta.

        Ejemplo: sudo celda service "/srv/celda/Mal escalados" --correo /etc/celda/correo.yaml --user celda --install
        """
    )

    @Argument(help: "Carpeta que vigila el servicio.")
    var folder: String

    @Option(name: .long, help: "Archivo YAML del correo (ver celda watch).")
    var correo: String?

    @Option(name: .long, help: "Historial: archivo SQLite o postgres://usuario@servidor:5432/base, sin contraseña.")
    var store: String?

    @Option(name: .long, help: "Usuario del sistema con que corre el servicio (por ejemplo celda).")
    var user: String?

    @Flag(name: .long, help: "Escribe la unidad en /etc/systemd/system y la activa.")
    var install = false

    @OptionGroup var options: ReadOptions

    func run() throws {
        let templates = try TemplateFolder.load(explicit: options.templates)
        let unit = try ServicePlan.unit(folder: folder, correo: correo, store: store, user: user, settings: templates.workflow.service)
        guard install else {
            Terminal.say(String(unit.text.dropLast()))
            return
        }
        let directory = ProcessInfo.processInfo.environment["CELDA_SYSTEMD_DIR"] ?? "/etc/systemd/system"
        let es = options.lang == .es
        switch try ServiceInstall.install(unit, directory: directory) {
        case .started(let path):
            Terminal.say(es ? "unidad \(path) instalada y en marcha; su registro: journalctl -u \(unit.name)"
                            : "unit \(path) installed and running; its log: journalctl -u \(unit.name)")
        case .written(let path, let commands):
            Terminal.say(es ? "unidad \(path) escrita; systemd no corre en este equipo: donde corra, ejecute:"
                            : "unit \(path) written; systemd does not run on this machine: where it does, run:")
            for command in commands { Terminal.say("  " + command) }
        }
    }
}

/// What `celda service` checks before it writes a word: the paths made absolute, the mail file
/// readable, no password in the store's URL, the user known to this machine.
enum ServicePlan {
    static func unit(folder: String, correo: String?, store: String?, user: String?, settings: Templates.Workflow.Service) throws -> ServiceUnit {
        let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        for path in [folder, correo, store].compactMap({ $0 }) where path.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) || path.hasSuffix("\\") {
            throw PipelineError.unitUnsafePath(path)
        }
        let celda = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var unit = ServiceUnit(celda: celda, folder: absolute(folder), correo: nil, store: nil, user: user, settings: settings)
        if let correo {
            _ = try CorreoConfig.load(correo)
            unit.correo = absolute(correo)
        }
        if let store {
            if store.hasPrefix("postgres://") || store.hasPrefix("postgresql://") {
                if StoreLocation.redacted(store) != store {
                    throw PipelineError.passwordInStoreURL(shown: StoreLocation.redacted(store), environmentFile: unit.environmentFile)
                }
                unit.store = store
            } else {
                unit.store = absolute(store)
            }
        }
        if let user, getpwnam(user) == nil { throw PipelineError.unknownUser(user) }
        return unit
    }
}
