import CeldaCore
import CeldaReports
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader
import XLSXWriter

/// `_celda` written by the real libxlsxwriter and read back by Celda's reader and openpyxl.
struct GestionadoMetadataTests {
    static let sample = GestionadoMetadata(kind: "tipificador", source: "Formulario Tipificador 22-03.csv", sourceHash: String(repeating: "ab", count: 32),
                                           version: "0.2.0", headerRow: 3, backOfficeFirstColumn: 6, generated: "2024-03-22",
                                           reprocessedFrom: "Formulario Tipificador 22-03 - gestionado.xlsx",
                                           titleRows: (1...11).map { "Título \($0)" })

    private func written() throws -> String {
        let path = try Repository.temporaryFolder("celda-reports") + "/libro.xlsx"
        let book = try Workbook(path: path)
        _ = try book.addWorksheet("Base")
        try GestionadoMetadataTests.sample.write(into: book)
        try book.save()
        return path
    }

    /// A hand-edited `rows_per_sheet` cannot put rows past a sheet's end nor overflow the row
    /// numbers of the continuation sheets.
    @Test func rowsPerSheetStaysWithinASheet() throws {
        let base = Dictionary(uniqueKeysWithValues: GestionadoMetadataTests.sample.pairs.map { ($0.key, $0.value) })
        func read(_ value: String) -> Int? {
            GestionadoMetadata(pairs: base.merging(["rows_per_sheet": value, "continuation_sheet_1": "Base (2)"]) { _, n in n })?.rowsPerSheet
        }
        #expect(read("40") == 40)
        #expect(read("9223372036854775807") == GestionadoPlan.excelDataRows)
        #expect(read("0") == 1 && read("-5") == 1)
        #expect(GestionadoMetadata(pairs: base)?.continuationSheets == [])
    }

    @Test func roundTripsThroughTheRealFile() throws {
        let path = try written()
        let read = try GestionadoMetadata.read(from: try XLSXWorkbook(path: path))
        #expect(read == GestionadoMetadataTests.sample, "title_row_10 and _11 come after _9")
    }

    @Test func theSheetIsVeryHiddenForOutsideReaders() throws {
        let view = try OutsideView.read(try written())
        #expect(view.sheet(GestionadoMetadata.sheetName)["state"] as? String == "veryHidden", "\(view.sheet(GestionadoMetadata.sheetName))")
    }

    @Test func anyOtherFileHasNone() throws {
        let path = try Repository.temporaryFolder("celda-reports") + "/otro.xlsx"
        let book = try Workbook(path: path)
        _ = try book.addWorksheet("_celda")
        try book.save()
        #expect(try GestionadoMetadata.read(from: try XLSXWorkbook(path: path)) == nil, "a _celda sheet without the pairs is not Celda's")
    }
}
