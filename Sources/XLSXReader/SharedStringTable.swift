import Foundation

/// The shared strings of a workbook, by index. A small table stays in memory; a large one —
/// a base whose notes, cuentas or HHPP are unique row after row holds a string per row, hundreds
/// of MiB at a million rows — goes to a temporary file, with only its offsets in memory, so
/// memory does not grow with the rows. Strings many rows share stay cached; the others are read
/// through a window that moves forward with the sheet (writers add strings in the order rows
/// first use them).
///
/// Read by one thread (the sheet parser's): reading moves its window and fills its cache, so it is
/// not `Sendable`.
public final class SharedStringTable {
    /// Shared-strings parts larger than this (uncompressed XML) go to disk.
    public static let inMemoryLimit: UInt64 = 16 << 20

    private var memory: [String] = []
    private var disk: Disk?

    var count: Int { disk?.offsets.count ?? memory.count }

    /// An empty table, in memory or on disk.
    init(onDisk: Bool) throws {
        if onDisk { disk = try Disk() }
    }

    func append(_ s: String) throws {
        if let disk { try disk.append(s) } else { memory.append(s) }
    }

    /// After the last string.
    func finish() throws { try disk?.finish() }

    subscript(index: Int) -> String {
        get throws {
            if let disk { return try disk.string(index) }
            return memory[index]
        }
    }

    private final class Disk {
        let file: TemporaryFile
        let writer: SpoolWriter
        /// Where each string starts.
        private(set) var offsets: [UInt64] = []
        private var end: UInt64 = 0
        /// Consecutive strings read alone behind the window; past a few, the window moves back
        /// there (a sheet read after another one whose strings were at the table's end).
        private var behind = 0
        /// Strings asked for more than once (names, options: on every row), by index,
        /// direct-mapped. A string asked for once is never cached, so the unique ones passing
        /// through never push the shared ones out.
        private var cache: [(index: Int, value: String)?] = Array(repeating: nil, count: 1 << 16)
        private var askedBefore: [UInt64] = []
        private var window: [UInt8] = []
        private var windowStart: UInt64 = 0
        private var windowLength = 0
        private static let windowSize = 1 << 20
        /// Longer strings are never cached: two long notes asked for twice must not pin memory.
        private static let cachedLength = 512

        init() throws {
            file = try TemporaryFile()
            writer = SpoolWriter(file: file)
        }

        private var descriptor: Int32 { file.descriptor }

        func append(_ s: String) throws {
            offsets.append(end)
            var s = s
            end += UInt64(s.withUTF8 { $0.count })
            writer.raw(s)
            try writer.flushIfFull()
        }

        func finish() throws {
            try writer.close()
            askedBefore = [UInt64](repeating: 0, count: offsets.count / 64 + 1)
        }

        func string(_ index: Int) throws -> String {
            let slot = index & (cache.count - 1)
            if let hit = cache[slot], hit.index == index { return hit.value }
            let start = offsets[index]
            let stop = index + 1 < offsets.count ? offsets[index + 1] : end
            let length = Int(stop - start)
            let value: String
            if start < windowStart && behind < 16 {
                behind += 1
                // Behind the window (a string first used many rows ago): read it alone, and
                // leave the window where the new strings are.
                value = try readAlone(from: start, length: length)
            } else {
                if start < windowStart || stop > windowStart + UInt64(windowLength) { try load(from: start, atLeast: length) } else { behind = 0 }
                let from = Int(start - windowStart)
                value = window.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<from + length]), as: UTF8.self) }
            }
            let (word, bit) = (index >> 6, UInt64(1) << UInt64(index & 63))
            if askedBefore[word] & bit == 0 { askedBefore[word] |= bit } else if length <= Self.cachedLength { cache[slot] = (index, value) }
            return value
        }

        private func readAlone(from start: UInt64, length: Int) throws -> String {
            guard length > 0 else { return "" }
            var bytes = [UInt8](repeating: 0, count: length)
            var filled = 0
            while filled < length {
                let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, length - filled, off_t(start) + off_t(filled)) }
                if got < 0 { throw SpoolError.cannotRead(errno: errno) }
                if got == 0 { throw SpoolError.corrupt }
                filled += got
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        private func load(from start: UInt64, atLeast length: Int) throws {
            let size = max(Self.windowSize, length)
            if window.count < size { window = [UInt8](repeating: 0, count: size) }
            var filled = 0
            while filled < size {
                let got = window.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, size - filled, off_t(start) + off_t(filled)) }
                if got < 0 { throw SpoolError.cannotRead(errno: errno) }
                if got == 0 { break }
                filled += got
            }
            guard filled >= length else { throw SpoolError.corrupt }
            windowStart = start
            windowLength = filled
            behind = 0
        }
    }
}
