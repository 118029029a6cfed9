import CeldaCore
import Foundation
import XLSXWriter

/// The team's samples for the Premium indicators of seed 001 §5: the workforce export (Almabi)
/// and the quality tool's monitoreos of March 2024 up to Friday the 22nd, for the same
/// backoffice agents as the CRM samples — absences of every kind, a week of vacations, an agent
/// who leaves on the 15th and one hired on the 11th.
extension SampleGenerator {
    public static let asistenciaName = "Asistencia Almabi 03-2024.xlsx"
    public static let monitoreosName = "Monitoreos calidad 03-2024.csv"

    struct TeamAgent { var documento: String, name: String, supervisor: String, from: Int, leaves: Int? }

    static let teamAgents = [
        TeamAgent(documento: "1020304050", name: "Laura Méndez", supervisor: "Carolina Vega", from: 1, leaves: nil),
        TeamAgent(documento: "1030405060", name: "Óscar Ruiz", supervisor: "Carolina Vega", from: 1, leaves: nil),
        TeamAgent(documento: "1040506070", name: "Natalia Cárdenas", supervisor: "Andrés Mora", from: 1, leaves: nil),
        TeamAgent(documento: "1050607080", name: "Felipe Rojas", supervisor: "Andrés Mora", from: 1, leaves: nil),
        TeamAgent(documento: "1060708090", name: "Juliana Torres", supervisor: "Carolina Vega", from: 1, leaves: 15),
        TeamAgent(documento: "1070809000", name: "Camilo Díaz", supervisor: "Andrés Mora", from: 11, leaves: nil),
    ]

    /// Writes both exports; returns their paths.
    public mutating func writeTeam(into folder: String) throws -> [String] {
        let last = 22
        let asistencia = (folder as NSString).appendingPathComponent(Self.asistenciaName)
        let book = try Workbook(path: asistencia)
        let sheet = try book.addWorksheet("Reporte Almabi")
        var bold = CellFormat()
        bold.bold = true
        let header = ["Fecha", "Cédula", "Nombre del agente", "Supervisor", "Turno", "Novedad", "Fecha de retiro", "Estado"]
        try sheet.writeRow(header.map { .text($0) }, row: 0, formats: Array(repeating: bold, count: header.count))
        let date = book.style(.numberFormat("dd/mm/yyyy"))
        let absences = ["Incapacidad EG", "Inasistencia", "Calamidad doméstica", "Licencia no remunerada", "Suspensión", "Ausencia"]
        var r = 1
        for day in 1...last {
            let d = CalendarDate(year: 2024, month: 3, day: day)
            let serial = Double(d.dayNumber + CalendarDate.serialOf19700101)
            // Saturdays and Sundays are rest days; 25/03 is a holiday, outside these days.
            let weekend = d.weekday >= 6
            for (i, agent) in Self.teamAgents.enumerated() where day >= agent.from && day <= (agent.leaves ?? last) {
                var turno = weekend ? "Descanso" : ["07:00-16:00", "08:00-17:00", "10:00-19:00"][i % 3]
                var novedad = weekend ? "" : (next(100) < 5 ? pick(absences) : (next(100) < 4 ? "Retardo" : ""))
                // Natalia's week of vacations.
                if i == 2, (11...15).contains(day) { turno = "Vacaciones"; novedad = "Vacaciones" }
                let values: [(WritableValue, CellStyle?)] = [
                    (.number(serial), date), (.text(agent.documento), nil), (.text(agent.name), nil), (.text(agent.supervisor), nil), (.text(turno), nil),
                    (.text(novedad), nil),
                    agent.leaves.map { (.number(Double(CalendarDate(year: 2024, month: 3, day: $0).dayNumber + CalendarDate.serialOf19700101)), date) } ?? (.blank, nil),
                    (.text(agent.leaves == day ? "Retirado" : "Activo"), nil),
                ]
                for (c, (v, style)) in values.enumerated() { try sheet.write(v, row: r, column: c, style: style) }
                r += 1
            }
        }
        try book.save()

        // Two or three monitoreos of each agent a week, scored 0–100 as the quality tool does.
        var text = "Fecha monitoreo;Asesor evaluado;Documento;Nota final;Monitor\r\n"
        for day in stride(from: 1, through: last, by: 1) where CalendarDate(year: 2024, month: 3, day: day).weekday <= 5 {
            for agent in Self.teamAgents where day >= agent.from && day <= (agent.leaves ?? last) && next(100) < 45 {
                let nota = 68 + next(33)
                text += ["\(day < 10 ? "0" : "")\(day)/03/2024 \(9 + next(8)):\(10 + next(50))", agent.name, agent.documento, String(nota),
                         pick(["Paola Quintero", "Hernán Salcedo"])].joined(separator: ";") + "\r\n"
            }
        }
        let monitoreos = (folder as NSString).appendingPathComponent(Self.monitoreosName)
        try (text.data(using: .windowsCP1252) ?? Data(text.utf8)).write(to: URL(fileURLWithPath: monitoreos), options: .atomic)
        return [asistencia, monitoreos]
    }
}
