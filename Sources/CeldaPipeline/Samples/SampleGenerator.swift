import Foundation
import XLSXWriter

/// Deterministic realistic data (a 64-bit LCG: same seed, same files on every machine).
public struct SampleGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }

    /// The file names `samples` writes.
    public static let malEscaladosName = "Base Mal Escalados 22-03.xlsx"
    public static let tipificadorName = "Formulario Tipificador 22-03.csv"
    /// The day the samples are "received": the demo processes them as of this day, so días de
    /// gestión and alarms read as on a normal morning (not years later).
    public static let receivedOn = "2024-03-22"

    /// Writes both samples into `folder` (created when missing); returns their paths.
    public mutating func write(into folder: String, rows: Int) throws -> [String] {
        try OutputFolder.prepare(folder)
        let base = (folder as NSString).appendingPathComponent(Self.malEscaladosName)
        try writeMalEscalados(to: base, rows: rows)
        let csv = (folder as NSString).appendingPathComponent(Self.tipificadorName)
        try writeTipificador(to: csv, rows: rows)
        return [base, csv] + (try writePremium(into: folder, cases: min(rows, 400)))
    }

    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }
    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    static let nombres = ["Ana", "Luis", "Carlos", "Diana", "Jorge", "Paula", "Andrés", "Camila", "Julián", "Sofía", "Mateo", "Valentina"]
    static let apellidos = ["Gómez", "Rodríguez", "Martínez", "López", "García", "Pérez", "Sánchez", "Ramírez", "Torres", "Díaz"]
    static let sintomas = ["Internet lento", "Sin navegación", "Intermitencia", "Sin señal TV", "Falla telefonía"]
    static let notas = ["Cliente reporta lentitud desde ayer; se hacen pruebas T&D y se reinicia el módem sin mejora",
                        "Usuario sin señal en dos televisores, decodificador reiniciado, nivel de señal bajo",
                        "Intermitencia en horas de la noche; pruebas de velocidad por debajo del plan contratado",
                        "llamada", ""]

    public mutating func writeMalEscalados(to path: String, rows: Int) throws {
        var options = Workbook.Options()
        options.constantMemory = rows > 50_000
        let book = try Workbook(path: path, options: options)
        let sheet = try book.addWorksheet("Base")
        var bold = CellFormat()
        bold.bold = true
        try sheet.write(.text("BASE MAL ESCALADOS 22/03/2024 - GESTIÓN SOPORTE"), row: 0, column: 0, format: bold)
        // Headers as exports write them: no accents here and there, odd case, extra words.
        let header = ["FECHA ESCALAMIENTO", "No. Cuenta", "Nombre Asesor", "Cedula asesor", "Supervisor", "Tipologia", "Sintoma",
                      "Servicio", "Nodo cliente", "Nodo escalado", "Distancia (cuadras)", "HHPP", "Piso", "Estado cuenta", "Tipo aviso",
                      "Tecnologia instalada", "Tecnologia escalada", "Correo", "Incidencia T&D", "Duracion T&D (min)",
                      "Notas de escalamiento", "Canal"]
        try sheet.writeRow(header.map { .text($0) }, row: 2, formats: Array(repeating: bold, count: header.count))
        let asesores = (0..<40).map { _ in "\(pick(Self.nombres)) \(pick(Self.apellidos)) \(pick(Self.apellidos))" }
        let date = book.style(.numberFormat("dd/mm/yyyy hh:mm"))
        for i in 0..<rows {
            let r = i + 3
            let sintoma = pick(Self.sintomas)
            let asesor = next(asesores.count)
            let nodo = "N\(1000 + next(900))"
            var fields: [WritableValue] = [
                .number(45373 + Double(next(86_400)) / 86_400),   // 22 March 2024, the base's own day
                next(25) == 0 ? .text("\(next(9999))-\(next(999))")                                // mistyped account
                    : next(4) == 0 ? .text(String(format: "%08d", 1 + next(99_999_998))) : .number(Double(10_000_000 + next(89_999_999))),
                .text(asesores[asesor]), .text(String(1_000_000_000 + asesor * 7919)), .text("\(pick(Self.nombres)) \(pick(Self.apellidos))"),
                .text(sintoma), .text(sintoma), .text(sintoma.contains("TV") ? "TV" : (sintoma.contains("telefon") ? "Telefonía" : "Internet")),
                .text(nodo), .text(nodo), .number(Double(next(3))), .text("HHPP\(next(500_000))"), .text(String(1 + next(12))),
                .text("Activa"), .text("Ninguno"), .text("DVB"), .text("DVB"), .text("cliente\(next(9999))@correo.com"),
                .text("INC\(next(9_999_999))"), .number(Double(3 + next(20)) + Double(next(100)) / 100),
                .text(Self.notas[next(3)]), .text(pick(["Voz", "Chat", "WhatsApp"])),
            ]
            // One causal case out of three rows, spread over the catalog.
            if next(3) == 0 {
                switch next(8) {
                case 0: fields[10] = .number(Double(4 + next(6)))                       // ME01
                case 1: fields[9] = .text("N\(2000 + next(900))")                       // ME02
                case 2: fields[13] = .text(pick(["Desconectada por mora", "Cancelada"])) // ME03
                case 3: fields[5] = .text("Falla telefonía"); fields[6] = .text("Sin señal TV") // ME04
                case 4: fields[14] = .text(pick(["Informativo", "PMA programado"]))     // ME06
                case 5: fields[16] = .text("ATSC")                                      // ME09
                case 6: fields[19] = .number(Double(next(250)) / 100)                    // ME11
                default: fields[20] = .text(Self.notas[3 + next(2)])                    // ME13
                }
            }
            for (c, value) in fields.enumerated() {
                try sheet.write(value, row: r, column: c, style: c == 0 ? date : nil)
            }
        }
        try book.save()
    }

    public mutating func writeTipificador(to path: String, rows: Int) throws {
        let motivos = [("Cliente sin señal de TV desde ayer", "A"), ("Solicita traslado del servicio a otra dirección", "Traslados"),
                       ("Vuelve a llamar: sigue sin señal; pide visita técnica", ""), ("Reclamo por cobro doble en la factura", "G"),
                       ("Quiere cancelar; se ofrece retención \"plan hogar\"", "E"), ("Consulta horario de atención", "")]
        var text = "Marca temporal;Nombre del asesor;Cuenta;Motivo de la comunicacion;Causal;Área de escalamiento\r\n"
        func field(_ v: String) -> String { v.contains(";") || v.contains("\"") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v }
        for _ in 0..<rows {
            let (motivo, causal) = pick(motivos)
            // Monday 18 to Friday 22 March 2024: the oldest are past the alarm by the 22nd.
            let line = [String(format: "%02d/03/2024 %02d:%02d", 18 + next(5), 7 + next(12), next(60)),
                        "\(pick(Self.nombres)) \(pick(Self.apellidos))", String(format: "%08d", next(99_999_999)), motivo, causal, ""]
            text += line.map(field).joined(separator: ";") + "\r\n"
        }
        // Every character above is in Windows-1252: the conversion cannot fail.
        let data = text.data(using: .windowsCP1252) ?? Data(text.utf8)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
