import CeldaCore
import XLSXReader
import XLSXWriter

/// What a person needs to work a base sheet: frozen header, filter, widths from the content,
/// landscape print with the header repeated, dropdowns and the alarm highlighted. Every base
/// sheet of a spilled base gets the same.
struct GestionadoLayout {
    let plan: GestionadoPlan
    let label: (String) -> String

    /// Rows below the data that still get dropdowns, for rows a person adds.
    static let spareRows = 200

    /// `lastRow`: the sheet's last data row (0-based); `spareRows`: whether rows a person adds
    /// below it get the dropdowns too (the last base sheet).
    func apply(to sheet: Worksheet, lastRow: Int, widths: [Double], spareRows: Bool) throws {
        let columns = plan.kind.columns
        let column = { (i: Int) in plan.originalWidth + i }
        try sheet.freezePanes(row: 1)
        try sheet.autofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: lastRow, lastColumn: plan.originalWidth + columns.count - 1))
        for (c, width) in widths.enumerated() {
            try sheet.setColumnWidth(width, columns: c...c)
        }
        for (i, backOffice) in columns.enumerated() {
            try sheet.setColumnWidth(backOffice.width, columns: column(i)...column(i))
        }
        var print = PrintSetup()
        print.orientation = .landscape
        print.repeatRows = 0...0
        // As many pages across as keep the text readable (scaled to about 70 % at most), not one
        // page per few columns: a 40-row base prints on a few pages, not nineteen.
        let total = widths.reduce(0, +) + columns.map(\.width).reduce(0, +)
        print.fitToPages = (ReportStyles.pagesAcross(total), 0)
        print.repeatColumns = 0...0
        print.footer = "&L" + plan.sourceName + "&RPágina &P de &N"
        try sheet.setPrint(print)

        let last = min(lastRow + (spareRows ? Self.spareRows : 0), Worksheet.maxRows - 1)
        let range = { (c: Int) in CellRange(firstRow: 1, firstColumn: c, lastRow: last, lastColumn: c) }
        let listSheet = label("sheet_listas")
        for (i, backOffice) in columns.enumerated() {
            if let choices = backOffice.choices { try sheet.addDropdown(range(column(i)), values: choices, listSheet: listSheet) }
        }
        var red = CellFormat()
        red.fillColor = 0xFFC7CE
        red.fontColor = 0x9C0006
        if let alarm = columns.firstIndex(where: { $0.content == .alarm }) {
            try sheet.addConditionalFormat(range(column(alarm)), rule: .cellText(label("alarma_si")), format: red)
        }
        for (i, backOffice) in columns.enumerated() {
            for key in backOffice.highlights {
                try sheet.addConditionalFormat(range(column(i)), rule: .cellText(label(key)), format: red)
            }
        }
    }
}
