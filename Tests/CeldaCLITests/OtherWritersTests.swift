import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// Bases written by other programs, as they reach the back office: openpyxl (what a client's
/// script would write) and the same file saved again by LibreOffice.
struct OtherWritersTests {
    private func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-writers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private func run(_ executable: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    private func cells(_ path: String) throws -> [Int: [Int: CellValue]] {
        let book = try XLSXWorkbook(path: path)
        final class Box: @unchecked Sendable { var rows: [Int: [Int: CellValue]] = [:] }
        let box = Box()
        try book.readRows(of: book.sheets[0]) { row in for c in row.cells { box.rows[row.number, default: [:]][c.column] = c.value } }
        return box.rows
    }

    @Test func openpyxlAndLibreOfficeBasesKeepEveryCellAndGetTheirCausal() throws {
        let dir = try folder()
        let openpyxlFile = dir.appendingPathComponent("Base openpyxl.xlsx").path
        #expect(try run("/usr/bin/env", ["python3", "-c", """
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Escalamientos"
            ws.append(["Reporte diario mal escalados"]); ws.append([])
            ws.append(["Fecha registro", "Numero de cuenta", "Agente", "Opcion escalada", "Estado de la cuenta", "Duracion TD", "Notas", "Zona"])
            good = "Cliente reporta lentitud; pruebas T&D completas y reinicio"
            ws.append([datetime.datetime(2024, 3, 20, 9, 30), 12345678, "Ana", "Internet lento", "Activa", 1.2, good, "Norte"])
            ws.append([datetime.datetime(2024, 3, 20, 10, 0), "0087654321", "Luis", "Internet lento", "Cancelada", 9, good, "Sur"])
            ws.append([datetime.datetime(2024, 3, 21, 11, 15), 55512345, "Eva", "Internet lento", "Activa", 7, good, None])
            ws.append([datetime.datetime(2024, 3, 21, 12, 0), "ABC123", "Eva", "Internet lento", "Activa", 7, good, "Centro"])
            ws["A4"].number_format = "dd/mm/yyyy hh:mm"
            wb.save(sys.argv[1])
            """, openpyxlFile]) == 0)
        let lo = dir.appendingPathComponent("lo").path
        #expect(try run("/usr/bin/soffice", ["-env:UserInstallation=file://\(dir.path)/perfil", "--headless", "--norestore",
                                             "--convert-to", "xlsx", "--outdir", lo, openpyxlFile]) == 0)
        for input in [openpyxlFile, lo + "/Base openpyxl.xlsx"] {
            let out = dir.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let result = try Celda.run(["process", input, "--out", out.path, "--today", "2024-03-22"])
            #expect(result.status == 0, "\(input): \(result.stderr)")
            let output = out.appendingPathComponent("Base openpyxl - gestionado.xlsx").path
            let before = try cells(input), after = try cells(output)
            for (r, row) in before where r >= 3 {
                for (c, value) in row { #expect(after[r - 2]?[c] == value, "\(input) \(CellReference.name(row: r, column: c))") }
            }
            #expect(after[2]?[8] == .text("ME11 · Sin incidencia T&D / interacción < 3 min"), "\(input)")
            #expect(after[3]?[8] == .text("ME03 · Cuenta desconectada por mora o cancelada"))
            #expect(after[4]?[8] == nil)
            let issues = try XLSXWorkbook(path: output)
            let incidencias = try issues.sheet(named: "Incidencias")
            final class Found: @unchecked Sendable { var refs: [String] = [] }
            let found = Found()
            try issues.readRows(of: incidencias) { row in
                if row.cells.contains(where: { $0.value == .text("Cuenta inválida") }), case .text(let ref)? = row.cells.first(where: { $0.column == 1 })?.value {
                    found.refs.append(ref)
                }
            }
            #expect(found.refs == ["B5"], "\(input): the mistyped account, by its cell in the gestionado")
        }
    }

    @Test func samplesAreDeterministic() throws {
        let a = try folder().path, b = try folder().path
        #expect(try Celda.run(["samples", a, "--rows", "60", "--seed", "5"]).status == 0)
        #expect(try Celda.run(["samples", b, "--rows", "60", "--seed", "5"]).status == 0)
        let csvA = try Data(contentsOf: URL(fileURLWithPath: a + "/Formulario Tipificador 22-03.csv"))
        let csvB = try Data(contentsOf: URL(fileURLWithPath: b + "/Formulario Tipificador 22-03.csv"))
        #expect(csvA == csvB)
        let dumpA = try Celda.run(["dump", a + "/Base Mal Escalados 22-03.xlsx"]).stdout
        let dumpB = try Celda.run(["dump", b + "/Base Mal Escalados 22-03.xlsx"]).stdout
        #expect(dumpA == dumpB && dumpA.split(separator: "\n").count == 63, "title, blank, header and 60 rows")
        let processed = try Celda.run(["process", a + "/Base Mal Escalados 22-03.xlsx", a + "/Formulario Tipificador 22-03.csv", "--today", "2024-03-22"])
        #expect(processed.status == 0, "\(processed.stderr)")
    }
}
