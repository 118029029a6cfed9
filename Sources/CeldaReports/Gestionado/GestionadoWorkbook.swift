import CeldaCore
import XLSXReader
import XLSXWriter

/// Writes `<input> - gestionado.xlsx` (DOMAIN.md §4.1): the header row in row 1 and every input
/// row and column as it was (values and types), the kind's back-office columns after them,
/// dropdowns, alarms highlighted, filter, frozen header, an `Incidencias` sheet linking each
/// problem to its cell, and very hidden metadata so the file is recognised when it comes back.
/// Written row by row by `GestionadoWriter`.
public enum GestionadoWorkbook {
    /// Rows from which the workbook is written in constant-memory mode.
    public static let constantMemoryFrom = 5_000
}

/// The formats every sheet of a gestionado shares, made once.
struct GestionadoStyles {
    let header: CellFormat
    let backOfficeHeader: CellFormat
    let headerStyle: CellStyle
    let backOfficeHeaderStyle: CellStyle
    /// Text longer than its column, wrapped from the top of a row tall enough for it.
    let wrapStyle: CellStyle

    init(book: Workbook) {
        // The same header look as the consolidated reports'.
        var f = ReportStyles.header
        header = f
        f.fillColor = 0xFFF2CC
        backOfficeHeader = f
        headerStyle = book.style(header)
        backOfficeHeaderStyle = book.style(backOfficeHeader)
        var wrap = CellFormat()
        wrap.wrap = true
        wrap.vertical = .top
        wrapStyle = book.style(wrap)
    }
}
