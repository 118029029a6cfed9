import CXLSXWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value to write, typed as the cell will be.
public enum WritableValue: Equatable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A date or date-time as a serial day number (1900 system, days since 1899-12-30).
    case date(serial: Double, includesTime: Bool)
    /// An empty cell that still carries a format.
    case blank
    /// A formula (with or without the leading `=`) and the result to cache for readers that do
    /// not calculate.
    case formula(String, cached: CachedResult)

    public enum CachedResult: Equatable, Sendable { case number(Double), text(String), none }
}

/// A worksheet of a `Workbook`. It holds its workbook, so the C objects live as long as it
/// does, and every call checks the workbook is still open.
public final class Worksheet {
    public let name: String
    public let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// The last row written, for constant-memory mode's in-order rule.
    private var currentRow = -1

    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    /// Checks the workbook is open and the cell in range (and, in constant-memory mode, not
    /// in a row already flushed); returns the cell as libxlsxwriter's types.
    @inline(__always)
    private func ready(_ row: Int, _ column: Int) throws -> (lxw_row_t, lxw_col_t) {
        try workbook.ensureOpen(sheet: name)
        let cell = try cCell(row, column)
        if workbook.options.constantMemory {
            // libxlsxwriter would drop such a write without a word: refuse it instead.
            guard row >= currentRow else {
                throw WriterError(.rowAlreadyWritten(row: row, current: currentRow), sheet: name, cell: CellName.of(row: row, column: column))
            }
        }
        if row > currentRow { currentRow = row }
        return cell
    }

    /// Text made safe to store, with what was changed reported against its cell.
    @inline(__always)
    private func safe(_ text: String, _ row: Int, _ column: Int) -> String {
        if TextSafety.isClean(text) { return text }
        let (clean, removed, original) = TextSafety.clean(text)
        let cell = CellName.of(row: row, column: column)
        if removed > 0 { workbook.report(WriteIssue(kind: .controlCharactersRemoved(removed), sheet: name, cell: cell)) }
        if let original { workbook.report(WriteIssue(kind: .textTruncated(originalLength: original), sheet: name, cell: cell)) }
        return clean
    }

    /// Writes one value. Text is always stored as text — "=SUMA(A1)" or "+57 300…" from the
    /// data never becomes a formula; only `.formula` writes one. A `.date` without a number
    /// format gets the workbook's date (or date-time) format.
    public func write(_ value: WritableValue, row: Int, column: Int, format: CellFormat? = nil) throws {
        if case .date(_, let includesTime) = value, format?.numberFormat == nil {
            var f = format ?? CellFormat()
            f.numberFormat = includesTime ? workbook.options.dateTimeFormat : workbook.options.dateFormat
            return try write(value, row: row, column: column, style: workbook.style(f))
        }
        try write(value, row: row, column: column, style: format.map { workbook.style($0) })
    }

    /// The same, with a style resolved once by `Workbook.style(_:)`: the fast path.
    public func write(_ value: WritableValue, row: Int, column: Int, style: CellStyle?) throws {
        let (r, c) = try ready(row, column)
        if let style, style.owner != workbook.serial {
            throw WriterError(.invalidName("estilo de otro libro"), sheet: name, cell: CellName.of(row: row, column: column))
        }
        let f = style?.pointer
        switch value {
        case .text(let s):
            let text = safe(s, row, column)
            try check(worksheet_write_string(handle, r, c, text, f), "worksheet_write_string", sheet: name, row: row, column: column)
        case .number(let v):
            try check(worksheet_write_number(handle, r, c, v, f), "worksheet_write_number", sheet: name, row: row, column: column)
        case .bool(let b):
            try check(worksheet_write_boolean(handle, r, c, b ? 1 : 0, f), "worksheet_write_boolean", sheet: name, row: row, column: column)
        case .date(let serial, _):
            try check(worksheet_write_number(handle, r, c, serial, f), "worksheet_write_number", sheet: name, row: row, column: column)
        case .blank:
            try check(worksheet_write_blank(handle, r, c, f), "worksheet_write_blank", sheet: name, row: row, column: column)
        case .formula(let formula, let cached):
            switch cached {
            case .number(let v):
                try check(worksheet_write_formula_num(handle, r, c, formula, f, v), "worksheet_write_formula_num", sheet: name, row: row, column: column)
            case .text(let s):
                try check(worksheet_write_formula_str(handle, r, c, formula, f, safe(s, row, column)), "worksheet_write_formula_str", sheet: name, row: row, column: column)
            case .none:
                try check(worksheet_write_formula(handle, r, c, formula, f), "worksheet_write_formula", sheet: name, row: row, column: column)
            }
        }
    }

    /// Writes a row of values from `column` on, one format for all (or per cell).
    public func writeRow(_ values: [WritableValue], row: Int, column: Int = 0, formats: [CellFormat?] = []) throws {
        for (i, value) in values.enumerated() {
            try write(value, row: row, column: column + i, format: i < formats.count ? formats[i] : nil)
        }
    }

    /// A link to a web address, a file, or a place in this workbook (`internal:'Hoja'!A1`).
    public func writeLink(_ url: String, row: Int, column: Int, text: String? = nil, tooltip: String? = nil, format: CellFormat? = nil) throws {
        let (r, c) = try ready(row, column)
        try check(worksheet_write_url_opt(handle, r, c, url, workbook.format(format),
                                          text.map { safe($0, row, column) }, tooltip),
                  "worksheet_write_url_opt", sheet: name, row: row, column: column)
    }

    /// A link to a cell of a sheet in the same workbook.
    public func writeInternalLink(toSheet sheet: String, cell: String, row: Int, column: Int, text: String, format: CellFormat? = nil) throws {
        let quoted = "'" + sheet.replacing("'", with: "''") + "'"
        try writeLink("internal:\(quoted)!\(cell)", row: row, column: column, text: text, format: format)
    }

    /// Text in runs of different looks, e.g. a bold label followed by plain text.
    public func writeRichText(_ runs: [(String, CellFormat?)], row: Int, column: Int, format: CellFormat? = nil) throws {
        let (r, c) = try ready(row, column)
        let pool = CStrings()
        defer { withExtendedLifetime(pool) {} } // alive until the C call below has copied them
        let texts = runs.map { pool.copy(safe($0.0, row, column)) }
        var tuples = zip(runs, texts).map { run, text in
            lxw_rich_string_tuple(format: workbook.format(run.1), string: text)
        }
        try tuples.withUnsafeMutableBufferPointer { buffer in
            var pointers: [UnsafeMutablePointer<lxw_rich_string_tuple>?] = (0..<buffer.count).map { buffer.baseAddress?.advanced(by: $0) }
            pointers.append(nil)
            try check(worksheet_write_rich_string(handle, r, c, &pointers, workbook.format(format)),
                      "worksheet_write_rich_string", sheet: name, row: row, column: column)
        }
    }

    /// A note (comment) on a cell.
    public func writeNote(_ text: String, row: Int, column: Int, author: String? = nil) throws {
        try workbook.ensureOpen(sheet: name)
        let (r, c) = try cCell(row, column)
        if let author { worksheet_set_comments_author(handle, author) }
        try check(worksheet_write_comment(handle, r, c, safe(text, row, column)),
                  "worksheet_write_comment", sheet: name, row: row, column: column)
    }

    public func merge(_ range: CellRange, text: String, format: CellFormat? = nil) throws {
        _ = try ready(range.firstRow, range.firstColumn)
        let (r1, c1, r2, c2) = try cRange(range)
        try check(worksheet_merge_range(handle, r1, c1, r2, c2,
                                        safe(text, range.firstRow, range.firstColumn), workbook.format(format)),
                  "worksheet_merge_range", sheet: name, row: range.firstRow, column: range.firstColumn)
    }

    // MARK: Layout

    /// Width in Excel's character units for columns `first...last`.
    public func setColumnWidth(_ width: Double, columns: ClosedRange<Int>, format: CellFormat? = nil, hidden: Bool = false) throws {
        try workbook.ensureOpen(sheet: name)
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        let first = try cColumn(columns.lowerBound), last = try cColumn(columns.upperBound)
        try check(worksheet_set_column_opt(handle, first, last, width,
                                           workbook.format(format), &options), "worksheet_set_column_opt", sheet: name)
    }

    public func setRowHeight(_ height: Double, row: Int, format: CellFormat? = nil) throws {
        try workbook.ensureOpen(sheet: name)
        try check(worksheet_set_row(handle, try cRow(row), height, workbook.format(format)), "worksheet_set_row", sheet: name)
    }

    /// Freezes the rows above `row` and the columns left of `column`.
    public func freezePanes(row: Int, column: Int = 0) throws {
        try workbook.ensureOpen(sheet: name)
        let (r, c) = try cCell(row, column)
        worksheet_freeze_panes(handle, r, c)
    }

    public func autofilter(_ range: CellRange) throws {
        try workbook.ensureOpen(sheet: name)
        let (r1, c1, r2, c2) = try cRange(range)
        try check(worksheet_autofilter(handle, r1, c1, r2, c2), "worksheet_autofilter", sheet: name)
    }

    public func hide(veryHidden: Bool = false) throws {
        try workbook.ensureOpen(sheet: name)
        worksheet_hide(handle)
        if veryHidden { workbook.markVeryHidden(name) }
    }

    /// The sheet shown when the file opens.
    public func activate() throws {
        try workbook.ensureOpen(sheet: name)
        worksheet_activate(handle)
    }

    public func setTabColor(_ rgb: UInt32) throws {
        try workbook.ensureOpen(sheet: name)
        worksheet_set_tab_color(handle, lxw_color_t(rgb))
    }

    /// Protects the sheet (cells with `locked = false` stay editable). Not encryption.
    public func protect(password: String? = nil, allowFiltering: Bool = true, allowSorting: Bool = true) throws {
        try workbook.ensureOpen(sheet: name)
        var options = lxw_protection()
        options.autofilter = allowFiltering ? 1 : 0
        options.sort = allowSorting ? 1 : 0
        options.format_columns = 1
        worksheet_protect(handle, password, &options)
    }
}
