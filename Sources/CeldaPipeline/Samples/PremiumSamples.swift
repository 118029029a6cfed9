import CeldaCore
import Foundation
import XLSXWriter

/// Claro Premium samples: three daily CRM exports (20, 21 and 22 March 2024) of the same
/// cases changing state — each export holds every case opened up to its day, as of that day —
/// and the survey CSV of the week (`;`, Windows-1252, dates as text, the question as header).
extension SampleGenerator {
    public static let premiumDays = [20, 21, 22]
    public static func premiumName(day: Int) -> String { "Casos Claro Premium \(day)-03.xlsx" }
    public static let encuestaName = "Encuesta Claro Premium 22-03.csv"

    struct PremiumSampleCase {
        var caso: String, cuenta: String, cliente: String, tipo: String, subtipo: String, backoffice: String
        var openDay: Int, openMinute: Int, followDay: Int, closeDay: Int?, closeMinute: Int, spc: Bool
    }

    mutating func premiumCases(_ count: Int) -> [PremiumSampleCase] {
        let tipos: [(String, [String])] = [("SAC", ["Cartera", "Facturación", "Recaudo"]), ("Soporte", ["Falla puntual", "Falla masiva", "Inventario", "Visita técnica"]),
                                           ("PQR", ["PQR", "Ajuste"]), ("Ventas", ["Venta"])]
        let agents = ["Laura Méndez", "Óscar Ruiz", "Natalia Cárdenas", "Felipe Rojas"]
        var out: [PremiumSampleCase] = []
        for i in 0..<count {
            var (tipo, subs) = pick(tipos)
            var subtipo = pick(subs)
            var cuenta = String(format: "%08d", 10_000_000 + next(89_999_999))
            // One case in five comes back: the same cuenta and subtipo as an earlier case.
            if i > 3, next(5) == 0, let earlier = out.last(where: { _ in next(2) == 0 }) { cuenta = earlier.cuenta; tipo = earlier.tipo; subtipo = earlier.subtipo; subs = [] }
            let openDay = 18 + next(5)
            let spc = tipo == "SAC" && next(2) == 0
            let closeDay: Int? = spc ? openDay : (next(3) == 0 ? nil : openDay + next(4))
            let openMinute = 7 * 60 + next(11 * 60)
            // Closed the day it opened (an SPC case): minutes after it opened, never before.
            let closeMinute = closeDay == openDay ? min(openMinute + 5 + next(55), 23 * 60 + 59) : 8 * 60 + next(10 * 60)
            out.append(PremiumSampleCase(caso: "CP-\(240_000 + i * 7)", cuenta: cuenta, cliente: "\(pick(Self.nombres)) \(pick(Self.apellidos))",
                                         tipo: tipo, subtipo: subtipo, backoffice: pick(agents), openDay: openDay, openMinute: openMinute,
                                         followDay: openDay + next(4), closeDay: closeDay, closeMinute: closeMinute, spc: spc))
        }
        return out
    }

    /// Writes the three exports and the survey CSV; returns their paths.
    public mutating func writePremium(into folder: String, cases count: Int) throws -> [String] {
        let cases = premiumCases(max(count, 12))
        var paths: [String] = []
        for day in Self.premiumDays {
            let path = (folder as NSString).appendingPathComponent(Self.premiumName(day: day))
            let book = try Workbook(path: path)
            let sheet = try book.addWorksheet("Casos")
            var bold = CellFormat()
            bold.bold = true
            try sheet.write(.text("CLARO PREMIUM - CASOS CRM AL \(day)/03/2024"), row: 0, column: 0, format: bold)
            let header = ["Número de caso", "Fecha creación", "Cuenta", "Nombre cliente", "Segmento", "Tipo de caso", "Subcategoría", "Canal de ingreso",
                          "Agente que tipifica", "Asignado a", "Fecha compromiso", "Estado", "Fecha solución", "SPC", "Notas"]
            try sheet.writeRow(header.map { .text($0) }, row: 1, formats: Array(repeating: bold, count: header.count))
            let dateTime = book.style(.numberFormat("dd/mm/yyyy hh:mm")), date = book.style(.numberFormat("dd/mm/yyyy"))
            var r = 2
            for c in cases where c.openDay <= day {
                let closed = c.closeDay.map { $0 <= day } ?? false
                let escalated = c.tipo == "PQR" || c.subtipo == "Visita técnica"
                let estado = closed ? "Cerrado" : (escalated ? "Escalado" : (c.followDay > day ? "En seguimiento" : "Abierto"))
                func serial(_ d: Int, _ minute: Int?) -> Double { Double(45_369 + d - 18) + Double(minute ?? 0) / 1440 }
                let values: [(WritableValue, CellStyle?)] = [
                    (.text(c.caso), nil), (.number(serial(c.openDay, c.openMinute)), dateTime), (.text(c.cuenta), nil), (.text(c.cliente), nil),
                    (.text(next(3) == 0 ? "Móvil" : "Hogar"), nil), (.text(c.tipo), nil), (.text(c.subtipo), nil), (.text("CRM"), nil),
                    (.text("\(pick(Self.nombres)) \(pick(Self.apellidos))"), nil), (.text(c.backoffice), nil), (.number(serial(c.followDay, nil)), date),
                    (.text(estado), nil), closed ? (.number(serial(c.closeDay ?? day, c.closeMinute)), dateTime) : (.blank, nil),
                    (.text(c.spc ? "Sí" : "No"), nil), (.text(closed ? "Cliente confirma solución" : "Pendiente llamar al cliente"), nil),
                ]
                for (i, (v, style)) in values.enumerated() { try sheet.write(v, row: r, column: i, style: style) }
                r += 1
            }
            try book.save()
            paths.append(path)
        }
        // The satisfaction with the agent (1–5) follows the recommendation, without drawing from
        // the generator: the files written after the survey stay as they were.
        var text = "Fecha encuesta;Caso;Cuenta;Asesor evaluado;¿Qué tan probable es que nos recomiende a un familiar o amigo? (0-10);Índice de satisfacción del asesor\r\n"
        for c in cases where c.closeDay.map({ $0 <= 22 }) ?? false && next(2) == 0 {
            let score = [10, 9, 9, 8, 7, 10, 6, 3, 9, 10][next(10)]
            let day = min(22, (c.closeDay ?? 22) + next(2))
            text += [String(format: "%02d/03/2024 %02d:%02d", day, 9 + next(9), next(60)), next(4) == 0 ? "" : c.caso, c.cuenta, c.backoffice.uppercased(),
                     String(score), String(score >= 9 ? 5 : score >= 7 ? 4 : score >= 5 ? 3 : 2)].joined(separator: ";") + "\r\n"
        }
        let survey = (folder as NSString).appendingPathComponent(Self.encuestaName)
        try (text.data(using: .windowsCP1252) ?? Data(text.utf8)).write(to: URL(fileURLWithPath: survey), options: .atomic)
        return paths + [survey]
    }
}
