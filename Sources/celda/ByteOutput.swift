#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to a file descriptor that takes bytes, so dumping a million rows costs
/// one `write` per megabyte and no String per cell.
final class ByteOutput {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let flushAt = 1 << 20
    private(set) var failed = false

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(flushAt + 4096)
    }

    deinit { flush() }

    @inline(__always) func byte(_ b: UInt8) { buffer.append(b) }

    @inline(__always) func ascii(_ s: StaticString) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) func endLine() {
        buffer.append(10)
        if buffer.count >= flushAt { flush() }
    }

    func flush() {
        guard !buffer.isEmpty, !failed else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes a string's UTF-8 bytes, passing each through `escape`, which appends what it wants.
    @inline(__always)
    func utf8(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
            buffer.append(contentsOf: s.utf8)
        }
    }

    /// A Double as the shortest text that reads back to it; whole numbers without `.0`.
    func number(_ v: Double) {
        if v == v.rounded(.towardZero) && abs(v) < 1e15 {
            integer(Int64(v))
            if v == 0 && v.sign == .minus { return }
            return
        }
        utf8(v.description)
    }

    func integer(_ value: Int64) {
        var v = value
        if v < 0 { buffer.append(45); v = -v }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            } while v > 0
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    /// Appends raw bytes with per-byte escaping decided by the caller's table.
    @inline(__always)
    func escaped(_ s: String, needsEscape: (UInt8) -> Bool, escape: (UInt8, ByteOutput) -> Void) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            for i in 0..<bytes.count where needsEscape(bytes[i]) {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                escape(bytes[i], self)
                start = i + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        if done == nil { escaped(String(decoding: Array(s.utf8), as: UTF8.self), needsEscape: needsEscape, escape: escape) }
    }
}
