import CeldaTestSupport
import Foundation
import Testing
@testable import XLSXWriter

/// A workbook with every feature, opened by LibreOffice headless (a real spreadsheet
/// application, not a library): converted to CSV, one file per sheet, and to PDF.
struct LibreOfficeTests {
    func convert(_ file: String, to filter: String, in folder: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(PrintedPages.soffice(), "LibreOffice is installed by scripts/setup.sh"))
        let profile = folder.appendingPathComponent("perfil").path
        process.arguments = ["-env:UserInstallation=file://\(profile)", "--headless", "--norestore", "--convert-to", filter,
                             "--outdir", folder.path, file]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static func everything(at path: String) throws {
        let book = try Workbook(path: path)
        let base = try book.addWorksheet("Base")
        var header = CellFormat()
        header.bold = true
        header.fillColor = 0xDDEBF7
        header.border = .thin
        try base.writeRow([.text("Fecha"), .text("Cuenta"), .text("Asesor"), .text("Causal"), .text("Duración"), .text("Procede")],
                          row: 0, formats: Array(repeating: header, count: 6))
        let rows: [(Double, String, String, String, Double, Bool)] = [
            (45356.5, "0012345678", "Ana Gómez", "ME11", 1.5, true), (45357, "87654321", "Luis Díaz", "ME13", 4, false),
            (45358.25, "=2+2", "María Ñúñez", "ME02", 12.25, true),
        ]
        for (i, r) in rows.enumerated() {
            try base.writeRow([.date(serial: r.0, includesTime: true), .text(r.1), .text(r.2), .text(r.3), .number(r.4), .bool(r.5)], row: i + 1)
        }
        try base.write(.formula("=SUM(E2:E4)", cached: .number(17.75)), row: 4, column: 4)
        try base.setColumnWidth(18, columns: 0...0)
        try base.freezePanes(row: 1)
        try base.autofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 5))
        try base.addDropdown(CellRange(firstRow: 1, firstColumn: 3, lastRow: 100, lastColumn: 3),
                             values: (1...13).map { String(format: "ME%02d · causal con texto largo para la lista", $0) })
        var red = CellFormat()
        red.fillColor = 0xFFC7CE
        try base.addConditionalFormat(CellRange(firstRow: 1, firstColumn: 4, lastRow: 3, lastColumn: 4), rule: .cellValue(.lessThan, 3), format: red)
        try base.writeNote("Interacción menor a 3 min", row: 1, column: 4)
        try base.writeLink("internal:'Resumen'!A1", row: 6, column: 0, text: "Ver resumen")

        let resumen = try book.addWorksheet("Resumen")
        try resumen.writeRow([.text("Causal"), .text("Casos")], row: 0)
        try resumen.writeRow([.text("ME11"), .number(1)], row: 1)
        try resumen.writeRow([.text("ME13"), .number(1)], row: 2)
        try resumen.writeRow([.text("ME02"), .number(1)], row: 3)
        try resumen.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 4, lastColumn: 1), name: "TablaCausales",
                             columns: [.init(header: "Causal", total: .label("Total")), .init(header: "Casos", total: .sum(3))], totalRow: true)
        let chart = try book.addChart(.column)
        try chart.addSeries(name: "Casos", sheet: "Resumen", categories: CellRange(firstRow: 1, firstColumn: 0, lastRow: 3, lastColumn: 0),
                            values: CellRange(firstRow: 1, firstColumn: 1, lastRow: 3, lastColumn: 1), dataLabels: true)
        try chart.setTitle("Casos por causal")
        try resumen.insertChart(chart, row: 1, column: 3)
        try resumen.merge(CellRange(firstRow: 20, firstColumn: 0, lastRow: 20, lastColumn: 3), text: "Firma del asesor")
        var setup = PrintSetup()
        setup.orientation = .landscape
        setup.fitToPages = (1, 0)
        setup.repeatRows = 0...0
        setup.footer = "&CPágina &P de &N"
        try resumen.setPrint(setup)
        let meta = try book.addWorksheet("_celda")
        try meta.write(.text("mal-escalados"), row: 0, column: 0)
        try meta.hide(veryHidden: true)
        try book.setProperties({ var p = Workbook.Properties(); p.title = "Prueba"; return p }())
        try book.save()
    }

    @Test func opensInLibreOfficeWithTheValuesWritten() throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("todo.xlsx").path
        try LibreOfficeTests.everything(at: path)

        // Filter options: comma, double quote, UTF-8, from row 1; the trailing -1 exports every sheet.
        let (status, log) = try convert(path, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", in: folder)
        #expect(status == 0, "\(log)")
        let base = try String(contentsOf: folder.appendingPathComponent("todo-Base.csv"), encoding: .utf8)
        let lines = base.split(separator: "\n").map(String.init)
        #expect(lines.first == "Fecha,Cuenta,Asesor,Causal,Duración,Procede")
        #expect(lines[1].contains("0012345678") && lines[1].contains("Ana Gómez") && lines[1].contains("ME11"), "\(lines[1])")
        #expect(lines[3].contains("=2+2"), "text that looks like a formula is shown as text: \(lines[3])")
        #expect(lines[3].contains("María Ñúñez"))
        #expect(lines[4].contains("17.75"), "LibreOffice recalculates the formula to the same value: \(lines[4])")
        let resumen = try String(contentsOf: folder.appendingPathComponent("todo-Resumen.csv"), encoding: .utf8)
        #expect(resumen.contains("Total,3"), "the table's total row: \(resumen)")
        #expect(resumen.contains("Firma del asesor"))
    }

    @Test func printsToPDF() throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("imprimir.xlsx").path
        try LibreOfficeTests.everything(at: path)
        let (status, log) = try convert(path, to: "pdf", in: folder)
        #expect(status == 0, "\(log)")
        let pdf = folder.appendingPathComponent("imprimir.pdf").path
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Array("%PDF".utf8)))
        // What a person reads on the printed pages (pdftotext, poppler-utils): the cells, the
        // accents, the signature line and the page footer, not just a file of some size.
        let printed = try PrintedPages.pages(of: pdf).joined(separator: "\n")
        for words in ["87654321", "Ana Gómez", "Luis Díaz", "=2+2", "Firma del asesor", "Página 2 de 2"] {
            #expect(printed.contains(words), "\(words) not on the printed pages:\n\(printed.prefix(2000))")
        }
    }
}
