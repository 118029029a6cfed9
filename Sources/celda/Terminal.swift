import CeldaCore
import CeldaPipeline
import Foundation

/// What the CLI writes: result lines on stdout as they happen, problems on stderr, one line each.
enum Terminal {
    static func say(_ line: String) {
        // Straight to the descriptor: a line per file appears at once, even in a pipe.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func complain(_ line: String) {
        FileHandle.standardError.write(Data(("celda: " + line + "\n").utf8))
    }

    static func complain(about error: Error, language: Language) {
        complain(ErrorReport.message(for: error, language: language))
    }
}

/// One self-erasing status line on stderr while a big file is worked, only when stderr is a
/// terminal: logs and pipes get just the summary lines.
final class TerminalProgress {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false

    /// `fraction` (0–1), when known, draws a bar: «[██████······] 50 %».
    func show(_ name: String, _ what: String, fraction: Double? = nil) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K«\(name)»: \(fraction.map(Self.bar) ?? "")\(what)…".utf8))
        shown = true
    }

    static func bar(_ fraction: Double) -> String {
        let width = 24, filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] \(Int(fraction * 100)) % "
    }

    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}
