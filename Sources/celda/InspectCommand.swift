import ArgumentParser
import Foundation
import XLSXReader
import CeldaCore

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Muestra las hojas de un libro y qué base es: tipo, fila de encabezados y columnas.",
        discussion: """
        Cuenta filas y columnas leyendo cada hoja hasta la última celda con dato. En la primera hoja de
        datos busca la fila de encabezados (puede haber títulos arriba), reconoce el tipo de base
        (mal-escalados, tipificador) por sus campos y muestra qué columna es cada campo, qué columnas
        no conoce (se conservan tal cual) y qué campos obligatorios faltan.
        """
    )

    @Argument(help: "Libro .xlsx/.xlsm o archivo .csv.")
    var file: String

    @Flag(name: .long, help: "Salida en JSON.")
    var json = false

    @OptionGroup var options: ReadOptions

    struct SheetReport: Codable {
        var name: String
        var index: Int
        var visibility: String
        var type: String
        var rows: Int?
        var columns: Int?
        var mergedRanges: Int?
    }

    struct Detection: Codable {
        var kind: String
        var label: String
        var sheet: String
        var headerRow: Int
        /// field → column letter
        var columns: [String: String]
        var unknownColumns: [String: String]
        var missing: [String]
        var closestHeaders: [String: String]
        var guesses: [String: String]
        var titleRows: [String]
    }

    struct Report: Codable {
        var file: String
        var format: String
        var date1904: Bool?
        var encoding: String?
        var delimiter: String?
        var sheets: [SheetReport]
        var detection: Detection?
        /// Set for a workbook Celda wrote: what its metadata says (source, kind, version…).
        var gestionado: [String: String]?
    }

    func run() throws {
        let source = try SpreadsheetFile.open(path: file)
        var report = Report(file: file, format: source is CSVReader ? "csv" : "xlsx", sheets: [])
        if let book = source as? XLSXWorkbook { report.date1904 = book.date1904 }
        if let csv = source as? CSVReader {
            report.encoding = csv.encoding.rawValue
            report.delimiter = csv.delimiter == 9 ? "\\t" : String(UnicodeScalar(csv.delimiter))
        }
        // The first rows of the first data sheet are kept while it is counted, for the header
        // detection below: each sheet is read once.
        final class Rows: @unchecked Sendable { var rows: [Row] = [] }
        let firstRows = Rows()
        let detectionSheet = source.firstWorksheet
        for sheet in source.sheets {
            var entry = SheetReport(name: sheet.name, index: sheet.index + 1, visibility: sheet.visibility.rawValue, type: sheet.type.rawValue)
            if sheet.type != .chartsheet {
                let keep = sheet == detectionSheet
                let summary = try source.readRows(of: sheet) { row in
                    if keep && firstRows.rows.count < HeaderMatcher.defaultSearchRows { firstRows.rows.append(row) }
                }
                entry.rows = summary.lastRow
                entry.columns = summary.columnCount
                entry.mergedRanges = summary.mergedRanges.count
            }
            report.sheets.append(entry)
        }
        let templates = try TemplateFolder.load(explicit: options.templates)
        report.gestionado = try gestionadoMetadata(source)
        report.detection = detectionSheet.flatMap { detect(firstRows.rows, sheet: $0, templates: templates) }
        if let meta = report.gestionado, let first = meta["back_office_first_column"].flatMap(Int.init), var d = report.detection {
            // Celda's own back-office columns are not "unknown" in its own workbook.
            d.unknownColumns = d.unknownColumns.filter { letter, _ in (columnIndex(letter) ?? 0) < first }
            report.detection = d
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("\((file as NSString).lastPathComponent) — \(report.format)"
              + (report.date1904 == true ? ", sistema de fechas 1904" : "")
              + (report.encoding.map { ", codificación \($0), separador «\(report.delimiter ?? "")»" } ?? ""))
        for s in report.sheets {
            let vis = s.visibility == "visible" ? "" : " [\(s.visibility == "hidden" ? "oculta" : "muy oculta")]"
            let kind = s.type == "worksheet" ? "" : " (\(s.type))"
            let size = s.rows.map { " — \($0) filas × \(s.columns ?? 0) columnas" } ?? ""
            let merged = (s.mergedRanges ?? 0) > 0 ? ", \(s.mergedRanges!) rangos combinados" : ""
            print("  \(s.index). \(s.name)\(vis)\(kind)\(size)\(merged)")
        }
        if let meta = report.gestionado {
            print("Libro gestionado por Celda \(meta["celda_version"] ?? "") a partir de «\(meta["source"] ?? "?")» (\(meta["kind"] ?? "?"), \(meta["generated"] ?? "")); al procesarlo de nuevo se conservan sus ediciones")
        }
        if let d = report.detection { printDetection(d) } else {
            print("Tipo: ninguna fila de las primeras hojas parece encabezado de una base conocida (mal-escalados, tipificador)")
        }
    }

    private func gestionadoMetadata(_ source: RowSource) throws -> [String: String]? {
        guard let sheet = source.sheets.first(where: { $0.name == "_celda" }) else { return nil }
        final class Pairs: @unchecked Sendable { var values: [String: String] = [:] }
        let pairs = Pairs()
        try source.readRows(of: sheet) { row in
            if row.cells.count >= 2, case .text(let k) = row.cells[0].value, case .text(let v) = row.cells[1].value { pairs.values[k] = v }
        }
        return pairs.values
    }

    private func columnIndex(_ letters: String) -> Int? {
        var n = 0
        for c in letters.unicodeScalars {
            guard c.value >= 65, c.value <= 90 else { return nil }
            n = n * 26 + Int(c.value - 64)
        }
        return n - 1
    }

    /// Matches the first rows of the first data sheet against the templates.
    private func detect(_ rows: [Row], sheet: SheetInfo, templates: Templates) -> Detection? {
        guard let m = HeaderMatcher(templates: templates).match(rows: rows) else { return nil }
        let kind = templates.kind(m.kind)
        return Detection(
            kind: m.kind, label: kind?.label ?? m.kind, sheet: sheet.name, headerRow: m.headerRow,
            columns: m.columns.mapValues { CellReference.columnName($0) },
            unknownColumns: Dictionary(m.unknown.map { (CellReference.columnName($0.column), $0.header) }, uniquingKeysWith: { a, _ in a }),
            missing: m.missing.map(\.field),
            closestHeaders: Dictionary(m.missing.compactMap { x in x.closestHeader.map { (x.field, $0) } }, uniquingKeysWith: { a, _ in a }),
            guesses: Dictionary(m.guesses.map { ($0.field, $0.header) }, uniquingKeysWith: { a, _ in a }),
            titleRows: m.titleRows)
    }

    private func printDetection(_ d: Detection) {
        print("Tipo: \(d.label) (\(d.kind)); encabezados en la fila \(d.headerRow) de «\(d.sheet)»"
              + (d.titleRows.isEmpty ? "" : "; títulos arriba: " + d.titleRows.map { "«\($0)»" }.joined(separator: ", ")))
        let byColumn = d.columns.sorted { ($0.value.count, $0.value) < ($1.value.count, $1.value) }
        for (field, column) in byColumn {
            let guess = d.guesses[field].map { " (adivinado por parecido: «\($0)»)" } ?? ""
            print("  \(column) → \(field)\(guess)")
        }
        if !d.unknownColumns.isEmpty {
            let list = d.unknownColumns.sorted { ($0.key.count, $0.key) < ($1.key.count, $1.key) }.map { "\($0.key) «\($0.value)»" }
            print("  Columnas sin campo (se conservan tal cual): " + list.joined(separator: ", "))
        }
        for field in d.missing {
            let closest = d.closestHeaders[field].map { "; el encabezado más parecido es «\($0)»" } ?? ""
            print("  Falta el campo obligatorio «\(field)»\(closest)")
        }
    }
}
