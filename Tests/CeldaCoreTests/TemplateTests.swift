import Foundation
import Testing
@testable import CeldaCore

/// The repository's Templates/ folder, read as the CLI reads it.
func repositoryTemplateTexts() throws -> [String: String] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates")
    var texts: [String: String] = [:]
    for file in Templates.files { texts[file] = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) }
    // Each kind's own file, as TemplateFolder adds them.
    let kinds = folder.appendingPathComponent(Templates.kindFolder)
    for file in try FileManager.default.contentsOfDirectory(atPath: kinds.path) where file.hasSuffix(".yaml") {
        texts[Templates.kindFolder + "/" + file] = try String(contentsOf: kinds.appendingPathComponent(file), encoding: .utf8)
    }
    return texts
}

func repositoryTemplates() throws -> Templates { try Templates(texts: try repositoryTemplateTexts()) }

struct TemplateTests {
    /// Every label a workbook or message shows exists in both languages: a key in one only
    /// would show Spanish (or the bare key) in a `--lang en` workbook.
    @Test func everyLabelIsInSpanishAndEnglish() throws {
        let t = try repositoryTemplates()
        let es = Set(t.labels["es"]?.keys ?? [:].keys), en = Set(t.labels["en"]?.keys ?? [:].keys)
        #expect(es.count > 300)
        #expect(es.subtracting(en).sorted() == [], "Spanish only")
        #expect(en.subtracting(es).sorted() == [], "English only")
        #expect(t.labels.keys.sorted() == ["en", "es"])
    }

    @Test func theShippedTemplatesLoad() throws {
        let t = try repositoryTemplates()
        #expect(t.kinds.map(\.id) == ["asistencia", "encuesta-premium", "mal-escalados", "monitoreo", "premium", "tipificador"])
        #expect(t.opcionesPorSintoma["Internet lento"]?.contains("Intermitencia") == true)
        #expect(t.malEscalados.map(\.code) == (1...13).map { String(format: "ME%02d", $0) })
        #expect(t.malEscalados.first { $0.code == "ME12" }?.automatic == false, "ME12 is never automatic")
        #expect(t.malEscalados.first { $0.code == "ME11" }?.thresholds?["min_duracion_td_min"] == 3)
        #expect(t.tipificador.map(\.code) == ["A", "B", "C", "D", "E", "F", "G", "H", "I"])
        #expect(t.estados.estados_mal_escalados.contains("Retroalimentado"))
        #expect(t.businessCalendar.weekend == [6, 7])
        let required = t.kind("mal-escalados")!.fields.filter(\.isRequired).map(\.field)
        #expect(required == ["fecha", "cuenta", "asesor", "opcion_escalada"])
    }

    @Test func aMissingKeyNamesTheFileAndTheKey() throws {
        var texts = try repositoryTemplateTexts()
        let words = try #require(texts["causales-mal-escalados.yaml"]?.components(separatedBy: "causales:\n").first)
        texts["causales-mal-escalados.yaml"] = words + "causales:\n  - code: ME01\n    label: x\n    procedimiento: y\n"
        #expect(throws: TemplateError(file: "causales-mal-escalados.yaml", key: "causales[0].priority", problem: .missingKey("priority"))) {
            try Templates(texts: texts)
        }
    }

    @Test func brokenYAMLAndBadValuesAreNamed() throws {
        var texts = try repositoryTemplateTexts()
        texts["estados.yaml"] = "estados: [Pendiente, \n  procede: : :"
        #expect { try Templates(texts: texts) } throws: { ($0 as? TemplateError)?.file == "estados.yaml" }

        texts = try repositoryTemplateTexts()
        texts["calendar.yaml"] = "weekend: [6, 9]\nextra_days_off: []\nalarm_business_days: 3\ntime_zone: America/Bogota\n"
        #expect { try Templates(texts: texts) } throws: {
            let e = $0 as? TemplateError
            return e?.file == "calendar.yaml" && e?.key == "weekend[1]"
        }

        texts = try repositoryTemplateTexts()
        texts["calendar.yaml"] = "weekend: [6, 7]\nextra_days_off: [\"24/12/2025\"]\nalarm_business_days: 3\ntime_zone: America/Bogota\n"
        #expect { try Templates(texts: texts) } throws: { ($0 as? TemplateError)?.key == "extra_days_off[0]" }

        texts = try repositoryTemplateTexts()
        texts.removeValue(forKey: "kinds.yaml")
        #expect(throws: TemplateError(file: "kinds.yaml", key: nil, problem: .missingFile)) { try Templates(texts: texts) }

        texts = try repositoryTemplateTexts()
        texts["causales-mal-escalados.yaml"] = (texts["causales-mal-escalados.yaml"] ?? "") + "  - code: ME01\n    label: otra\n    priority: 1\n    procedimiento: z\n"
        #expect { try Templates(texts: texts) } throws: { ($0 as? TemplateError)?.key == "causales[13].code" }
    }

    @Test func anUnknownTimeZoneIsNamed() throws {
        var texts = try repositoryTemplateTexts()
        texts["calendar.yaml"] = "weekend: [6, 7]\nextra_days_off: []\nalarm_business_days: 3\ntime_zone: America/Medellin\n"
        #expect(throws: TemplateError(file: "calendar.yaml", key: "time_zone", problem: .unknownTimeZone("America/Medellin"))) { try Templates(texts: texts) }
    }

    @Test func todayIsTheOperationsDate() throws {
        let t = try repositoryTemplates()
        // 2024-03-23 03:30 UTC is still the 22nd in Bogotá (UTC−5).
        #expect(t.today(now: Date(timeIntervalSince1970: 1_711_164_600)) == CalendarDate(year: 2024, month: 3, day: 22))
    }

    /// Every label a workbook writes exists in both languages: a `--lang en` report is never
    /// half Spanish because a key was added to one side only.
    @Test func everyLabelIsInBothLanguages() throws {
        let t = try repositoryTemplates()
        let es = Set(t.labels["es"]?.keys.map { $0 } ?? []), en = Set(t.labels["en"]?.keys.map { $0 } ?? [])
        #expect(es.count > 200)
        #expect(es.subtracting(en).sorted() == [], "only in Spanish")
        #expect(en.subtracting(es).sorted() == [], "only in English")
    }
}
