import ArgumentParser
import CeldaCore
import CeldaPipeline
import CeldaStore
import Foundation

/// `celda store migrate|status|export`: the history itself, for whoever sets up the shared server.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "El historial: crearlo o actualizarlo, ver qué tiene, copiar uno SQLite a PostgreSQL.",
        discussion: """
        El historial es un archivo SQLite (uno por equipo) o una base PostgreSQL compartida por varias estaciones: --store postgres://usuario@servidor:5432/base (o CELDA_STORE). La contraseña va en la URL, en PGPASSWORD o en ~/.pgpass, y nunca se muestra; sslmode=require en la URL pide TLS.

        Ejemplos:
          celda store migrate --store postgres://celda@servidor/celda
          celda store status --store postgres://celda@servidor/celda
          celda store export "Mal escalados/.celda/celda.sqlite" --store postgres://celda@servidor/celda
          celda store purge --before 2025-01-01 --store "Mal escalados/.celda/celda.sqlite" --dry-run
        """,
        subcommands: [Migrate.self, Status.self, Export.self, Purge.self]
    )

    /// The store option every subcommand takes.
    struct Location: ParsableArguments {
        @Option(name: .long, help: "Historial: archivo SQLite o postgres://usuario@servidor:5432/base (por defecto CELDA_STORE).")
        var store: String?

        func resolved() throws -> String {
            guard let location = StoreOpening.location(explicit: store) else { throw PipelineError.noStore }
            return location
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crea el esquema del historial o lo lleva a esta versión (una sola vez aunque arranquen varias estaciones a la vez).")
        @OptionGroup var location: Location
        @OptionGroup var options: ReadOptions

        func run() throws {
            let (shown, status) = try StoreAdministration.migrate(try location.resolved())
            let applied = status.migrations.joined(separator: ", ")
            Terminal.say(options.lang == .es ? "historial \(shown): al día (\(applied))" : "history \(shown): up to date (\(applied))")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Muestra qué tiene el historial: versión, archivos, casos y estaciones.")
        @OptionGroup var location: Location
        @OptionGroup var options: ReadOptions

        func run() throws {
            let (shown, s) = try StoreAdministration.status(try location.resolved())
            let es = options.lang == .es
            guard !s.migrations.isEmpty else {
                Terminal.say(es ? "historial \(shown): sin esquema de Celda todavía; créelo con celda store migrate"
                                : "history \(shown): no Celda schema yet; create it with celda store migrate")
                return
            }
            Terminal.say(es ? "historial \(shown)" : "history \(shown)")
            Terminal.say((es ? "  versión: " : "  version: ") + s.migrations.joined(separator: ", "))
            Terminal.say(es ? "  \(s.files) archivos, \(s.cases) casos, \(s.sightings) filas, \(s.decisions) decisiones"
                            : "  \(s.files) files, \(s.cases) cases, \(s.sightings) rows, \(s.decisions) decisions")
            for station in s.stations {
                Terminal.say(es ? "  estación \(station.name): \(station.files) archivos, el último del \(station.lastProcessedOn)"
                                : "  station \(station.name): \(station.files) files, the latest of \(station.lastProcessedOn)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copia un historial SQLite a la base PostgreSQL compartida (lo que ya está no se copia dos veces).")
        @Argument(help: "El historial SQLite de la estación (p. ej. \"Mal escalados/.celda/celda.sqlite\").")
        var sqlite: String
        @OptionGroup var location: Location
        @OptionGroup var options: ReadOptions

        func validate() throws {
            if StoreLocation.isPostgres(sqlite) {
                throw usageError(es: "el origen de export es un archivo SQLite, no una URL", en: "export copies from a SQLite file, not a URL")
            }
            if let target = StoreOpening.location(explicit: location.store), !StoreLocation.isPostgres(target) {
                throw usageError(es: "--store debe ser la base PostgreSQL de destino (postgres://…)", en: "--store must be the PostgreSQL database to copy into (postgres://…)")
            }
        }

        func run() throws {
            let (shown, copied) = try StoreAdministration.export(sqlite: sqlite, to: try location.resolved())
            Terminal.say(options.lang == .es
                ? "\(copied.filesCopied) archivos copiados a \(shown) (\(copied.newCases) casos nuevos, \(copied.updatedCases) actualizados); \(copied.filesAlreadyThere) ya estaban"
                : "\(copied.filesCopied) files copied into \(shown) (\(copied.newCases) new cases, \(copied.updatedCases) updated); \(copied.filesAlreadyThere) were already there")
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Borra del historial los casos cuyo último día es anterior a FECHA, con sus avistamientos, decisiones, estados premium y encuestas, en una sola transacción.",
            discussion: """
            Se conserva lo que los informes de FECHA en adelante aún leen (la ventana de recurrencia del tipificador, los casos premium que una encuesta puede nombrar): esos informes dan las mismas cifras antes y después. --dry-run solo cuenta. Con retencion_meses en Templates/workflow.yaml, celda watch lo hace solo una vez al día.

            Ejemplo: celda store purge --before 2025-01-01 --store "Mal escalados/.celda/celda.sqlite" --dry-run
            """)
        @Option(name: .long, help: "Se borra lo anterior a esta fecha, AAAA-MM-DD (no posterior a hoy).")
        var before: String
        @Flag(name: .customLong("dry-run"), help: "Solo cuenta lo que se borraría.")
        var dryRun = false
        @OptionGroup var location: Location
        @OptionGroup var options: ReadOptions

        func validate() throws {
            guard let day = CalendarDate(iso: before) else {
                throw usageError(es: "--before debe ser una fecha AAAA-MM-DD, no «\(before)»", en: "--before must be a YYYY-MM-DD date, not \"\(before)\"")
            }
            let today = (try? TemplateFolder.load(explicit: options.templates))?.today() ?? CalendarDate(iso: String(ISO8601DateFormatter().string(from: Date()).prefix(10)))!
            guard !(today < day) else {
                throw usageError(es: "--before \(before) es posterior a hoy (\(today)): se borraría lo que todavía se usa", en: "--before \(before) is after today (\(today)): it would remove what is still in use")
            }
        }

        func run() throws {
            let templates = try TemplateFolder.load(explicit: options.templates)
            let day = CalendarDate(iso: before)!
            let location = try self.location.resolved()
            if !location.hasPrefix("postgres"), !FileManager.default.fileExists(atPath: location) { throw PipelineError.storeNotFound(path: location) }
            let store = try StoreOpening.open(location)
            let counts = try HistoryRetention.purge(before: day, store: store, templates: templates, dryRun: dryRun)
            let lang = options.lang, es = lang == .es
            let what = HistoryRetention.summary(counts, lang)
            Terminal.say(dryRun ? (es ? "se borrarían (nada se borró): \(what)" : "would be removed (nothing was): \(what)")
                                : (es ? "borrados: \(what)" : "removed: \(what)"))
            Terminal.say(HistoryRetention.kept(before: day, templates: templates, lang))
        }
    }
}
