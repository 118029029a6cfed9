import Foundation

/// Text helpers on the hot path of a 100k-row base: no Foundation bridging for the common
/// case (Spanish text is ASCII plus a handful of accented letters).
public enum TextNormalising {
    /// Whether `needle` occurs in `haystack`, byte for byte (UTF-8; both normalised already).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var h = haystack, n = needle
        return h.withUTF8 { hay in
            n.withUTF8 { pin in
                guard pin.count <= hay.count else { return false }
                let first = pin[0]
                var i = 0
                while i <= hay.count - pin.count {
                    if hay[i] == first {
                        var j = 1
                        while j < pin.count && hay[i + j] == pin[j] { j += 1 }
                        if j == pin.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Lower-case ASCII (or 0 when the scalar is not a letter or digit) for the Latin letters
    /// Spanish uses; nil for anything else, which goes to Foundation's folding.
    @inline(__always)
    static func fold(_ v: UInt32) -> UInt8?? {
        switch v {
        case 0x30...0x39, 0x61...0x7A: return .some(UInt8(v))
        case 0x41...0x5A: return .some(UInt8(v + 32))
        case 0x00...0x7F: return .some(nil) // punctuation, spaces: a separator
        case 0xC0...0xC5, 0xE0...0xE5: return .some(UInt8(ascii: "a"))
        case 0xC8...0xCB, 0xE8...0xEB: return .some(UInt8(ascii: "e"))
        case 0xCC...0xCF, 0xEC...0xEF: return .some(UInt8(ascii: "i"))
        case 0xD2...0xD6, 0xF2...0xF6: return .some(UInt8(ascii: "o"))
        case 0xD9...0xDC, 0xF9...0xFC: return .some(UInt8(ascii: "u"))
        case 0xD1, 0xF1: return .some(UInt8(ascii: "n"))
        case 0xC7, 0xE7: return .some(UInt8(ascii: "c"))
        case 0xA0, 0xA1, 0xBF, 0xAA, 0xBA, 0xB7: return .some(nil) // nbsp, ¡, ¿, ª, º, ·
        default: return nil
        }
    }

    public static func normalise(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            guard let folded = fold(scalar.value) else { return foundationNormalise(text) }
            if let byte = folded {
                if pendingSpace && !out.isEmpty { out.append(32) }
                pendingSpace = false
                out.append(byte)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func foundationNormalise(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}

extension String {
    /// Without spaces and tabs at either end (what a pasted cell carries).
    public var trimmedSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\u{A0}" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\u{A0}" })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
