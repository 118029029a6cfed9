import XLSXWriter

/// Links from a listing to the cells of the base sheets. libxlsxwriter (like Excel) holds at
/// most 65,530 native links on a sheet and warns on stderr past them; past the limit a link is
/// a HYPERLINK formula instead, which has none.
struct SheetLinks {
    static let maxNative = 65_530
    private(set) var native = 0

    mutating func write(on sheet: Worksheet, toSheet target: String, cell: String, row: Int, column: Int, text: String,
                        format: CellFormat? = nil) throws {
        if native < Self.maxNative {
            try sheet.writeInternalLink(toSheet: target, cell: cell, row: row, column: column, text: text, format: format)
            native += 1
        } else {
            let address = "#'" + target.replacing("'", with: "''") + "'!" + cell
            try sheet.write(.formula("HYPERLINK(\"\(address.replacing("\"", with: "\"\""))\",\"\(text.replacing("\"", with: "\"\""))\")",
                                     cached: .text(text)), row: row, column: column, format: format)
        }
    }

    /// A new sheet starts with no link.
    mutating func reset() { native = 0 }
}
