import Foundation
import Testing
import XLSXReader

/// Issue 11's "done when", end to end: a base processed into the history, `celda report`
/// writes the day's Consolidado with its «Tabla dinámica», and LibreOffice, opening it as a
/// supervisor would, draws per-causal counts equal to the gestionado workbook's own Causal
/// column; `--sin-tabla-dinamica` leaves the sheet out.
struct PivotTableCLITests {
    @Test func theDaysPivotTableAgreesWithTheGestionado() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-pivot-\(UUID().uuidString)").path
        let store = dir + "/historial/celda.sqlite"
        #expect(try Celda.run(["samples", dir + "/s", "--rows", "150", "--seed", "7"]).status == 0)
        let run = try Celda.run(["process", dir + "/s/Base Mal Escalados 22-03.xlsx", "--out", dir + "/salida", "--store", store, "--today", "2024-03-22"])
        #expect(run.status == 0, "\(run.stderr)")

        // Primary causal code → rows, from the gestionado's Causal column.
        let base = try sheetCells(dir + "/salida/Base Mal Escalados 22-03 - gestionado.xlsx", sheet: "Base")
        let column = try #require(base[1]?.first { $0.value == .text("Causal") }?.key)
        var expected: [String: Int] = [:]
        for (row, values) in base where row > 1 {
            if case .text(let causal)? = values[column] { expected[String(causal.prefix(4)), default: 0] += 1 }
        }
        #expect(expected.values.reduce(0, +) >= 30, "the sample has causals: \(expected)")

        let report = try Celda.run(["report", "mal-escalados", "--period", "day", "--date", "2024-03-22", "--store", store, "--out", dir + "/informes"])
        #expect(report.status == 0, "\(report.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/informes").first { $0.hasSuffix(".xlsx") })
        let csv = try libreOfficeCSV(dir + "/informes/" + name, sheet: "Tabla dinámica", in: dir + "/lo")
        let header = try #require(csv.firstIndex(of: ["Tipo de error", "Casos"]), "\(csv)")
        var drawn: [String: Int] = [:]
        for row in csv[(header + 1)...] where row.count >= 2 && row[0].hasPrefix("ME") { drawn[row[0]] = Int(row[1]) }
        // Every causal the rules found is Procede (nobody edited the gestionado): the error types.
        #expect(drawn == expected)
        let rows = base.keys.filter { $0 > 1 }.count
        let toReview = csv[(header + 1)...].first { $0.first == "Sin causal — por revisar" }.flatMap { Int($0[1]) }
        #expect(toReview == rows - expected.values.reduce(0, +), "the rows without a causal, on their own line")

        let without = try Celda.run(["report", "mal-escalados", "--period", "day", "--date", "2024-03-22", "--store", store,
                                     "--out", dir + "/sin", "--sin-tabla-dinamica"])
        #expect(without.status == 0, "\(without.stderr)")
        let plain = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/sin").first { $0.hasSuffix(".xlsx") })
        let sheets = try XLSXWorkbook(path: dir + "/sin/" + plain).sheets.map(\.name)
        #expect(!sheets.contains("Tabla dinámica") && sheets.contains("Resumen por causal"), "\(sheets)")
    }

    /// One sheet of `file` as LibreOffice exports it (every sheet to `<file>-<sheet>.csv`), split naively (no quoted commas here).
    private func libreOfficeCSV(_ file: String, sheet: String, in folder: String) throws -> [[String]] {
        let soffice = try #require(["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=file://" + folder + "/perfil", "--headless", "--norestore", "--convert-to",
                             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", folder, file]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let text = try String(contentsOfFile: folder + "/" + stem + "-" + sheet + ".csv", encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
