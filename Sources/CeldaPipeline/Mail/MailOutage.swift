import Foundation

/// One mail server's outage as the watcher lives it (like the store's): said once when it
/// starts, tried again after a wait that doubles up to a ceiling, said again when it is over.
struct MailOutage {
    private var wait: Double = 0
    private var retryAt: Date?

    /// Whether the next try is still to come.
    var isWaiting: Bool { retryAt.map { Date() < $0 } ?? false }

    /// A try failed: whether this starts the outage (say it), and the wait before the next.
    mutating func failed(interval: Double, longest: Double) -> (first: Bool, wait: Double) {
        let first = retryAt == nil
        wait = wait == 0 ? max(1, interval) : min(longest, wait * 2)
        retryAt = Date().addingTimeInterval(wait)
        return (first, wait)
    }

    /// A try worked: whether an outage just ended (say it).
    mutating func reached() -> Bool {
        defer { retryAt = nil; wait = 0 }
        return retryAt != nil
    }
}

/// Where a test makes the watcher kill itself (SIGKILL, as `kill -9` would), to prove a message
/// is taken exactly once whatever the moment: `CELDA_FAULT=correo-antes-de-registrar` (files
/// staged, nothing in the store) or `correo-antes-de-mover` (files in entrada/, the message still
/// waiting). Unset, nothing happens.
enum FaultPoint: String {
    case beforeRecording = "correo-antes-de-registrar"
    case beforeMoving = "correo-antes-de-mover"

    func reached() {
        guard ProcessInfo.processInfo.environment["CELDA_FAULT"] == rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
