import CeldaTestSupport
import Foundation
import Testing

/// Every kind of workbook Celda writes, from the demo's week (`celda samples`, `celda watch`,
/// every report and the compromisos) and from two bigger, messier bases, looked at as a
/// supervisor receives it: printed by LibreOffice with no word over another and nothing under
/// 6 pt (`../shared/tools/printcheck.py`), opened as Excel would with no error
/// (`openxml-audit`), and each pivot table's parts consistent (`Tests/Support/scripts/pivot_check.py`).
@Suite(.serialized)
struct PrintedWorkbooksTests {
    /// The workbooks, made once for the suite.
    static let made: Result<[String], Error> = Result { try makeWorkbooks() }

    static func makeWorkbooks() throws -> [String] {
        let dir = try Repository.temporaryFolder("celda-impresos")
        func run(_ args: [String]) throws {
            let r = try Celda.run(args)
            guard r.status == 0 else { throw Failure(message: "celda \(args.joined(separator: " ")): \(r.stderr)") }
        }
        let week = dir + "/Mal escalados"
        try run(["samples", week + "/entrada"])
        try run(["watch", week, "--once", "--interval", "0.5", "--today", "2024-03-22"])
        let store = week + "/.celda/celda.sqlite", out = dir + "/informes"
        for (report, period) in [("mal-escalados", "day"), ("mal-escalados", "week"), ("mal-escalados", "month"), ("reclamaciones", "week"),
                                 ("recurrentes", "week"), ("premium", "week")] {
            try run(["report", report, "--period", period, "--date", "2024-03-22", "--store", store, "--out", out + "-" + period, "--today", "2024-03-22"])
        }
        try run(["report", "recurrentes", "--period", "week", "--date", "2024-03-22", "--store", store, "--out", out + "-week", "--para-cliente"])
        try run(["feedback", "--period", "week", "--date", "2024-03-22", "--store", store, "--out", out + "-week", "--today", "2024-03-25"])
        // Bigger and messier: 600 rows of the samples' base, and another tool's base (a title
        // row, six columns no field claims, most rows with a causal).
        try run(["samples", dir + "/grande", "--rows", "600", "--seed", "11", "--dias", "1"])
        try run(["process", dir + "/grande/Base Mal Escalados 22-03.xlsx", dir + "/grande/Formulario Tipificador 22-03.csv",
                 "--out", dir + "/grande/salida", "--today", "2024-03-22"])
        let generator = Repository.root.appendingPathComponent("Benchmarks/generate_base.py").path
        let other = dir + "/otra/Base otra herramienta.xlsx"
        try FileManager.default.createDirectory(atPath: dir + "/otra", withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", generator, "--rows", "1500", "--seed", "4", "--title-rows", "1", "--extra-columns", "6", "--causal-density", "0.8",
                       "--dates-until", "2024-03-22", "--out", other]
        try p.run()
        p.waitUntilExit()
        try run(["process", other, "--out", dir + "/otra/salida", "--today", "2024-03-22"])
        var all: [String] = []
        for folder in [week + "/salida", out + "-day", out + "-week", out + "-month", dir + "/grande/salida", dir + "/otra/salida"] {
            all += try Repository.names(folder).filter { $0.hasSuffix(".xlsx") }.map { folder + "/" + $0 }
        }
        return all
    }

    struct Failure: Error, CustomStringConvertible { let message: String; var description: String { message } }

    @Test func everyKindOfWorkbookIsThere() throws {
        let names = Set(try Self.made.get().map { ($0 as NSString).lastPathComponent })
        for expected in ["Base Mal Escalados 22-03 - gestionado.xlsx", "Base Mal Escalados 18-03 - gestionado (2).xlsx",
                         "Formulario Tipificador 22-03 - gestionado.xlsx", "Casos Claro Premium 22-03 - gestionado.xlsx",
                         "Encuesta Claro Premium 22-03 - gestionado.xlsx", "Consolidado mal escalado soporte 2024-03-22.xlsx",
                         "Consolidado mal escalado soporte semana 2024-03-18 a 2024-03-24.xlsx", "Consolidado mal escalado soporte 2024-03.xlsx",
                         "Reclamaciones mal escalados semana 2024-03-18 a 2024-03-24.xlsx",
                         "Informe recurrentes y reincidentes semana 2024-03-18 a 2024-03-24.xlsx",
                         "Informe recurrentes y reincidentes semana 2024-03-18 a 2024-03-24 - para el cliente.xlsx",
                         "Informe Claro Premium semana 2024-03-18 a 2024-03-24.xlsx",
                         "Compromisos de mejoramiento semana 2024-03-18 a 2024-03-24.xlsx", "Base otra herramienta - gestionado.xlsx"] {
            #expect(names.contains(expected), "\(expected) in \(names.sorted())")
        }
    }

    @Test func everyWorkbookPrintsWithNoWordOverAnotherAndNothingUnder6pt() throws {
        let files = try Self.made.get()
        let check = sharedFolder.appendingPathComponent("tools/printcheck.py").path
        let (status, output) = try OutsidePrograms.run(["python3", check] + files)
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(files.count) of \(files.count) workbooks print cleanly"), "\(output)")
    }

    @Test func everyWorkbookHasNoErrorForExcel() throws {
        for file in try Self.made.get() {
            let (_, output) = try OutsidePrograms.run(["openxml-audit", "-o", "json", "-q", file])
            let report = try #require((try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])?.first, "\(output.prefix(300))")
            #expect(report["error_count"] as? Int == 0, "\((file as NSString).lastPathComponent): \(report["errors"] ?? "")")
        }
    }

    /// Each pivot's parts agree with each other, and a person whose name the bases type in
    /// capitals or small letters («SOFÍA PÉREZ LÓPEZ», «sofía pérez lópez») is one item.
    @Test func thePivotTablesHoldAndGroupNamesIgnoringCase() throws {
        let script = Repository.root.appendingPathComponent("Tests/Support/scripts/pivot_check.py").path
        let withPivots = try Self.made.get().filter { $0.contains("Consolidado") || $0.contains("Informe recurrentes") }
        #expect(withPivots.count >= 5)
        for file in withPivots {
            let (status, output) = try OutsidePrograms.run(["python3", script, file])
            #expect(status == 0 && output.hasSuffix("problems: 0\n"), "\((file as NSString).lastPathComponent): \(output)")
        }
        let week = try #require(withPivots.first { $0.hasSuffix("Consolidado mal escalado soporte semana 2024-03-18 a 2024-03-24.xlsx") })
        let advisors = ConsolidadoRows.advisors(try OutsideView.read(week).calamine("Indicadores"))
        #expect(advisors.count == 12, "the demo's team of twelve, whatever the case its names were typed in: \(advisors)")
    }
}

/// The advisor column of the Indicadores' first table.
enum ConsolidadoRows {
    static func advisors(_ rows: [[Any]]) -> [String] {
        var out: [String] = []
        for row in rows.dropFirst(5) {
            guard let name = row.first as? String, !name.isEmpty, name != "Total general" else { break }
            out.append(name)
        }
        return out
    }
}
