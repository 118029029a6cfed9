import CeldaTestSupport
import Foundation
import Testing

/// The two kinds of the team indicators as a back-office agent processes them: every row kept,
/// each row's own columns, what cannot be counted named in *Incidencias* (read by
/// python-calamine, never by Celda's reader).
struct TeamKindsTests {
    static func exports() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-team-kinds-\(UUID().uuidString)").path
        _ = try OutsidePrograms.pythonOutput([TeamIndicatorsTests.script, "make", dir])
        return dir
    }

    /// Rows of `sheet` as header → value dictionaries.
    static func rows(_ view: OutsideView, _ sheet: String) -> [[String: String]] {
        let all = view.calamine(sheet)
        guard let header = all.first?.map({ "\($0)" }) else { return [] }
        return all.dropFirst().map { r in Dictionary(zip(header, r.map { "\($0)" }), uniquingKeysWith: { a, _ in a }) }
    }

    @Test func asistenciaSaysEachDayAndNamesWhatItDoesNotCount() throws {
        let dir = try Self.exports()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Celda.run(["process", dir + "/Asistencia Almabi noviembre.xlsx", "--out", dir + "/salida", "--today", "2026-12-01"])
        #expect(run.status == 0, "\(run.stderr)")
        let view = try OutsideView.read(dir + "/salida/Asistencia Almabi noviembre - gestionado.xlsx")
        let rows = Self.rows(view, "Almabi")
        // Every input row is there (the fixture has 32 days of Ana and Caro, 22 of Beto, 5 of Dani, 22 of Eva, a repeated day, a bad day).
        #expect(rows.count == 32 + 32 + 22 + 5 + 22 + 1 + 1)
        func row(_ doc: String, _ day: String) -> [String: String]? { rows.first { $0["Cédula"] == doc && ($0["Fecha"] ?? "").hasPrefix(day) } }
        #expect(row("101", "2026-11-03")?["Falta"] == "Sí", "an incapacidad is an absence")
        #expect(row("101", "2026-11-17")?["Programado"] == "No", "vacations are no scheduled day")
        #expect(row("101", "2026-11-08")?["Programado"] == "No", "a Sunday's Descanso")
        #expect(row("102", "2026-11-04")?["Falta"] == "Sí" && row("102", "2026-11-05")?["Falta"] == "No", "inasistencia; a retardo is present")
        #expect(row("102", "2026-11-02")?["Programado"] == "Sí" && row("102", "2026-11-01")?["Programado"] == "No", "8 hours, 0 hours")
        #expect(row("102", "2026-11-02")?["Retirado en el periodo"] == "Sí" && row("104", "2026-11-02")?["Retirado en el periodo"] == "No",
                "a retiro inside the export's days, one before them")
        #expect(row("105", "2026-11-11")?["Programado"] == "", "an unknown novedad is not guessed")
        let issues = Self.rows(view, "Incidencias")
        func issue(_ contains: String) -> [String: String]? { issues.first { ($0["Descripción"] ?? "").contains(contains) } }
        #expect(issue("ya tiene la fila")?["Celda"]?.hasPrefix("B") == true, "the agent's second row of 09/11, at its Cédula")
        #expect(issue("«Paseo»")?["Celda"]?.hasPrefix("F") == true)
        #expect(issue("«quizás»")?["Celda"]?.hasPrefix("E") == true)
        #expect(issue("«31/11/2026»") != nil && issue("un día válido: la fila no se cuenta") != nil)
        #expect(issues.allSatisfy { ($0["Código"] ?? "") != "revision-del-tipo" }, "codes are said in words")

        let english = try Celda.run(["process", dir + "/Asistencia Almabi noviembre.xlsx", "--out", dir + "/en", "--today", "2026-12-01", "--lang", "en"])
        #expect(english.status == 0, "\(english.stderr)")
        let en = try OutsideView.read(try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/en").first.map { dir + "/en/" + $0 }))
        let enIssues = Self.rows(en, "Issues")
        #expect(enIssues.contains { ($0["Description"] ?? "").contains("is none of the words") }, "\(enIssues.prefix(3))")
        #expect(Self.rows(en, "Almabi").first?["Scheduled"] != nil)
    }

    @Test func theSurveysSatisfactionIsReadOnItsColumnsScale() throws {
        let dir = try Self.exports()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Celda.run(["process", dir + "/Encuesta premium satisfaccion 0-10.csv", dir + "/Encuesta premium satisfaccion 1-5.xlsx",
                                 "--out", dir + "/salida", "--today", "2026-12-01"])
        #expect(run.status == 0, "\(run.stderr)")
        let ten = try OutsideView.read(dir + "/salida/Encuesta premium satisfaccion 0-10 - gestionado.xlsx")
        let top = Self.rows(ten, "Encuesta premium satisfaccion 0")  // a CSV's sheet: its name, cut to Excel's 31 characters
            .map { $0["Satisfacción top 2"] ?? "" }
        #expect(top == ["Sí", "No", "Sí", "No", "Sí", ""], "9–10 of 0–10 are the top two; 11 is off the scale")
        #expect(Self.rows(ten, "Incidencias").contains { ($0["Descripción"] ?? "").contains("«11» no es un número entero de 0 a 10") })
        let five = try OutsideView.read(dir + "/salida/Encuesta premium satisfaccion 1-5 - gestionado.xlsx")
        #expect(Self.rows(five, "Encuestas").map { $0["Satisfacción top 2"] ?? "" } == ["Sí", "Sí", "No", "No", "Sí", ""], "4–5 of 1–5")
    }

    @Test func monitoreoTakesEachScaleToAHundredAndSaysIt() throws {
        let dir = try Self.exports()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Celda.run(["process", dir + "/Monitoreos calidad escala 10.csv", dir + "/Monitoreos calidad noviembre.xlsx", "--out", dir + "/salida",
                                 "--today", "2026-12-01"])
        #expect(run.status == 0, "\(run.stderr)")
        let ten = try OutsideView.read(dir + "/salida/Monitoreos calidad escala 10 - gestionado.xlsx")
        let rows = Self.rows(ten, "Monitoreos calidad escala 10")
        #expect(rows.map { $0["Nota (0–100)"] ?? "" } == ["90.0", "85.0", "100.0"], "\(rows)")
        #expect(Self.rows(ten, "Incidencias").contains { ($0["Descripción"] ?? "").contains("escala 0–10") })
        let hundred = try OutsideView.read(dir + "/salida/Monitoreos calidad noviembre - gestionado.xlsx")
        #expect(Self.rows(hundred, "Monitoreos").map { $0["Nota (0–100)"] ?? "" } == ["85.0", "92.0", "70.0", "95.0", "40.0", "60.0"])
        #expect(!Self.rows(hundred, "Incidencias").contains { ($0["Descripción"] ?? "").contains("escala") }, "a 0–100 column is not said")
    }
}
