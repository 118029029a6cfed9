import CeldaCore
import XLSXReader
import XLSXWriter

/// What a gestionado workbook says about itself, on its very hidden `_celda` sheet: where it
/// came from and where Celda's columns start, so the edited file is recognised when it comes
/// back. This type is the only reader and writer of that sheet.
public struct GestionadoMetadata: Equatable, Sendable {
    public static let sheetName = "_celda"

    public var kind: String
    /// The original file's name and SHA-256 (kept across re-processing).
    public var source: String
    public var sourceHash: String
    public var version: String
    /// The source's header row (1-based); rows above it were titles.
    public var headerRow: Int
    /// 0-based column where Celda's back-office columns start.
    public var backOfficeFirstColumn: Int
    /// The day the workbook was computed as of (AAAA-MM-DD).
    public var generated: String
    /// The gestionado file this one was made from, when it was processed again.
    public var reprocessedFrom: String?
    /// The source's title rows, to tell a person what the base said above its header.
    public var titleRows: [String]
    /// The sheets the base continues on («Base (2)», …) when it had more rows than one sheet holds.
    public var continuationSheets: [String] = []
    /// Data rows on each base sheet but the last (Excel's limit unless a test lowered it).
    public var rowsPerSheet = 1_048_575

    public init(kind: String, source: String, sourceHash: String, version: String, headerRow: Int, backOfficeFirstColumn: Int,
                generated: String, reprocessedFrom: String? = nil, titleRows: [String] = []) {
        self.kind = kind
        self.source = source
        self.sourceHash = sourceHash
        self.version = version
        self.headerRow = headerRow
        self.backOfficeFirstColumn = backOfficeFirstColumn
        self.generated = generated
        self.reprocessedFrom = reprocessedFrom
        self.titleRows = titleRows
    }

    /// Key–value pairs, in the order they are written.
    public var pairs: [(key: String, value: String)] {
        var out: [(key: String, value: String)] = [
            ("kind", kind), ("source", source), ("source_sha256", sourceHash), ("celda_version", version),
            ("header_row", String(headerRow)), ("back_office_first_column", String(backOfficeFirstColumn)), ("generated", generated),
        ]
        if let reprocessedFrom { out.append(("reprocessed_from", reprocessedFrom)) }
        for (i, title) in titleRows.enumerated() { out.append(("title_row_\(i + 1)", title)) }
        if !continuationSheets.isEmpty { out.append(("rows_per_sheet", String(rowsPerSheet))) }
        for (i, name) in continuationSheets.enumerated() { out.append(("continuation_sheet_\(i + 1)", name)) }
        return out
    }

    /// From the pairs of a `_celda` sheet; nil when they do not describe a gestionado.
    public init?(pairs: [String: String]) {
        guard let first = pairs["back_office_first_column"].flatMap(Int.init), first >= 0 else { return nil }
        kind = pairs["kind"] ?? ""
        source = pairs["source"] ?? ""
        sourceHash = pairs["source_sha256"] ?? ""
        version = pairs["celda_version"] ?? ""
        headerRow = pairs["header_row"].flatMap(Int.init) ?? 1
        backOfficeFirstColumn = first
        generated = pairs["generated"] ?? ""
        reprocessedFrom = pairs["reprocessed_from"]
        // title_row_1 … title_row_N, in number order (title_row_10 after title_row_9).
        titleRows = Self.numbered("title_row_", in: pairs)
        continuationSheets = Self.numbered("continuation_sheet_", in: pairs)
        if let n = pairs["rows_per_sheet"].flatMap(Int.init) { rowsPerSheet = min(max(n, 1), GestionadoPlan.excelDataRows) }
    }

    /// `<prefix>1` … `<prefix>N`, in number order (10 after 9).
    private static func numbered(_ prefix: String, in pairs: [String: String]) -> [String] {
        pairs.compactMap { k, v in k.hasPrefix(prefix) ? Int(k.dropFirst(prefix.count)).map { ($0, v) } : nil }
            .sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The metadata of the gestionado `plan` describes.
    init(plan: GestionadoPlan, version: String) {
        self.init(kind: plan.kind.id, source: plan.sourceName, sourceHash: plan.sourceHash, version: version, headerRow: plan.mapping.headerRow,
                  backOfficeFirstColumn: plan.originalWidth, generated: plan.today.description, reprocessedFrom: plan.reprocessedFrom,
                  titleRows: plan.mapping.titleRows)
        rowsPerSheet = plan.rowsPerSheet
    }

    /// Writes the sheet, very hidden, into `book`.
    public func write(into book: Workbook) throws {
        let sheet = try book.addWorksheet(Self.sheetName)
        for (i, pair) in pairs.enumerated() { try sheet.writeRow([.text(pair.key), .text(pair.value)], row: i) }
        try sheet.hide(veryHidden: true)
    }

    /// The metadata of a workbook Celda wrote, nil for any other file.
    public static func read(from source: RowSource) throws -> GestionadoMetadata? {
        guard let sheet = source.sheets.first(where: { $0.name == sheetName }) else { return nil }
        final class Pairs: @unchecked Sendable { var values: [String: String] = [:] }
        let found = Pairs()
        try source.readRows(of: sheet) { row in
            if row.cells.count >= 2, case .text(let k) = row.cells[0].value, case .text(let v) = row.cells[1].value { found.values[k] = v }
        }
        return GestionadoMetadata(pairs: found.values)
    }
}
