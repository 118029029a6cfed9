import Foundation

/// One watcher per folder: an exclusive `flock` on `.celda/watch.lock`. The kernel drops the
/// lock when the process dies, even by kill -9 or a power cut, so a stale lock file never blocks
/// the next start; the PID written inside only serves the message to a second watcher.
final class FolderLock {
    private let fd: Int32

    struct Held: Error { let pid: String }

    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw ProcessFailure(message: "no se pudo crear el candado «\(path)»: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, 32, 0)
            close(fd)
            throw Held(pid: String(decoding: buffer.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// SIGINT/SIGTERM ask the watcher to finish the current file and stop.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []

    var isRequested: Bool { lock.lock(); defer { lock.unlock() }; return requested }

    func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock(); self.requested = true; self.lock.unlock()
            }
            source.resume()
            sources.append(source)
        }
    }
}
