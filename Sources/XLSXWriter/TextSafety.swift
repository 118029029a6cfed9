/// Text as Excel can hold it: XML 1.0 forbids most C0 control characters (a stray \u{0B}
/// from a copied note makes Excel "repair" the file) and a cell holds at most 32,767
/// characters. What is changed is reported, never silent.
enum TextSafety {
    static let maxCellLength = 32_767

    @inline(__always)
    static func isForbidden(_ v: UInt32) -> Bool {
        (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
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
