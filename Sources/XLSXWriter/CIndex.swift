import CXLSXWriter

/// The one place Ints become libxlsxwriter's `lxw_row_t` (UInt32) and `lxw_col_t` (UInt16).
/// Rows and columns come from data; a plain `lxw_row_t(row)` traps on a negative or huge
/// value and takes the whole process down, so every conversion goes through these and an
/// out-of-range value is a `WriterError` naming the sheet. Excel's limits are narrower than
/// the C types, so checking them also makes the conversion exact.
extension Worksheet {
    @inline(__always)
    func cRow(_ row: Int) throws -> lxw_row_t {
        guard row >= 0, row < Worksheet.maxRows else { throw WriterError(.rowOutOfRange(row), sheet: name) }
        return lxw_row_t(truncatingIfNeeded: row)
    }

    @inline(__always)
    func cColumn(_ column: Int) throws -> lxw_col_t {
        guard column >= 0, column < Worksheet.maxColumns else { throw WriterError(.columnOutOfRange(column), sheet: name) }
        return lxw_col_t(truncatingIfNeeded: column)
    }

    @inline(__always)
    func cCell(_ row: Int, _ column: Int) throws -> (lxw_row_t, lxw_col_t) {
        (try cRow(row), try cColumn(column))
    }

    /// First row, first column, last row, last column, all checked.
    func cRange(_ range: CellRange) throws -> (lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t) {
        (try cRow(range.firstRow), try cColumn(range.firstColumn), try cRow(range.lastRow), try cColumn(range.lastColumn))
    }
}
