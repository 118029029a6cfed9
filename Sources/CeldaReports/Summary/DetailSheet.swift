import CeldaCore
import XLSXWriter

/// The *Detalle* sheet every summary sheet counts from: one row per case, header on row 1,
/// frozen, filtered. Summary formulas reference its columns by absolute range, so a supervisor
/// who corrects a causal or an estado here sees every summary follow. Past Excel's 1,048,575
/// data rows it continues on «Detalle (2)», … (header repeated), and the formulas add up every
/// part.
struct DetailSheet {
    /// Rows below the data that the formulas still cover, for cases a supervisor adds by hand.
    static let spareRows = 200

    /// Its sheets in order, each with its data rows (without the header).
    let parts: [(sheet: Worksheet, rows: Int)]
    /// Data rows of every part.
    let rows: Int
    /// What was written, header and rows: the source of the pivot table over this sheet.
    let headers: [String]
    /// The rows when they were given at once; empty when they were streamed (see `tally`).
    let values: [[WritableValue]]
    /// What a pivot table over a streamed sheet needs of its rows (nil: the rows were given).
    let tally: PivotTable.SourceTally?

    /// The first (often the only) part.
    var sheet: Worksheet { parts[0].sheet }

    /// `'Detalle'!$F$2:$F$301`: a column's data rows (and the spare rows) on the first part.
    func range(_ column: Int) -> String { ranges(column)[0] }

    /// The column's range on each part; the last part covers the spare rows too.
    func ranges(_ column: Int) -> [String] {
        parts.enumerated().map { i, part in
            let last = min(part.rows + (i == parts.count - 1 ? Self.spareRows : 0), Worksheet.maxRows - 1)
            return "'" + part.sheet.name.replacing("'", with: "''") + "'!"
                + CellRange(firstRow: 1, firstColumn: column, lastRow: last, lastColumn: column).absolute
        }
    }

    /// Writes the headers and rows, then filter, frozen header, widths and print setup.
    static func write(into book: Workbook, name: String, headers: [String], rows: [[WritableValue]],
                      formats: [Int: CellFormat] = [:], footer: String) throws -> DetailSheet {
        let writer = try Writer(into: book, name: name, headers: headers, formats: formats)
        for values in rows { try writer.append(values) }
        return try writer.finish(footer: footer, values: rows)
    }

    /// Writes a detail row after row (the workbook may be in constant-memory mode): the parts,
    /// the widths, and — with `pivotFields` — what a pivot table over it needs.
    final class Writer {
        private let spiller: RowSpiller
        private let headers: [String]
        private let formats: [CellFormat?]
        private let widths = ColumnWidths()
        private var counts: [Int] = [0]
        private var tally: PivotTable.SourceTally?

        /// `rowsPerSheet`: Excel's limit; tests lower it to see a spill without a million rows.
        init(into book: Workbook, name: String, headers: [String], formats: [Int: CellFormat] = [:], pivotFields: Set<Int>? = nil,
             rowsPerSheet: Int = Worksheet.maxRows) throws {
            self.headers = headers
            self.formats = headers.indices.map { formats[$0] }
            spiller = try RowSpiller(first: try book.addWorksheet(name), header: headers.map { .text($0) }, headerFormat: ReportStyles.header,
                                     rowsPerSheet: rowsPerSheet)
            for (i, h) in headers.enumerated() { widths.note(h, column: i, cap: 24) }
            tally = pivotFields.map { PivotTable.SourceTally(fields: headers.count, listed: $0) }
        }

        /// The 0-based row of its sheet the next `append` writes to.
        var upcomingRow: Int { spiller.upcomingRow }

        func append(_ values: [WritableValue]) throws {
            let before = spiller.sheets.count
            try spiller.append(values, formats: formats)
            if spiller.sheets.count > before { counts.append(0) }
            counts[counts.count - 1] += 1
            for (c, value) in values.enumerated() { widths.note(value, column: c) }
            tally?.note(values)
        }

        /// Filter, frozen header, widths and print setup on every part.
        func finish(footer: String, values: [[WritableValue]] = []) throws -> DetailSheet {
            let parts = Array(zip(spiller.sheets, counts)).map { (sheet: $0.0, rows: $0.1) }
            for part in parts {
                try part.sheet.freezePanes(row: 1)
                try part.sheet.autofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: max(part.rows, 1), lastColumn: headers.count - 1))
                try widths.apply(to: part.sheet)
                try ReportStyles.printSetup(part.sheet, headerRow: 0, footer: footer, detail: headers.indices.map(widths.width).reduce(0, +))
            }
            return DetailSheet(parts: parts, rows: counts.reduce(0, +), headers: headers, values: values, tally: tally)
        }
    }
}

/// Column widths from what the columns hold: the longest text seen, within 8…60.
final class ColumnWidths {
    private var longest: [Int: Int] = [:]

    func note(_ text: String, column: Int, cap: Int = 60) {
        let known = longest[column] ?? 0
        // A text has no more characters than UTF-8 bytes: most cells of a long column are
        // settled without counting characters.
        guard text.utf8.count > known, known < cap else { return }
        longest[column] = max(known, min(text.count, cap))
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
            try sheet.setColumnWidth(width(column), columns: column...column)
        }
    }

    /// The width `apply` gives a column, from what it has been told so far.
    func width(_ column: Int) -> Double { min(max(Double(longest[column] ?? 0) * 1.1 + 2, 8), 62) }
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
    /// A row kept apart from a ranking (no causal, no procede): grey italics.
    static func apart(_ f: CellFormat) -> CellFormat {
        var f = f
        f.italic = true
        f.fontColor = 0x595959
        return f
    }
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

    /// Landscape, one page wide, the header row repeated on every page, page numbers. A
    /// detail sheet (`detail`) is not shrunk to one page wide — its text would print at 3 pt —
    /// but runs over as many pages across as its columns need, its header row and first
    /// column on each.
    /// `headerRow` nil: nothing repeated (a sheet of several tables, or one whose charts would
    /// print under a repeated header); `pageBreaks`: rows a page starts at.
    /// `detail`: the width of its columns, in characters.
    static func printSetup(_ sheet: Worksheet, headerRow: Int?, footer: String, detail: Double? = nil, pageBreaks: [Int] = []) throws {
        var print = PrintSetup()
        print.orientation = .landscape
        if let detail {
            print.repeatColumns = 0...0
            print.fitToPages = (pagesAcross(detail), 0)
        } else {
            print.fitToPages = (1, 0)
        }
        print.repeatRows = headerRow.map { $0...$0 }
        print.pageBreaks = pageBreaks
        print.margins = (0.4, 0.4, 0.6, 0.6)
        print.footer = "&L" + footer.replacing("&", with: "&&") + "&R&P / &N"
        try sheet.setPrint(print)
    }

    /// Column-width characters a landscape Letter page holds at about 70 % (≈ 140 at 100 %):
    /// the smallest a wide sheet is printed at, so its text stays readable.
    static let charactersPerPage = 200.0

    /// Pages across for columns `total` characters wide.
    static func pagesAcross(_ total: Double) -> Int { max(1, Int((total / charactersPerPage).rounded(.up))) }

    /// A spreadsheet serial for a calendar day.
    static func serial(_ d: CalendarDate, seconds: Int? = nil) -> WritableValue {
        .date(serial: Double(d.dayNumber + CalendarDate.serialOf19700101) + Double(seconds ?? 0) / 86_400, includesTime: seconds != nil)
    }
}
