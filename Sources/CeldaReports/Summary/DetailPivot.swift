import CeldaCore
import XLSXWriter

/// The *Tabla dinámica* sheet: a native pivot table over the whole Detalle sheet, the one
/// supervisors used to build by hand each morning. Causal code on rows (the key the summary
/// sheets count by, so the figures can be compared), the count of a column that is never
/// blank as the value, filters on top; the spreadsheet refreshes it when the file is opened
/// and a supervisor can re-slice it. A period without cases gets the sheet with one line
/// saying there is no table (a source with only a header is invalid to the spreadsheet); so
/// does a detail too long for one sheet.
enum DetailPivot {
    static func write(into book: Workbook, detail: DetailSheet, text: ReportText, rowField: Int, pageFields: [Int], countField: Int,
                      footer: String) throws {
        let sheet = try ReportBook.sheet(text("inf_hoja_tabla"), in: book)
        guard detail.rows > 0 else {
            try sheet.write(.text(text("inf_tabla_sin_casos")), row: 0, column: 0, format: ReportStyles.subtitle)
            return
        }
        // A pivot cache reads one range of one sheet: a detail spilled to «Detalle (2)» gets a
        // line that says why there is no table instead of a table that misses rows.
        guard detail.parts.count == 1 else {
            try sheet.write(.text(text("inf_tabla_partida")), row: 0, column: 0, format: ReportStyles.subtitle)
            return
        }
        let source = detail.tally.map { PivotTable.Source(sheet: detail.sheet.name, headers: detail.headers, tally: $0) }
            ?? PivotTable.Source(sheet: detail.sheet.name, headers: detail.headers, rows: detail.values)
        let table = PivotTable(name: text("inf_tabla_nombre"),
                               source: source,
                               rowField: rowField, pageFields: pageFields, countField: countField, valueName: text("inf_col_casos"),
                               captions: .init(values: text("inf_tabla_valores"), grandTotal: text("inf_total"), rowHeader: detail.headers[rowField]))
        try book.addPivotTable(table, on: sheet)
        try sheet.setColumnWidth(40, columns: 0...0)
        try sheet.setColumnWidth(14, columns: 1...1)
        try ReportStyles.printSetup(sheet, headerRow: pageFields.isEmpty ? 0 : pageFields.count + 1, footer: footer)
    }
}
