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
    private let bytes: [UInt8]

    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        // An empty file is refused before Foundation reads it: Data(contentsOf:) leaks its
        // 4 KiB read buffer on a 0-byte file (swift-corelibs 6.3, found by CSVFuzz's LeakSanitizer).
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
            throw ReaderError(.emptyFile, file: path)
        }
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw FileManager.default.fileExists(atPath: path)
                ? ReaderError(.unreadableFile(error.localizedDescription), file: path)
                : ReaderError(.fileNotFound, file: path)
        }
        if data.isEmpty { throw ReaderError(.emptyFile, file: path) }
        var raw = [UInt8](data)
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            raw.removeFirst(3)
            encoding = .utf8BOM
        } else if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            let little = raw[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(raw.count / 2)
            var i = 2
            while i + 1 < raw.count {
                units.append(little ? UInt16(raw[i]) | UInt16(raw[i + 1]) << 8 : UInt16(raw[i]) << 8 | UInt16(raw[i + 1]))
                i += 2
            }
            raw = Array(String(decoding: units, as: UTF16.self).utf8)
            encoding = .utf16
        } else if CSVReader.isValidUTF8(raw) {
            encoding = .utf8
        } else {
            raw = CSVReader.fromWindows1252(raw)
            encoding = .windows1252
        }
        if raw.contains(0) && encoding != .utf16 { throw ReaderError(.notASpreadsheet, file: path) }
        bytes = raw
        delimiter = CSVReader.sniffDelimiter(raw)
        let stem = url.deletingPathExtension().lastPathComponent
        sheets = [SheetInfo(name: String(stem.prefix(31)), index: 0, visibility: .visible, type: .worksheet)]
    }

    public var firstWorksheet: SheetInfo? { sheets.first }

    public func sheet(named selector: String) throws -> SheetInfo {
        if selector == sheets[0].name || selector == "1" { return sheets[0] }
        throw ReaderError(.sheetNotFound(selector, available: [sheets[0].name]), file: path)
    }

    /// Streams records as rows. A record is one row even when a quoted field spans lines.
    @discardableResult
    public func readRows(of sheet: SheetInfo, _ body: @escaping (Row) throws -> Void) throws -> SheetSummary {
        var summary = SheetSummary()
        var row = Row(number: 1, cells: [])
        var field: [UInt8] = []
        var column = 0
        var inQuotes = false
        var quoteStartLine = 0
        var line = 1
        var i = 0
        let n = bytes.count
        let delimiter = self.delimiter

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

        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == 34 {
                    if i + 1 < n && bytes[i + 1] == 34 { field.append(34); i += 2; continue }
                    inQuotes = false
                } else {
                    if b == 10 { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 34 where field.isEmpty:
                inQuotes = true
                quoteStartLine = line
            case delimiter:
                endField()
            case 13:
                if i + 1 < n && bytes[i + 1] == 10 { i += 1 }
                line += 1
                try endRecord()
            case 10:
                line += 1
                try endRecord()
            default:
                field.append(b)
            }
            i += 1
        }
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
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            if b & 0xE0 == 0xC0 { len = 2; if b < 0xC2 { return false } }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0 { len = 4; if b > 0xF4 { return false } }
            else { return false }
            if i + len > n { return false }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
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
