import CeldaCore
import XLSXWriter

extension WriterError {
    /// The writer's reason in the reader's language (its words live with the error, in both
    /// languages, in `XLSXWriter/WriterError.swift`).
    public func message(_ language: Language) -> String { message(english: language == .en) }
}
