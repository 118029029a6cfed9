import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// `celda process` as the back-office agent uses it, checked in the produced workbook by
/// Celda's reader and by python-calamine/openpyxl.
struct ProcessTests {
    static let header = ["Fecha escalamiento", "No. Cuenta", "Nombre Asesor", "Tipologia", "Sintoma", "Estado cuenta",
                         "Incidencia T&D", "Duracion T&D (min)", "Notas de escalamiento", "Columna del cliente"]
    static let goodNotes = "Cliente reporta lentitud desde ayer; se hacen pruebas T&D completas"

    private func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private func inlineRow(_ r: Int, _ values: [Any?]) -> String {
        "<row r=\"\(r)\">" + values.enumerated().compactMap { i, v -> String? in
            let ref = "\(CellReference.columnName(i))\(r)"
            switch v {
            case let s as String: return "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(xmlEscape(s))</t></is></c>"
            case let d as Double: return "<c r=\"\(ref)\"><v>\(d)</v></c>"
            case let date as (Double, Int): return "<c r=\"\(ref)\" s=\"\(date.1)\"><v>\(date.0)</v></c>"
            default: return nil
            }
        }.joined() + "</row>"
    }

    /// A base with two title rows, header synonyms, one row per causal case.
    private func base(in dir: URL) throws -> String {
        var rows = inlineRow(1, ["BASE MAL ESCALADOS 16/04/2025"]) + inlineRow(2, ["Gestión Soporte"])
        rows += inlineRow(3, ProcessTests.header)
        // 45763 = 2025-04-16 (Wednesday before Easter); style 1 is a date format.
        rows += inlineRow(4, [(45763.5, 1), 12_345_678.0, "Ana Gómez", "Internet lento", "Internet lento", "Activa", "INC1", 1.5, ProcessTests.goodNotes, "x"])
        rows += inlineRow(5, [(45763.5, 1), "0012345678", "Luis Díaz", "Internet lento", "Internet lento", "Cancelada", "INC2", 8.0, ProcessTests.goodNotes, "y"])
        rows += inlineRow(6, [(45763.5, 1), "12a4", "Ana Gómez", "Internet lento", "Internet lento", "Activa", "INC3", 6.0, ProcessTests.goodNotes, nil])
        rows += inlineRow(7, [(45763.5, 1), 87_654_321.0, "Eva Ruiz", "Internet lento", "Internet lento", "Activa", "INC4", 4.0, "corta", "=1+1"])
        var fixture = WorkbookFixture.single(rows)
        fixture.sheets[0].name = "Base"
        fixture.numFmts = [(164, "dd/mm/yyyy hh:mm")]
        fixture.cellXfs = [0, 164]
        let path = dir.appendingPathComponent("Base Mal Escalados 16-04.xlsx").path
        let written = try fixture.write("Base Mal Escalados 16-04.xlsx")
        try FileManager.default.copyItem(atPath: written, toPath: path)
        return path
    }

    private func read(_ path: String, sheet: String) throws -> [Int: [Int: CellValue]] {
        let book = try XLSXWorkbook(path: path)
        final class Box: @unchecked Sendable { var rows: [Int: [Int: CellValue]] = [:] }
        let box = Box()
        try book.readRows(of: try book.sheet(named: sheet)) { row in for c in row.cells { box.rows[row.number, default: [:]][c.column] = c.value } }
        return box.rows
    }

    @Test func everyRowAndCellIsKeptAndTheCausalsAreFilled() throws {
        let dir = try folder()
        let input = try base(in: dir)
        let run = try Celda.run(["process", input, "--out", dir.path, "--today", "2025-04-21"])
        #expect(run.status == 0, "\(run.stderr)")
        let output = dir.appendingPathComponent("Base Mal Escalados 16-04 - gestionado.xlsx").path
        #expect(run.stdout.contains("4 filas") && run.stdout.contains(output), "\(run.stdout)")

        // Every input cell from the header down is in the output, same value and type, header on row 1.
        let original = try read(input, sheet: "Base")
        let result = try read(output, sheet: "Base")
        for (r, cells) in original where r >= 3 {
            for (c, value) in cells {
                #expect(result[r - 2]?[c] == value, "input \(CellReference.name(row: r, column: c)) → output \(CellReference.name(row: r - 2, column: c))")
            }
        }
        #expect(result.keys.max() == 5, "4 data rows under the header, title rows left out")
        let back = 10 // first back-office column (K)
        #expect(result[1]?[back] == .text("Causal"))
        #expect(result[2]?[back] == .text("ME11 · Sin incidencia T&D / interacción < 3 min"), "1.5 min < 3 min")
        #expect(result[2]?[back + 2] == .text("ME11: Duración T&D 1,5 min < 3 min"))
        #expect(result[2]?[back + 3] == .text("Procede"))
        #expect(result[3]?[back] == .text("ME03 · Cuenta desconectada por mora o cancelada"))
        #expect(result[4]?[back] == nil, "no causal in the data")
        #expect(result[4]?[back + 3] == .text("Por revisar"))
        #expect(result[5]?[back] == .text("ME13 · Notas incompletas o erradas"))
        // Días de gestión across Semana Santa: 16 Apr (Wed) → 21 Apr (Mon) is 1 business day.
        #expect(result[2]?[back + 8] == .number(1))
        #expect(result[5]?[9] == .text("=1+1"), "text that looks like a formula stays text")

        // The account with letters is listed with its cell and a link to it.
        let incidencias = try read(output, sheet: "Incidencias")
        let invalid = incidencias.values.first { $0[3] == .text("Cuenta inválida") }
        #expect(invalid?[1] == .text("B4"), "\(incidencias)")

        // Outside readers agree, and the metadata sheet is very hidden.
        let view = try OutsideView.read(output)
        #expect(view.calamine("Base")[1].count >= 18)
        #expect(view.calamine("Base")[1][1] as? Double == 12_345_678 || view.calamine("Base")[1][1] as? Int == 12_345_678)
        #expect(view.calamine("Base")[2][1] as? String == "0012345678", "a text account keeps its zeros")
        #expect(view.cell("Base", "A2")["number_format"] as? String == "dd/mm/yyyy hh:mm:ss")
        #expect(view.sheet("_celda")["state"] as? String == "veryHidden")
        #expect(view.sheet("Base")["freeze"] as? String == "A2")
        let validations = view.sheet("Base")["validations"] as? [[String: Any]] ?? []
        #expect(validations.count == 4, "estado, causal, procede and Gestión Soporte's answer dropdowns")
        #expect(view.cell("Incidencias", "F2")["link"] as? String == "#'Base'!B4" || (view.sheet("Incidencias")["cells"] as? [String: Any])?.values.contains { ($0 as? [String: Any])?["link"] as? String == "#'Base'!B4" } == true)
    }

    @Test func csvExportsBecomeTypedCells() throws {
        let dir = try folder()
        let csv = dir.appendingPathComponent("Tipificador 22-03.csv").path
        let text = "Marca temporal;Nombre del asesor;Cuenta;Motivo de la comunicación;Causal\r\n22/03/2024 08:14;Paula Díaz;00123456;Sin señal de TV;A\r\n"
        try Data(text.data(using: .windowsCP1252)!).write(to: URL(fileURLWithPath: csv))
        let run = try Celda.run(["process", csv, "--out", dir.path, "--today", "2024-03-26"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = try read(dir.appendingPathComponent("Tipificador 22-03 - gestionado.xlsx").path, sheet: "Tipificador 22-03")
        guard case .date(let d)? = out[2]?[0] else { Issue.record("A2 is not a date: \(String(describing: out[2]?[0]))"); return }
        #expect(d.isoString == "2024-03-22T08:14:00")
        #expect(out[2]?[1] == .text("Paula Díaz"))
        #expect(out[2]?[2] == .text("00123456"))
        #expect(out[2]?[5] == .text("A · Soporte Técnico"))
        #expect(out[2]?[6] == .text("Soporte Técnico"), "the área of the causal, in a column a person may change")
        #expect(out[2]?[11] == .number(1), "Friday 22 → Tuesday 26 March 2024: Monday 25 is San José, so only Tuesday counts")
    }

    @Test func aFileThatCannotBeProcessedIsSaidAndTheOthersGoOn() throws {
        let dir = try folder()
        let good = try base(in: dir)
        let bad = dir.appendingPathComponent("sin tipologia.csv").path
        try "Fecha;Cuenta;Asesor;Tipo de escalado\n01/02/2024;12345678;Ana;x\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try Celda.run(["process", bad, good, "--out", dir.path])
        #expect(run.status == 1)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("«sin tipologia.csv»") && run.stderr.contains("opcion_escalada") && run.stderr.contains("«Tipo de escalado»"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Base Mal Escalados 16-04 - gestionado.xlsx").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sin tipologia - gestionado.xlsx").path))
    }

    @Test func inspectRecognisesAGestionado() throws {
        let dir = try folder()
        let input = try base(in: dir)
        #expect(try Celda.run(["process", input, "--out", dir.path, "--today", "2025-04-21"]).status == 0)
        let run = try Celda.run(["inspect", dir.appendingPathComponent("Base Mal Escalados 16-04 - gestionado.xlsx").path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Libro gestionado por Celda") && run.stdout.contains("«Base Mal Escalados 16-04.xlsx»"), "\(run.stdout)")
        #expect(run.stdout.contains("Columnas sin campo (se conservan tal cual): J «Columna del cliente»"), "only the client's own extra column: \(run.stdout)")
        #expect(!run.stdout.contains("«Evidencia»"))
    }

    @Test func neverOverwrites() throws {
        let dir = try folder()
        let input = try base(in: dir)
        #expect(try Celda.run(["process", input, "--out", dir.path]).status == 0)
        #expect(try Celda.run(["process", input, "--out", dir.path]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names.contains("Base Mal Escalados 16-04 - gestionado.xlsx"))
        #expect(names.contains("Base Mal Escalados 16-04 - gestionado (2).xlsx"))
    }

    @Test func anEditedGestionadoKeepsEveryHumanEdit() throws {
        let dir = try folder()
        let input = try base(in: dir)
        #expect(try Celda.run(["process", input, "--out", dir.path, "--today", "2025-04-21"]).status == 0)
        let first = dir.appendingPathComponent("Base Mal Escalados 16-04 - gestionado.xlsx").path
        // A person edits it in another program: causal, procede, estado, an observation.
        let edited = dir.appendingPathComponent("editado").path
        try FileManager.default.createDirectory(atPath: edited, withIntermediateDirectories: true)
        let editedFile = edited + "/Base editada.xlsx"
        try OutsidePrograms.python("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["Base"]
            head = [c.value for c in ws[1]]
            col = lambda name: head.index(name) + 1
            ws.cell(2, col("Causal")).value = "ME13"
            ws.cell(2, col("Estado")).value = "Cerrado"
            ws.cell(3, col("Procede")).value = "No procede"
            ws.cell(4, col("Observaciones del back")).value = "Revisado en RR: cuenta activa"
            wb.save(sys.argv[2])
            """, [first, editedFile])
        // …and LibreOffice saves it once more, as a supervisor's PC might.
        let lo = Process()
        lo.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        lo.arguments = ["-env:UserInstallation=file://\(dir.path)/perfil", "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", dir.path + "/lo", editedFile]
        lo.standardOutput = FileHandle.nullDevice
        try lo.run()
        lo.waitUntilExit()
        let resaved = dir.path + "/lo/Base editada.xlsx"
        #expect(FileManager.default.fileExists(atPath: resaved))

        let out = dir.appendingPathComponent("salida2")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let run = try Celda.run(["process", resaved, "--out", out.path, "--today", "2025-04-22"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("con sus ediciones"), "\(run.stdout)")
        let result = try read(out.appendingPathComponent("Base Mal Escalados 16-04 - gestionado.xlsx").path, sheet: "Base")
        let head = result[1] ?? [:]
        func column(_ name: String) -> Int { head.first { $0.value == .text(name) }?.key ?? -1 }
        #expect(result[2]?[column("Causal")] == .text("ME13 · Notas incompletas o erradas"), "the person's causal wins")
        #expect(result[2]?[column("Estado")] == .text("Cerrado"))
        #expect(result[2]?[column("Alarma")] == .text("No"), "a closed case raises no alarm")
        #expect(result[3]?[column("Procede")] == .text("No procede"))
        #expect(result[3]?[column("Causal")] == .text("ME03 · Cuenta desconectada por mora o cancelada"), "not edited: the rules' value")
        #expect(result[4]?[column("Observaciones del back")] == .text("Revisado en RR: cuenta activa"))
        #expect(result[2]?[column("Días de gestión")] == .number(2), "recomputed for the new date")
        #expect(head.count == 20, "10 original + 10 back-office columns, nothing doubled: \(head.count)")
        let original = try read(input, sheet: "Base")
        for (c, value) in original[4] ?? [:] { #expect(result[2]?[c] == value, "original cell \(c) kept through both programs") }
    }

    @Test func guessedHeadersAndFormulasAreSaid() throws {
        let dir = try folder()
        var rows = inlineRow(1, ["Fecha escalamento", "Cuenta", "Asesor", "Tipologia", "Duracion T&D (min)"])
        rows += inlineRow(2, [(45371.5, 1), 12_345_678.0, "Ana", "Internet lento", 5.0])
        rows += "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45371.5</v></c><c r=\"B3\"><v>12345679</v></c>"
            + "<c r=\"C3\" t=\"inlineStr\"><is><t>Luis</t></is></c><c r=\"D3\" t=\"inlineStr\"><is><t>x</t></is></c>"
            + "<c r=\"E3\"><f>E2*2</f><v>10</v></c></row>"
        var fixture = WorkbookFixture.single(rows)
        fixture.numFmts = [(164, "dd/mm/yyyy hh:mm")]
        fixture.cellXfs = [0, 164]
        let written = try fixture.write("Adivinada.xlsx")
        let run = try Celda.run(["process", written, "--out", dir.path, "--today", "2024-03-22"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("encabezados adivinados: «Fecha escalamento» → fecha"), "\(run.stdout)")
        #expect(run.stderr.isEmpty, "no progress line when stderr is not a terminal")
        let out = try read(dir.appendingPathComponent("Adivinada - gestionado.xlsx").path, sheet: "Incidencias")
        #expect(out.values.contains { $0[1] == .text("E3") && $0[4] == .text("Tenía la fórmula «=E2*2»; se escribió su valor") }, "\(out)")
        let base = try read(dir.appendingPathComponent("Adivinada - gestionado.xlsx").path, sheet: "Hoja1")
        #expect(base[3]?[4] == .number(10), "the value is kept")
    }

    @Test func aBadDateIsAUsageError() throws {
        let run = try Celda.run(["process", "x.xlsx", "--today", "22/03/2024"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--today debe ser una fecha AAAA-MM-DD"), "\(run.stderr)")
        let english = try Celda.run(["process", "x.xlsx", "--today", "22/03/2024", "--lang", "en"])
        #expect(english.status == 2 && english.stderr.contains("--today must be a YYYY-MM-DD date"), "\(english.stderr)")
    }

    /// README's own example in a fresh folder: --out is created; one that cannot be is exit 1,
    /// one line naming it, in the chosen language.
    @Test func theOutputFolderIsCreatedOrRefusedInOneLine() throws {
        let dir = try folder()
        let input = try base(in: dir)
        let made = try Celda.run(["process", input, "--out", dir.appendingPathComponent("salida/hoy").path, "--today", "2025-04-21"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("salida/hoy/Base Mal Escalados 16-04 - gestionado.xlsx").path))

        let blocked = dir.appendingPathComponent("Base Mal Escalados 16-04.xlsx/salida").path // under a file
        for (lang, expected) in [("es", "no se puede usar la carpeta «\(blocked)» (una parte de la ruta es un archivo, no una carpeta)"),
                                 ("en", "cannot use folder \"\(blocked)\" (part of the path is a file, not a folder)")] {
            let run = try Celda.run(["process", input, "--out", blocked, "--lang", lang])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("celda: ") && run.stderr.contains(expected), "\(run.stderr)")
        }
    }
}
