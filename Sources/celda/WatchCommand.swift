import ArgumentParser
import CeldaCore
import CeldaPipeline
import Foundation

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Vigila una carpeta: lo que se deja en entrada/ sale gestionado en salida/.",
        discussion: """
        Crea entrada/, salida/, procesados/ y errores/ (nombres en Templates/workflow.yaml). Un archivo se toma cuando deja de cambiar (tamaño y fecha iguales en dos miradas); los archivos de bloqueo de Excel (~$…) y LibreOffice (.~lock.…#), ocultos y temporales se ignoran.

        El original pasa a procesados/ (nunca se borra ni se sobrescribe); uno que falla va a errores/ con <archivo>.error.txt. El mismo contenido dejado dos veces se reconoce y no se cuenta dos veces.

        Ctrl-C termina el archivo en curso y se detiene; si el equipo se apaga a mitad, el próximo inicio lo retoma sin perder ni repetir nada. Un registro de cada archivo queda en .celda/log.jsonl.

        Con --correo ARCHIVO.yaml (o CELDA_CORREO) toma también las bases del buzón de correo (los adjuntos .xlsx y .csv de cada mensaje que pase los filtros van a entrada/ y el mensaje a «procesados») y envía cada informe renovado a su lista; nada se toma ni se envía dos veces. Contraseñas: CELDA_IMAP_PASSWORD y CELDA_SMTP_PASSWORD, ~/.netrc, o un token OAuth2 en CELDA_IMAP_TOKEN / CELDA_SMTP_TOKEN. Pruebe el archivo antes con «celda correo probar».

        Ejemplo: celda watch "Mal escalados" --interval 5
        Ejemplo: CELDA_IMAP_PASSWORD=… celda watch "Mal escalados" --correo correo.yaml
        """
    )

    @Argument(help: "Carpeta a vigilar (se crea si no existe).")
    var folder: String

    @Flag(name: .long, help: "Procesa lo que esté completo y termina.")
    var once = false

    @Option(name: .long, help: "Segundos entre miradas a entrada/.")
    var interval: Double = 2

    @Option(name: .long, help: "Fecha de hoy para los días de gestión, AAAA-MM-DD (por defecto, hoy).")
    var today: String?

    @Option(name: .long, help: "Historial: archivo SQLite o postgres://usuario@servidor:5432/base, compartido por varias estaciones (por defecto CELDA_STORE, o <carpeta>/.celda/celda.sqlite).")
    var store: String?

    @Option(name: .long, help: "Nombre de esta estación en el historial (por defecto, el nombre del equipo).")
    var estacion: String?

    @Option(name: .long, help: "Archivo YAML del correo: el buzón del que llegan las bases y a quién se envía cada informe (también CELDA_CORREO).")
    var correo: String?

    @Flag(name: .customLong("sin-tabla-dinamica"), help: "Los informes del día sin la hoja «Tabla dinámica».")
    var sinTablaDinamica = false

    @OptionGroup var options: ReadOptions

    func validate() throws {
        guard interval > 0, interval <= 3600 else { throw usageError(es: "--interval va de 0 a 3600 segundos", en: "--interval goes from 0 to 3600 seconds") }
        try validateDay(today)
        try validateStation(estacion)
    }

    func run() throws {
        let lang = options.lang
        let mail = try CorreoOption.load(correo, language: lang)
        let templates = try TemplateFolder.load(explicit: options.templates)
        let stop = StopRequest()
        stop.installSignalHandlers()
        let fixed = today.flatMap(CalendarDate.init(iso:))
        let history = try StoreOpening.location(explicit: store).map(StoreOpening.open)
        let watcher = try FolderWatcher(root: folder, templates: templates, interval: interval, language: lang, stop: stop,
                                        today: { fixed ?? templates.today() }, store: history, report: { Terminal.say($0.line(lang)) })
        if let estacion { watcher.station = estacion }
        watcher.pivotTable = !sinTablaDinamica
        if let mail { watcher.useMail(mail) }
        let lock = try watcher.lock()
        watcher.recordStore()
        try watcher.recover()
        if !once {
            let entrada = Quote.text(folder + "/" + templates.workflow.folders.entrada, lang)
            Terminal.say(lang == .es ? "Vigilando \(entrada) cada \(interval) s; Ctrl-C para terminar." : "Watching \(entrada) every \(interval) s; Ctrl-C to stop.")
        }
        let result = try watcher.run(once: once)
        withExtendedLifetime(lock) {}
        if stop.isRequested { Terminal.say(lang == .es ? "Detenido: se terminó el archivo en curso." : "Stopped: the current file was finished.") }
        // --once: a refused file or a server away is exit 1. Watching until stopped, a file that
        // went to errores/ is said and kept there; stopping is no failure (systemd would mark the
        // service failed).
        if once && result.failed > 0 { throw ExitCode(ErrorReport.refusedStatus) }
    }
}
