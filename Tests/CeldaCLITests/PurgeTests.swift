import CeldaTestSupport
import Foundation
import Testing

/// `celda store purge --before FECHA` (issue 27): the cases whose latest day is before FECHA
/// go, with their sightings and decisions, in one transaction; `--dry-run` counts the same and
/// removes nothing; the reports of periods from FECHA on read the same cells before and after
/// (read by python-calamine, an outside reader); a bad FECHA is refused before anything is touched.
@Suite(.serialized) struct PurgeTests {
    static let samples = Repository.root.appendingPathComponent("Samples").path

    @Test func oldCasesGoAndLaterReportsReadTheSame() throws {
        let dir = try Repository.temporaryFolder("celda-purge")
        let store = dir + "/h.sqlite"
        let bases = ["Base Mal Escalados 18-03.xlsx", "Base Mal Escalados 19-03.xlsx", "Base Mal Escalados 20-03.xlsx", "Base Mal Escalados 21-03.xlsx",
                     "Base Mal Escalados 22-03.xlsx", "Formulario Tipificador 22-03.csv", "Casos Claro Premium 22-03.xlsx", "Encuesta Claro Premium 22-03.csv"]
        // Each base processed on its own day, as the back office does: a case's latest day is the
        // last day a base showed it.
        for base in bases {
            let day = base.contains("18-03") ? "2024-03-18" : base.contains("19-03") ? "2024-03-19" : base.contains("20-03") ? "2024-03-20"
                : base.contains("21-03") ? "2024-03-21" : "2024-03-22"
            let processed = try Celda.run(["process", Self.samples + "/" + base, "--out", dir + "/salida", "--store", store, "--today", day])
            #expect(processed.status == 0, "\(base): \(processed.stderr)")
        }
        func reports(_ out: String) throws -> [String] {
            var texts: [String] = []
            for (report, period) in [("mal-escalados", "day"), ("recurrentes", "day"), ("premium", "day"), ("mal-escalados", "week")] {
                let r = try Celda.run(["report", report, "--period", period, "--date", "2024-03-22", "--store", store, "--out", out, "--today", "2024-03-22"])
                #expect(r.status == 0, "\(report): \(r.stderr)")
            }
            for name in try Repository.names(out) { texts.append(name + "\n" + (try OutsidePrograms.calamineCells(out + "/" + name))) }
            return texts
        }
        // The week of 18–24 March starts before FECHA: it is not a period «from FECHA on»; the day's are.
        let before = try reports(dir + "/antes").filter { !$0.hasPrefix("Consolidado mal escalado soporte semana") }

        let dry = try Celda.run(["store", "purge", "--before", "2024-03-21", "--store", store, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.hasPrefix("se borrarían (nada se borró): "), "\(dry.stdout)\(dry.stderr)")
        let real = try Celda.run(["store", "purge", "--before", "2024-03-21", "--store", store])
        #expect(real.status == 0, "\(real.stderr)")
        let counted = dry.stdout.split(separator: "\n")[0].replacingOccurrences(of: "se borrarían (nada se borró): ", with: "")
        #expect(real.stdout.split(separator: "\n")[0] == "borrados: " + counted, "the dry run counted what the purge removed")
        // The samples' 18, 19 and 20 March bases hold 42 + 40 + 43 cases; a case they share with a later base stays.
        let removed = Int(counted.split(separator: " ")[0]) ?? 0
        #expect(removed > 100 && removed <= 125, "\(counted)")
        #expect(real.stdout.contains("se conservan los casos del tipificador desde 2024-03-14"), "\(real.stdout)")

        let after = try reports(dir + "/despues").filter { !$0.hasPrefix("Consolidado mal escalado soporte semana") }
        #expect(after.count == before.count && after.count >= 3)
        for (a, b) in zip(before, after) { #expect(a == b, "same cells: \(a.prefix(80))") }
        // A purge again removes nothing more.
        let again = try Celda.run(["store", "purge", "--before", "2024-03-21", "--store", store])
        #expect(again.stdout.hasPrefix("borrados: 0 casos (0 avistamientos, 0 decisiones)"), "\(again.stdout)")
    }

    @Test func aBadDayIsRefusedBeforeAnythingIsTouched() throws {
        let dir = try Repository.temporaryFolder("celda-purge")
        let notADate = try Celda.run(["store", "purge", "--before", "ayer", "--store", dir + "/h.sqlite"])
        #expect(notADate.status == 2 && notADate.stderr.contains("--before debe ser una fecha AAAA-MM-DD"), "\(notADate.stderr)")
        let future = try Celda.run(["store", "purge", "--before", "2999-01-01", "--store", dir + "/h.sqlite"])
        #expect(future.status == 2 && future.stderr.contains("es posterior a hoy"), "\(future.stderr)")
        let missing = try Celda.run(["store", "purge", "--before", "2024-01-01", "--store", dir + "/h.sqlite"])
        #expect(missing.status == 1 && missing.stderr.contains("no existe el historial"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/h.sqlite"), "nothing created")
    }
}
