/// A growable byte buffer for XML character data: one allocation reused for every text node,
/// so the hot loop builds no Swift `String` until a value is final.
final class ByteAccumulator {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func append(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
        if count + length > capacity { grow(to: count + length) }
        (base + count).update(from: bytes, count: length)
        count += length
    }

    @inline(__always) func reset() { count = 0 }

    /// The bytes followed by a NUL, for C functions such as `strtod`.
    func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        if count + 1 > capacity { grow(to: count + 1) }
        base[count] = 0
        return base.withMemoryRebound(to: CChar.self, capacity: count + 1) { body($0) }
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

enum TextDecoding {
    /// Builds the String of an OOXML text value: `_xHHHH_` escapes decoded (ECMA-376 §22.9.2.19),
    /// leading/trailing whitespace dropped unless the element said `xml:space="preserve"`.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, preserveSpace: Bool) -> String {
        var slice = bytes
        if !preserveSpace { slice = trimmed(slice) }
        if !containsEscape(slice) { return String(decoding: slice, as: UTF8.self) }
        return unescape(slice)
    }

    @inline(__always)
    static func isXMLSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.baseAddress else { return bytes }
        var start = 0, end = bytes.count
        while start < end && isXMLSpace(bytes[start]) { start += 1 }
        while end > start && isXMLSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }

    @inline(__always)
    static func containsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 7 else { return false }
        for i in 0..<(bytes.count - 6) where bytes[i] == 95 && bytes[i + 1] == 120 { return true } // "_x"
        return false
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 48...57: return UInt32(b - 48)
        case 65...70: return UInt32(b - 55)
        case 97...102: return UInt32(b - 87)
        default: return nil
        }
    }

    private static func escapeAt(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16? {
        guard i + 6 < bytes.count, bytes[i] == 95, bytes[i + 1] == 120, bytes[i + 6] == 95 else { return nil }
        var value: UInt32 = 0
        for k in 2...5 {
            guard let h = hexValue(bytes[i + k]) else { return nil }
            value = value << 4 | h
        }
        return UInt16(value)
    }

    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if let unit = escapeAt(bytes, i) {
                var scalar: Unicode.Scalar?
                var consumed = 7
                if UTF16.isLeadSurrogate(unit), let low = escapeAt(bytes, i + 7), UTF16.isTrailSurrogate(low) {
                    scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                    consumed = 14
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                if let scalar {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += consumed
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
