import CeldaTestSupport
import Foundation
import Testing

/// Every figure a supervisor forwards, recomputed from the gestionados alone with the seeds'
/// formulas (`Tests/Support/scripts/seed_figures.py`, through python-calamine), never from
/// Celda's code: a week with several advisors, ties at the top-5 line, rows without a causal, a
/// person's *No procede* and Gestión Soporte's answer, asked for long after (as a supervisor
/// asks for a past week in December).
struct SeedFiguresTests {
    static let script = Repository.root.appendingPathComponent("Tests/Support/scripts/seed_figures.py").path

    /// Runs python; returns its stdout lines (the problems, then the figures as JSON).
    func python(_ arguments: [String], code: String? = nil) throws -> [String] {
        try OutsidePrograms.pythonOutput((code.map { ["-c", $0] } ?? []) + arguments).split(separator: "\n").map(String.init)
    }

    /// A week's base as Gestión Soporte sends it: eight advisors — two with 2 errors, five with
    /// 1 (so the fifth place is a tie of five), one without any — and clean rows no rule flags.
    static let makeBase = """
        import sys, datetime, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Base"
        ws.append(["Fecha escalamiento", "Cuenta", "Nombre Asesor", "Supervisor", "Tipología", "Incidencia T&D", "Duración T&D (min)", "Notas de escalamiento"])
        long = "Cliente reporta lentitud, se hacen pruebas T&D completas y se escala con soporte"
        plan = [("Sofía Pérez López", ["ME11", "ME13", None, None]), ("Mateo Gómez", ["ME11", "ME11", None]),
                ("Ana Díaz", ["ME13", None]), ("Bruno Ríos", ["ME11"]), ("Carla Soto", ["ME13", None, None]),
                ("Diego Paz", ["ME11"]), ("Elena Mora", ["ME13"]), ("Félix Ruiz", [None, None, None])]
        n = 0
        for name, rows in plan:
            for kind in rows:
                day = datetime.datetime(2024, 3, 18 + n % 5, 8 + n % 9, 15)
                inc, dur, notes = "INC%05d" % n, 12.0, long
                if kind == "ME11": inc, dur = "", 1.5
                if kind == "ME13": notes = "llamada"
                ws.append([day, "%08d" % (10000000 + n), name, "Sup " + name.split()[0], "Internet lento", inc, dur, notes])
                n += 1
        wb.save(sys.argv[1])
        """

    /// What a back-office agent types: the first two rows of Carla Soto are *No procede* (the
    /// second with Gestión Soporte's *Rechazada*), a clean row of Félix Ruiz *Procede* ME12.
    static let edit = """
        import sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["Base"]
        col = {c.value: c.column for c in ws[1]}
        carla = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col["Nombre Asesor"]).value == "Carla Soto"]
        for r in carla[:2]: ws.cell(r, col["Procede"]).value = "No procede"
        ws.cell(carla[1], col["Respuesta Gestión Soporte"]).value = "Rechazada"
        ws.cell(carla[1], col["Fecha de respuesta"]).value = datetime.date(2024, 3, 21)
        felix = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col["Nombre Asesor"]).value == "Félix Ruiz"]
        ws.cell(felix[0], col["Causal"]).value = "ME12 · Proceso T&D errado"
        ws.cell(felix[0], col["Procede"]).value = "Procede"
        wb.save(sys.argv[1])
        """

    @Test func theConsolidadoAndTheCompromisosAreTheSeedsFigures() throws {
        let dir = try Repository.temporaryFolder("celda-cifras")
        let store = dir + "/h.sqlite", base = dir + "/Base Mal Escalados 18-03.xlsx"
        _ = try python([base], code: Self.makeBase)
        let first = try Celda.run(["process", base, "--out", dir + "/salida", "--store", store, "--today", "2024-03-22"])
        #expect(first.status == 0, "\(first.stderr)")
        let gestionado = dir + "/salida/Base Mal Escalados 18-03 - gestionado.xlsx"
        _ = try python([gestionado], code: Self.edit)
        let again = try Celda.run(["process", gestionado, "--out", dir + "/salida", "--store", store, "--today", "2024-03-22"])
        #expect(again.status == 0, "\(again.stderr)")
        let edited = dir + "/salida/Base Mal Escalados 18-03 - gestionado (2).xlsx"

        // Asked in December 2026 for the week of 18 March 2024.
        for command in [["report", "mal-escalados", "--period", "week"], ["feedback", "--period", "week"]] {
            let run = try Celda.run(command + ["--date", "2024-03-20", "--store", store, "--out", dir + "/informes", "--today", "2026-12-07"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let consolidado = dir + "/informes/Consolidado mal escalado soporte semana 2024-03-18 a 2024-03-24.xlsx"
        let compromisos = dir + "/informes/Compromisos de mejoramiento semana 2024-03-18 a 2024-03-24.xlsx"
        let lines = try python([Self.script, "consolidado", edited, consolidado, compromisos])
        #expect(lines.dropLast().isEmpty, "\(lines.dropLast().joined(separator: "\n"))")
        let figures = try #require(lines.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        // The data are what the test set out to have: rows to review, no procede, an error type
        // a person gave (ME12), and a tie of five at the fifth place.
        #expect(figures["rows"] as? Int == 18 && figures["no_procede"] as? Int == 2)
        #expect((figures["review"] as? Int ?? 0) >= 5 && (figures["types"] as? [String: Int])?["ME12"] == 1, "\(figures)")
        #expect((figures["errors"] as? [String: Int])?.values.filter { $0 == 1 }.count == 5, "\(figures)")

        // Judged as of the week's last base (22/03/2024), not December 2026: the reclamación
        // seen on the 22nd without an answer is not overdue, and every sheet says the day.
        let view = try OutsideView.read(consolidado)
        #expect((view.calamine("Resumen por causal")[1].first as? String)?.hasSuffix("Cifras al 22/03/2024") == true)
        let claims = view.calamine("Reclamaciones").dropFirst(4).filter { !($0.first as? String ?? "").isEmpty }
        #expect(claims.map { $0[6] as? String ?? "" }.sorted() == ["", "Rechazada"])
        #expect(claims.allSatisfy { ($0[8] as? String) == "No" }, "\(claims)")
        // Sofía: 2 errors of 18 rows sent is 11,1 % (not 2 of her 4 rows, 50 %).
        let sofia = try #require(try OutsideView.read(compromisos).calamine("Sofía Pérez López").first { ($0.first as? String)?.hasPrefix("Casos escalados") == true })
        #expect((sofia.first as? String)?.contains("% cuentas mal escaladas: 11,1 % de 18 filas enviadas") == true, "\(sofia)")
        #expect((sofia.first as? String)?.contains("% de sus escalamientos: 50,0 %") == true, "\(sofia)")
    }

    /// Seed 000: causales ranked by cases; a past week's alarms as the gestionado said them.
    @Test func recurrentesOfAPastWeekReadAsTheGestionadoSaid() throws {
        let dir = try Repository.temporaryFolder("celda-cifras-rec")
        let store = dir + "/h.sqlite", csv = dir + "/Formulario 15-03.csv"
        var lines = ["Marca temporal;Nombre del asesor;Cuenta;Motivo de la comunicación;Causal"]
        let motivos = [("Sin señal de TV desde ayer", "A"), ("Solicita traslado a la nueva dirección", "D"), ("Quiere cancelar el internet", "E"),
                       ("Le llegó la factura con un valor más alto", "G"), ("Sigue sin navegación", "A"), ("Pide visita técnica", "C")]
        for i in 0..<24 {
            let (motivo, causal) = motivos[i % motivos.count == 5 && i > 12 ? 0 : i % motivos.count]
            lines.append(String(format: "%02d/03/2024 %02d:10", 11 + i % 5, 8 + i % 8) + ";Asesor \(i % 4);" + String(format: "%08d", 5000 + i % 9)
                         + ";\(motivo);\(causal)")
        }
        try (lines.joined(separator: "\r\n") + "\r\n").data(using: .windowsCP1252)!.write(to: URL(fileURLWithPath: csv))
        let run = try Celda.run(["process", csv, "--out", dir + "/salida", "--store", store, "--today", "2024-03-15"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Celda.run(["report", "recurrentes", "--period", "week", "--date", "2024-03-13", "--store", store, "--out", dir + "/informes",
                                    "--today", "2026-12-07"])
        #expect(report.status == 0, "\(report.stderr)")
        let out = try python([Self.script, "recurrentes", dir + "/salida/Formulario 15-03 - gestionado.xlsx",
                              dir + "/informes/Informe recurrentes y reincidentes semana 2024-03-11 a 2024-03-17.xlsx"])
        #expect(out.dropLast().isEmpty, "\(out.dropLast().joined(separator: "\n"))")
        let figures = try #require(out.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect((figures["alarms"] as? Int ?? 0) > 0, "some cases of the week were past the alarm on the 15th: \(figures)")
    }
}
