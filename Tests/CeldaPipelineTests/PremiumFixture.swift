import CeldaCore
import Foundation
import Testing
import XLSXWriter

/// A week of Claro Premium made for the tests: fifteen cases with their whole life (opened,
/// follow-up asked for, estado while open, closed), daily CRM exports of them as each day saw
/// them, and the survey CSV. Exports vary as real ones do: title rows, synonyms, a CSV with `;`,
/// Windows-1252 and dates as text. Everything expected is computed here, by hand-simple rules,
/// never by Celda's code.
enum PremiumFixture {
    struct Moment { var day: Int; var minute: Int }   // day of March 2024, minutes since midnight
    struct Case {
        var caso: String, cuenta: String, tipo: String, subtipo: String, agent: String
        var opened: Moment, follow: Int
        /// Estado while open, per first day it holds (e.g. [18: "Abierto", 19: "Escalado"]).
        var openEstados: [Int: String]
        var closed: Moment?
        var spc: Bool
    }

    static func m(_ day: Int, _ hh: Int, _ mm: Int = 0) -> Moment { Moment(day: day, minute: hh * 60 + mm) }
    static let laura = "Laura Méndez", oscar = "Óscar Ruiz"

    static let cases: [Case] = [
        Case(caso: "CP-1", cuenta: "71001001", tipo: "SAC", subtipo: "Facturación", agent: laura, opened: m(18, 9), follow: 19, openEstados: [18: "Abierto"], closed: m(18, 9, 30), spc: true),
        Case(caso: "CP-2", cuenta: "71001002", tipo: "PQR", subtipo: "PQR", agent: laura, opened: m(18, 10), follow: 20, openEstados: [18: "Abierto", 19: "Escalado"], closed: m(21, 11), spc: false),
        Case(caso: "CP-3", cuenta: "71001003", tipo: "Soporte", subtipo: "Visita técnica", agent: oscar, opened: m(18, 8), follow: 21, openEstados: [18: "En seguimiento"], closed: nil, spc: false),
        Case(caso: "CP-4", cuenta: "71001004", tipo: "SAC", subtipo: "Cartera", agent: oscar, opened: m(19, 14), follow: 22, openEstados: [19: "En seguimiento"], closed: m(26, 10), spc: false),
        Case(caso: "CP-5", cuenta: "71001005", tipo: "PQR", subtipo: "Ajuste", agent: oscar, opened: m(19, 12), follow: 22, openEstados: [19: "Escalado"], closed: m(22, 12), spc: false),
        Case(caso: "CP-6", cuenta: "71001001", tipo: "SAC", subtipo: "Facturación", agent: laura, opened: m(21, 10), follow: 25, openEstados: [21: "En seguimiento"], closed: nil, spc: false),
        Case(caso: "CP-7", cuenta: "71001007", tipo: "SAC", subtipo: "Recaudo", agent: oscar, opened: m(20, 9), follow: 20, openEstados: [20: "Abierto"], closed: m(20, 9, 10), spc: true),
        Case(caso: "CP-8", cuenta: "71001007", tipo: "SAC", subtipo: "Cartera", agent: oscar, opened: m(20, 15), follow: 21, openEstados: [20: "En seguimiento"], closed: m(22, 10), spc: false),
        Case(caso: "CP-9", cuenta: "71001009", tipo: "Ventas", subtipo: "Venta", agent: laura, opened: m(22, 8), follow: 22, openEstados: [22: "Abierto"], closed: m(22, 8, 20), spc: true),
        Case(caso: "CP-11", cuenta: "71001009", tipo: "Ventas", subtipo: "Venta", agent: laura, opened: m(26, 9), follow: 27, openEstados: [26: "Abierto"], closed: m(26, 9, 40), spc: true),
        Case(caso: "CP-12", cuenta: "71001007", tipo: "SAC", subtipo: "Recaudo", agent: oscar, opened: m(28, 9), follow: 29, openEstados: [28: "Abierto"], closed: nil, spc: false),
        Case(caso: "CP-13", cuenta: "71001013", tipo: "SAC", subtipo: "Cartera", agent: oscar, opened: m(21, 16), follow: 21, openEstados: [21: "Abierto"], closed: m(21, 16, 5), spc: true),
        Case(caso: "CP-14", cuenta: "71001014", tipo: "SAC", subtipo: "Recaudo", agent: laura, opened: m(22, 11), follow: 23, openEstados: [22: "Abierto"], closed: m(22, 11, 15), spc: true),
        Case(caso: "CP-15", cuenta: "71001015", tipo: "SAC", subtipo: "Cartera", agent: laura, opened: m(19, 11), follow: 20, openEstados: [19: "En seguimiento"], closed: nil, spc: false),
    ]

    /// The export days, and how each is written.
    static let exportDays = [18, 19, 20, 21, 22, 28]
    static func isCSV(_ day: Int) -> Bool { day == 19 || day == 21 }
    static func name(_ day: Int) -> String { "CRM Claro Premium \(day)-03" + (isCSV(day) ? ".csv" : ".xlsx") }

    /// A case as the export of `day` shows it (taken at the end of the day): estado and close.
    static func state(_ c: Case, on day: Int) -> (estado: String, closed: Moment?) {
        if let closed = c.closed, closed.day <= day { return ("Cerrado", closed) }
        let estado = c.openEstados.filter { $0.key <= day }.max { $0.key < $1.key }?.value ?? "Abierto"
        return (estado, nil)
    }

    static func date(_ day: Int) -> CalendarDate { CalendarDate(year: 2024, month: 3, day: day) }
    static func serial(_ day: Int, _ minute: Int = 0) -> Double { Double(date(day).dayNumber + CalendarDate.serialOf19700101) + Double(minute) / 1440 }

    /// Writes the export of `day` into `folder`; returns its path.
    static func writeExport(day: Int, into folder: String, nameSuffix: String = "", extraLine: Bool = false) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name(day).replacingOccurrences(of: ".", with: nameSuffix + "."))
        let shown = cases.filter { $0.opened.day <= day }
        if isCSV(day) {
            // Synonyms, a title line, dates as text (day first), Windows-1252, `;`.
            var text = "EXPORTE CRM CLARO PREMIUM;;;;;;;;;;\r\n"
            text += "Radicado;Fecha de registro;No. cuenta;Titular;Categoría;Motivo;Backoffice;Fecha solicitada por el cliente;Estado;Fecha cierre;SPC\r\n"
            func t(_ m: Moment) -> String { String(format: "%02d/03/2024 %02d:%02d", m.day, m.minute / 60, m.minute % 60) }
            for c in shown {
                let s = state(c, on: day)
                text += [c.caso, t(c.opened), c.cuenta, "Cliente \(c.caso)", c.tipo, c.subtipo, c.agent, String(format: "2024-03-%02d", c.follow),
                         s.estado, s.closed.map(t) ?? "", c.spc ? "Sí" : "No"].joined(separator: ";") + "\r\n"
            }
            if extraLine { text += "\r\n" }
            try #require(text.data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
            return path
        }
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Casos")
        try sheet.write(.text("Claro Premium - casos al \(day)/03/2024"), row: 0, column: 0)
        let header = ["Número de caso", "Fecha creación", "Cuenta", "Nombre cliente", "Segmento", "Tipo de caso", "Subcategoría", "Asignado a",
                      "Fecha compromiso", "Estado", "Fecha solución", "Solución primer contacto", "Observaciones", "Prioridad"]
        try sheet.writeRow(header.map { .text($0) }, row: 2)
        var dt = CellFormat(), d = CellFormat()
        dt.numberFormat = "dd/mm/yyyy hh:mm"
        d.numberFormat = "dd/mm/yyyy"
        for (i, c) in shown.enumerated() {
            let s = state(c, on: day)
            let r = 3 + i
            let values: [(WritableValue, CellFormat?)] = [
                (.text(c.caso), nil), (.number(serial(c.opened.day, c.opened.minute)), dt), (.text(c.cuenta), nil), (.text("Cliente \(c.caso)"), nil),
                (.text("Hogar"), nil), (.text(c.tipo), nil), (.text(c.subtipo), nil), (.text(c.agent), nil), (.number(serial(c.follow)), d),
                (.text(s.estado), nil), s.closed.map { (.number(serial($0.day, $0.minute)), dt) } ?? (.blank, nil), (.text(c.spc ? "Si" : "No"), nil),
                (.text("nota"), nil), (.text("Alta"), nil),
            ]
            for (col, (v, f)) in values.enumerated() { try sheet.write(v, row: r, column: col, format: f) }
        }
        try book.save()
        return path
    }

    struct Survey { var at: Moment; var caso: String; var cuenta: String; var agent: String; var score: Int }
    static let surveys: [Survey] = [
        Survey(at: m(19, 10), caso: "CP-1", cuenta: "71001001", agent: "LAURA MENDEZ", score: 10),
        Survey(at: m(20, 11), caso: "", cuenta: "71001007", agent: oscar, score: 9),
        Survey(at: m(21, 9), caso: "CP-2", cuenta: "71001002", agent: laura, score: 3),
        Survey(at: m(22, 12, 30), caso: "CP-5", cuenta: "71001005", agent: oscar, score: 7),
        Survey(at: m(22, 13), caso: "CP-8", cuenta: "71001007", agent: "oscar ruiz", score: 9),
        Survey(at: m(22, 17), caso: "CP-9", cuenta: "71001009", agent: laura, score: 6),
        Survey(at: m(25, 9), caso: "CP-4", cuenta: "71001004", agent: oscar, score: 10),
    ]

    static func writeSurveys(into folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent("Encuesta Claro Premium marzo.csv")
        var text = "Fecha encuesta;Caso;Cuenta;Asesor evaluado;¿Qué tan probable es que nos recomiende a un amigo o familiar? (0-10)\r\n"
        for s in surveys {
            text += [String(format: "%02d/03/2024 %02d:%02d", s.at.day, s.at.minute / 60, s.at.minute % 60), s.caso, s.cuenta, s.agent, String(s.score)]
                .joined(separator: ";") + "\r\n"
        }
        try #require(text.data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
        return path
    }

    // MARK: The definitions of DOMAIN.md §2.3, written out plainly.

    static func escalated(_ c: Case, estado: String) -> Bool {
        c.tipo == "PQR" || c.subtipo == "Ajuste" || c.subtipo == "Visita técnica" || estado == "Escalado"
    }

    /// Seguimiento of `c` as of `day`, from the state the export of `stateDay` shows.
    static func seguimiento(_ c: Case, asOf day: Int, stateDay: Int? = nil) -> String {
        let s = state(c, on: stateDay ?? day)
        if let closed = s.closed { return closed.day <= c.follow ? "Cumplido" : "Cumplido tarde" }
        return c.follow == day ? "Vence hoy" : (c.follow < day ? "Vencido" : "Programado")
    }

    /// Minutes open to the close, or to the end of `day` (24:00).
    static func minutesOpen(_ c: Case, asOf day: Int) -> Int {
        let start = c.opened.day * 1440 + c.opened.minute
        let end = state(c, on: day).closed.map { $0.day * 1440 + $0.minute } ?? (day + 1) * 1440
        return end - start
    }

    static func alarm(_ c: Case, asOf day: Int) -> Bool {
        escalated(c, estado: state(c, on: day).estado) && minutesOpen(c, asOf: day) > 72 * 60
    }
}

