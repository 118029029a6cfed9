import Foundation
import Testing
@testable import XLSXWriter
import XLSXReader

/// Data that would break a workbook or turn into something else, written safely, and every
/// change reported.
struct SafetyTests {
    @Test func textThatLooksLikeAFormulaStaysText() throws {
        let path = try scratchFolder().appendingPathComponent("inyeccion.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Notas")
        let hostile = ["=HYPERLINK(\"http://x\",\"clic\")", "+57 300 123 4567", "-3", "@SUM(A1:A2)", "=1+1"]
        for (i, text) in hostile.enumerated() { try sheet.write(.text(text), row: i, column: 0) }
        try book.save()
        let ours = try readBack(path)
        for (i, text) in hostile.enumerated() {
            #expect(ours[i + 1]?[0]?.value == .text(text))
            #expect(ours[i + 1]?[0]?.formula == nil, "no formula in A\(i + 1)")
        }
        let outside = try OutsideView.read(path)
        for i in hostile.indices {
            #expect(outside.cell("Notas", "A\(i + 1)")["type"] as? String == "s", "openpyxl sees text in A\(i + 1)")
        }
        #expect(outside.calamine("Notas").map { $0.first as? String } == hostile)
    }

    @Test func controlCharactersAreRemovedAndReported() throws {
        let path = try scratchFolder().appendingPathComponent("control.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Notas")
        try sheet.write(.text("cliente\u{0B}reporta\u{01}falla\ttab\nlínea"), row: 3, column: 2)
        try book.save()
        #expect(book.issues == [WriteIssue(kind: .controlCharactersRemoved(2), sheet: "Notas", cell: "C4")])
        #expect(try readBack(path)[4]?[2]?.value == .text("clientereportafalla\ttab\nlínea"))
        _ = try OutsideView.read(path) // opens without complaint
    }

    /// libxlsxwriter prints its own «[WARNING]: …» on stderr before refusing a call: nothing
    /// reaches the terminal (file descriptor 2 is watched here), the refusal carries the text,
    /// and the workbook is still saved with what was written.
    @Test func libxlsxwritersWarningsAreKeptNotPrinted() throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("enlace.xlsx").path
        let watched = folder.appendingPathComponent("stderr.txt").path
        let saved = dup(2)
        let file = open(watched, O_CREAT | O_TRUNC | O_WRONLY, 0o644)
        dup2(file, 2)
        defer { dup2(saved, 2); close(saved); close(file) }
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Enlaces")
        try sheet.write(.text("antes"), row: 0, column: 0)
        let tooLong = "https://claro.com.co/" + String(repeating: "x", count: 2_100)
        var refused: WriterError?
        do { try sheet.writeLink(tooLong, row: 1, column: 0) } catch let e as WriterError { refused = e }
        try book.save()
        fflush(nil)
        let printed = try String(contentsOfFile: watched, encoding: .utf8)
        #expect(!printed.contains("worksheet_write_url"), "printed: \(printed)")
        let said = try #require(refused?.libraryMessage)
        #expect(said.contains("worksheet_write_url") && said.contains("2079"), "\(said)")
        #expect(try readBack(path)[1]?[0]?.value == .text("antes"))
    }

    @Test func textOverExcelsLimitIsCutAndReported() throws {
        let path = try scratchFolder().appendingPathComponent("largo.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Notas")
        let long = String(repeating: "ñ", count: 40_000)
        try sheet.write(.text(long), row: 0, column: 0)
        try book.save()
        #expect(book.issues == [WriteIssue(kind: .textTruncated(originalLength: 40_000), sheet: "Notas", cell: "A1")])
        guard case .text(let back)? = try readBack(path)[1]?[0]?.value else { Issue.record("A1 missing"); return }
        #expect(back.count == 32_767)
    }

    @Test("hostile sheet names become valid ones", arguments: [
        ("Juan/Pérez [Sup]: *?", "Juan-Pérez -Sup-- --"),
        ("'Comillas'", "Comillas"),
        ("History", "History-"),
        ("", "Hoja"),
        ("María Fernanda Rodríguez Castañeda Supervisora", "María Fernanda Rodríguez Castañ"),
    ])
    func sheetNames(_ requested: String, _ expected: String) throws {
        let path = try scratchFolder().appendingPathComponent("nombres.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet(requested)
        #expect(sheet.name == expected)
        #expect(sheet.name.unicodeScalars.count <= 31)
        #expect(book.issues.contains(WriteIssue(kind: .sheetRenamed(from: requested, to: expected), sheet: expected)))
        try book.save()
        #expect(try XLSXWorkbook(path: path).sheets.map(\.name) == [expected])
    }

    @Test func duplicateNamesIgnoringCaseGetANumber() throws {
        let path = try scratchFolder().appendingPathComponent("dup.xlsx").path
        let book = try Workbook(path: path)
        let names = try ["Ana Gómez", "ANA GÓMEZ", "ana gómez", String(repeating: "x", count: 40), String(repeating: "X", count: 35)]
            .map { try book.addWorksheet($0).name }
        #expect(names == ["Ana Gómez", "ANA GÓMEZ (2)", "ana gómez (3)", String(repeating: "x", count: 31), String(repeating: "X", count: 27) + " (2)"])
        try book.save()
        #expect(try OutsideView.read(path).sheetNames.count == 5)
    }

    @Test func rowsPastTheSheetLimitSpillToAContinuationSheet() throws {
        // The real limit, in constant-memory mode: 1,048,576 rows on the first sheet, the rest after.
        var options = Workbook.Options()
        options.constantMemory = true
        let path = try scratchFolder().appendingPathComponent("spill.xlsx").path
        let book = try Workbook(path: path, options: options)
        let spiller = try RowSpiller(first: try book.addWorksheet("Base"), header: [.text("Cuenta"), .text("N")])
        let total = Worksheet.maxRows - 1 + 10 // data rows: the first sheet holds maxRows - 1 after its header
        for i in 0..<total { try spiller.append([.text("c"), .number(Double(i))]) }
        #expect(spiller.sheets.map(\.name) == ["Base", "Base (2)"])
        #expect(book.issues.contains(WriteIssue(kind: .rowsSpilled(toSheet: "Base (2)"), sheet: "Base")))
        try book.save()

        let reader = try XLSXWorkbook(path: path)
        var firstCount = 0, lastOfFirst = -1.0
        try reader.readRows(of: reader.sheets[0]) { row in
            firstCount += 1
            if case .number(let v) = row.cells.last?.value { lastOfFirst = v }
        }
        #expect(firstCount == Worksheet.maxRows)
        #expect(lastOfFirst == Double(Worksheet.maxRows - 2))
        let second = try readBack(path, sheet: "Base (2)")
        #expect(second[1]?[0]?.value == .text("Cuenta"), "the header is repeated")
        #expect(second.count == 11)
        #expect(second[11]?[1]?.value == .number(Double(total - 1)), "the last row is there")
    }

    @Test func aFolderThatCannotBeWrittenLeavesNothing() throws {
        let missing = "/no/existe/carpeta/salida.xlsx"
        #expect { _ = try Workbook(path: missing) } throws: {
            guard case .cannotCreateTemporaryFile(let why)? = ($0 as? WriterError)?.kind else { return false }
            return why.contains("/no/existe/carpeta")
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aSaveThatFailsLeavesNeitherOutputNorTemporaryFile() throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("gestionado.xlsx").path
        let book = try Workbook(path: path)
        try book.addWorksheet("Base").write(.text("x"), row: 0, column: 0)
        // The folder disappears before the save (a network share dropped, say).
        try FileManager.default.removeItem(at: folder)
        #expect(throws: WriterError.self) { try book.save() }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func aSaveOntoAFolderFailsAndKeepsWhatWasThere() throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("ocupado.xlsx").path
        try FileManager.default.createDirectory(atPath: path + "/dentro", withIntermediateDirectories: true)
        let book = try Workbook(path: path)
        try book.addWorksheet("Base").write(.text("x"), row: 0, column: 0)
        #expect(throws: WriterError.self) { try book.save() }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == ["ocupado.xlsx"], "only the folder that was there; no temporary file: \(left)")
        #expect(FileManager.default.fileExists(atPath: path + "/dentro"))
    }

    @Test func handlesRefuseWorkAfterSaveOrDiscard() throws {
        let path = try scratchFolder().appendingPathComponent("cerrado.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Base")
        let chart = try book.addChart(.column)
        try book.save()
        #expect { try sheet.write(.text("tarde"), row: 0, column: 0) } throws: { ($0 as? WriterError)?.kind == .workbookClosed }
        #expect { try chart.setTitle("tarde") } throws: { ($0 as? WriterError)?.kind == .workbookClosed }
        #expect { try book.save() } throws: { ($0 as? WriterError)?.kind == .workbookClosed }

        let other = try scratchFolder().appendingPathComponent("descartado.xlsx").path
        let discarded = try Workbook(path: other)
        let s2 = try discarded.addWorksheet("Base")
        discarded.discard()
        #expect(throws: WriterError.self) { try s2.write(.number(1), row: 0, column: 0) }
        #expect(!FileManager.default.fileExists(atPath: other))
        #expect(try FileManager.default.contentsOfDirectory(atPath: (other as NSString).deletingLastPathComponent).isEmpty)
    }

    @Test func aLibraryErrorSaysWhichRuleWasBroken() throws {
        let path = try scratchFolder().appendingPathComponent("error.xlsx").path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Base")
        for bad in ["mal nombre", "A1", "R1C1", "1abc", ""] {
            #expect(throws: WriterError(.invalidName(bad))) { try book.defineName(bad, formula: "=Base!$A$1") }
        }
        try book.defineName("Causales_ME", formula: "=Base!$A$1:$A$13")
        do {
            try sheet.merge(CellRange(row: 0, column: 0), text: "una sola celda")
            Issue.record("merging a single cell was accepted")
        } catch let error as WriterError {
            guard case .library(let code, let call) = error.kind else { Issue.record("\(error)"); return }
            #expect(call == "worksheet_merge_range")
            #expect(code.rawValue != 0)
            #expect(error.description.contains("libxlsxwriter rechazó worksheet_merge_range"))
            #expect(error.sheet == "Base")
        }
        #expect { try sheet.write(.text("x"), row: Worksheet.maxRows, column: 0) } throws: {
            ($0 as? WriterError)?.kind == .rowOutOfRange(Worksheet.maxRows)
        }
        book.discard()
    }
}
