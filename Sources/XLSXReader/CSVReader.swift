import Foundation

/// Reads a CSV export as one sheet of text cells. The encoding is detected, not guessed:
/// a BOM decides; otherwise bytes that are valid UTF-8 are UTF-8, and anything else is
/// Windows-1252 (what Excel in Spanish saves as "CSV (delimitado por comas)"). The
/// delimiter is sniffed from the header line among `;`, `,` and tab. Typing of values
/// (decimal comma, dd/mm/yyyy) is the core's job, not this reader's.
public final class CSVReader: RowSource {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", utf8BOM = "UTF-8 con BOM", windows1252 = "Windows-1252", utf16 = "UTF-16" }

    public let path: String
    public let sheets: [SheetInfo]
    public private(set) var encoding: Encoding
    public private(set) var delimiter: UInt8
    /// Where the text starts (after a byte-order mark), and whether UTF-16 is little-endian.
    private let start: Int
    private let littleEndian: Bool

    /// Bytes read from the file at a time: a CSV of any size is read through this buffer (and
    /// a row at a time), never held.
    static let chunkSize = 1 << 20

    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw FileManager.default.fileExists(atPath: path)
                ? ReaderError(.unreadableFile("no se puede abrir"), file: path)
                : ReaderError(.fileNotFound, file: path)
        }
        defer { try? file.close() }
        let head: [UInt8]
        do { head = [UInt8](try file.read(upToCount: Self.chunkSize) ?? Data()) } catch {
            throw ReaderError(.unreadableFile(error.localizedDescription), file: path)
        }
        if head.isEmpty { throw ReaderError(.emptyFile, file: path) }
        var little = false
        var bom = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            bom = 3
        } else if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            bom = 2
            little = head[0] == 0xFF
        }
        start = bom
        if bom == 2 {
            encoding = .utf16
        } else {
            // UTF-8 when every byte of the file is valid UTF-8 (checked through the buffer, a
            // sequence cut by a chunk carried over), Windows-1252 otherwise; a NUL is no text.
            var validator = UTF8Validator()
            var chunk = Array(head.dropFirst(bom))
            while !chunk.isEmpty {
                if chunk.contains(0) { throw ReaderError(.notASpreadsheet, file: path) }
                validator.feed(chunk)
                do { chunk = [UInt8](try file.read(upToCount: Self.chunkSize) ?? Data()) } catch {
                    throw ReaderError(.unreadableFile(error.localizedDescription), file: path)
                }
            }
            encoding = bom == 3 ? .utf8BOM : (validator.valid && validator.finished ? .utf8 : .windows1252)
        }
        littleEndian = little
        // The delimiter from the header line, decoded.
        var first: [UInt8] = []
        try Self.decodedChunks(path: path, start: start, encoding: encoding, littleEndian: little, limit: 64 * 1024) { first += $0 }
        delimiter = CSVReader.sniffDelimiter(first)
        let stem = url.deletingPathExtension().lastPathComponent
        sheets = [SheetInfo(name: String(stem.prefix(31)), index: 0, visibility: .visible, type: .worksheet)]
    }

    public var firstWorksheet: SheetInfo? { sheets.first }

    public func sheet(named selector: String) throws -> SheetInfo {
        if selector == sheets[0].name || selector == "1" { return sheets[0] }
        throw ReaderError(.sheetNotFound(selector, available: [sheets[0].name]), file: path)
    }

    /// The file's text as UTF-8, a chunk at a time (`limit`: stop after about that many bytes).
    static func decodedChunks(path: String, start: Int, encoding: Encoding, littleEndian: Bool, limit: Int = Int.max,
                              _ body: ([UInt8]) throws -> Void) throws {
        guard let file = FileHandle(forReadingAtPath: path) else { throw ReaderError(.fileNotFound, file: path) }
        defer { try? file.close() }
        do { try file.seek(toOffset: UInt64(start)) } catch { throw ReaderError(.unreadableFile(error.localizedDescription), file: path) }
        var read = 0
        var pendingByte: UInt8?          // UTF-16: an odd byte left at a chunk's end
        var pendingHigh: UInt16?         // UTF-16: a high surrogate waiting for its pair
        while read < limit {
            let data: Data
            do { data = try file.read(upToCount: chunkSize) ?? Data() } catch {
                throw ReaderError(.unreadableFile(error.localizedDescription), file: path)
            }
            if data.isEmpty { break }
            read += data.count
            var raw = [UInt8](data)
            switch encoding {
            case .utf8, .utf8BOM: try body(raw)
            case .windows1252: try body(fromWindows1252(raw))
            case .utf16:
                if let b = pendingByte { raw.insert(b, at: 0); pendingByte = nil }
                if raw.count % 2 == 1 { pendingByte = raw.removeLast() }
                var units: [UInt16] = []
                units.reserveCapacity(raw.count / 2 + 1)
                if let h = pendingHigh { units.append(h); pendingHigh = nil }
                var i = 0
                while i + 1 < raw.count {
                    units.append(littleEndian ? UInt16(raw[i]) | UInt16(raw[i + 1]) << 8 : UInt16(raw[i]) << 8 | UInt16(raw[i + 1]))
                    i += 2
                }
                if let last = units.last, (0xD800...0xDBFF).contains(last) { pendingHigh = units.removeLast() }
                try body(Array(String(decoding: units, as: UTF16.self).utf8))
            }
        }
        if let h = pendingHigh { try body(Array(String(decoding: [h], as: UTF16.self).utf8)) }
    }

    /// Streams records as rows. A record is one row even when a quoted field spans lines. The
    /// file is read through a fixed buffer: memory holds one chunk and one row.
    @discardableResult
    public func readRows(of sheet: SheetInfo, _ body: @escaping (Row) throws -> Void) throws -> SheetSummary {
        var summary = SheetSummary()
        var row = Row(number: 1, cells: [])
        var field: [UInt8] = []
        var column = 0
        var inQuotes = false
        var quoteStartLine = 0
        var line = 1
        let delimiter = self.delimiter
        // State carried across chunks: a quote inside quotes that may be the first of `""`, and
        // a CR that may be followed by LF.
        var quoteInQuotes = false
        var afterCR = false

        func endField() {
            if !field.isEmpty {
                row.cells.append(Cell(column: column, value: .text(String(decoding: field, as: UTF8.self))))
                summary.columnCount = max(summary.columnCount, column + 1)
            }
            field.removeAll(keepingCapacity: true)
            column += 1
        }
        func endRecord() throws {
            endField()
            if !row.cells.isEmpty {
                summary.lastRow = row.number
                try body(row)
            }
            row.number += 1
            row.cells.removeAll(keepingCapacity: true)
            column = 0
        }

        try Self.decodedChunks(path: path, start: start, encoding: encoding, littleEndian: littleEndian) { bytes in
            for b in bytes {
                if afterCR {
                    afterCR = false
                    if b == 10 { continue }
                }
                if quoteInQuotes {
                    quoteInQuotes = false
                    if b == 34 { field.append(34); continue }
                    inQuotes = false
                    // falls through: `b` is read outside the quotes
                } else if inQuotes {
                    if b == 34 { quoteInQuotes = true; continue }
                    if b == 10 { line += 1 }
                    field.append(b)
                    continue
                }
                switch b {
                case 34 where field.isEmpty:
                    inQuotes = true
                    quoteStartLine = line
                case delimiter:
                    endField()
                case 13:
                    afterCR = true
                    line += 1
                    try endRecord()
                case 10:
                    line += 1
                    try endRecord()
                default:
                    field.append(b)
                }
            }
        }
        if quoteInQuotes { inQuotes = false }
        if inQuotes {
            throw ReaderError(.csvUnclosedQuote, file: path, sheet: sheet.name, line: quoteStartLine)
        }
        if !field.isEmpty || column > 0 { try endRecord() }
        return summary
    }

    static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [59: 0, 44: 0, 9: 0]
        var inQuotes = false
        for b in bytes.prefix(64 * 1024) {
            if b == 34 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == 10 || b == 13 { break }
            if counts[b] != nil { counts[b]! += 1 }
        }
        // Ties go to `;`: Spanish-locale Excel writes it, because `,` is the decimal mark.
        for candidate in [UInt8(59), 9, 44] where counts[candidate]! > 0 && counts[candidate]! == counts.values.max()! {
            return candidate
        }
        return 59
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var v = UTF8Validator()
        v.feed(bytes)
        return v.valid && v.finished
    }

    /// Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, dashes…).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func fromWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let scalar = b < 0xA0 ? cp1252High[Int(b - 0x80)] : UInt32(b)
            out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        }
        return out
    }
}

/// UTF-8 validity checked a chunk at a time: a sequence cut by the end of a chunk is finished
/// by the next one.
struct UTF8Validator {
    private(set) var valid = true
    /// Continuation bytes still expected.
    private var expected = 0
    var finished: Bool { expected == 0 }

    mutating func feed(_ bytes: [UInt8]) {
        guard valid else { return }
        for b in bytes {
            if expected > 0 {
                guard b & 0xC0 == 0x80 else { valid = false; return }
                expected -= 1
                continue
            }
            if b < 0x80 { continue }
            if b & 0xE0 == 0xC0 { if b < 0xC2 { valid = false; return }; expected = 1 }
            else if b & 0xF0 == 0xE0 { expected = 2 }
            else if b & 0xF8 == 0xF0 { if b > 0xF4 { valid = false; return }; expected = 3 }
            else { valid = false; return }
        }
    }
}
