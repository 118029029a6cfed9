import CeldaCore
import XLSXWriter

/// The *Detalle* sheet every summary sheet counts from: one row per case, header on row 1,
/// frozen, filtered. Summary formulas reference its columns by absolute range, so a supervisor
/// who corrects a causal or an estado here sees every summary follow.
struct DetailSheet {
    /// Rows below the data that the formulas still cover, for cases a supervisor adds by hand.
    static let spareRows = 200

    let sheet: Worksheet
    let rows: Int
    /// What was written, header and rows: the source of the pivot table over this sheet.
    let headers: [String]
    let values: [[WritableValue]]

    /// `'Detalle'!$F$2:$F$301`: a column's data rows (and the spare rows), sheet name quoted.
    func range(_ column: Int) -> String {
        "'" + sheet.name.replacing("'", with: "''") + "'!"
            + CellRange(firstRow: 1, firstColumn: column, lastRow: rows + Self.spareRows, lastColumn: column).absolute
    }

    /// Writes the headers and rows, then filter, frozen header, widths and print setup.
    static func write(into book: Workbook, name: String, headers: [String], rows: [[WritableValue]],
                      formats: [Int: CellFormat] = [:], footer: String) throws -> DetailSheet {
        let sheet = try book.addWorksheet(name)
        let widths = ColumnWidths()
        try sheet.writeRow(headers.map { .text($0) }, row: 0, formats: Array(repeating: ReportStyles.header, count: headers.count))
        for (i, h) in headers.enumerated() { widths.note(h, column: i, cap: 24) }
        for (r, values) in rows.enumerated() {
            for (c, value) in values.enumerated() {
                try sheet.write(value, row: r + 1, column: c, format: formats[c])
                widths.note(value, column: c)
            }
        }
        try sheet.freezePanes(row: 1)
        try sheet.autofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: max(rows.count, 1), lastColumn: headers.count - 1))
        try widths.apply(to: sheet)
        try ReportStyles.printSetup(sheet, headerRow: 0, footer: footer)
        return DetailSheet(sheet: sheet, rows: rows.count, headers: headers, values: rows)
    }
}

/// Column widths from what the columns hold: the longest text seen, within 8…60.
final class ColumnWidths {
    private var longest: [Int: Int] = [:]

    func note(_ text: String, column: Int, cap: Int = 60) {
        longest[column] = max(longest[column] ?? 0, min(text.count, cap))
    }

    func note(_ value: WritableValue, column: Int) {
        switch value {
        case .text(let s): note(s, column: column)
        case .number(let v): note(v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v), column: column)
        case .date(_, let time): note(time ? "dd/mm/yyyy hh:mm:ss" : "dd/mm/yyyy", column: column)
        case .formula: note("100,0 %", column: column)
        case .bool, .blank: note("    ", column: column)
        }
    }

    func apply(to sheet: Worksheet) throws {
        for (column, length) in longest {
            try sheet.setColumnWidth(min(max(Double(length) * 1.1 + 2, 8), 62), columns: column...column)
        }
    }
}

/// The looks and the print setup every sheet of the consolidated reports shares.
enum ReportStyles {
    static let header: CellFormat = {
        var f = CellFormat()
        f.bold = true
        f.fillColor = 0xDDEBF7
        f.border = .thin
        f.wrap = true
        f.vertical = .center
        return f
    }()
    static let title: CellFormat = {
        var f = CellFormat()
        f.bold = true
        f.fontSize = 14
        return f
    }()
    static let subtitle: CellFormat = {
        var f = CellFormat()
        f.italic = true
        f.fontColor = 0x595959
        return f
    }()
    /// A section caption above a table: bold.
    static let caption: CellFormat = {
        var f = CellFormat()
        f.bold = true
        f.fontSize = 12
        return f
    }()
    static let cell: CellFormat = {
        var f = CellFormat()
        f.border = .thin
        return f
    }()
    static let integer: CellFormat = {
        var f = cell
        f.numberFormat = "#,##0"
        return f
    }()
    static let percent: CellFormat = {
        var f = cell
        f.numberFormat = "0.0%"
        return f
    }()
    static let date: CellFormat = .numberFormat("dd/mm/yyyy")
    static let dateTime: CellFormat = .numberFormat("dd/mm/yyyy hh:mm")
    static func totals(_ f: CellFormat) -> CellFormat {
        var f = f
        f.bold = true
        f.fillColor = 0xF2F2F2
        return f
    }
    static let alarm: CellFormat = {
        var f = CellFormat()
        f.fillColor = 0xFFC7CE
        f.fontColor = 0x9C0006
        return f
    }()

    /// Landscape, one page wide, the header row repeated on every page, page numbers.
    static func printSetup(_ sheet: Worksheet, headerRow: Int, footer: String) throws {
        var print = PrintSetup()
        print.orientation = .landscape
        print.fitToPages = (1, 0)
        print.repeatRows = headerRow...headerRow
        print.margins = (0.4, 0.4, 0.6, 0.6)
        print.footer = "&L" + footer.replacing("&", with: "&&") + "&R&P / &N"
        try sheet.setPrint(print)
    }

    /// A spreadsheet serial for a calendar day.
    static func serial(_ d: CalendarDate, seconds: Int? = nil) -> WritableValue {
        .date(serial: Double(d.dayNumber + CalendarDate.serialOf19700101) + Double(seconds ?? 0) / 86_400, includesTime: seconds != nil)
    }
}
