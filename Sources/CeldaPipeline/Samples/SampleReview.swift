import CeldaCore
import CeldaReports
import Foundation
import XLSXReader
import XLSXWriter

/// Monday's base as the back office returns it after its review: Celda's gestionado of it, then
/// what a person decides in it — some escalations were Gestión Soporte's error (*No procede*,
/// with the reason in the observations), Gestión Soporte answered some of those claims, a clean
/// row was a T&D process done wrong (ME12, which only a person gives), some cases closed. Saved
/// the way another program saves it (cells and sheets, no formats), so the demo shows a
/// gestionado coming back with a person's edits, the reclamaciones and their answers.
enum SampleReview {
    static func write(reviewOf base: String, to path: String, templates: Templates) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("celda-muestra-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let processor = try BaseProcessor(templates: templates, today: CalendarDate(year: 2024, month: 3, day: 18), language: .es, outFolder: scratch)
        let gestionado = try processor.process(base).output
        let source = try SpreadsheetFile.open(path: gestionado)
        let book = try Workbook(path: path)
        do {
            let date = book.style(.numberFormat("dd/mm/yyyy hh:mm"))
            for info in source.sheets {
                let sheet = try book.addWorksheet(info.name)
                var header: [Int: String] = [:]
                var causals = 0
                try source.readRows(of: info) { row in
                    var cells = Dictionary(uniqueKeysWithValues: row.cells.map { ($0.column, $0.value) })
                    if row.number == 1 { for (c, v) in cells { if case .text(let t) = v { header[c] = t } } }
                    if info.name == "Base", row.number > 1 { edit(&cells, header: header, seen: &causals, row: row.number) }
                    for (c, value) in cells.sorted(by: { $0.key < $1.key }) {
                        switch value {
                        case .text(let t): try sheet.write(.text(t), row: row.number - 1, column: c)
                        case .number(let n): try sheet.write(.number(n), row: row.number - 1, column: c)
                        case .bool(let b): try sheet.write(.bool(b), row: row.number - 1, column: c)
                        case .date(let d): try sheet.write(.number(d.serial), row: row.number - 1, column: c, style: date)
                        default: break
                        }
                    }
                }
                if info.name == GestionadoMetadata.sheetName { try sheet.hide(veryHidden: true) }
            }
            try book.save()
        } catch {
            book.discard()
            throw error
        }
    }

    /// A person's decisions on one row of the Base sheet, by the headers Celda wrote.
    private static func edit(_ cells: inout [Int: CellValue], header: [Int: String], seen causals: inout Int, row: Int) {
        func column(_ title: String) -> Int? { header.first { $0.value == title }?.key }
        guard let procede = column("Procede"), let causal = column("Causal"), let estado = column("Estado"),
              let observaciones = column("Observaciones del back"), let respuesta = column("Respuesta Gestión Soporte"),
              let fecha = column("Fecha de respuesta") else { return }
        let hasCausal: Bool = { if case .text(let t)? = cells[causal], !t.isEmpty { return true } else { return false } }()
        if hasCausal {
            causals += 1
            switch causals % 6 {
            case 0:
                // Gestión Soporte's error: claimed back; answered the next day.
                cells[procede] = .text("No procede")
                cells[estado] = .text("Reclamado")
                cells[observaciones] = .text("El aviso masivo estaba activo en RR: el escalamiento era correcto")
                cells[respuesta] = .text(causals % 12 == 0 ? "Rechazada" : "Aceptada")
                cells[fecha] = .date(SpreadsheetDate(kind: .date, serial: Double(SpreadsheetDateSerial.of(year: 2024, month: 3, day: 19))))
            case 3:
                // Claimed back, no answer yet.
                cells[procede] = .text("No procede")
                cells[estado] = .text("Reclamado")
                cells[observaciones] = .text("Cuenta activa en RR, nodo correcto: se reclama a Gestión Soporte")
            case 1:
                cells[estado] = .text("Retroalimentado")
                cells[observaciones] = .text("Retroalimentado con el supervisor")
            default: break
            }
        } else if row % 9 == 0 {
            cells[causal] = .text("ME12 · Proceso T&D errado")
            cells[procede] = .text("Procede")
            cells[observaciones] = .text("Pasos de T&D incompletos según la grabación")
        }
    }
}
