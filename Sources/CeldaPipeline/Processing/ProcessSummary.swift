import CeldaCore
import CeldaStore
import Foundation

/// What processing one base did, for the summary line, `--json`, the watcher's log and tests.
public struct ProcessSummary: Encodable, Equatable, Sendable {
    public var file: String
    public var kind: String
    /// True when the input was a gestionado coming back (its edits were kept).
    public var reprocessed: Bool
    public var rows: Int
    public var issues: Int
    public var alarms: Int
    /// Primary causal code → rows.
    public var causals: [String: Int]
    /// False for a kind with no causals (premium): the line then says nothing of them.
    public var kindHasCausals = true
    public var output: String
    /// Headers taken by close spelling: header → field.
    public var guesses: [String: String]
    /// What the history made of it (nil: no store).
    public var history: HistoryNote?

    /// The summary line in `language`.
    public func line(_ language: Language) -> String {
        let es = language == .es
        let name = Quote.file(file, language)
        let kindText = kind + (reprocessed ? (es ? " (gestionado de nuevo, con sus ediciones)" : " (gestionado again, edits kept)") : "")
        let ranked = causals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        let causalText = !kindHasCausals && causals.isEmpty ? ""
            : (causals.isEmpty ? (es ? "ninguna causal" : "no causal") : (es ? "causales " : "causals ") + ranked) + ", "
        let guessed = guesses.isEmpty ? "" : (es ? "; encabezados adivinados: " : "; headers guessed: ")
            + guesses.sorted { $0.key < $1.key }.map { "\(Quote.text($0.key, language)) → \($0.value)" }.joined(separator: ", ")
        let stored = history.map { "; " + $0.text(language) } ?? ""
        return es
            ? "\(name): \(kindText), \(rows) filas, \(issues) incidencias, \(causalText)\(alarms) alarmas\(guessed)\(stored) → \(output)"
            : "\(name): \(kindText), \(rows) rows, \(issues) issues, \(causalText)\(alarms) alarms\(guessed)\(stored) → \(output)"
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}

/// Where a long run is, for a progress line on a terminal.
public enum ProcessStage: Equatable, Sendable {
    case reading(rows: Int)
    /// Deciding and writing row after row (the second pass).
    case writingRows(done: Int, of: Int)

    /// How far along, 0–1, when it is known (for a progress bar).
    public var fraction: Double? {
        if case .writingRows(let done, let total) = self, total > 0 { return min(1, Double(done) / Double(total)) }
        return nil
    }

    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.reading(let n), .es): return "leyendo, \(n) filas"
        case (.reading(let n), .en): return "reading, \(n) rows"
        case (.writingRows(let done, let total), .es): return "decidiendo y escribiendo, \(done) de \(total) filas"
        case (.writingRows(let done, let total), .en): return "deciding and writing, \(done) of \(total) rows"
        }
    }
}

/// What the history store did with a base.
public struct HistoryNote: Encodable, Equatable, Sendable {
    /// New cases and cases seen before (their state updated); both 0 when already ingested.
    public var newCases: Int
    public var updatedCases: Int
    /// Set when the same content was ingested before: that file's name, station and day.
    public var alreadyIngestedAs: String?
    public var alreadyIngestedAt: String?
    public var alreadyIngestedOn: String?

    init(_ result: IngestResult) {
        switch result {
        case .added(let new, let updated):
            newCases = new
            updatedCases = updated
        case .alreadyIngested(let file):
            newCases = 0
            updatedCases = 0
            alreadyIngestedAs = file.name
            alreadyIngestedAt = file.station
            alreadyIngestedOn = file.processedOn
        }
    }

    public func text(_ language: Language) -> String {
        let es = language == .es
        if let name = alreadyIngestedAs {
            let q = Quote.text(name, language)
            return es ? "ya procesado en \(alreadyIngestedAt ?? "") (\(q), \(alreadyIngestedOn ?? "")): no se cuenta dos veces"
                      : "already processed at \(alreadyIngestedAt ?? "") (\(q), \(alreadyIngestedOn ?? "")): not counted twice"
        }
        return es ? "historial: \(newCases) casos nuevos, \(updatedCases) actualizados" : "history: \(newCases) new cases, \(updatedCases) updated"
    }
}
