import ArgumentParser
import CeldaCore
import CeldaPipeline
import Foundation

struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Gestiona bases: escribe «<archivo> - gestionado.xlsx» con las columnas del back office llenas.",
        discussion: """
        Conserva cada fila y columna como venía y agrega después las columnas del back office: causal con su evidencia, causales detectadas, procede, estado, observaciones, días de gestión (días hábiles de Colombia) y alarma. La hoja «Incidencias» lista cada problema con un vínculo a su celda.

        Un archivo que no se puede procesar se informa en una línea y los demás siguen; el código de salida es 1 si alguno falló. Nunca sobrescribe: si el gestionado ya existe, escribe «… - gestionado (2).xlsx». La carpeta de --out se crea si no existe.

        Ejemplo: celda process "Base Mal Escalados 22-03.xlsx" --out salida --today 2024-03-22
        """
    )

    @Argument(help: "Bases .xlsx/.xlsm/.csv.")
    var files: [String]

    @Option(name: .long, help: "Carpeta de salida (por defecto, la del archivo); se crea si no existe.")
    var out: String?

    @Option(name: .long, help: "Fecha de hoy para los días de gestión, AAAA-MM-DD (por defecto, hoy en la zona horaria de Templates/calendar.yaml).")
    var today: String?

    @Option(name: .long, help: "Historial donde guardar cada fila (archivo SQLite o postgres://usuario@servidor:5432/base; por defecto CELDA_STORE, o ninguno). Con historial, los días de gestión cuentan desde la primera vez que se vio el caso y el tipificador cuenta los contactos de días anteriores.")
    var store: String?

    @Option(name: .long, help: "Nombre de esta estación en el historial (por defecto, el nombre del equipo).")
    var estacion: String?

    @Flag(name: .long, help: "Un objeto JSON por archivo en vez de la línea de resumen.")
    var json = false

    @OptionGroup var options: ReadOptions

    func validate() throws {
        try validateDay(today)
        try validateStation(estacion)
    }

    func run() throws {
        let templates = try TemplateFolder.load(explicit: options.templates)
        if let out { try OutputFolder.prepare(out) }
        let day = today.flatMap(CalendarDate.init(iso:)) ?? templates.today()
        var processor = try BaseProcessor(templates: templates, today: day, language: options.lang, outFolder: out)
        processor.store = try StoreOpening.location(explicit: store).map(StoreOpening.open)
        if let estacion { processor.station = estacion }
        var failed = 0
        for file in files {
            let progress = TerminalProgress()
            let name = (file as NSString).lastPathComponent
            processor.progress = { [lang = options.lang] stage in progress.show(name, stage.text(lang), fraction: stage.fraction) }
            do {
                let summary = try processor.process(file)
                progress.clear()
                Terminal.say(json ? summary.json : summary.line(options.lang))
            } catch {
                progress.clear()
                failed += 1
                Terminal.complain(about: error, language: options.lang)
            }
        }
        if failed > 0 { throw ExitCode(ErrorReport.refusedStatus) }
    }
}
