import Foundation
import Testing
import XLSXReader

/// `celda feedback` end to end: a week of mal-escalados processed into a store, then one
/// compromiso sheet per advisor who erred, each advisor's errors equal to the gestionado's own
/// Procede column.
struct FeedbackTests {
    /// Advisor → rows marked Procede, from a gestionado's own columns.
    static func fold(_ s: String) -> String { s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased() }

    private func procedeByAdvisor(gestionado: String) throws -> [String: Int] {
        let base = try sheetCells(gestionado, sheet: "Base")
        let asesor = try #require(base[1]?.first { $0.value == .text("Nombre Asesor") }?.key)
        let procede = try #require(base[1]?.first { $0.value == .text("Procede") }?.key)
        var counts: [String: Int] = [:]
        for (row, values) in base where row > 1 {
            // One advisor whatever the case or accents the base typed the name in.
            if values[procede] == .text("Procede"), case .text(let name)? = values[asesor] { counts[Self.fold(name), default: 0] += 1 }
        }
        return counts
    }

    @Test func oneSheetPerAdvisorWhoErredWithTheGestionadosCounts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-feedback-\(UUID().uuidString)").path
        let store = dir + "/historial/celda.sqlite"
        #expect(try Celda.run(["samples", dir + "/s", "--rows", "200", "--seed", "9"]).status == 0)
        let run = try Celda.run(["process", dir + "/s/Base Mal Escalados 22-03.xlsx", "--out", dir + "/salida", "--store", store, "--today", "2024-03-22"])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try procedeByAdvisor(gestionado: dir + "/salida/Base Mal Escalados 22-03 - gestionado.xlsx")
        #expect(expected.count > 5, "the samples have advisors who erred: \(expected)")

        let feedback = try Celda.run(["feedback", "--period", "week", "--date", "2024-03-20", "--store", store, "--out", dir + "/informes"])
        #expect(feedback.status == 0, "\(feedback.stderr)")
        #expect(feedback.stdout.contains("\(expected.count) asesores, \(expected.values.reduce(0, +)) errores"), "\(feedback.stdout)")
        let path = dir + "/informes/Compromisos de mejoramiento semana 2024-03-18 a 2024-03-24.xlsx"
        let book = try XLSXWorkbook(path: path)
        #expect(book.sheets.count == expected.count + 1)
        #expect(book.sheets.first?.name == "Resumen")
        var listed: [String: Int] = [:], shown: [String] = []
        for (_, values) in try sheetCells(path, sheet: "Resumen") {
            if case .number(let n)? = values[0], case .text(let name)? = values[1], case .number(let errors)? = values[4] {
                #expect(n >= 1)
                listed[Self.fold(name)] = Int(errors)
                shown.append(name)
            }
        }
        #expect(listed == expected)

        // One advisor alone, in a file of their own.
        let someone = try #require(shown.sorted().first)
        let one = try Celda.run(["feedback", "--date", "2024-03-20", "--store", store, "--out", dir + "/informes", "--asesor", someone.uppercased()])
        #expect(one.status == 0 && one.stdout.contains(": 1 asesor, "), "\(one.stdout)\(one.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/informes/Compromisos de mejoramiento semana 2024-03-18 a 2024-03-24 - \(someone).xlsx"))
    }

    @Test func wrongCommandLinesAndMissingStoresAreSaid() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-feedback-\(UUID().uuidString)").path
        let day = try Celda.run(["feedback", "--period", "day", "--store", dir + "/x.sqlite"])
        #expect(day.status == 2 && day.stderr.contains("week o month"), "\(day.stderr)")
        let missing = try Celda.run(["feedback", "--date", "2024-03-20", "--store", dir + "/no-existe.sqlite", "--lang", "en"])
        #expect(missing.status == 1 && missing.stderr.contains("there is no history store at"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/no-existe.sqlite"), "a mistyped path creates nothing")
        // A store with nothing in that week: one line, no workbook.
        #expect(try Celda.run(["samples", dir + "/s"]).status == 0)
        _ = try Celda.run(["process", dir + "/s/Formulario Tipificador 22-03.csv", "--out", dir + "/salida", "--store", dir + "/h.sqlite"])
        let empty = try Celda.run(["feedback", "--date", "2023-01-10", "--store", dir + "/h.sqlite", "--out", dir + "/informes"])
        #expect(empty.status == 0 && empty.stdout.contains("no hay errores"), "\(empty.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/informes"))
    }
}
