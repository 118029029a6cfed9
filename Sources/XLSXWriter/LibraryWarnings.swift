import CXLSXWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps libxlsxwriter from writing to the terminal, and keeps what it would have written.
///
/// libxlsxwriter reports misuse with `fprintf(stderr, "[WARNING]: …")` (its `LXW_WARN`
/// macros) and offers no hook. `stderr` is a variable of the C library that it reads at each
/// call, so while any workbook is open it points at a fixed-size memory stream: a flood of
/// warnings cannot grow memory, and the text is taken when a call fails (it goes into the
/// `WriterError`) or the workbook closes (into its `issues`). Celda's own lines go to file
/// descriptor 2 directly (FileHandle), never through `stderr`, so they are not caught.
///
/// Process-wide, behind a lock: the first workbook opened swaps the stream in, the last one
/// closed puts the C library's `stderr` back. A workbook closed while another is open may take
/// the other's warning; both are still kept, neither printed.
enum LibraryWarnings {
    private static let capacity = 4096
    nonisolated(unsafe) private static var open = 0
    nonisolated(unsafe) private static var saved: UnsafeMutablePointer<FILE>?
    nonisolated(unsafe) private static var stream: UnsafeMutablePointer<FILE>?
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<CChar> = {
        let b = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        b.initialize(repeating: 0, count: capacity)
        return b
    }()
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    /// A workbook opens: warnings are caught from now on.
    static func begin() {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        open += 1
        guard open == 1 else { return }
        // One byte short of the buffer: glibc's fmemopen stops writing there, a NUL always remains.
        guard let memory = fmemopen(buffer, capacity - 1, "w") else { return }
        stream = memory
        saved = celda_swap_stderr(memory)
    }

    /// A workbook closes: the lines it (or another open workbook) caused; after the last one,
    /// `stderr` is the C library's again.
    static func end() -> [String] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        let lines = drain()
        open = max(0, open - 1)
        if open == 0, let memory = stream {
            _ = celda_swap_stderr(saved)
            fclose(memory)
            stream = nil
        }
        return lines
    }

    /// The lines caught so far, taken (a failed call's explanation).
    static func take() -> [String] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return drain()
    }

    private static func drain() -> [String] {
        guard let memory = stream else { return [] }
        fflush(memory)
        let length = min(Int(ftell(memory)), capacity - 1)
        guard length > 0 else { return [] }
        let text = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
        rewind(memory)
        buffer.update(repeating: 0, count: capacity)
        return text.split(separator: "\n").map { line in
            // "[WARNING]: worksheet_write_url(): …" → the message without libxlsxwriter's tag.
            var s = Substring(line)
            if s.hasPrefix("[WARNING]: ") { s = s.dropFirst(11) } else if s.hasPrefix("[ERROR]: ") { s = s.dropFirst(9) }
            return String(s)
        }.filter { !$0.isEmpty }
    }
}
