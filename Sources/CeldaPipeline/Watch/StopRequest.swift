import Foundation

/// SIGINT/SIGTERM ask the watcher to finish the current file and stop.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    public var isRequested: Bool { lock.lock(); defer { lock.unlock() }; return requested }

    /// Asks for a stop (what the signals do; tests call it directly).
    public func request() { lock.lock(); requested = true; lock.unlock() }

    public func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }
}
