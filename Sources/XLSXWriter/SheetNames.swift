/// Excel's rules for sheet names, applied to names that come from data (an advisor's name
/// becomes a sheet in the feedback workbook): at most 31 characters, none of `[]:*?/\`, not
/// starting or ending with an apostrophe, not "History", unique ignoring case.
public enum SheetNames {
    public static let maxLength = 31
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    public static func valid(_ requested: String, taken: [String]) -> String {
        var name = String(requested.map { forbidden.contains($0) ? "-" : $0 })
            .filter { !($0.unicodeScalars.first.map { $0.value < 0x20 } ?? false) }
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        while name.first == " " { name.removeFirst() }
        while name.last == " " { name.removeLast() }
        if name.isEmpty { name = "Hoja" }
        if name.lowercased() == "history" { name = "History-" }
        name = truncated(name, to: maxLength)
        let lowered = Set(taken.map { $0.lowercased() })
        guard lowered.contains(name.lowercased()) else { return name }
        var n = 2
        while true {
            let suffix = " (\(n))"
            let candidate = truncated(name, to: maxLength - suffix.unicodeScalars.count) + suffix
            if !lowered.contains(candidate.lowercased()) { return candidate }
            n += 1
        }
    }

    /// Cuts by Unicode scalars, as libxlsxwriter counts (never splitting a scalar), and drops
    /// a trailing apostrophe or space the cut may expose.
    static func truncated(_ s: String, to length: Int) -> String {
        guard s.unicodeScalars.count > length else { return s }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: s.unicodeScalars.prefix(length))
        var out = String(scalars)
        while out.hasSuffix("'") || out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}


/// Excel's rules for defined names: a letter, `_` or `\\` first; then letters, digits, `_`,
/// `.` or `\\`; at most 255 characters; never something that reads as a cell (`A1`, `R1C1`).
enum DefinedNames {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.first, name.count <= 255 else { return false }
        guard first.isLetter || first == "_" || first == "\\" else { return false }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "\\" }) else { return false }
        let upper = name.uppercased()
        if upper == "R" || upper == "C" { return false }
        let letters = upper.prefix { $0.isASCII && $0.isLetter }
        let rest = upper.dropFirst(letters.count)
        if !letters.isEmpty, letters.count <= 3, !rest.isEmpty, rest.allSatisfy(\.isNumber) { return false }
        if upper.wholeMatch(of: /R[0-9]*C[0-9]*/) != nil { return false }
        return true
    }
}
