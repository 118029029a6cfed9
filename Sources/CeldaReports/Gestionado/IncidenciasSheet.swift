import CeldaCore
import XLSXReader
import XLSXWriter

/// The *Incidencias* sheet: one row per problem found in the base, linked to its cell.
struct IncidenciasSheet {
    let input: GestionadoInput
    let label: (String) -> String
    let styles: GestionadoStyles

    /// Writes the sheet; returns how many problems it lists.
    func write(into book: Workbook, linkingTo baseSheet: String, converted: [(row: Int, column: Int, message: String)]) throws -> Int {
        let sheet = try book.addWorksheet(label("sheet_incidencias"))
        try sheet.writeRow(["inc_fila", "inc_celda", "inc_campo", "inc_codigo", "inc_descripcion", "inc_ir"].map { .text(label($0)) },
                           row: 0, formats: Array(repeating: styles.header, count: 6))
        let all = input.issues.map { ($0.row, $0.column, $0.field ?? "", $0.code.rawValue, $0.message) }
            + converted.map { ($0.row, Optional($0.column), "", "valor-convertido", $0.message) }
        for (i, (row, column, field, code, message)) in all.sorted(by: { ($0.0, $0.1 ?? -1) < ($1.0, $1.1 ?? -1) }).enumerated() {
            let outRow = input.outputRow(row)
            let ref = CellReference.name(row: outRow + 1, column: column ?? 0)
            try sheet.writeRow([.number(Double(outRow + 1)), .text(column == nil ? "" : ref), .text(field), .text(code), .text(message)], row: i + 1)
            try sheet.writeInternalLink(toSheet: baseSheet, cell: ref, row: i + 1, column: 5, text: label("inc_ir_texto"))
        }
        try sheet.freezePanes(row: 1)
        try sheet.setColumnWidth(8, columns: 0...1)
        try sheet.setColumnWidth(18, columns: 2...3)
        try sheet.setColumnWidth(70, columns: 4...4)
        return all.count
    }
}
