import ArgumentParser
import CeldaCore

extension Language: ExpressibleByArgument {}

/// Options every command shares.
struct ReadOptions: ParsableArguments {
    @Option(name: .long, help: "Idioma de los mensajes: es (por defecto) o en.")
    var lang: Language = .es

    @Option(name: .long, help: "Carpeta de plantillas (por defecto, Templates/ junto al programa, o CELDA_TEMPLATES).")
    var templates: String?
}

extension Language {
    /// The language asked for on the raw command line: errors can come before the options are
    /// parsed (a wrong option, a failed validation).
    static func fromArguments(_ args: [String]) -> Language {
        let english = args.contains("--lang=en") || zip(args, args.dropFirst()).contains { $0 == "--lang" && $1 == "en" }
        return english ? .en : .es
    }

    /// The language of this run, for messages made before the options are at hand.
    static let ofThisRun = Language.fromArguments(CommandLine.arguments)
}

/// A wrong command line, said in the run's language (exit status 2).
func usageError(es: String, en: String) -> ValidationError {
    ValidationError(Language.ofThisRun == .es ? es : en)
}

/// `--estacion`: a name a person can read in "ya procesado en <estación>".
func validateStation(_ text: String?) throws {
    guard let text else { return }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed.count > 100 || trimmed.contains(where: { $0.isNewline }) {
        throw usageError(es: "--estacion debe ser un nombre de una línea, de 1 a 100 caracteres", en: "--estacion must be a one-line name of 1 to 100 characters")
    }
}

/// `--today`'s value, checked before any work.
func validateDay(_ text: String?) throws {
    if let text, CalendarDate(iso: text) == nil {
        throw usageError(es: "--today debe ser una fecha AAAA-MM-DD, no «\(text)»", en: "--today must be a YYYY-MM-DD date, not \"\(text)\"")
    }
}
