import CeldaCore
import CeldaPipeline
import CeldaStore
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// A kind added as README says a new operation's base is added — its folder (here,
/// `VisitasKind.swift`), its file in `Templates/kinds/` and one registration — is recognised by
/// its headers, decided with its own settings and cross-row fact, written with its labels, goes
/// into the history, and comes back with what a person typed in its own editable column.
struct NewKindTests {
    let today = CalendarDate(year: 2024, month: 3, day: 22)

    /// The shipped Templates/ with the kind's file added in kinds/, as an operation would.
    private func templatesWithTheKind(_ dir: String) throws -> Templates {
        let folder = dir + "/Templates"
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: folder)
        try FileManager.default.createDirectory(atPath: folder + "/kinds", withIntermediateDirectories: true)
        let own = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("visitas-tecnicas.yaml").path
        try FileManager.default.copyItem(atPath: own, toPath: folder + "/kinds/visitas-tecnicas.yaml")
        return try TemplateFolder.load(explicit: folder)
    }

    @Test func aKindAddedInItsFolderIsProcessedStoredAndComesBack() throws {
        let dir = try Repository.temporaryFolder("celda-new-kind")
        let t = try templatesWithTheKind(dir)
        var p = try BaseProcessor(templates: t, today: today, language: .es, outFolder: dir + "/salida")
        p.kinds = try KindCatalog(templates: t, kinds: KindCatalog.registered + [VisitasKind.self])
        p.store = try SQLiteStore(path: dir + "/h.sqlite")
        // Mon 18 … Fri 22 March 2024; three cuentas visited more than once.
        let visits: [(day: Int, cuenta: String, resultado: String)] = [
            (18, "71000001", "Instalada"), (18, "71000002", "No atendió"), (19, "71000001", "Reprogramada"), (20, "71000003", "Instalada"),
            (20, "71000002", "Dirección errada"), (21, "71000004", "Instalada"), (22, "71000002", "no atendio"), (22, "71000005", "Instalada"),
        ]
        var text = "Fecha visita;Cuenta;Técnico;Resultado\r\n"
        for v in visits { text += "\(v.day)/03/2024;\(v.cuenta);Juan Pérez;\(v.resultado)\r\n" }
        let base = dir + "/Visitas 22-03.csv"
        try text.write(toFile: base, atomically: true, encoding: .utf8)

        let summary = try p.process(base)
        #expect(summary.kind == "visitas-tecnicas" && summary.rows == visits.count)
        let sheet = try cells(summary.output)
        let header = try #require(sheet[1])
        func column(_ title: String) throws -> Int { try #require(header.first { $0.value == .text(title) }?.key, "«\(title)»") }
        let (fallida, count, owner) = (try column("Visita fallida"), try column("Visitas de la cuenta"), try column("Responsable de reprogramar"))
        let alarm = try column("Alarma")
        // Recomputed here from the settings in the kind's file: failed results, two business days.
        let failedWords: Set<String> = ["no atendio", "reprogramada", "direccion errada"]
        func folded(_ s: String) -> String { s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) }
        for (i, v) in visits.enumerated() {
            let row = try #require(sheet[i + 2])
            let failed = failedWords.contains(folded(v.resultado))
            #expect(row[fallida] == .text(failed ? "Sí" : "No"), "row \(i + 2)")
            #expect(row[count] == .number(Double(visits.filter { $0.cuenta == v.cuenta }.count)), "row \(i + 2)")
            // Business days from the visit to Friday the 22nd (no holiday that week), the kind's limit 2.
            #expect(row[alarm] == .text(22 - v.day >= 2 ? "Sí" : "No"), "row \(i + 2)")
        }
        let stored = try #require(p.store).cases(kind: "visitas-tecnicas", from: CalendarDate(year: 2024, month: 3, day: 1), to: today)
        #expect(stored.count == visits.count)

        // A person names who reschedules the second visit; the gestionado comes back with it.
        let edited = dir + "/Visitas editadas.xlsx"
        try OutsidePrograms.python("""
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        wb.worksheets[0].cell(row=3, column=int(sys.argv[3]) + 1, value="Marta Gómez")
        wb.save(sys.argv[2])
        """, [summary.output, edited, String(owner)])
        let again = try p.process(edited)
        #expect(again.reprocessed)
        let back = try cells(again.output)
        #expect(back[3]?[owner] == .text("Marta Gómez"))
        #expect(back[2]?[owner] == nil)
        #expect(back.mapValues { $0.filter { $0.key != owner } } == sheet.mapValues { $0.filter { $0.key != owner } }, "only the typed cell changed")
    }

    /// Its settings are its own file's: a wrong one is refused naming that file and key.
    @Test func aWrongSettingInTheKindsFileIsNamed() throws {
        let dir = try Repository.temporaryFolder("celda-new-kind-bad")
        let t = try templatesWithTheKind(dir)
        let path = dir + "/Templates/kinds/visitas-tecnicas.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "alarma_dias_habiles: 2", with: "alarma_dias_habiles: dos")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try TemplateFolder.load(explicit: dir + "/Templates")
        #expect(t.kind("visitas-tecnicas") != nil)
        #expect {
            try KindCatalog(templates: broken, kinds: KindCatalog.registered + [VisitasKind.self])
        } throws: { error in
            guard let e = error as? TemplateError else { return false }
            return e.file.hasSuffix("kinds/visitas-tecnicas.yaml") && (e.key ?? "").contains("alarma_dias_habiles")
        }
    }
}
