import Foundation

/// Inflates a zip entry on a second thread while the caller parses, through a ring of a few
/// fixed buffers: on two cores zlib's time (a sixth of a large read) overlaps libxml2's.
/// Memory stays `slots × chunkSize` whatever the part's size.
final class PrefetchingReader: @unchecked Sendable {
    static let chunkSize = 1 << 18
    private static let slots = 4

    private let stream: ZipEntryStream
    private let buffers: [UnsafeMutableRawBufferPointer]
    private var sizes = [Int](repeating: 0, count: slots)
    private var failure: Error?
    private let filled = DispatchSemaphore(value: 0)
    // Created at 0 and signalled up to `slots` in init: libdispatch aborts when a semaphore is
    // freed below its initial value, which an early stop (an error mid-sheet) could leave.
    private let free = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var cancelled = false
    private var next = 0
    private var started = false

    init(_ stream: ZipEntryStream) {
        self.stream = stream
        buffers = (0..<PrefetchingReader.slots).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: PrefetchingReader.chunkSize, alignment: 16)
        }
        for _ in 0..<PrefetchingReader.slots { free.signal() }
    }

    deinit {
        stop()
        buffers.forEach { $0.deallocate() }
    }

    private var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    private func start() {
        started = true
        let thread = Thread { [self] in
            var slot = 0
            while true {
                free.wait()
                if isCancelled { break }
                var n = 0
                do { n = try stream.read(into: buffers[slot]) } catch {
                    failure = error
                    n = -1
                }
                sizes[slot] = n
                filled.signal()
                if n <= 0 { break }
                slot = (slot + 1) % PrefetchingReader.slots
            }
            finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The next inflated chunk, valid until the following call; empty at the end.
    func nextChunk() throws -> UnsafeRawBufferPointer {
        if !started { start() } else { free.signal() } // the previous chunk is done with
        filled.wait()
        let slot = next
        next = (next + 1) % PrefetchingReader.slots
        let n = sizes[slot]
        if n < 0 {
            sizes[slot] = 0
            throw failure ?? ReaderError(.corruptZip("lectura interrumpida"), file: "", part: stream.entry.name)
        }
        return UnsafeRawBufferPointer(rebasing: buffers[slot][0..<n])
    }

    /// Stops the inflating thread and waits for it, so no buffer is used after this returns.
    func stop() {
        guard started else { return }
        started = false
        lock.lock(); cancelled = true; lock.unlock()
        for _ in 0..<PrefetchingReader.slots { free.signal() }
        finished.wait()
    }
}
