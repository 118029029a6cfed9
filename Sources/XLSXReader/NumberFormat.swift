/// What a cell's number format makes of its number: a plain number, a date-like value,
/// or an elapsed duration (`[h]:mm:ss`).
enum NumberFormatClass: UInt8, Sendable {
    case number, date, duration

    /// Excel's built-in ids that show a date or time (ECMA-376 §18.8.30); 46 is `[h]:mm:ss`.
    static func builtIn(_ id: Int) -> NumberFormatClass {
        switch id {
        case 14...22, 45, 47: return .date
        case 46: return .duration
        // East Asian locales' built-in date ids.
        case 27...36, 50...58: return .date
        default: return .number
        }
    }

    /// Classifies a custom format code. Literal text (quoted, `\`-escaped, `_x` spacing,
    /// `*x` fill) and bracketed sections (`[Red]`, `[$-409]`, `[>100]`) are skipped, so
    /// `0.0 "días"` stays a number; `[h]`, `[m]`, `[s]` make a duration.
    static func custom(_ code: String) -> NumberFormatClass {
        var sawDate = false
        var chars = code.unicodeScalars.makeIterator()
        var previousWasBackslash = false
        while let c = chars.next() {
            if previousWasBackslash { previousWasBackslash = false; continue }
            switch c {
            case "\\": previousWasBackslash = true
            case "_", "*": _ = chars.next()
            case "\"":
                while let q = chars.next(), q != "\"" {}
            case "[":
                var inner = ""
                while let b = chars.next(), b != "]" { inner.unicodeScalars.append(b) }
                let lower = inner.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ "hms".contains($0) }) { return .duration }
            case ";":
                // Only the first (positive) section decides; the rest re-state it.
                return sawDate ? .date : .number
            case "d", "D", "m", "M", "y", "Y", "h", "H", "s", "S":
                // `E` stays out: in `0.00E+00` it is an exponent, not a year.
                sawDate = true
            default: break
            }
        }
        return sawDate ? .date : .number
    }
}

/// The workbook's cell formats (`cellXfs`), each reduced to what matters for reading.
struct CellStyles {
    var classes: [NumberFormatClass] = []

    subscript(index: Int) -> NumberFormatClass {
        index >= 0 && index < classes.count ? classes[index] : .number
    }

    init() {}

    init(styles root: XMLElement) {
        var custom: [Int: NumberFormatClass] = [:]
        for fmt in root.child("numFmts")?.all("numFmt") ?? [] {
            guard let id = fmt.attribute("numFmtId").flatMap({ Int($0) }) else { continue }
            custom[id] = NumberFormatClass.custom(fmt.attribute("formatCode") ?? "")
        }
        for xf in root.child("cellXfs")?.all("xf") ?? [] {
            let id = xf.attribute("numFmtId").flatMap { Int($0) } ?? 0
            classes.append(custom[id] ?? NumberFormatClass.builtIn(id))
        }
    }
}
