import XLSXReader

/// Writes rows as `celda dump` prints them. Rows keep their position: a row missing from
/// the sheet prints as an empty line (`[]` in JSON lines). Trailing empty cells are dropped.
protocol RowEncoder {
    func write(cells: ArraySlice<CellValue>, to out: ByteOutput)
    func writeEmptyRow(to out: ByteOutput)
}

extension RowEncoder {
    /// Writes a row's cells in their columns, blanks filling the gaps and trailing blanks
    /// dropped. Cells normally come in column order; a row that does not is sorted first.
    func write(row: Row, to out: ByteOutput, scratch: inout [Cell]) {
        var cells = row.cells[...]
        var ordered = true
        var previous = -1
        for cell in cells {
            if cell.column <= previous { ordered = false; break }
            previous = cell.column
        }
        if !ordered {
            // Sorted by column; for a column given twice the last one wins, as in Excel.
            scratch = Array(row.cells.enumerated().sorted { ($0.element.column, $0.offset) < ($1.element.column, $1.offset) }.map(\.element))
            var unique: [Cell] = []
            for cell in scratch {
                if unique.last?.column == cell.column { unique[unique.count - 1] = cell } else { unique.append(cell) }
            }
            scratch = unique
            cells = scratch[...]
        }
        while let last = cells.last, last.value.isEmpty { cells = cells.dropLast() }
        if cells.isEmpty { writeEmptyRow(to: out); return }
        var values: [CellValue] = []
        values.reserveCapacity((cells.last?.column ?? 0) + 1)
        for cell in cells {
            while values.count < cell.column { values.append(.empty) }
            values.append(cell.value)
        }
        write(cells: values[...], to: out)
    }
}

struct JSONLinesEncoder: RowEncoder {
    func writeEmptyRow(to out: ByteOutput) { out.ascii("[]"); out.endLine() }

    func write(cells: ArraySlice<CellValue>, to out: ByteOutput) {
        out.byte(91)
        var first = true
        for value in cells {
            if !first { out.byte(44) }
            first = false
            switch value {
            case .empty: out.ascii("null")
            case .number(let v):
                if v.isFinite { out.number(v) } else { out.ascii("null") }
            case .bool(let b): if b { out.ascii("true") } else { out.ascii("false") }
            case .text(let s): JSONLinesEncoder.string(s, out)
            case .error(let e): out.ascii("{\"error\":"); JSONLinesEncoder.string(e, out); out.byte(125)
            case .date(let d):
                switch d.kind {
                case .date: out.ascii("{\"date\":")
                case .dateTime: out.ascii("{\"datetime\":")
                case .time: out.ascii("{\"time\":")
                case .duration: out.ascii("{\"duration\":")
                }
                JSONLinesEncoder.string(d.isoString, out)
                out.byte(125)
            }
        }
        out.byte(93)
        out.endLine()
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func string(_ s: String, _ out: ByteOutput) {
        out.byte(34)
        // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are valid raw in JSON, but many
        // line splitters (Python's str.splitlines, JavaScript before ES2019) break a line there:
        // escaped, every consumer sees one row per line. Their UTF-8 starts with 0xE2, which
        // most text lacks, so the common case costs one byte scan.
        let mayHoldSeparator = s.utf8.withContiguousStorageIfAvailable { $0.contains(0xE2) } ?? s.utf8.contains(0xE2)
        if mayHoldSeparator && s.unicodeScalars.contains(where: { $0.value == 0x2028 || $0.value == 0x2029 }) {
            var piece = String.UnicodeScalarView()
            for scalar in s.unicodeScalars {
                if scalar.value == 0x2028 || scalar.value == 0x2029 {
                    body(String(piece), out)
                    out.ascii(scalar.value == 0x2028 ? "\\u2028" : "\\u2029")
                    piece = String.UnicodeScalarView()
                } else {
                    piece.append(scalar)
                }
            }
            body(String(piece), out)
        } else {
            body(s, out)
        }
        out.byte(34)
    }

    /// The characters JSON requires escaped, written between the quotes.
    private static func body(_ s: String, _ out: ByteOutput) {
        out.escaped(s, needsEscape: { $0 < 0x20 || $0 == 34 || $0 == 92 }) { b, out in
            switch b {
            case 34: out.ascii("\\\"")
            case 92: out.ascii("\\\\")
            case 10: out.ascii("\\n")
            case 13: out.ascii("\\r")
            case 9: out.ascii("\\t")
            default:
                out.ascii("\\u00")
                out.byte(hex[Int(b >> 4)])
                out.byte(hex[Int(b & 15)])
            }
        }
    }
}

/// RFC 4180 CSV, comma-separated, fields quoted only when they must be.
struct CSVEncoder: RowEncoder {
    func writeEmptyRow(to out: ByteOutput) { out.endLine() }

    func write(cells: ArraySlice<CellValue>, to out: ByteOutput) {
        var first = true
        for value in cells {
            if !first { out.byte(44) }
            first = false
            switch value {
            case .empty: break
            case .number(let v): out.number(v)
            case .bool(let b): if b { out.ascii("TRUE") } else { out.ascii("FALSE") }
            case .text(let s): CSVEncoder.field(s, out)
            case .error(let e): CSVEncoder.field(e, out)
            case .date(let d): out.utf8(d.isoString)
            }
        }
        out.endLine()
    }

    /// Comma, quote, line feed, carriage return.
    static func needsCSVQuotes(_ b: UInt8) -> Bool {
        switch b {
        case 44, 34, 10, 13: return true
        default: return false
        }
    }

    static func field(_ s: String, _ out: ByteOutput) {
        // Typed apart: with GRDB's SQL operators in scope, one `a == x || …` chain is too much
        // for the type checker.
        let needsQuotes: Bool = s.utf8.withContiguousStorageIfAvailable { $0.contains(where: needsCSVQuotes) }
            ?? s.utf8.contains(where: needsCSVQuotes)
        guard needsQuotes else { out.utf8(s); return }
        out.byte(34)
        out.escaped(s, needsEscape: { $0 == 34 }) { _, out in out.ascii("\"\"") }
        out.byte(34)
    }
}
