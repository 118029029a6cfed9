import CeldaCore
import XLSXReader
import XLSXWriter

/// A gestionado row made ready to write: its cells converted, its words said, its height and
/// problems found — everything but the library's calls. Preparing is pure and `Sendable`, so
/// the deciding threads prepare a batch while the writer thread only writes the one before
/// (the writer's thread is the critical path of a large base).
public struct PreparedRow: Sendable {
    struct Input: Sendable {
        var column: Int
        var value: WritableValue
        var format: String?
        var wraps: Bool
    }
    struct BackOffice: Sendable {
        var index: Int
        var value: WritableValue
        var wraps: Bool
    }
    let row: Row
    let place: (sheet: Int, row: Int)
    var inputs: [Input] = []
    var backOffice: [BackOffice] = []
    /// Set when a text wraps onto more than one line.
    var height: Double?
    var issues: [IssueLine] = []
    /// The columns holding a wrapped input text (they get the widest width).
    var wrappedColumns: [Int] = []
    /// nil: a row Celda did not decide.
    var decided: (alarm: Bool, causalCode: String?)?
}

/// Prepares gestionado rows for one plan (from any thread). A class, so that preparing a row
/// reads the plan's parts it needs without copying the plan.
public final class GestionadoRowPreparer: Sendable {
    let plan: GestionadoPlan
    let templates: Templates
    private let language: Language
    private let isCSV: Bool
    private let mappedColumns: [String: Int]
    private let columns: [BackOfficeColumn]
    private let fieldByColumn: [Int: String]
    private let typeByField: [String: Templates.Field.ValueType]

    public init(plan: GestionadoPlan, templates: Templates) {
        self.plan = plan
        self.templates = templates
        language = plan.language
        isCSV = plan.isCSV
        mappedColumns = plan.mapping.columns
        columns = plan.kind.columns
        fieldByColumn = Dictionary(plan.mapping.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        typeByField = Dictionary(plan.kind.definition.fields.map { ($0.field, $0.type) }, uniquingKeysWith: { a, _ in a })
    }

    /// One input row, its outcome (nil: a row Celda did not decide) and the problems found in
    /// it. `record`: the row as the pass typed it — a CSV's text cells of date and number
    /// fields are written as those values, not typed a second time.
    public func prepare(_ row: Row, record: Record?, outcome: RowOutcome?, issues rowIssues: [RowIssue]) -> PreparedRow {
        var prepared = PreparedRow(row: row, place: plan.place(row.number))
        let mapping = mappedColumns, language = self.language
        var found = (rowIssues + (outcome?.issues ?? [])).map {
            IssueLine(row: $0.row, column: $0.column ?? $0.field.flatMap { mapping[$0] }, field: $0.field ?? "", code: $0.code.rawValue,
                      message: $0.words.text(language))
        }
        // A text longer than its column wraps in a row tall enough (a spreadsheet does not grow a
        // row for text a program wrote, and a text running on prints under its neighbour's).
        var lines = 1
        prepared.inputs.reserveCapacity(row.cells.count)
        for cell in row.cells {
            let value = isCSV ? typedFromCSV(cell, record: record) : cell.value
            let (writable, format, note) = CellConversion.writable(value)
            if let note { found.append(.init(row: row.number, column: cell.column, field: "", code: "valor-convertido", message: note)) }
            if let formula = cell.formula {
                // Title rows are gone and rows moved up: the formula's references would no longer hold.
                found.append(.init(row: row.number, column: cell.column, field: "", code: "valor-convertido",
                                   message: "tenía la fórmula «=\(formula)»; se escribió su valor"))
            }
            var wraps = false
            if case .text(let t) = writable, t.utf8.count > ContentWidths.wrapFrom, TextLength.characters(t) > ContentWidths.wrapFrom {
                wraps = true
                prepared.wrappedColumns.append(cell.column)
                lines = max(lines, ContentWidths.lines(t, width: ContentWidths.maxWidth))
            }
            prepared.inputs.append(.init(column: cell.column, value: writable, format: format, wraps: wraps))
        }
        if let outcome {
            // Words said in the reader's language first: a long one wraps like any text.
            for (i, column) in columns.enumerated() {
                guard let value = outcome.value(column.content).map(said) else { continue }
                var wraps = false
                if case .text(let t) = value, Double(t.utf8.count) > column.width, Double(TextLength.characters(t)) > column.width {
                    wraps = true
                    lines = max(lines, ContentWidths.lines(t, width: column.width))
                }
                prepared.backOffice.append(.init(index: i, value: writable(value), wraps: wraps))
            }
            prepared.decided = (outcome.alarm, outcome.causalCode)
        }
        if lines > 1 { prepared.height = Double(min(lines, 20)) * 15 }
        if found.count > 1 { found.sort { ($0.column ?? -1) < ($1.column ?? -1) } }
        prepared.issues = found
        return prepared
    }

    /// A value whose words are said in the gestionado's language, as text.
    private func said(_ value: BackOfficeValue) -> BackOfficeValue {
        guard case .words(let words) = value else { return value }
        return .text(words.map { $0.text(language) }.joined(separator: "; "))
    }

    private func writable(_ value: BackOfficeValue) -> WritableValue {
        switch value {
        case .text(let t): return .text(t)
        case .number(let n): return .number(n)
        case .date(let d): return .date(serial: Double(d.dayNumber + CalendarDate.serialOf19700101), includesTime: false)
        case .label(let key): return .text(templates.label(key, language))
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
}

/// Characters as a person counts them (Swift's `Character`s), from the UTF-8 bytes when that is
/// exact: text with no scalar from U+0300 up (no combining mark, emoji or CJK) and no carriage
/// return has one character per scalar. Counting graphemes is the slow path of long notes.
enum TextLength {
    static func characters<S: StringProtocol>(_ text: S) -> Int {
        var scalars = 0
        for byte in text.utf8 {
            if mayJoin(byte) { return text.count }
            if startsScalar(byte) { scalars += 1 }
        }
        return scalars
    }

    /// A byte after which counting scalars may not be counting characters: a lead byte 0xCC or
    /// more starts U+0300 or above; a CR may join a LF.
    static func mayJoin(_ byte: UInt8) -> Bool { byte >= 0xCC || byte == 0x0D }

    /// The first byte of a scalar (not a continuation byte).
    static func startsScalar(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }
}
