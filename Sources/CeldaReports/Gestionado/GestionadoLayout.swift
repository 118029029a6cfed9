import CeldaCore
import XLSXReader
import XLSXWriter

/// What a person needs to work the base sheet: frozen header, filter, widths from the content,
/// landscape print with the header repeated, dropdowns and the alarm highlighted.
struct GestionadoLayout {
    let input: GestionadoInput
    let templates: Templates
    let base: BaseSheetWriter

    /// Rows below the data that still get dropdowns, for rows a person adds.
    static let spareRows = 200
    /// Rows read to size the columns: what a person sees first.
    static let rowsForWidths = 500

    func apply(to sheet: Worksheet) throws {
        let lastRow = input.lastOutputRow
        let columns = input.kind.columns
        try sheet.freezePanes(row: 1)
        try sheet.autofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: lastRow, lastColumn: base.originalWidth + columns.count - 1))
        for (column, width) in contentWidths().enumerated() {
            try sheet.setColumnWidth(width, columns: column...column)
        }
        for (i, column) in columns.enumerated() {
            try sheet.setColumnWidth(column.width, columns: base.backOfficeColumn(i)...base.backOfficeColumn(i))
        }
        var print = PrintSetup()
        print.orientation = .landscape
        print.repeatRows = 0...0
        print.footer = "&L" + input.sourceName + "&RPágina &P de &N"
        try sheet.setPrint(print)

        let range = { (column: Int) in CellRange(firstRow: 1, firstColumn: column, lastRow: lastRow + Self.spareRows, lastColumn: column) }
        let listSheet = base.label("sheet_listas")
        for (i, column) in columns.enumerated() {
            if let choices = column.choices { try sheet.addDropdown(range(base.backOfficeColumn(i)), values: choices, listSheet: listSheet) }
        }
        var red = CellFormat()
        red.fillColor = 0xFFC7CE
        red.fontColor = 0x9C0006
        if let alarm = columns.firstIndex(where: { $0.content == .alarm }) {
            try sheet.addConditionalFormat(range(base.backOfficeColumn(alarm)), rule: .cellText(base.label("alarma_si")), format: red)
        }
        for (i, column) in columns.enumerated() {
            for key in column.highlights {
                try sheet.addConditionalFormat(range(base.backOfficeColumn(i)), rule: .cellText(base.label(key)), format: red)
            }
        }
    }

    /// Widths from the content a person will read: the header (up to 24 characters) and the
    /// first rows; between 8 and 50.
    private func contentWidths() -> [Double] {
        var longest = [Int](repeating: 0, count: base.originalWidth)
        for row in [input.header] + input.rows.prefix(Self.rowsForWidths) {
            for cell in row.cells where cell.column < longest.count {
                let length: Int
                if case .date = cell.value { length = 17 } else { length = FieldTyping.display(cell.value).count }
                longest[cell.column] = max(longest[cell.column], row.number == input.header.number ? min(length, 24) : length)
            }
        }
        return longest.map { min(max(Double($0) * 1.1 + 2, 8), 50) }
    }
}
