import CeldaCore
import CeldaTestSupport
import Foundation
import Testing

/// The repository's Templates/, read as the CLI reads them.
func reportTemplates() throws -> Templates {
    var texts: [String: String] = [:]
    for file in Templates.files {
        texts[file] = try String(contentsOfFile: Repository.templates + "/" + file, encoding: .utf8)
    }
    return try Templates(texts: texts)
}

func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// A week of mal-escalados (2024-03-18 … 24) from four advisors, one with wildcard characters
/// in the name, one case without causal and one without advisor; plus cases outside the week
/// and of another kind, which the reports must leave out.
enum MalEscaladosFixture {
    static let period = ReportPeriod(.week, containing: day("2024-03-20"))
    static let ana = "Ana Gómez", luis = "Luis Díaz", maria = "María Ñúñez", carlos = "Carlos *turno? noche"

    static func cases() -> [CaseRecord] {
        // (day, asesor, causal, procede, estado)
        let rows: [(String, String?, String?, String, String)] = [
            ("2024-03-18", ana, "ME11", "Procede", "Retroalimentado"),
            ("2024-03-18", ana, "ME11", "Procede", "Pendiente"),
            ("2024-03-18", ana, "ME13", "No procede", "Reclamado"),
            ("2024-03-19", luis, "ME11", "Procede", "Pendiente"),
            ("2024-03-19", luis, "ME02", "No procede", "Pendiente"),
            ("2024-03-20", maria, "ME04", "Procede", "Cerrado"),
            ("2024-03-20", maria, "ME04", "Procede", "En gestión"),
            ("2024-03-20", maria, "ME11", "Procede", "Retroalimentado"),
            ("2024-03-21", carlos, "ME13", "Procede", "Pendiente"),
            ("2024-03-21", carlos, nil, "Por revisar", "Pendiente"),
            ("2024-03-22", luis, "ME02", "No procede", "Pendiente"),
            ("2024-03-22", nil, "ME13", "Procede", "Pendiente"),
            ("2024-03-24", ana, "ME02", "Procede", "Solucionado"),
            ("2024-03-25", ana, "ME11", "Procede", "Pendiente"), // next week
            ("2024-03-17", luis, "ME11", "Procede", "Pendiente"), // week before
        ]
        var out = rows.enumerated().map { i, r in
            CaseRecord(kind: "mal-escalados", key: "k\(i)", sourceFile: "Base Mal Escalados \(r.0).xlsx", sheet: "Base", row: i + 2,
                       date: day(r.0), secondsOfDay: 3600 * (8 + i % 9), firstSeen: day(r.0), cuenta: String(format: "00%08d", 1000 + i),
                       asesor: r.1, asesorID: r.1 == nil ? nil : "10\(i)", supervisor: "Sup \(i % 2)", causalCode: r.2,
                       causal: r.2, evidence: r.2 == nil ? nil : "Evidencia \(i)", procede: r.3, estado: r.4,
                       observaciones: i % 3 == 0 ? "Revisado" : nil)
        }
        out.append(CaseRecord(kind: "tipificador", key: "t", sourceFile: "f.csv", sheet: "f", row: 2, date: day("2024-03-20"),
                              firstSeen: day("2024-03-20"), cuenta: "1", asesor: ana, causalCode: "A", estado: "Pendiente"))
        return out
    }

    /// The cases the week's reports cover.
    static func inPeriod() -> [CaseRecord] { cases().filter { $0.kind == "mal-escalados" && period.contains($0.day) } }
}

/// A week of tipificador forms with recurrent and reincident cuentas, form errors and
/// cases old enough to raise the alarm.
enum TipificadorFixture {
    static let period = ReportPeriod(.week, containing: day("2024-03-13"))
    static let today = day("2024-03-20")

    static func cases() -> [CaseRecord] {
        // (day, cuenta, asesor, causal, area, estado, errors)
        let rows: [(String, String, String?, String?, String?, String, [FormError])] = [
            ("2024-03-11", "1001", "Ana", "A", "Soporte Técnico", "Pendiente", []),
            ("2024-03-11", "1001", "Ana", "G", "Facturación y Cartera", "Solucionado", [FormError(.invalidAccount, "cuenta inválida")]),
            ("2024-03-12", "1002", "Luis", "A", "Soporte Técnico", "En gestión", []),
            ("2024-03-13", "1002", "Luis", "A", "Soporte Técnico", "Pendiente", [FormError(.missingRequired, "faltan campos"), FormError(.causalContradictsMotivo, "causal contradice motivo")]),
            ("2024-03-14", "1002", "Ana", "C", "Visitas Técnicas", "Cerrado", []),
            ("2024-03-14", "1003", "Marta", "E", "Retención", "Pendiente", [FormError(.invalidAccount, "cuenta inválida")]),
            ("2024-03-15", "1004", "Marta", nil, nil, "Pendiente", [FormError(.missingRequired, "faltan campos")]),
            ("2024-03-15", "1005", "Luis", "H", "PQR", "Solucionado", []),
            ("2024-03-18", "1003", "Ana", "E", "Retención", "Pendiente", []), // after the week: history only
        ]
        return rows.enumerated().map { i, r in
            CaseRecord(kind: "tipificador", key: "t\(i)", sourceFile: "Formulario \(r.0).csv", sheet: "Respuestas", row: i + 2,
                       date: day(r.0), firstSeen: day(r.0), cuenta: r.1, asesor: r.2, causalCode: r.3, causal: r.3, estado: r.5,
                       area: r.4, motivo: "motivo \(i)", formErrors: r.6)
        }
    }

    /// Earlier contacts the history knows: 1003 called twice with causal E the week before.
    static func history(_ templates: Templates) -> Recurrence.Index {
        let earlier = [("2024-03-08", "1003", "E"), ("2024-03-09", "1003", "E")]
        let contacts = earlier.map { Recurrence.Contact(cuenta: $0.1, day: day($0.0), causalCode: $0.2) }
            + cases().map { Recurrence.Contact(cuenta: $0.cuenta!, day: $0.day, causalCode: $0.causalCode) }
        return Recurrence(settings: templates.recurrence).index(contacts)
    }
}
