import ArgumentParser
import Foundation
import XLSXReader

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Muestra las hojas de un libro: nombre, visibilidad, tipo, filas y columnas.",
        discussion: "Cuenta filas y columnas leyendo cada hoja hasta la última celda con dato."
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

    struct Report: Codable {
        var file: String
        var format: String
        var date1904: Bool?
        var encoding: String?
        var delimiter: String?
        var sheets: [SheetReport]
    }

    func run() throws {
        let source = try SpreadsheetFile.open(path: file)
        var report = Report(file: file, format: source is CSVReader ? "csv" : "xlsx", sheets: [])
        if let book = source as? XLSXWorkbook { report.date1904 = book.date1904 }
        if let csv = source as? CSVReader {
            report.encoding = csv.encoding.rawValue
            report.delimiter = csv.delimiter == 9 ? "\\t" : String(UnicodeScalar(csv.delimiter))
        }
        for sheet in source.sheets {
            var entry = SheetReport(name: sheet.name, index: sheet.index + 1, visibility: sheet.visibility.rawValue, type: sheet.type.rawValue)
            if sheet.type != .chartsheet {
                let summary = try source.readRows(of: sheet) { _ in }
                entry.rows = summary.lastRow
                entry.columns = summary.columnCount
                entry.mergedRanges = summary.mergedRanges.count
            }
            report.sheets.append(entry)
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
    }
}
