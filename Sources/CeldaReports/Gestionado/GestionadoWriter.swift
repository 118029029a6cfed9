import CeldaCore
import Foundation
import XLSXReader
import XLSXWriter

/// Writes a gestionado row after row, holding none of them: each input row with its values
/// and types, then the kind's back-office values, on «Base», continuing on «Base (2)», … with
/// the header repeated when a sheet's 1,048,575 data rows run out. Each row's problems go to a
/// file on disk and come back, in row order, as the *Incidencias* sheet when `finish` is called.
public final class GestionadoWriter {
    public let plan: GestionadoPlan
    let templates: Templates
    let book: Workbook
    let styles: GestionadoStyles
    let label: (String) -> String
    private let path: String
    private let version: String
    private var sheets: [Worksheet] = []
    private let issues: Spool<IssueLine>
    /// Prepares the rows (`write` takes them prepared, from any thread).
    public let preparer: GestionadoRowPreparer
    private var numberStyles: [String: CellStyle] = [:]
    private var widths: ContentWidths
    private var summary: GestionadoSummary

    /// `constantMemory`: rows go to disk as they are written (any large base); off, strings are
    /// shared and the file smaller.
    public init(plan: GestionadoPlan, templates: Templates, path: String, version: String, constantMemory: Bool) throws {
        self.plan = plan
        self.templates = templates
        self.path = path
        self.version = version
        var options = Workbook.Options()
        options.constantMemory = constantMemory
        book = try Workbook(path: path, options: options)
        styles = GestionadoStyles(book: book)
        label = { [language = plan.language] in templates.label($0, language) }
        do { issues = try IssueLine.spool() } catch { book.discard(); throw error }
        preparer = GestionadoRowPreparer(plan: plan, templates: templates)
        widths = ContentWidths(columns: plan.originalWidth, header: plan.header)
        summary = GestionadoSummary(rows: 0, issues: 0, causals: [:], alarms: 0, path: path)
        do { _ = try sheet(0) } catch { book.discard(); throw error }
    }

    func backOfficeColumn(_ index: Int) -> Int { plan.originalWidth + index }

    /// The base sheet `index`, made (with its header) when first needed.
    private func sheet(_ index: Int) throws -> Worksheet {
        while sheets.count <= index {
            let name = sheets.isEmpty ? plan.sheetName : SheetNames.valid(plan.sheetName, taken: sheets.map(\.name))
            let sheet = try book.addWorksheet(name)
            try sheet.setRowHeight(30, row: 0) // before row 0 is written: constant-memory mode needs it first
            for cell in plan.header.cells {
                try sheet.write(CellConversion.writable(cell.value).0, row: 0, column: cell.column, style: styles.headerStyle)
            }
            for (i, title) in BackOfficeHeaders.headers(kind: plan.kind, baseHeader: plan.header, label: label).enumerated() {
                try sheet.write(.text(title), row: 0, column: backOfficeColumn(i), style: styles.backOfficeHeaderStyle)
            }
            sheets.append(sheet)
        }
        return sheets[index]
    }

    /// One input row (rows in increasing order), its outcome (nil: a row Celda did not decide)
    /// and the problems found in it. `record`: the row as the pass typed it.
    public func append(_ row: Row, record: Record? = nil, outcome: RowOutcome?, issues rowIssues: [RowIssue]) throws {
        try write(preparer.prepare(row, record: record, outcome: outcome, issues: rowIssues))
    }

    /// A row `preparer` prepared (rows in increasing order): only the library's calls are left.
    public func write(_ prepared: PreparedRow) throws {
        let at = prepared.place
        let sheet = try self.sheet(at.sheet)
        if let height = prepared.height { try sheet.setRowHeight(height, row: at.row) }
        for input in prepared.inputs {
            try sheet.write(input.value, row: at.row, column: input.column, style: input.wraps ? styles.wrapStyle : numberStyle(input.format))
        }
        for column in prepared.wrappedColumns { widths.wrapped.insert(column) }
        widths.note(prepared.row)
        for line in prepared.issues { try issues.append(line) }
        guard let decided = prepared.decided else { return }
        summary.rows += 1
        if decided.alarm { summary.alarms += 1 }
        if let code = decided.causalCode { summary.causals[code, default: 0] += 1 }
        for value in prepared.backOffice {
            if value.wraps {
                try sheet.write(value.value, row: at.row, column: backOfficeColumn(value.index), style: styles.wrapStyle)
            } else {
                // Through the format path: a day gets the workbook's date format.
                try sheet.write(value.value, row: at.row, column: backOfficeColumn(value.index))
            }
        }
    }

    /// Problems of rows that were not written (none in practice; kept so nothing is lost).
    public func appendIssues(_ extra: [RowIssue]) throws {
        for e in extra { try issues.append(IssueLine(row: e.row, column: e.column, field: e.field ?? "", code: e.code.rawValue, message: e.words.text(plan.language))) }
    }

    /// The layout of every base sheet, the listings, *Incidencias*, the metadata; then the file.
    public func finish(listings: [RowListing] = []) throws -> GestionadoSummary {
        do {
            _ = try sheet(plan.sheetCount - 1)
            let columnWidths = widths.widths
            for (i, sheet) in sheets.enumerated() {
                let last = i < sheets.count - 1 ? plan.rowsPerSheet : max(1, plan.place(plan.lastInputRow).row)
                try GestionadoLayout(plan: plan, label: label).apply(to: sheet, lastRow: last, widths: columnWidths,
                                                                     spareRows: i == sheets.count - 1)
            }
            let baseNames = sheets.map(\.name)
            for listing in listings {
                try ListingSheet(listing: listing, plan: plan, baseSheets: baseNames, label: label, styles: styles).write(into: book)
            }
            summary.issues = try IncidenciasSheet(plan: plan, baseSheets: baseNames, label: label, styles: styles)
                .write(into: book, from: issues)
            var metadata = GestionadoMetadata(plan: plan, version: version)
            metadata.continuationSheets = Array(baseNames.dropFirst())
            try metadata.write(into: book)
            try sheets[0].activate()
            var props = Workbook.Properties()
            props.title = plan.sourceName + " - gestionado"
            props.author = "Celda " + version
            try book.setProperties(props)
            try book.setCustomProperty("celda.kind", .text(plan.kind.id))
            try book.setCustomProperty("celda.source_sha256", .text(plan.sourceHash))
            try book.save()
            summary.baseSheets = baseNames
            return summary
        } catch {
            book.discard()
            throw error
        }
    }

    /// Leaves no file behind (after an error while appending).
    public func discard() { book.discard() }

    private func numberStyle(_ code: String?) -> CellStyle? {
        guard let code else { return nil }
        if let style = numberStyles[code] { return style }
        let style = book.style(.numberFormat(code))
        numberStyles[code] = style
        return style
    }
}

/// Column widths from the content a person reads first: the header (up to 24 characters) and
/// the first rows; between 8 and 50.
struct ContentWidths {
    /// Rows read to size the columns.
    static let rows = 500
    /// The widest a column gets; a text longer than `wrapFrom` characters wraps in it.
    static let maxWidth = 50.0
    static let wrapFrom = 48
    private var longest: [Int]
    private var seen = 0
    /// Columns holding a wrapped text: they get the widest width whatever the first rows held.
    var wrapped = Set<Int>()

    /// Lines a text takes in a column `width` characters wide (a line holds a little fewer
    /// characters than the width: proportional font, words not split).
    static func lines(_ text: String, width: Double) -> Int {
        let perLine = max(1, Int(width * 1.05) - 2)
        func lines(_ characters: Int) -> Int { max(1, (characters + perLine - 1) / perLine) }
        // From the bytes when each scalar is one character (`TextLength`), without a substring a line.
        var total = 0, characters = 0
        for byte in text.utf8 {
            if TextLength.mayJoin(byte) {
                return text.split(separator: "\n", omittingEmptySubsequences: false).map { lines($0.count) }.reduce(0, +)
            }
            if byte == 0x0A {
                total += lines(characters)
                characters = 0
            } else if TextLength.startsScalar(byte) {
                characters += 1
            }
        }
        return total + lines(characters)
    }

    init(columns: Int, header: Row) {
        longest = [Int](repeating: 0, count: columns)
        for cell in header.cells where cell.column < columns { longest[cell.column] = min(Self.length(cell.value), 24) }
    }

    mutating func note(_ row: Row) {
        guard seen < Self.rows else { return }
        seen += 1
        for cell in row.cells where cell.column < longest.count {
            longest[cell.column] = max(longest[cell.column], Self.length(cell.value))
        }
    }

    var widths: [Double] {
        longest.enumerated().map { i, n in wrapped.contains(i) ? Self.maxWidth : min(max(Double(n) * 1.1 + 2, 8), Self.maxWidth) }
    }

    private static func length(_ value: CellValue) -> Int {
        if case .date = value { return 17 }
        return FieldTyping.display(value).count
    }
}
