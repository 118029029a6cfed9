import CeldaCore
import CeldaReports
import Foundation
import XLSXReader

/// What `celda inspect` tells about a file: its sheets, the kind of base it is, and, for a
/// workbook Celda wrote, what its metadata says.
public struct Inspection: Codable, Sendable {
    public struct Sheet: Codable, Sendable {
        public var name: String
        public var index: Int
        public var visibility: String
        public var type: String
        public var rows: Int?
        public var columns: Int?
        public var mergedRanges: Int?
    }

    public struct Detection: Codable, Sendable {
        public var kind: String
        public var label: String
        public var sheet: String
        public var headerRow: Int
        /// field → column letter
        public var columns: [String: String]
        public var unknownColumns: [String: String]
        public var missing: [String]
        public var closestHeaders: [String: String]
        public var guesses: [String: String]
        public var titleRows: [String]
    }

    public var file: String
    public var format: String
    public var date1904: Bool?
    public var encoding: String?
    public var delimiter: String?
    public var sheets: [Sheet]
    public var detection: Detection?
    /// Set for a workbook Celda wrote: what its metadata says (source, kind, version…).
    public var gestionado: [String: String]?

    /// Reads each sheet once: counts it, and keeps the first rows of the first data sheet for
    /// the header detection.
    public static func of(_ file: String, templates: Templates) throws -> Inspection {
        let source = try SpreadsheetFile.open(path: file)
        var report = Inspection(file: file, format: source is CSVReader ? "csv" : "xlsx", sheets: [])
        if let book = source as? XLSXWorkbook { report.date1904 = book.date1904 }
        if let csv = source as? CSVReader {
            report.encoding = csv.encoding.rawValue
            report.delimiter = csv.delimiter == 9 ? "\\t" : String(UnicodeScalar(csv.delimiter))
        }
        final class Rows: @unchecked Sendable { var rows: [Row] = [] }
        let firstRows = Rows()
        let detectionSheet = source.firstWorksheet
        for sheet in source.sheets {
            var entry = Sheet(name: sheet.name, index: sheet.index + 1, visibility: sheet.visibility.rawValue, type: sheet.type.rawValue)
            if sheet.type != .chartsheet {
                let keep = sheet == detectionSheet
                let summary = try source.readRows(of: sheet) { row in
                    if keep && firstRows.rows.count < HeaderMatcher.defaultSearchRows { firstRows.rows.append(row) }
                }
                entry.rows = summary.lastRow
                entry.columns = summary.columnCount
                entry.mergedRanges = summary.mergedRanges.count
            }
            report.sheets.append(entry)
        }
        let metadata = try GestionadoMetadata.read(from: source)
        report.gestionado = metadata.map { Dictionary($0.pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) }
        report.detection = detectionSheet.flatMap { detect(firstRows.rows, sheet: $0, templates: templates, metadata: metadata) }
        return report
    }

    private static func detect(_ rows: [Row], sheet: SheetInfo, templates: Templates, metadata: GestionadoMetadata?) -> Detection? {
        guard let m = HeaderMatcher(templates: templates).match(rows: rows) else { return nil }
        // Celda's own back-office columns are not "unknown" in its own workbook.
        let unknown = m.unknown.filter { $0.column < (metadata?.backOfficeFirstColumn ?? Int.max) }
        return Detection(
            kind: m.kind, label: templates.kind(m.kind)?.label ?? m.kind, sheet: sheet.name, headerRow: m.headerRow,
            columns: m.columns.mapValues { CellReference.columnName($0) },
            unknownColumns: Dictionary(unknown.map { (CellReference.columnName($0.column), $0.header) }, uniquingKeysWith: { a, _ in a }),
            missing: m.missing.map(\.field),
            closestHeaders: Dictionary(m.missing.compactMap { x in x.closestHeader.map { (x.field, $0) } }, uniquingKeysWith: { a, _ in a }),
            guesses: Dictionary(m.guesses.map { ($0.field, $0.header) }, uniquingKeysWith: { a, _ in a }),
            titleRows: m.titleRows)
    }
}
