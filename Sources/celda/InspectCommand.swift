import ArgumentParser
import CeldaCore
import CeldaPipeline
import Foundation

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Muestra las hojas de un libro y qué base es: tipo, fila de encabezados y columnas.",
        discussion: """
        Cuenta filas y columnas leyendo cada hoja hasta la última celda con dato. En la primera hoja de datos busca la fila de encabezados (puede haber títulos arriba), reconoce el tipo de base (mal-escalados, tipificador) por sus campos y muestra qué columna es cada campo, qué columnas no conoce (se conservan tal cual) y qué campos obligatorios faltan.
        """
    )

    @Argument(help: "Libro .xlsx/.xlsm o archivo .csv.")
    var file: String

    @Flag(name: .long, help: "Salida en JSON.")
    var json = false

    @OptionGroup var options: ReadOptions

    func run() throws {
        let templates = try TemplateFolder.load(explicit: options.templates)
        let report = try Inspection.of(file, templates: templates)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            InspectionText(language: options.lang).lines(report).forEach { print($0) }
        }
    }
}

/// `inspect`'s report as a person reads it, in Spanish or English.
struct InspectionText {
    let language: Language
    private var es: Bool { language == .es }
    private func q(_ s: String) -> String { Quote.text(s, language) }

    func lines(_ report: Inspection) -> [String] {
        var out = ["\((report.file as NSString).lastPathComponent) — \(report.format)"
                   + (report.date1904 == true ? (es ? ", sistema de fechas 1904" : ", 1904 date system") : "")
                   + (report.encoding.map { es ? ", codificación \($0), separador «\(report.delimiter ?? "")»" : ", encoding \($0), delimiter \"\(report.delimiter ?? "")\"" } ?? "")]
        for s in report.sheets {
            let hidden = s.visibility == "hidden" ? (es ? "oculta" : "hidden") : (es ? "muy oculta" : "very hidden")
            let visibility = s.visibility == "visible" ? "" : " [\(hidden)]"
            let type = s.type == "worksheet" ? "" : " (\(s.type))"
            let size = s.rows.map { es ? " — \($0) filas × \(s.columns ?? 0) columnas" : " — \($0) rows × \(s.columns ?? 0) columns" } ?? ""
            let merged = (s.mergedRanges ?? 0) > 0 ? (es ? ", \(s.mergedRanges ?? 0) rangos combinados" : ", \(s.mergedRanges ?? 0) merged ranges") : ""
            out.append("  \(s.index). \(s.name)\(visibility)\(type)\(size)\(merged)")
        }
        if let meta = report.gestionado {
            let version = meta["celda_version"] ?? "", source = q(meta["source"] ?? "?"), kind = meta["kind"] ?? "?", day = meta["generated"] ?? ""
            out.append(es
                ? "Libro gestionado por Celda \(version) a partir de \(source) (\(kind), \(day)); al procesarlo de nuevo se conservan sus ediciones"
                : "Workbook gestionado by Celda \(version) from \(source) (\(kind), \(day)); processing it again keeps its edits")
        }
        if let d = report.detection { out += detection(d) } else {
            out.append(es ? "Tipo: ninguna fila de las primeras hojas parece encabezado de una base conocida (mal-escalados, tipificador)"
                          : "Kind: no row of the first sheets looks like the header of a known base (mal-escalados, tipificador)")
        }
        return out
    }

    private func detection(_ d: Inspection.Detection) -> [String] {
        let titles = d.titleRows.isEmpty ? "" : (es ? "; títulos arriba: " : "; titles above: ") + d.titleRows.map(q).joined(separator: ", ")
        var out = [es ? "Tipo: \(d.label) (\(d.kind)); encabezados en la fila \(d.headerRow) de \(q(d.sheet))\(titles)"
                      : "Kind: \(d.label) (\(d.kind)); headers on row \(d.headerRow) of \(q(d.sheet))\(titles)"]
        for (field, column) in d.columns.sorted(by: { ($0.value.count, $0.value) < ($1.value.count, $1.value) }) {
            let guess = d.guesses[field].map { es ? " (adivinado por parecido: \(q($0)))" : " (guessed by likeness: \(q($0)))" } ?? ""
            out.append("  \(column) → \(field)\(guess)")
        }
        if !d.unknownColumns.isEmpty {
            let list = d.unknownColumns.sorted { ($0.key.count, $0.key) < ($1.key.count, $1.key) }.map { "\($0.key) \(q($0.value))" }
            out.append((es ? "  Columnas sin campo (se conservan tal cual): " : "  Columns with no field (kept as they are): ") + list.joined(separator: ", "))
        }
        for field in d.missing {
            let closest = d.closestHeaders[field].map { es ? "; el encabezado más parecido es \(q($0))" : "; the closest header is \(q($0))" } ?? ""
            out.append(es ? "  Falta el campo obligatorio \(q(field))\(closest)" : "  Required field \(q(field)) is missing\(closest)")
        }
        return out
    }
}
