import Foundation

/// One watcher per folder: an exclusive `flock` on `.celda/watch.lock`. The kernel drops the
/// lock when the process dies, even by kill -9 or a power cut, so a stale lock file never blocks
/// the next start; the PID written inside only serves the message to a second watcher.
public final class FolderLock {
    private let fd: Int32

    /// Takes the lock of `folder` at `path`, or says who holds it.
    public init(path: String, folder: String) throws {
        fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw PipelineError.fileNotWritten(path: path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, 32, 0)
            close(fd)
            let pid = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PipelineError.folderWatched(folder: folder, pid: pid)
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

