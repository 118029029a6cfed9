import CeldaCore
import XLSXReader
import XLSXWriter

/// The *Incidencias* sheet: one row per problem found in the base, linked to its cell (on
/// whichever base sheet the row went to), continuing on «Incidencias (2)» past a sheet's rows.
struct IncidenciasSheet {
    let plan: GestionadoPlan
    let baseSheets: [String]
    let label: (String) -> String
    let styles: GestionadoStyles


    /// Writes the sheet(s); returns how many problems they list.
    func write(into book: Workbook, from issues: Spool<IssueLine>) throws -> Int {
        var names: [String] = []
        var sheet = try newSheet(in: book, taken: &names)
        var r = 0
        var links = SheetLinks()
        try issues.forEach { issue in
            if r == GestionadoPlan.excelDataRows {
                sheet = try newSheet(in: book, taken: &names)
                r = 0
                links.reset()
            }
            r += 1
            let at = plan.place(issue.row)
            let onSheet = baseSheets[min(at.sheet, baseSheets.count - 1)]
            let ref = CellReference.name(row: at.row + 1, column: issue.column ?? 0)
            let shown = at.sheet == 0 ? ref : "\(onSheet)!\(ref)"
            try sheet.writeRow([.number(Double(at.row + 1)), .text(issue.column == nil ? "" : shown), .text(issue.field), .text(codeWords(issue.code)),
                                .text(Self.sentence(issue.message))], row: r)
            try links.write(on: sheet, toSheet: onSheet, cell: ref, row: r, column: 5, text: label("inc_ir_texto"))
        }
        return issues.count
    }

    /// The problem in a person's words («Cuenta inválida»), from the labels; the code itself
    /// when the templates have no words for it.
    func codeWords(_ code: String) -> String {
        let key = "inc_tipo_" + code
        let words = label(key)
        return words == key ? code : words
    }

    /// The description as a sentence: its first letter upper-case.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// «Incidencias», then «Incidencias (2)», … (`taken`: the names made so far).
    private func newSheet(in book: Workbook, taken: inout [String]) throws -> Worksheet {
        let sheet = try book.addWorksheet(SheetNames.valid(label("sheet_incidencias"), taken: taken + baseSheets))
        taken.append(sheet.name)
        try sheet.writeRow(["inc_fila", "inc_celda", "inc_campo", "inc_codigo", "inc_descripcion", "inc_ir"].map { .text(label($0)) },
                           row: 0, formats: Array(repeating: styles.header, count: 6))
        try sheet.freezePanes(row: 1)
        try sheet.setColumnWidth(8, columns: 0...0)
        try sheet.setColumnWidth(baseSheets.count > 1 ? 16 : 8, columns: 1...1)
        try sheet.setColumnWidth(18, columns: 2...2)
        try sheet.setColumnWidth(24, columns: 3...3)
        try sheet.setColumnWidth(70, columns: 4...4)
        // «Ir a la celda» on one line: a header that wraps in a row of one line prints over the first row.
        try sheet.setColumnWidth(14, columns: 5...5)
        var print = PrintSetup()
        print.orientation = .landscape
        print.fitToPages = (1, 0)
        print.repeatRows = 0...0
        print.footer = "&L" + (plan.sourceName + " · " + label("sheet_incidencias")).replacing("&", with: "&&") + "&R&P / &N"
        try sheet.setPrint(print)
        return sheet
    }
}
