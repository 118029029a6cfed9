/// Text as Excel can hold it: XML 1.0 forbids most C0 control characters (a stray \u{0B}
/// from a copied note makes Excel "repair" the file) and a cell holds at most 32,767
/// characters. What is changed is reported, never silent.
enum TextSafety {
    static let maxCellLength = 32_767

    @inline(__always)
    static func isForbidden(_ v: UInt32) -> Bool {
        (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }

    /// The common case, decided on the UTF-8 bytes: no C0 control other than tab/LF/CR, no
    /// U+FFFE/U+FFFF (EF BF BE/BF), and short enough that it cannot exceed the cell limit.
    @inline(__always)
    static func isClean(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count <= maxCellLength else { return false }
        return utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for (i, b) in bytes.enumerated() where b < 0x20 || b == 0xEF {
                if b < 0x20 { if b != 0x09 && b != 0x0A && b != 0x0D { return false } }
                else if i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return false }
            }
            return true
        } ?? false
    }

    /// The text to write, with how many control characters were removed and the length
    /// before a cut (nil when nothing was cut).
    static func clean(_ text: String) -> (String, removed: Int, originalLength: Int?) {
        var removed = 0
        var needsWork = false
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if isForbidden(scalar.value) { needsWork = true }
        }
        if !needsWork && count <= maxCellLength { return (text, 0, nil) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isForbidden(scalar.value) { removed += 1; continue }
            scalars.append(scalar)
        }
        let kept = scalars.count
        if kept > maxCellLength {
            var cut = String.UnicodeScalarView()
            cut.append(contentsOf: scalars.prefix(maxCellLength))
            return (String(cut), removed, kept)
        }
        return (String(scalars), removed, nil)
    }
}
