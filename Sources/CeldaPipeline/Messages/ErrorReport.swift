import CeldaCore
import Foundation
import XLSXReader
import XLSXWriter
import CeldaStore
import CeldaMail

/// The one place an error becomes what the user reads and the exit status (ARCHITECTURE.md's
/// CLI contract): 1 for a refused input or an output that cannot be written. A wrong command
/// line (2) never reaches here: the command-line parser reports it itself.
public enum ErrorReport {
    public static let refusedStatus: Int32 = 1

    /// One line, no program name, in `language`.
    public static func message(for error: Error, language: Language) -> String {
        switch error {
        case let e as ReaderError: return e.message(language)
        case let e as PipelineError: return e.message(language)
        case let e as TemplateError: return e.message(language)
        case let e as WriterError: return e.message(language)
        case let e as StoreError: return e.message(language)
        case let e as SpoolError: return e.message(language)
        case let e as MailError: return e.message(language)
        default:
            // Nothing Celda throws ends here; a system error from Foundation might.
            return language == .es ? "error inesperado: \(error)" : "unexpected error: \(error)"
        }
    }
}

