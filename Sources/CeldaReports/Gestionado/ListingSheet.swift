import CeldaCore
import XLSXReader
import XLSXWriter

/// A sheet of the gestionado listing some of its rows in groups, as the kind decided them
/// (premium's *Agenda de hoy*): title, one header row, then each group's caption and its rows,
/// every row linked to its row of the base sheet. Written strictly row after row, so it also
/// works in constant-memory mode.
struct ListingSheet {
    let listing: RowListing
    let plan: GestionadoPlan
    let baseSheets: [String]
    let label: (String) -> String
    let styles: GestionadoStyles

    func write(into book: Workbook) throws {
        let sheet = try book.addWorksheet(label(listing.sheetKey))
        let headers = listing.headerKeys.map(label) + [label("agenda_ir")]
        var title = ReportStyles.title
        title.fontSize = 13
        try sheet.write(.text(label(listing.titleKey) + " · " + ReportText.dmy(listing.asOf)), row: 0, column: 0, format: title)
        let top = 2
        try sheet.setRowHeight(30, row: top)
        try sheet.writeRow(headers.map { .text($0) }, row: top, formats: Array(repeating: styles.header, count: headers.count))
        var caption = ReportStyles.totals(ReportStyles.cell)
        caption.fontColor = 0x1F3864
        var r = top + 1
        if listing.groups.allSatisfy(\.rows.isEmpty) {
            try sheet.write(.text(label(listing.emptyKey)), row: r, column: 0, format: ReportStyles.subtitle)
        }
        let widths = ColumnWidths()
        var links = SheetLinks()
        for (i, h) in headers.enumerated() { widths.note(h, column: i, cap: 18) }
        for group in listing.groups where !group.rows.isEmpty {
            let name = group.title ?? label("agenda_grupo_sin_nombre")
            try sheet.write(.text("\(name) · \(group.rows.count) \(label("agenda_seguimientos"))"), row: r, column: 0, format: caption)
            for c in 1..<headers.count { try sheet.write(.blank, row: r, column: c, format: caption) }
            r += 1
            for row in group.rows {
                for (c, value) in row.values.enumerated() {
                    let (writable, format) = cell(value)
                    try sheet.write(writable, row: r, column: c, format: format)
                    if case .date = writable { widths.note("dd/mm/yyyy hh:mm", column: c) } else { widths.note(writable, column: c) }
                }
                let at = plan.place(row.sourceRow)
                // Past 65,530 rows (a CRM export of 300,000 cases) the links are formulas: the
                // agenda is written whole instead of failing the gestionado.
                try links.write(on: sheet, toSheet: baseSheets[min(at.sheet, baseSheets.count - 1)], cell: CellReference.name(row: at.row + 1, column: 0),
                                row: r, column: row.values.count, text: label("agenda_ir_texto") + " " + String(at.row + 1))
                r += 1
            }
        }
        widths.note(label("agenda_ir_texto") + " 0000", column: headers.count - 1)
        try widths.apply(to: sheet)
        try sheet.freezePanes(row: top + 1)
        if let alarm = listing.headerKeys.firstIndex(of: "col_alarma_72h"), r > top + 1 {
            try sheet.addConditionalFormat(CellRange(firstRow: top + 1, firstColumn: alarm, lastRow: r - 1, lastColumn: alarm),
                                           rule: .cellText(label("alarma_si")), format: ReportStyles.alarm)
        }
        try ReportStyles.printSetup(sheet, headerRow: top, footer: plan.sourceName + " · " + label(listing.sheetKey))
    }

    private func cell(_ value: RowListing.Value) -> (WritableValue, CellFormat?) {
        switch value {
        case .text(let t): return (.text(t), ReportStyles.cell)
        case .number(let n): return (.number(n), ReportStyles.cell)
        case .date(let d, let s):
            var f = ReportStyles.cell
            f.numberFormat = s == nil ? "dd/mm/yyyy" : "dd/mm/yyyy hh:mm"
            return (ReportStyles.serial(d, seconds: s), f)
        case .label(let key): return (.text(label(key)), ReportStyles.cell)
        case .empty: return (.blank, ReportStyles.cell)
        }
    }
}
