import CeldaTestSupport
import Foundation
import Testing

/// AUSENTISMO, ROTACIÓN and CALIDAD MEC (seed 001 §5) as a coordinator gets them: the month's
/// Almabi export, two monitoreo exports (0–100 and 0–10) and two survey exports (satisfaction on
/// 1–5 and on 0–10) processed into one history, then `celda report premium` for the month and
/// for a week without monitoreos. Every figure of the *Equipo* sheet is recomputed from the
/// input files alone (`Tests/Support/scripts/team_figures.py`, with the issue's formulas), as
/// Celda cached it and as LibreOffice recalculates it. The exports hold absences of every kind,
/// vacations and rest days, a retiro inside and one outside the month, an agent hired mid-month
/// without a supervisor, an unknown novedad, an unknown programado, a second row of a day and a
/// day that is not a date.
struct TeamIndicatorsTests {
    static let script = Repository.root.appendingPathComponent("Tests/Support/scripts/team_figures.py").path

    /// The script's problems (one per line), then the figures it computed (the last line).
    func python(_ arguments: [String]) throws -> (problems: [String], figures: String) {
        let lines = try OutsidePrograms.pythonOutput([Self.script] + arguments).split(separator: "\n").map(String.init)
        return (Array(lines.dropLast()), lines.last ?? "")
    }

    @Test func everyTeamFigureAgreesWithTheProcedure() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-equipo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = dir.path + "/exportes"
        _ = try python(["make", inputs])
        let files = try FileManager.default.contentsOfDirectory(atPath: inputs).sorted().map { inputs + "/" + $0 }
        #expect(files.count == 5)
        let store = dir.path + "/historial.sqlite"
        let processed = try Celda.run(["process"] + files + ["--out", dir.path + "/salida", "--store", store, "--today", "2026-12-01"])
        #expect(processed.status == 0, "\(processed.stderr)")
        // Each export taken as its own kind.
        for kind in ["asistencia", "monitoreo", "encuesta-premium"] { #expect(processed.stdout.contains(": \(kind), "), "\(processed.stdout)") }

        for (period, date, first, last) in [("month", "2026-11-15", "2026-11-01", "2026-11-30"), ("week", "2026-11-25", "2026-11-23", "2026-11-29")] {
            let report = try Celda.run(["report", "premium", "--period", period, "--date", date, "--store", store, "--out", dir.path + "/informes",
                                        "--today", "2026-12-01"])
            #expect(report.status == 0, "\(report.stderr)")
            let path = try #require(report.stdout.split(separator: "→").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
            let cached = try python(["check", inputs, path, first, last])
            #expect(cached.problems.isEmpty, "\(period), as Celda cached it: \(cached.problems.joined(separator: "\n"))")
            // The recomputation found the figures it compared (not an empty table read as agreement).
            #expect(cached.figures.contains("\"programados\": "), "\(cached.figures)")
            let recalculated = try PrintedPages.recalculated(path, outdir: dir.path + "/recalculado-\(period)", profile: dir.path + "/perfil")
            let again = try python(["check", inputs, recalculated, first, last])
            #expect(again.problems.isEmpty, "\(period), as LibreOffice recalculates it: \(again.problems.joined(separator: "\n"))")
        }
    }
}
