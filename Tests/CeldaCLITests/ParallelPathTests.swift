import Foundation
import Testing
import XLSXReader

/// Bases of 4,000 rows and more are typed and decided in parallel chunks. The same base
/// processed on one thread and on four must give the same workbook, cell by cell, causal by
/// causal — including the cross-row causales (ME07 floors, duplicates).
struct ParallelPathTests {
    @Test func fourThreadsGiveWhatOneThreadGives() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-parallel-\(UUID().uuidString)").path
        #expect(try Celda.run(["samples", dir, "--rows", "9000", "--seed", "41"]).status == 0)
        let base = dir + "/Base Mal Escalados 22-03.xlsx"
        var outputs: [String] = []
        for threads in ["1", "4"] {
            let out = dir + "/hilos-\(threads)"
            let run = try Celda.run(["process", base, "--out", out, "--today", "2024-03-22", "--json"], environment: ["CELDA_THREADS": threads])
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(out + "/Base Mal Escalados 22-03 - gestionado.xlsx")
        }
        for sheet in ["Base", "Incidencias"] {
            let serial = try sheetCells(outputs[0], sheet: sheet), parallel = try sheetCells(outputs[1], sheet: sheet)
            #expect(serial.count == parallel.count && serial.count > (sheet == "Base" ? 9000 : 100), "\(sheet): \(serial.count) rows")
            let differing = serial.keys.filter { serial[$0] != parallel[$0] }.sorted()
            #expect(differing.isEmpty, "\(sheet): rows \(differing.prefix(5)) differ")
        }
        // The causal column really varies: the comparison is not of empty cells.
        let base1 = try sheetCells(outputs[0], sheet: "Base")
        let causalColumn = try #require(base1[1]?.first { $0.value == .text("Causal") }?.key)
        let causals = Set(base1.values.compactMap { row -> String? in if case .text(let t)? = row[causalColumn] { return t } else { return nil } })
        #expect(causals.count >= 9, "\(causals.count) distinct causals")
    }
}
