import CeldaCore
import XLSXReader
import XLSXWriter

/// The base sheet of a gestionado: the header, every input row as it came (values and types),
/// then the kind's back-office values. Written strictly row after row (constant-memory mode).
final class BaseSheetWriter {
    let input: GestionadoInput
    let book: Workbook
    let styles: GestionadoStyles
    let label: (String) -> String
    let originalWidth: Int
    /// Cells whose value had to change to be written (errors as text, formulas as values).
    private(set) var notes: [(row: Int, column: Int, message: String)] = []
    private var numberStyles: [String: CellStyle] = [:]

    init(input: GestionadoInput, book: Workbook, styles: GestionadoStyles, label: @escaping (String) -> String) {
        self.input = input
        self.book = book
        self.styles = styles
        self.label = label
        originalWidth = input.originalWidth
    }

    func backOfficeColumn(_ index: Int) -> Int { originalWidth + index }

    func write(into sheet: Worksheet, path: String) throws -> GestionadoSummary {
        try sheet.setRowHeight(30, row: 0) // before row 0 is written: constant-memory mode needs it first
        for cell in input.header.cells {
            try sheet.write(CellConversion.writable(cell.value).0, row: 0, column: cell.column, style: styles.headerStyle)
        }
        for (i, column) in input.kind.columns.enumerated() {
            try sheet.write(.text(label(column.key)), row: 0, column: backOfficeColumn(i), style: styles.backOfficeHeaderStyle)
        }
        let fieldByColumn = Dictionary(input.mapping.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        let typeByField = Dictionary(input.kind.definition.fields.map { ($0.field, $0.type) }, uniquingKeysWith: { a, _ in a })
        let outcomeByRow = Dictionary(input.outcomes.map { ($0.row, $0) }, uniquingKeysWith: { a, _ in a })
        var summary = GestionadoSummary(rows: 0, issues: 0, causals: [:], alarms: 0, path: path)
        for row in input.rows {
            let outRow = input.outputRow(row.number)
            for cell in row.cells {
                let value = input.isCSV ? typedFromCSV(cell, field: fieldByColumn[cell.column], typeByField) : cell.value
                let (writable, format, note) = CellConversion.writable(value)
                if let note { notes.append((row.number, cell.column, note)) }
                if let formula = cell.formula {
                    // Title rows are gone and rows moved up: the formula's references would no longer hold.
                    notes.append((row.number, cell.column, "tenía la fórmula «=\(formula)»; se escribió su valor"))
                }
                try sheet.write(writable, row: outRow, column: cell.column, style: numberStyle(format))
            }
            guard let outcome = outcomeByRow[row.number] else { continue }
            summary.rows += 1
            if outcome.alarm { summary.alarms += 1 }
            if let code = outcome.causalCode { summary.causals[code, default: 0] += 1 }
            for (i, column) in input.kind.columns.enumerated() {
                guard let value = outcome.value(column.content) else { continue }
                try sheet.write(writable(value), row: outRow, column: backOfficeColumn(i))
            }
        }
        return summary
    }

    private func writable(_ value: BackOfficeValue) -> WritableValue {
        switch value {
        case .text(let t): return .text(t)
        case .number(let n): return .number(n)
        case .label(let key): return .text(label(key))
        }
    }

    /// From a CSV every cell is text: fields typed as dates or numbers become typed cells.
    private func typedFromCSV(_ cell: Cell, field: String?, _ typeByField: [String: Templates.Field.ValueType]) -> CellValue {
        guard let field, let type = typeByField[field], case .text = cell.value else { return cell.value }
        switch FieldTyping.value(cell.value, as: type) {
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
