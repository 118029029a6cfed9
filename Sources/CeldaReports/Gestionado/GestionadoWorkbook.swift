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

    /// The gestionado of a base held in memory.
    public static func write(_ input: GestionadoInput, templates: Templates, to path: String, version: String) throws -> GestionadoSummary {
        // Large bases are written in constant-memory mode: rows go to disk as they are finished,
        // strings inline.
        let writer = try GestionadoWriter(plan: input.plan, templates: templates, path: path, version: version,
                                          constantMemory: input.rows.count > constantMemoryFrom)
        do {
            let outcomeByRow = Dictionary(input.outcomes.map { ($0.row, $0) }, uniquingKeysWith: { a, _ in a })
            var issuesByRow = Dictionary(grouping: input.issues, by: \.row)
            for row in input.rows {
                try writer.append(row, outcome: outcomeByRow[row.number], issues: issuesByRow.removeValue(forKey: row.number) ?? [])
            }
            try writer.appendIssues(issuesByRow.keys.sorted().flatMap { issuesByRow[$0]! })
        } catch {
            writer.discard()
            throw error
        }
        return try writer.finish(listings: input.listings)
    }
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
