import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// *Incidencias* of a base with more problems than a sheet can hold links (65,530): every
/// problem is listed and still leads to its cell.
struct GestionadoIncidenciasTests {
    @Test func pastTheLinkLimitTheRowsLeadToTheirCellByFormula() throws {
        let templates = try reportTemplates()
        let kind = try #require(MalEscaladosKind(templates: templates))
        let header = Row(number: 1, cells: kind.definition.fields.enumerated().map { Cell(column: $0.offset, value: .text($0.element.aliases[0])) })
        let mapping = try #require(HeaderMatcher(templates: templates).match(rows: [header]))
        let rows = (2...11).map { Row(number: $0, cells: [Cell(column: 1, value: .text("cuenta \($0)"))]) }
        let problems = 70_000
        let issues = (0..<problems).map { i in
            RowIssue(code: .missingRequired, row: 2 + i % 10, column: 1, field: "cuenta", words: .stored("problema \(i)"))
        }
        let plan = GestionadoPlan(sourceName: "base.xlsx", sheetName: "Base", sourceHash: "x", isCSV: false, kind: kind, mapping: mapping,
                                  header: header, originalWidth: header.cells.count, lastInputRow: 11, today: day("2024-03-22"), language: .es)
        let dir = try Repository.temporaryFolder("celda-incidencias")
        let path = dir + "/g.xlsx"
        let writer = try GestionadoWriter(plan: plan, templates: templates, path: path, version: "test", constantMemory: false)
        let byRow = Dictionary(grouping: issues.shuffled(), by: \.row)
        for row in rows { try writer.append(row, outcome: nil, issues: byRow[row.number] ?? []) }
        let summary = try writer.finish()
        #expect(summary.issues == problems)
        let book = try SpreadsheetFile.open(path: path)
        final class Seen: @unchecked Sendable { var rows: [Row] = [] }
        let seen = Seen()
        try book.readRows(of: try book.sheet(named: "Incidencias")) { seen.rows.append($0) }
        #expect(seen.rows.count == problems + 1)
        let linked = try #require(seen.rows.first { $0.number == 65_531 }), formula = try #require(seen.rows.first { $0.number == 65_532 })
        #expect(linked.cells.first { $0.column == 5 }?.formula == nil, "the 65,530th problem has a native link")
        let hyperlink = try #require(formula.cells.first { $0.column == 5 })
        #expect(hyperlink.formula?.hasPrefix("HYPERLINK(\"#'Base'!B") == true, "\(String(describing: hyperlink.formula))")
        #expect(hyperlink.value == .text("Ver"))
        // In row order, each row's problems together.
        let listed = seen.rows.dropFirst().compactMap { row -> Double? in if case .number(let n)? = row.cells.first?.value { return n } else { return nil } }
        #expect(listed == listed.sorted() && listed.count == problems)
    }
}
