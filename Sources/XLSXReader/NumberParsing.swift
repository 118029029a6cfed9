#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum NumberParsing {
    private static let exactPowersOfTen: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }

    /// Parses an XML number. Plain decimals with at most 15 significant digits are exact
    /// through one integer and one division by an exact power of ten (both below 2^53, so the
    /// result is correctly rounded); anything else goes to `strtod`. Returns nil for non-numbers.
    @inline(__always)
    static func parseDouble(_ text: ByteAccumulator) -> Double? {
        let bytes = text.buffer
        var i = 0
        var negative = false
        if i < bytes.count && (bytes[i] == 45 || bytes[i] == 43) { negative = bytes[i] == 45; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenDot = false
        var sawDigit = false
        var simple = i < bytes.count
        while i < bytes.count {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                sawDigit = true
                if mantissa == 0 && b == 48 && !seenDot { i += 1; continue }
                mantissa = mantissa * 10 + UInt64(b - 48)
                digits += 1
                if seenDot { fractionDigits += 1 }
                if digits > 15 { simple = false; break }
            } else if b == 46 && !seenDot {
                seenDot = true
            } else {
                simple = false
                break
            }
            i += 1
        }
        if simple && sawDigit && fractionDigits <= 22 {
            let value = Double(mantissa) / exactPowersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return text.withCString { start in
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(start, &end)
            guard let end, end != start else { return nil }
            // Trailing whitespace is tolerated; other trailing text means it was not a number.
            var p = end
            while p.pointee == 32 || p.pointee == 9 || p.pointee == 10 || p.pointee == 13 { p += 1 }
            return p.pointee == 0 ? v : nil
        }
    }

    @inline(__always)
    static func parseIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let trimmed = TextDecoding.trimmed(bytes)
        guard !trimmed.isEmpty, trimmed.count < 12 else { return nil }
        var v = 0
        for b in trimmed {
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }
}
