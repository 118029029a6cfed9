import Foundation
import Testing
import XLSXReader

/// `celda report` end to end: bases processed into a store, the consolidated report of the
/// day, week and month agreeing with the gestionado workbooks, and a period with no cases.
struct ReportTests {
    /// Primary causal code → rows, from a gestionado's own Causal column.
    private func causalCounts(gestionado: String) throws -> [String: Int] {
        let base = try sheetCells(gestionado, sheet: "Base")
        let column = try #require(base[1]?.first { $0.value == .text("Causal") }?.key)
        var counts: [String: Int] = [:]
        for (row, values) in base where row > 1 {
            if case .text(let causal)? = values[column] { counts[String(causal.prefix(4)), default: 0] += 1 }
        }
        return counts
    }

    /// Code → count from the report's Resumen por causal (rows whose label starts with a code).
    private func summaryCounts(report: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for (_, values) in try sheetCells(report, sheet: "Resumen por causal") {
            guard case .text(let label)? = values[0], label.hasPrefix("ME"), case .number(let n)? = values[1] else { continue }
            counts[String(label.prefix(4))] = Int(n)
        }
        return counts
    }

    @Test func theDaysWeeksAndMonthsReportAgreesWithTheGestionados() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-report-\(UUID().uuidString)").path
        let store = dir + "/historial/celda.sqlite"
        var expected: [String: Int] = [:]
        for seed in ["5", "6"] {
            #expect(try Celda.run(["samples", dir + "/s" + seed, "--rows", "150", "--seed", seed]).status == 0)
            let input = dir + "/s\(seed)/Base Mal Escalados 22-03.xlsx"
            let run = try Celda.run(["process", input, "--out", dir + "/salida" + seed, "--store", store, "--today", "2024-03-22"])
            #expect(run.status == 0 && run.stdout.contains("historial: 150 casos nuevos"), "\(run.stdout)\(run.stderr)")
            for (code, n) in try causalCounts(gestionado: dir + "/salida\(seed)/Base Mal Escalados 22-03 - gestionado.xlsx") { expected[code, default: 0] += n }
            // The same file again changes no count.
            let again = try Celda.run(["process", input, "--out", dir + "/otra", "--store", store, "--today", "2024-03-22"])
            #expect(again.stdout.contains("ya procesado en "), "\(again.stdout)")
        }
        #expect(expected.values.reduce(0, +) > 50, "the samples have causals: \(expected)")
        for period in ["day", "week", "month"] {
            let out = dir + "/informes-" + period
            let run = try Celda.run(["report", "mal-escalados", "--period", period, "--date", "2024-03-22", "--store", store, "--out", out])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(": 300 casos → "), "\(run.stdout)")
            let report = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasPrefix("Consolidado mal escalado soporte") })
            #expect(try summaryCounts(report: out + "/" + report) == expected, "\(period)")
        }
    }

    @Test func aPeriodWithNoCasesIsOneLineAndNoWorkbook() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-report-\(UUID().uuidString)").path
        #expect(try Celda.run(["samples", dir + "/s"]).status == 0)
        _ = try Celda.run(["process", dir + "/s/Formulario Tipificador 22-03.csv", "--out", dir + "/salida", "--store", dir + "/celda.sqlite"])
        let run = try Celda.run(["report", "recurrentes", "--period", "month", "--date", "2023-01-10", "--store", dir + "/celda.sqlite", "--out", dir + "/informes"])
        #expect(run.status == 0)
        #expect(run.stdout == "recurrentes 2023-01: no hay casos en el historial para ese periodo; no se escribió informe\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/informes"))
        let noStore = try Celda.run(["report", "mal-escalados", "--date", "2023-01-10"], environment: ["CELDA_STORE": ""])
        #expect(noStore.status == 1 && noStore.stderr.contains("no se indicó el historial"), "\(noStore.stderr)")
        let mistyped = try Celda.run(["report", "mal-escalados", "--store", dir + "/celda.sqlit"])
        #expect(mistyped.status == 1 && mistyped.stderr.contains("no existe el historial"), "\(mistyped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/celda.sqlit"), "a mistyped path creates no empty history")
    }
}

/// `celda samples` → `celda process` the three daily premium exports and the surveys into one
/// history → `celda report premium --period week`: one workbook, named for the week.
struct PremiumReportCLITests {
    @Test func samplesProcessedThenTheWeeksPremiumReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-premium-cli-\(UUID().uuidString)").path
        let store = dir + "/historial/celda.sqlite"
        #expect(try Celda.run(["samples", dir + "/s", "--rows", "60", "--seed", "9"]).status == 0)
        for d in ["20", "21", "22"] {
            let run = try Celda.run(["process", dir + "/s/Casos Claro Premium \(d)-03.xlsx", "--out", dir + "/salida", "--store", store, "--today", "2024-03-\(d)"])
            #expect(run.status == 0 && run.stdout.contains(": premium, "), "\(run.stdout)\(run.stderr)")
        }
        let surveys = try Celda.run(["process", dir + "/s/Encuesta Claro Premium 22-03.csv", "--out", dir + "/salida", "--store", store, "--today", "2024-03-22"])
        #expect(surveys.status == 0 && surveys.stdout.contains(": encuesta-premium, "), "\(surveys.stdout)\(surveys.stderr)")
        let report = try Celda.run(["report", "premium", "--period", "week", "--date", "2024-03-20", "--store", store, "--out", dir + "/informes"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/informes") == ["Informe Claro Premium semana 2024-03-18 a 2024-03-24.xlsx"])
        let agenda = try sheetCells(dir + "/salida/Casos Claro Premium 22-03 - gestionado.xlsx", sheet: "Agenda de hoy")
        #expect(agenda.count >= 3, "a title, a header and the due follow-ups")
    }

    /// A past week reads the same whenever it is asked for: judged as of the latest export the
    /// history holds (never the clock of the day the report is made), and a case closed without
    /// a fecha de cierre is closed when an export first showed it closed.
    @Test func aPastWeekIsJudgedAsOfItsExportsNotTheClock() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-premium-asof-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = dir + "/h.sqlite"
        let header = "Caso;Fecha ingreso;Cuenta;Tipo;Subtipo;Backoffice;Fecha seguimiento;Estado;Fecha cierre\n"
        let exports: [(day: String, rows: [String])] = [
            ("20", ["CP-1;20/03/2024 08:00;12345678;PQR;PQR;Ana Ruiz;21/03/2024;Abierto;"]),
            // Closed, no fecha de cierre; another case opened at 09:00 dates the export.
            ("21", ["CP-1;20/03/2024 08:00;12345678;PQR;PQR;Ana Ruiz;21/03/2024;Cerrado;",
                    "CP-2;21/03/2024 09:00;87654321;SAC;Cartera;Ana Ruiz;29/03/2024;Abierto;"]),
            // The next week: CP-1 no longer listed.
            ("27", ["CP-2;21/03/2024 09:00;87654321;SAC;Cartera;Ana Ruiz;29/03/2024;En seguimiento;",
                    "CP-3;27/03/2024 10:00;11223344;SAC;Recaudo;Ana Ruiz;30/03/2024;Abierto;"]),
        ]
        for e in exports {
            let path = dir + "/Casos \(e.day)-03.csv"
            try (header + e.rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let run = try Celda.run(["process", path, "--out", dir + "/salida", "--store", store, "--today", "2024-03-\(e.day)"])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        }
        var figures: [[String]] = []
        for today in [nil, "2024-03-28", "2026-11-24"] {
            let out = dir + "/informes-\(today ?? "hoy")"
            let run = try Celda.run(["report", "premium", "--period", "week", "--date", "2024-03-20", "--store", store, "--out", out]
                                    + (today.map { ["--today", $0] } ?? []))
            #expect(run.status == 0, "\(run.stderr)")
            let cells = try sheetCells(out + "/Informe Claro Premium semana 2024-03-18 a 2024-03-24.xlsx", sheet: "Indicadores")
            let text = cells.keys.sorted().map { r in cells[r]!.keys.sorted().map { "\(cells[r]![$0]!)" }.joined(separator: "|") }
            #expect(text.contains { $0.contains("seguimientos al 24/03/2024") }, "\(text.prefix(3))")
            figures.append(text)
        }
        #expect(figures[0] == figures[1] && figures[1] == figures[2], "the same week, whenever asked")
        // Ana: CP-1 due 21/03, closed (first seen closed) 21/03 09:00 → Cumplido, 25 h, no alarm.
        let ana = try #require(figures[0].first { $0.contains("Ana Ruiz") })
        let numbers = ana.split(separator: "|").dropFirst().compactMap { Double($0.replacingOccurrences(of: "number(", with: "").replacingOccurrences(of: ")", with: "")) }
        #expect(numbers.prefix(5) == [1, 1, 1, 0, 0], "of the period 1, due 1, cumplido 1, tarde 0, vencido 0: \(ana)")
        // Ana had no SPC case: her FCR is blank (nothing measured), not a false 0 %.
        let fcr = try #require(figures[0].filter { $0.hasPrefix("text(\"Ana Ruiz\")") }.dropFirst(2).first, "\(figures[0])")
        #expect(fcr.contains("text(\"\")") || fcr.contains("empty"), "\(fcr)")
    }
}
