import ArgumentParser
import Foundation
import XLSXReader
import CeldaCore

@main
struct Celda: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "celda",
        abstract: "Lee, revisa y completa las bases de Excel del back office.",
        discussion: """
        Ejemplos:
          celda inspect "Base Mal Escalados 22-03.xlsx"
          celda dump "Base Mal Escalados 22-03.xlsx" --format csv > base.csv
          celda process "Base Mal Escalados 22-03.xlsx" --out salida
        """,
        version: CeldaVersion.current,
        subcommands: [DumpCommand.self, InspectCommand.self, ProcessCommand.self, WatchCommand.self, SamplesCommand.self]
    )

    /// Exit codes of the CLI contract (ARCHITECTURE.md): 0 done, 1 an input was refused,
    /// 2 the command line itself was wrong.
    enum ExitStatus: Int32 { case success = 0, inputRejected = 1, usage = 2 }

    static func main() {
        // Errors can come before the options are parsed, so the language is read from the raw arguments.
        let args = CommandLine.arguments
        let english = args.contains("--lang=en") || zip(args, args.dropFirst()).contains { $0 == "--lang" && $1 == "en" }
        let language: Language = english ? .en : .es
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ReaderError {
            FileHandle.standardError.write(Data(("celda: " + error.message(language) + "\n").utf8))
            Foundation.exit(ExitStatus.inputRejected.rawValue)
        } catch let error as TemplateError {
            FileHandle.standardError.write(Data(("celda: " + error.description + ". Corrija la plantilla o use --templates.\n").utf8))
            Foundation.exit(ExitStatus.inputRejected.rawValue)
        } catch let error as ProcessFailure {
            FileHandle.standardError.write(Data(("celda: " + error.message + "\n").utf8))
            Foundation.exit(ExitStatus.inputRejected.rawValue)
        } catch let error as OutputFailure {
            FileHandle.standardError.write(Data(("celda: " + error.message + "\n").utf8))
            Foundation.exit(ExitStatus.inputRejected.rawValue)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}

struct OutputFailure: Error { var message: String }

enum CeldaVersion {
    static let current = "0.1.0"
}

/// Options every command that reads a file shares.
struct ReadOptions: ParsableArguments {
    @Option(name: .long, help: "Idioma de los mensajes: es (por defecto) o en.")
    var lang: Language = .es

    @Option(name: .long, help: "Carpeta de plantillas (por defecto, Templates/ junto al ejecutable o del paquete).")
    var templates: String?
}
