import ArgumentParser
import CeldaCore
import Foundation

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Vigila una carpeta: lo que se deja en entrada/ sale gestionado en salida/.",
        discussion: """
        Crea entrada/, salida/, procesados/ y errores/ (nombres en Templates/workflow.yaml). Un archivo
        se toma cuando deja de cambiar (tamaño y fecha iguales en dos miradas); los archivos de
        bloqueo de Excel (~$…) y LibreOffice (.~lock.…#), ocultos y temporales se ignoran. El original
        pasa a procesados/ (nunca se borra ni se sobrescribe); uno que falla va a errores/ con
        <archivo>.error.txt. El mismo contenido dejado dos veces se reconoce y no se cuenta dos veces.
        Ctrl-C termina el archivo en curso y se detiene; si el equipo se apaga a mitad, el próximo
        inicio lo retoma sin perder ni repetir nada. Un registro de cada archivo queda en .celda/log.jsonl.
        Ejemplo: celda watch "Mal escalados" --interval 5
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

    @OptionGroup var options: ReadOptions

    func validate() throws {
        guard interval > 0, interval <= 3600 else { throw ValidationError("--interval va de 0 a 3600 segundos") }
        if let today, CalendarDate(iso: today) == nil { throw ValidationError("--today debe ser una fecha AAAA-MM-DD, no «\(today)»") }
    }

    func run() throws {
        let templates = try TemplateFolder.load(explicit: options.templates)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stop = StopRequest()
        stop.install()
        let fixed = today.flatMap(CalendarDate.init(iso:))
        let watcher = try FolderWatcher(root: folder, templates: templates, interval: interval, language: options.lang, stop: stop,
                                        today: { fixed ?? ProcessCommand.localToday() })
        let lock: FolderLock
        do { lock = try FolderLock(path: watcher.lockPath) } catch let held as FolderLock.Held {
            throw ProcessFailure(message: "«\(folder)» ya está vigilada por otro celda watch (proceso \(held.pid)). Ciérrelo antes o use otra carpeta")
        }
        try watcher.recover()
        if !once { print("Vigilando «\(folder)/\(templates.workflow.folders.entrada)» cada \(interval) s; Ctrl-C para terminar.") }
        let result = try watcher.run(once: once)
        withExtendedLifetime(lock) {}
        if stop.isRequested { print("Detenido: se terminó el archivo en curso.") }
        if result.failed > 0 { throw ExitCode(Celda.ExitStatus.inputRejected.rawValue) }
    }
}
