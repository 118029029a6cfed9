import CeldaCore
import CeldaPipeline
import CeldaTestSupport
import Foundation
import XLSXReader

func templates() throws -> Templates { try TemplateFolder.load(explicit: Repository.templates) }

/// Every cell of a sheet: row number (1-based) → column → value.
func cells(_ path: String, sheet: String? = nil) throws -> [Int: [Int: CellValue]] {
    let book = try SpreadsheetFile.open(path: path)
    final class Box: @unchecked Sendable { var rows: [Int: [Int: CellValue]] = [:] }
    let box = Box()
    let target = try sheet.map { try book.sheet(named: $0) } ?? book.firstWorksheet
    guard let target else { return [:] }
    try book.readRows(of: target) { row in for c in row.cells { box.rows[row.number, default: [:]][c.column] = c.value } }
    return box.rows
}

/// A CSV tipificador with the given rows (marca temporal, asesor, cuenta, motivo, causal, estado).
func tipificadorCSV(in folder: String, name: String = "Tipificador.csv", rows: [[String]]) throws -> String {
    let path = (folder as NSString).appendingPathComponent(name)
    var text = "Marca temporal;Nombre del asesor;Cuenta;Motivo de la comunicacion;Causal\n"
    for row in rows { text += row.joined(separator: ";") + "\n" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
