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
    private let fieldByColumn: [Int: String]
    private let typeByField: [String: Templates.Field.ValueType]
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
        fieldByColumn = Dictionary(plan.mapping.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        typeByField = Dictionary(plan.kind.definition.fields.map { ($0.field, $0.type) }, uniquingKeysWith: { a, _ in a })
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
    /// and the problems found in it. `record`: the row as the pass typed it — a CSV's text
    /// cells of date and number fields are written as those values, not typed a second time.
    public func append(_ row: Row, record: Record? = nil, outcome: RowOutcome?, issues rowIssues: [RowIssue]) throws {
        let at = plan.place(row.number)
        let sheet = try self.sheet(at.sheet)
        let mapping = plan.mapping
        var found = (rowIssues + (outcome?.issues ?? [])).map {
            IssueLine(row: $0.row, column: $0.column ?? $0.field.flatMap { mapping.columns[$0] }, field: $0.field ?? "", code: $0.code.rawValue,
                      message: $0.words.text(plan.language))
        }
        // Words said in the reader's language first: a long one wraps like any text.
        let backOffice = outcome.map { o in plan.kind.columns.enumerated().compactMap { i, column in o.value(column.content).map { (i, said($0)) } } } ?? []
        // A text longer than its column wraps in a row tall enough (a spreadsheet does not grow a
        // row for text a program wrote, and a text running on prints under its neighbour's).
        var lines = 1
        var inputs: [(cell: Cell, writable: WritableValue, format: String?, wraps: Bool)] = []
        for cell in row.cells {
            let value = plan.isCSV ? typedFromCSV(cell, record: record) : cell.value
            let (writable, format, note) = CellConversion.writable(value)
            if let note { found.append(.init(row: row.number, column: cell.column, field: "", code: "valor-convertido", message: note)) }
            if let formula = cell.formula {
                // Title rows are gone and rows moved up: the formula's references would no longer hold.
                found.append(.init(row: row.number, column: cell.column, field: "", code: "valor-convertido",
                                   message: "tenía la fórmula «=\(formula)»; se escribió su valor"))
            }
            var wraps = false
            if case .text(let t) = writable, t.utf8.count > ContentWidths.wrapFrom, t.count > ContentWidths.wrapFrom {
                wraps = true
                widths.wrapped.insert(cell.column)
                lines = max(lines, ContentWidths.lines(t, width: ContentWidths.maxWidth))
            }
            inputs.append((cell, writable, format, wraps))
        }
        for (i, value) in backOffice {
            if case .text(let t) = value, Double(t.count) > plan.kind.columns[i].width { lines = max(lines, ContentWidths.lines(t, width: plan.kind.columns[i].width)) }
        }
        if lines > 1 { try sheet.setRowHeight(Double(min(lines, 20)) * 15, row: at.row) }
        for input in inputs {
            try sheet.write(input.writable, row: at.row, column: input.cell.column, style: input.wraps ? styles.wrapStyle : numberStyle(input.format))
        }
        widths.note(row)
        if found.count > 1 { found.sort { ($0.column ?? -1) < ($1.column ?? -1) } }
        for line in found { try issues.append(line) }
        guard let outcome else { return }
        summary.rows += 1
        if outcome.alarm { summary.alarms += 1 }
        if let code = outcome.causalCode { summary.causals[code, default: 0] += 1 }
        for (i, value) in backOffice {
            let long: Bool = { if case .text(let t) = value { return Double(t.count) > plan.kind.columns[i].width } else { return false } }()
            if long {
                try sheet.write(writable(value), row: at.row, column: backOfficeColumn(i), style: styles.wrapStyle)
            } else {
                // Through the format path: a day gets the workbook's date format.
                try sheet.write(writable(value), row: at.row, column: backOfficeColumn(i))
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

    /// A value whose words are said in the gestionado's language, as text.
    private func said(_ value: BackOfficeValue) -> BackOfficeValue {
        guard case .words(let words) = value else { return value }
        return .text(words.map { $0.text(plan.language) }.joined(separator: "; "))
    }

    private func writable(_ value: BackOfficeValue) -> WritableValue {
        switch value {
        case .text(let t): return .text(t)
        case .number(let n): return .number(n)
        case .date(let d): return .date(serial: Double(d.dayNumber + CalendarDate.serialOf19700101), includesTime: false)
        case .label(let key): return .text(label(key))
        case .words: return writable(said(value))
        }
    }

    /// From a CSV every cell is text: fields typed as dates or numbers become typed cells.
    private func typedFromCSV(_ cell: Cell, record: Record?) -> CellValue {
        guard let field = fieldByColumn[cell.column], let type = typeByField[field], case .text = cell.value else { return cell.value }
        switch record.map({ $0.fields[field] }) ?? FieldTyping.value(cell.value, as: type) {
        case .date(let d, let seconds)?:
            let serial = Double(d.dayNumber + CalendarDate.serialOf19700101) + Double(seconds ?? 0) / 86_400
            return .date(SpreadsheetDate(kind: seconds == nil ? .date : .dateTime, serial: serial))
        case .number(let n)? where type == .number: return .number(n)
        default: return cell.value
        }
    }

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
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { max(1, ($0.count + perLine - 1) / perLine) }.reduce(0, +)
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
