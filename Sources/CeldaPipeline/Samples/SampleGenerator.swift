import CeldaCore
import Foundation
import XLSXWriter

/// Deterministic realistic data (a 64-bit LCG: same seed, same files on every machine).
public struct SampleGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }

    /// The file names `samples` writes: one mal-escalados base a day (the last one, 22-03, is
    /// «the day's»), the week's tipificador export, the premium exports and survey.
    public static let malEscaladosName = "Base Mal Escalados 22-03.xlsx"
    public static func malEscaladosName(day: Int) -> String { "Base Mal Escalados \(day)-03.xlsx" }
    /// Monday's base as the back office sends it back after reviewing it (a gestionado with a
    /// person's edits: *No procede*, Gestión Soporte's answers, a causal only a person gives).
    /// Named so that a folder sorted by name takes it after the bases of the week.
    public static let reviewedName = "Revisión back office - Base Mal Escalados 18-03.xlsx"
    public static let tipificadorName = "Formulario Tipificador 22-03.csv"
    /// The day the samples are "received": the demo processes them as of this day, so días de
    /// gestión and alarms read as on a normal morning (not years later).
    public static let receivedOn = "2024-03-22"
    /// The week of the samples: Monday 18 to Friday 22 March 2024.
    public static let weekDays = [18, 19, 20, 21, 22]

    /// Days of the week written: 1, only the 22nd's base (one large base, for benchmarks and
    /// tests); 5, Monday to Friday with Monday's reviewed copy (`celda samples`' default).
    public var days = 1

    /// Writes the samples into `folder` (created when missing); returns their paths.
    public mutating func write(into folder: String, rows: Int, templates: Templates? = nil) throws -> [String] {
        try OutputFolder.prepare(folder)
        var paths: [String] = []
        let week = Array(Self.weekDays.suffix(max(1, min(days, Self.weekDays.count))))
        for day in week {
            let base = (folder as NSString).appendingPathComponent(Self.malEscaladosName(day: day))
            // Each day's base has about as many rows as asked; the 22nd's exactly as many.
            try writeMalEscalados(to: base, rows: day == 22 ? rows : max(1, rows * (85 + next(30)) / 100), day: day)
            paths.append(base)
            if day == 18, let templates, week.count > 1 {
                let reviewed = (folder as NSString).appendingPathComponent(Self.reviewedName)
                try SampleReview.write(reviewOf: base, to: reviewed, templates: templates)
                paths.append(reviewed)
            }
        }
        let csv = (folder as NSString).appendingPathComponent(Self.tipificadorName)
        try writeTipificador(to: csv, rows: rows)
        let premium = try writePremium(into: folder, cases: min(rows, 400))
        return paths + [csv] + premium + (try writeTeam(into: folder))
    }

    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }
    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    static let nombres = ["Ana", "Luis", "Carlos", "Diana", "Jorge", "Paula", "Andrés", "Camila", "Julián", "Sofía", "Mateo", "Valentina"]
    static let apellidos = ["Gómez", "Rodríguez", "Martínez", "López", "García", "Pérez", "Sánchez", "Ramírez", "Torres", "Díaz"]

    /// The back office's team of the week: each advisor with one supervisor and one cédula,
    /// the same every day (the same seed, the same team).
    static let team: [(asesor: String, cedula: String, supervisor: String)] = {
        let supervisors = ["Marta Lucía Ríos", "Jorge Iván Castaño", "Claudia Patricia Vélez"]
        let names = ["Sofía Pérez López", "Mateo Gómez Ruiz", "Ana María Díaz", "Luis Fernando Torres", "Camila Sánchez Ramírez",
                     "Andrés Felipe García", "Valentina Rodríguez Díaz", "Julián Martínez", "Paula Andrea López", "Carlos Ramírez Gómez",
                     "Diana Marcela Torres", "Jorge Luis Pérez"]
        return names.enumerated().map { i, n in (n, String(1_010_000_000 + i * 7919), supervisors[i % supervisors.count]) }
    }()

    static let notasLargas = ["Cliente reporta lentitud desde ayer; se hacen pruebas T&D y se reinicia el módem sin mejora",
                              "Usuario sin señal en dos televisores, decodificador reiniciado, nivel de señal bajo",
                              "Intermitencia en horas de la noche; pruebas de velocidad por debajo del plan contratado",
                              "Sin navegación desde la mañana, luces del módem normales, se valida con el cliente"]

    /// A name as hands type it: now and then all capitals or all small letters.
    mutating func typed(_ name: String) -> String {
        switch next(14) {
        case 0: return name.uppercased()
        case 1: return name.lowercased()
        default: return name
        }
    }

    /// One day's *Base Mal Escalados* as Gestión Soporte sends it: a title row above the
    /// headers, headers without accents, every causal the rules can find (ME01–ME13 but ME12,
    /// a person's judgement), about two rows in five with one, the rest clean.
    public mutating func writeMalEscalados(to path: String, rows: Int, day: Int = 22) throws {
        var options = Workbook.Options()
        options.constantMemory = rows > 50_000
        let book = try Workbook(path: path, options: options)
        let sheet = try book.addWorksheet("Base")
        var bold = CellFormat()
        bold.bold = true
        try sheet.write(.text("BASE MAL ESCALADOS \(day)/03/2024 - GESTIÓN SOPORTE"), row: 0, column: 0, format: bold)
        // Headers as exports write them: no accents here and there, odd case, extra words.
        let header = ["FECHA ESCALAMIENTO", "No. Cuenta", "Nombre Asesor", "Cedula asesor", "Supervisor", "Tipologia", "Sintoma",
                      "Servicio", "Nodo cliente", "Nodo escalado", "Distancia (cuadras)", "HHPP", "Torre", "Piso", "Estado cuenta", "Tipo aviso",
                      "Visita", "Tecnologia instalada", "Tecnologia escalada", "Correo", "Seriales", "Seriales inventario", "Incidencia T&D",
                      "Duracion T&D (min)", "Notas de escalamiento", "Canal"]
        try sheet.writeRow(header.map { .text($0) }, row: 2, formats: Array(repeating: bold, count: header.count))
        let date = book.style(.numberFormat("dd/mm/yyyy hh:mm"))
        let serial = Double(SpreadsheetDateSerial.of(year: 2024, month: 3, day: day))
        let sintomas = [("Internet lento", "Internet"), ("Sin navegación", "Internet"), ("Intermitencia", "Internet"),
                        ("Sin señal TV", "TV"), ("Falla telefonía", "Telefonía")]
        var neighbourOf: String?
        for i in 0..<rows {
            let r = i + 3
            let member = Self.team[next(Self.team.count)]
            let (sintoma, servicio) = pick(sintomas)
            let nodo = "N\(1000 + next(900))", serie = "SN\(100_000 + next(899_999))"
            var fields: [String: WritableValue] = [
                "fecha": .number(serial + Double(7 * 3600 + next(12 * 3600)) / 86_400),
                "cuenta": next(30) == 0 ? .text("\(next(9999))-\(next(999))")                         // mistyped account
                    : next(4) == 0 ? .text(String(format: "%08d", 1 + next(99_999_998))) : .number(Double(10_000_000 + next(89_999_999))),
                "asesor": .text(typed(member.asesor)), "cedula": .text(member.cedula), "supervisor": .text(member.supervisor),
                "tipologia": .text(sintoma), "sintoma": .text(sintoma), "servicio": .text(servicio), "nodo_cliente": .text(nodo),
                "nodo_escalado": .text(nodo), "distancia": .number(Double(next(3))), "hhpp": .text("HHPP\(next(900_000))"),
                "torre": .text("1"), "piso": .text(String(1 + next(12))), "estado": .text("Activa"), "aviso": .text("Ninguno"),
                "visita": .blank, "tv_instalada": .text("DVB"), "tv_escalada": .text("DVB"), "correo": .text("cliente\(next(9999))@correo.com"),
                "seriales": .text(serie), "inventario": .text(serie + ", SN\(100_000 + next(899_999))"),
                "incidencia": .text("INC\(next(9_999_999))"), "duracion": .number(Double(3 + next(20)) + Double(next(100)) / 100),
                "notas": .text(pick(Self.notasLargas)), "canal": .text(pick(["Voz", "Chat", "WhatsApp"])),
            ]
            // Two rows in five show a causal, spread over every one the rules can find.
            if let hhpp = neighbourOf {
                // The neighbour of the row before: the same building from another floor (ME07).
                fields["hhpp"] = .text(hhpp)
                neighbourOf = nil
            } else if next(5) < 2 {
                switch next(12) {
                case 0: fields["distancia"] = .number(Double(4 + next(6)))                                            // ME01
                case 1: fields["nodo_escalado"] = .text("N\(2000 + next(900))")                                       // ME02
                case 2: fields["estado"] = .text(pick(["Desconectada por mora", "Cancelada"]))                         // ME03
                case 3: fields["tipologia"] = .text("Falla telefonía"); fields["sintoma"] = .text("Sin señal TV")     // ME04
                case 4: fields["tipologia"] = .text("Falla red externa"); fields["visita"] = .text("LLS\(next(999_999))") // ME05
                case 5: fields["aviso"] = .text(pick(["Informativo", "PMA programado"]))                              // ME06
                case 6:
                    if case .text(let h)? = fields["hhpp"] { neighbourOf = h }                                        // ME07 (with the next row)
                case 7: fields["seriales"] = .text("SN\(next(99_999))")                                                // ME08
                case 8: fields["tv_escalada"] = .text("ATSC"); fields["servicio"] = .text("TV")                         // ME09
                case 9:                                                                                               // ME10
                    fields["servicio"] = .text(pick(["MiClaro app", "ClaroVideo"])); fields["correo"] = .text(pick(["", "sin correo"]))
                case 10: fields["duracion"] = .number(Double(next(250)) / 100)                                         // ME11
                default: fields["notas"] = .text(pick(["llamada", "", "cliente molesto"]))                              // ME13
                }
            }
            let order = ["fecha", "cuenta", "asesor", "cedula", "supervisor", "tipologia", "sintoma", "servicio", "nodo_cliente", "nodo_escalado",
                         "distancia", "hhpp", "torre", "piso", "estado", "aviso", "visita", "tv_instalada", "tv_escalada", "correo", "seriales",
                         "inventario", "incidencia", "duracion", "notas", "canal"]
            for (c, key) in order.enumerated() {
                try sheet.write(fields[key] ?? .blank, row: r, column: c, style: c == 0 ? date : nil)
            }
        }
        try book.save()
    }

    /// The week's *Formulario Tipificador* export (Monday 18 to Friday 22): customers who call
    /// again the same day or the same week, some with the same causal (recurrentes,
    /// reincidentes); every causal A–I, as a letter, a label, free text or not at all; forms
    /// filled wrongly (an account with letters, a blank motivo, a causal the motivo contradicts).
    public mutating func writeTipificador(to path: String, rows: Int) throws {
        let motivos: [(String, String)] = [
            ("Cliente sin señal de TV desde ayer", "A"), ("Internet muy lento en las noches", "Soporte técnico"),
            ("La línea fija no da tono", "A"), ("Cuenta empresarial, se transfiere al área corporativa", "B"),
            ("Vuelve a llamar: sigue sin señal; pide visita técnica", ""), ("El técnico no llegó a la cita del sábado", "C"),
            ("Solicita traslado del servicio a otra dirección", "Traslados"), ("Se muda el próximo mes y quiere llevarse el servicio", "D"),
            ("Quiere cancelar; se ofrece retención \"plan hogar\"", "E"), ("Pide dar de baja la televisión", "E"),
            ("Consulta horario de atención", ""), ("Pregunta qué canales tiene su plan", "F"),
            ("Reclamo por cobro doble en la factura", "G"), ("Tiene saldo pendiente y pide acuerdo de pago", "G"),
            ("Radica queja por mala atención en la tienda", "H"), ("Pide ajuste por días sin servicio", "PQR y ajustes"),
            ("Quiere comprar plan de internet adicional", "I"), ("Le interesa agregar el paquete HBO", "I"),
        ]
        // Forms filled wrongly: a causal the motivo plainly contradicts.
        let contradicted: [(String, String)] = [("Solicita traslado del servicio a la nueva casa", "I"), ("Quiere cancelar todos los servicios", "G")]
        let advisors = ["Laura Castro", "Pedro Jiménez", "Natalia Herrera", "Felipe Ortiz", "Mónica Salazar", "Ricardo Mejía", "Adriana Quintero",
                        "Hernán Valencia"]
        var text = "Marca temporal;Nombre del asesor;Cuenta;Motivo de la comunicacion;Causal;Área de escalamiento\r\n"
        func field(_ v: String) -> String { v.contains(";") || v.contains("\"") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v }
        // Customers who call more than once: a few accounts come back through the week.
        let regulars = (0..<max(3, rows / 12)).map { _ in String(format: "%08d", 10_000_000 + next(89_999_999)) }
        var lastOf: [String: (String, String)] = [:]
        for _ in 0..<rows {
            var (motivo, causal) = pick(motivos)
            var cuenta = String(format: "%08d", next(99_999_999))
            if next(3) == 0 {
                cuenta = pick(regulars)
                // Calling again about the same thing: a reincidente.
                if let before = lastOf[cuenta], next(2) == 0 { (motivo, causal) = before }
            }
            if next(25) == 0 { (motivo, causal) = pick(contradicted) }
            if next(30) == 0 { cuenta = "\(next(9999))-ABC" }                 // an account with letters
            if next(40) == 0 { motivo = "" }                                  // a required field left blank
            lastOf[cuenta] = (motivo, causal)
            // Monday 18 to Friday 22 March 2024: the oldest are past the alarm by the 22nd.
            let line = [String(format: "%02d/03/2024 %02d:%02d", 18 + next(5), 7 + next(12), next(60)), typed(pick(advisors)), cuenta, motivo, causal, ""]
            text += line.map(field).joined(separator: ";") + "\r\n"
        }
        // Every character above is in Windows-1252: the conversion cannot fail.
        let data = text.data(using: .windowsCP1252) ?? Data(text.utf8)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// A spreadsheet serial for a calendar day (1900 system).
enum SpreadsheetDateSerial {
    static func of(year: Int, month: Int, day: Int) -> Int { CalendarDate(year: year, month: month, day: day).dayNumber + CalendarDate.serialOf19700101 }
}
