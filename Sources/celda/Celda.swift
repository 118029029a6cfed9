import ArgumentParser
import CeldaCore
import CeldaPipeline
import Foundation

@main
struct Celda: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "celda",
        abstract: "Lee, revisa y completa las bases de Excel del back office.",
        discussion: """
        Ejemplos:
          celda process "Base Mal Escalados 22-03.xlsx" --out salida
          celda watch "Mal escalados"
          celda inspect "Base Mal Escalados 22-03.xlsx"
          celda dump "Base Mal Escalados 22-03.xlsx" --format csv > base.csv
          celda feedback --period week --date 2024-03-22 --store "Mal escalados/.celda/celda.sqlite"
        """,
        version: CeldaVersion.current,
        subcommands: [ProcessCommand.self, WatchCommand.self, StatusCommand.self, ServiceCommand.self, ReportCommand.self, FeedbackCommand.self, StoreCommand.self, CorreoCommand.self, InspectCommand.self, DumpCommand.self, SamplesCommand.self]
    )

    /// Exit codes of the CLI contract (ARCHITECTURE.md): 0 done, 1 an input was refused or an
    /// output could not be written, 2 the command line itself was wrong — and nothing else is 2.
    static func main() {
        let language = Language.ofThisRun
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            switch exitCode(for: error) {
            case .success:
                print(fullMessage(for: error)) // --help, --version
                Foundation.exit(0)
            case .validationFailure:
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            default:
                Terminal.complain(about: error, language: language)
                Foundation.exit(ErrorReport.refusedStatus)
            }
        }
    }
}
