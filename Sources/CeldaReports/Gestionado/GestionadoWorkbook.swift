import CeldaCore
import XLSXReader
import XLSXWriter

/// Writes `<input> - gestionado.xlsx` (DOMAIN.md §4.1): the header row in row 1 and every input
/// row and column as it was (values and types), the kind's back-office columns after them,
/// dropdowns, alarms highlighted, filter, frozen header, an `Incidencias` sheet linking each
/// problem to its cell, and very hidden metadata so the file is recognised when it comes back.
public enum GestionadoWorkbook {
    /// Rows from which the workbook is written in constant-memory mode.
    public static let constantMemoryFrom = 5_000

    public static func write(_ input: GestionadoInput, templates: Templates, to path: String, version: String) throws -> GestionadoSummary {
        // Large bases are written in constant-memory mode: rows go to disk as they are finished
        // (the base sheet is written strictly row after row), strings inline.
        var options = Workbook.Options()
        options.constantMemory = input.rows.count > constantMemoryFrom
        let book = try Workbook(path: path, options: options)
        do {
            let styles = GestionadoStyles(book: book)
            let base = BaseSheetWriter(input: input, book: book, styles: styles, label: { templates.label($0, input.language) })
            let sheet = try book.addWorksheet(input.sheetName)
            var summary = try base.write(into: sheet, path: path)
            try GestionadoLayout(input: input, templates: templates, base: base).apply(to: sheet)
            for listing in input.listings {
                try ListingSheet(listing: listing, input: input, label: base.label, styles: styles).write(into: book, linkingTo: sheet.name)
            }
            summary.issues = try IncidenciasSheet(input: input, label: base.label, styles: styles)
                .write(into: book, linkingTo: sheet.name, converted: base.notes)
            try metadata(input, version: version).write(into: book)
            try sheet.activate()
            var props = Workbook.Properties()
            props.title = input.sourceName + " - gestionado"
            props.author = "Celda " + version
            try book.setProperties(props)
            try book.setCustomProperty("celda.kind", .text(input.kind.id))
            try book.setCustomProperty("celda.source_sha256", .text(input.sourceHash))
            try book.save()
            return summary
        } catch {
            book.discard()
            throw error
        }
    }

    static func metadata(_ input: GestionadoInput, version: String) -> GestionadoMetadata {
        GestionadoMetadata(kind: input.kind.id, source: input.sourceName, sourceHash: input.sourceHash, version: version,
                           headerRow: input.mapping.headerRow, backOfficeFirstColumn: input.originalWidth,
                           generated: input.today.description, reprocessedFrom: input.reprocessedFrom, titleRows: input.mapping.titleRows)
    }
}

/// The formats every sheet of a gestionado shares, made once.
struct GestionadoStyles {
    let header: CellFormat
    let backOfficeHeader: CellFormat
    let headerStyle: CellStyle
    let backOfficeHeaderStyle: CellStyle

    init(book: Workbook) {
        // The same header look as the consolidated reports'.
        var f = ReportStyles.header
        header = f
        f.fillColor = 0xFFF2CC
        backOfficeHeader = f
        headerStyle = book.style(header)
        backOfficeHeaderStyle = book.style(backOfficeHeader)
    }
}
