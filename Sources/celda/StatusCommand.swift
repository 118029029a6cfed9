import ArgumentParser
import CeldaCore
import CeldaPipeline
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Dice cómo está una carpeta vigilada: si celda watch corre, qué espera, qué se procesó y qué falló.",
        discussion: """
        Solo lee: no toma el candado ni toca ningún archivo, así que puede usarse con el servicio en marcha. Sale con 0 corra o no el vigilante, y con 1 solo si la carpeta no es de celda watch.

        Ejemplo: celda status "/srv/celda/Mal escalados"
        Ejemplo: celda status "/srv/celda/Mal escalados" --json
        """
    )

    @Argument(help: "Carpeta vigilada.")
    var folder: String

    @Flag(name: .long, help: "En JSON: watching, waiting, processed, errors, store, mail.")
    var json = false

    @OptionGroup var options: ReadOptions

    func run() throws {
        let templates = try TemplateFolder.load(explicit: options.templates)
        let status = try FolderStatus.read(folder: folder, templates: templates)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Terminal.say(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            for line in status.lines(options.lang) { Terminal.say(line) }
        }
    }
}
