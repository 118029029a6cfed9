import CeldaTestSupport
import Foundation
import Testing

/// The columns the procedures ask for (seed 000 step 4, seed 002 step 4) in both languages: each
/// one a person fills survives the gestionado coming back; no two columns share a header.
struct BackOfficeColumnsTests {
    /// Header → column, and row → column → value, through python-calamine.
    func read(_ path: String, sheet: String) throws -> (header: [String: Int], rows: [[Any]]) {
        let rows = try OutsideView.read(path).calamine(sheet)
        let header = rows.first?.enumerated().reduce(into: [String: Int]()) { $0[($1.element as? String) ?? ""] = $1.offset } ?? [:]
        return (header, rows)
    }

    func csv(in dir: String) throws -> String {
        let path = dir + "/Formulario 22-03.csv"
        let text = "Marca temporal;Nombre del asesor;Cuenta;Motivo de la comunicación;Causal;Área de escalamiento\r\n"
            + "22/03/2024 08:14;Paula Díaz;00123456;Sin señal de TV;A;\r\n"
            + "22/03/2024 09:30;Luis Mora;00654321;Solicita traslado a la nueva dirección;D;Traslados\r\n"
        try Data(text.data(using: .windowsCP1252)!).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [("es", "Área de escalamiento (back)", "Gestión", "Observación 2", "Estado"),
                      ("en", "Escalation area", "Action taken", "Second note", "Status")])
    func theTipificadorsBackOfficeColumnsComeBackWithTheEdits(_ c: (lang: String, area: String, gestion: String, obs2: String, estado: String)) throws {
        let dir = try Repository.temporaryFolder("celda-columnas")
        let first = try Celda.run(["process", try csv(in: dir), "--out", dir + "/salida", "--today", "2024-03-22", "--lang", c.lang])
        #expect(first.status == 0, "\(first.stderr)")
        let gestionado = dir + "/salida/Formulario 22-03 - gestionado.xlsx"
        let (header, rows) = try read(gestionado, sheet: "Formulario 22-03")
        for title in [c.area, c.gestion, c.obs2, c.estado] { #expect(header[title] != nil, "\(title) in \(header.keys.sorted())") }
        #expect(header.count == rows[0].count, "no two columns with one header")
        // Pre-filled: the causal's área, or the one the form already gave.
        #expect(rows[1][header[c.area]!] as? String == "Soporte Técnico" && rows[2][header[c.area]!] as? String == "Traslados")
        let validations = try OutsideView.read(gestionado).sheet("Formulario 22-03")["validations"] as? [[String: Any]] ?? []
        let areaColumn = String(UnicodeScalar(UInt8(65 + header[c.area]!)))
        #expect(validations.contains { ($0["sqref"] as? String)?.hasPrefix(areaColumn + "2") == true }, "a dropdown on the área: \(validations)")

        try OutsidePrograms.python("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
            head = [c.value for c in ws[1]]
            col = lambda name: head.index(name) + 1
            ws.cell(2, col(sys.argv[2])).value = "Visitas Técnicas"
            ws.cell(2, col(sys.argv[3])).value = "Se llamó al cliente y se agendó"
            ws.cell(3, col(sys.argv[4])).value = "Pendiente confirmar en RR"
            wb.save(sys.argv[1])
            """, [gestionado, c.area, c.gestion, c.obs2])
        let again = try Celda.run(["process", gestionado, "--out", dir + "/salida", "--today", "2024-03-22", "--lang", c.lang])
        #expect(again.status == 0, "\(again.stderr)")
        let (h2, back) = try read(dir + "/salida/Formulario 22-03 - gestionado (2).xlsx", sheet: "Formulario 22-03")
        #expect(h2 == header, "the same columns, nothing doubled")
        #expect(back[1][h2[c.area]!] as? String == "Visitas Técnicas")
        #expect(back[1][h2[c.gestion]!] as? String == "Se llamó al cliente y se agendó")
        #expect(back[2][h2[c.obs2]!] as? String == "Pendiente confirmar en RR")
        #expect(back[2][h2[c.area]!] as? String == "Traslados", "what nobody edited stays")
    }

    @Test func gestionSoportesAnswerAndItsDateComeBack() throws {
        let dir = try Repository.temporaryFolder("celda-respuesta")
        let base = dir + "/Base Mal Escalados 22-03.xlsx"
        try OutsidePrograms.python("""
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Base"
            ws.append(["Fecha", "Cuenta", "Asesor", "Tipología", "Duración T&D (min)"])
            ws.append([datetime.datetime(2024, 3, 22, 8, 0), "00123456", "Ana Ruiz", "Internet lento", 1.0])
            wb.save(sys.argv[1])
            """, [base])
        #expect(try Celda.run(["process", base, "--out", dir, "--today", "2024-03-22", "--lang", "en"]).status == 0)
        let gestionado = dir + "/Base Mal Escalados 22-03 - gestionado.xlsx"
        let (header, _) = try read(gestionado, sheet: "Base")
        #expect(header["Support Management answer"] != nil && header["Answer date"] != nil, "\(header.keys.sorted())")
        try OutsidePrograms.python("""
            import sys, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["Base"]
            head = [c.value for c in ws[1]]
            ws.cell(2, head.index("Outcome") + 1).value = "No procede"
            ws.cell(2, head.index("Support Management answer") + 1).value = "Aceptada"
            ws.cell(2, head.index("Answer date") + 1).value = datetime.date(2024, 3, 25)
            wb.save(sys.argv[1])
            """, [gestionado])
        #expect(try Celda.run(["process", gestionado, "--out", dir, "--today", "2024-03-26"]).status == 0)
        let (h2, rows) = try read(dir + "/Base Mal Escalados 22-03 - gestionado (2).xlsx", sheet: "Base")
        #expect(rows[1][h2["Respuesta Gestión Soporte"]!] as? String == "Aceptada")
        #expect((rows[1][h2["Fecha de respuesta"]!] as? String)?.hasPrefix("2024-03-25") == true, "\(rows[1])")
        #expect(rows[1][h2["Procede"]!] as? String == "No procede")
    }

    /// The CRM export has its own «Estado»: the back office's is «Estado (back)».
    @Test func thePremiumGestionadoHasNoTwoColumnsWithOneName() throws {
        let dir = try Repository.temporaryFolder("celda-premium-columnas")
        #expect(try Celda.run(["samples", dir + "/s", "--rows", "30"]).status == 0)
        #expect(try Celda.run(["process", dir + "/s/Casos Claro Premium 22-03.xlsx", "--out", dir, "--today", "2024-03-22"]).status == 0)
        let (header, rows) = try read(dir + "/Casos Claro Premium 22-03 - gestionado.xlsx", sheet: "Casos")
        #expect(header.count == rows[0].count, "\(rows[0])")
        #expect(header["Estado"] != nil && header["Estado (back)"] != nil)
    }
}
